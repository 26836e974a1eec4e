/// A position in a source file, 1-based; the column counts Unicode scalars.
package struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    package var line: Int
    package var column: Int
    package var description: String { "\(line):\(column)" }
}

/// A parsed file's bytes and where its lines start: kept by a decoded schedule, whose classes
/// and exceptions store byte offsets, so that only a message pays for working out a line and
/// column.
package final class SourceText: Sendable {
    fileprivate let bytes: [UInt8]
    /// The offset at which each line starts (line 1 after a byte order mark).
    fileprivate let lineStarts: [Int]

    fileprivate init(bytes: [UInt8], lineStarts: [Int]) {
        self.bytes = bytes
        self.lineStarts = lineStarts
    }
}

/// Works out line:column locations of byte offsets in a ``SourceText``, each counted from the
/// last one: asked in document order (as messages are), the work stays linear in the file's
/// length even when the whole file is on one line.
package struct SourceLocator {
    private let text: SourceText
    private var cursor: LineCursor

    package init(_ text: SourceText) {
        self.text = text
        cursor = LineCursor(offset: text.lineStarts.first ?? 0)
    }

    package mutating func location(ofOffset offset: Int) -> SourceLocation {
        cursor.location(ofOffset: offset, bytes: text.bytes, lineStarts: text.lineStarts)
    }
}

/// The last location worked out in a file: the next one is counted from it.
fileprivate struct LineCursor {
    var offset = 0
    var line = 1
    var column = 1

    /// The location of the first byte of line 1 (just after a byte order mark).
    init(offset: Int = 0) { self.offset = offset }

    /// The line and column of a byte offset. Line feeds are counted by the parser as it skips
    /// whitespace (a line feed anywhere else is a syntax error), so `lineStarts` knows every
    /// line; the column counts the bytes that start a UTF-8 scalar from the line's start, or
    /// from the last location worked out when that is on the same line.
    mutating func location(ofOffset offset: Int, bytes: [UInt8], lineStarts: [Int]) -> SourceLocation {
        let line = lineNumber(ofOffset: offset, lineStarts: lineStarts)
        var from = lineStarts[line - 1]
        var column = 1
        if self.line == line {
            from = self.offset
            column = self.column
        }
        bytes.withUnsafeBufferPointer { b in
            if offset >= from {
                for k in from..<min(offset, b.count) where b[k] & 0xC0 != 0x80 { column += 1 }
            } else {
                for k in offset..<from where b[k] & 0xC0 != 0x80 { column -= 1 }
            }
        }
        self = LineCursor(offset: offset, line: line, column: column)
        return SourceLocation(line: line, column: column)
    }

    private init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The line containing `offset`: a few steps on from the last one (locations are mostly
    /// asked for in document order), or a binary search.
    private func lineNumber(ofOffset offset: Int, lineStarts: [Int]) -> Int {
        var line = self.line
        if lineStarts[line - 1] <= offset {
            for _ in 0..<8 {
                if line == lineStarts.count || lineStarts[line] > offset { return line }
                line += 1
            }
        }
        // The last line starting at or before `offset`.
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }
}

/// A parsed JSON value that remembers where it was written, so that every schedule error can
/// name its line and column. Object members keep their order and their key's location.
package struct JSONNode: Sendable {
    package enum Value: Sendable {
        case object([Member])
        case array([JSONNode])
        case string(String)
        /// The number exactly as written.
        case number(String)
        case bool(Bool)
        case null
    }

    package struct Member: Sendable {
        package var key: String
        package var keyLocation: SourceLocation
        package var value: JSONNode
    }

    package var value: Value
    package var location: SourceLocation

    /// What kind of value this is, in words ("a string", "an object").
    package var kind: String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

/// A JSON syntax error with its position.
package struct JSONSyntaxError: Error, Sendable {
    package var location: SourceLocation
    package var message: String
}

/// A parsed JSON document kept flat: one entry per value (object keys included) in document
/// order, pointing into the source bytes. Loading a schedule reads thousands of small objects
/// once, so nothing is built that a reader may not need: a string becomes a Swift `String`
/// only when asked for, keys are compared as bytes, and a value's line:column is worked out
/// from its byte offset only when someone asks for it (a diagnostic, or a model value that
/// records where it was written).
package struct JSONDocument {
    /// One value in the document. Values of one document only.
    package struct Value: Sendable, Hashable {
        private let position: UInt32  // 32 bits: a decoder keeps many of these inline
        fileprivate var index: Int { Int(position) }
        fileprivate init(index: Int) { position = UInt32(truncatingIfNeeded: index) }

        /// The value as one word, for tables of values that may be absent: 0 is none (it is
        /// the root, never a member or an element).
        package var slot: UInt32 { position }
        package init?(slot: UInt32) {
            guard slot != 0 else { return nil }
            position = slot
        }
    }

    fileprivate enum Kind: UInt8 { case object, array, string, number, `true`, `false`, null }

    fileprivate struct Entry {
        var kind: Kind
        /// Offset of the value's first byte (the opening quote of a string).
        var start: UInt32
        /// Strings: offset of the closing quote. Numbers: one past the last digit. Objects and
        /// arrays: index of the first entry after the value's last descendant.
        var end: UInt32
        /// Objects: members. Arrays: elements. Strings: one of the `Text` cases, or an index
        /// into `texts` for a string with escapes.
        var payload: Int32
    }

    /// How a string's text is found (negative payloads; 0 and up index `texts`).
    fileprivate enum Text {
        /// The bytes between the quotes are the text, and are ASCII.
        static let ascii: Int32 = -1
        /// The bytes between the quotes are the text: valid UTF-8 with non-ASCII characters.
        static let utf8: Int32 = -2
    }

    package let bytes: [UInt8]
    fileprivate var entries: [Entry] = []
    /// Decoded texts of strings written with escapes.
    fileprivate var texts: [String] = []
    /// The offset at which each line starts (line 1 after a byte order mark).
    fileprivate var lineStarts: [Int] = []
    /// The last location worked out, which the next one is counted from.
    fileprivate var cursor = LineCursor()

    fileprivate init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses `bytes`; see ``JSONParser``.
    package static func parse(_ bytes: [UInt8], maxDepth: Int = 32) throws(JSONSyntaxError) -> JSONDocument {
        try JSONParser.document(bytes, maxDepth: maxDepth)
    }

    /// The top-level value.
    package var root: Value { Value(index: 0) }

    // MARK: - Reading values

    /// What kind of value this is, in words ("a string", "an object"), as ``JSONNode/kind``.
    package func kind(_ v: Value) -> String {
        switch entries[v.index].kind {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .true, .false: "a boolean"
        case .null: "null"
        }
    }

    package func isObject(_ v: Value) -> Bool { entries[v.index].kind == .object }
    package func isArray(_ v: Value) -> Bool { entries[v.index].kind == .array }

    /// The text of a string value; nil for other kinds.
    package func string(_ v: Value) -> String? {
        let e = entries[v.index]
        guard e.kind == .string else { return nil }
        if e.payload >= 0 { return texts[Int(e.payload)] }
        // Validated while parsing, so decoding cannot repair anything.
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(e.start) + 1..<Int(e.end)]), as: UTF8.self) }
    }

    /// The number exactly as written; nil for other kinds.
    package func number(_ v: Value) -> String? {
        let e = entries[v.index]
        guard e.kind == .number else { return nil }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(e.start)..<Int(e.end)]), as: UTF8.self) }
    }

    /// The value of `true` or `false`; nil for other kinds.
    package func bool(_ v: Value) -> Bool? {
        switch entries[v.index].kind {
        case .true: true
        case .false: false
        default: nil
        }
    }

    /// Elements of an array, members of an object (counted in pairs of key and value); zero
    /// for scalars.
    package func count(_ v: Value) -> Int {
        let e = entries[v.index]
        return e.kind == .object || e.kind == .array ? Int(e.payload) : 0
    }

    /// The value after `v` and all it contains.
    fileprivate func skipping(_ index: Int) -> Int {
        let e = entries[index]
        return e.kind == .object || e.kind == .array ? Int(e.end) : index + 1
    }

    /// An array's elements, in order; empty for other kinds.
    package func elements(_ v: Value) -> [Value] {
        guard entries[v.index].kind == .array else { return [] }
        var out: [Value] = []
        out.reserveCapacity(Int(entries[v.index].payload))
        var i = v.index + 1
        for _ in 0..<entries[v.index].payload {
            out.append(Value(index: i))
            i = skipping(i)
        }
        return out
    }

    /// The key of an object's first member (its value is ``value(of:)``); nil for an empty
    /// object or another kind of value. With ``key(after:in:)``, walks the members in order
    /// without building anything.
    package func firstKey(_ object: Value) -> Value? {
        let e = entries[object.index]
        return e.kind == .object && e.payload > 0 ? Value(index: object.index + 1) : nil
    }

    /// The key of the member after the one keyed `key`, in `object`; nil after the last.
    package func key(after key: Value, in object: Value) -> Value? {
        let next = skipping(key.index + 1)
        return next < Int(entries[object.index].end) ? Value(index: next) : nil
    }

    /// The value of the member keyed `key`.
    package func value(of key: Value) -> Value { Value(index: key.index + 1) }

    /// ASCII text of at most 16 bytes (an object key, typically) packed into two words, so
    /// that comparing two texts is comparing integers (and the length: bytes past the end
    /// are zero).
    package struct ShortASCII: Equatable, Sendable {
        private var low: UInt64 = 0
        private var high: UInt64 = 0
        private var count: Int

        fileprivate init?(_ u: UnsafeBufferPointer<UInt8>) {
            guard u.count <= 16 else { return nil }
            count = u.count
            for k in 0..<u.count {
                guard u[k] < 0x80 else { return nil }
                if k < 8 { low |= UInt64(u[k]) << (8 * k) } else { high |= UInt64(u[k]) << (8 * (k - 8)) }
            }
        }

        /// The `count` ASCII bytes at `offset` in `buffer`, read as two whole words when 16
        /// bytes fit there (the usual case for a key: more of the document follows it).
        @inline(__always)
        fileprivate init?(_ buffer: UnsafeBufferPointer<UInt8>, offset: Int, count: Int) {
            guard count <= 16 else { return nil }
            guard offset + 16 <= buffer.count else {
                guard let key = ShortASCII(UnsafeBufferPointer(rebasing: buffer[offset..<offset + count])) else { return nil }
                self = key
                return
            }
            let raw = UnsafeRawBufferPointer(buffer)
            var low = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            var high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            // Keep the text's bytes only (the first byte is the lowest).
            low &= count >= 8 ? ~0 : (1 << (8 * UInt64(count))) - 1
            high &= count >= 16 ? ~0 : count <= 8 ? 0 : (1 << (8 * UInt64(count - 8))) - 1
            guard (low | high) & 0x8080_8080_8080_8080 == 0 else { return nil }
            self.low = low
            self.high = high
            self.count = count
        }

        /// Nil for text that is longer or not ASCII.
        package init?(_ text: String) {
            var text = text
            guard let key = text.withUTF8({ ShortASCII($0) }) else { return nil }
            self = key
        }
    }

    /// Finds an object's members whose keys are among `names` (written plainly in short ASCII):
    /// `slots[k]` becomes the ``Value/slot`` of the value keyed `names[k]`. Returns how many
    /// members matched; any other member (a key not in `names`, or written with escapes,
    /// non-ASCII or long) is left for the caller to look at. One pass with the buffers held:
    /// decoding a schedule does this for each of its thousands of objects.
    package func matchMembers(of object: Value, names: [ShortASCII], into slots: inout InlineArray<16, UInt32>) -> Int {
        guard entries[object.index].kind == .object else { return 0 }
        return entries.withUnsafeBufferPointer { entries in
            bytes.withUnsafeBufferPointer { bytes in
                names.withUnsafeBufferPointer { names in
                    var matched = 0
                    var k = object.index + 1
                    let end = Int(entries[object.index].end)
                    while k < end {
                        let key = entries[k]
                        if key.payload == Text.ascii,
                           let short = ShortASCII(bytes, offset: Int(key.start) + 1, count: Int(key.end - key.start) - 1)
                        {
                            var n = 0
                            while n < names.count && names[n] != short { n += 1 }
                            if n < names.count {
                                slots[n] = UInt32(k + 1)
                                matched += 1
                            }
                        }
                        // The member after: skip the value and everything in it.
                        let value = entries[k + 1]
                        k = value.kind == .object || value.kind == .array ? Int(value.end) : k + 2
                    }
                    return matched
                }
            }
        }
    }

    /// The packed text of a string written plainly (no escapes) in at most 16 ASCII bytes; nil
    /// for any other string or value.
    package func shortASCII(_ v: Value) -> ShortASCII? {
        let e = entries[v.index]
        guard e.kind == .string, e.payload == Text.ascii else { return nil }
        return bytes.withUnsafeBufferPointer { ShortASCII($0, offset: Int(e.start) + 1, count: Int(e.end - e.start) - 1) }
    }

    /// Runs `body` over the UTF-8 of a plain ASCII string in place; nil for any other value.
    package func withPlainASCII<R>(_ v: Value, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let e = entries[v.index]
        guard e.kind == .string, e.payload == Text.ascii else { return nil }
        return bytes.withUnsafeBufferPointer { buf in
            body(UnsafeBufferPointer(rebasing: buf[Int(e.start) + 1..<Int(e.end)]))
        }
    }

    // MARK: - Locations

    /// Where `v` starts: line and column (in Unicode scalars), 1-based.
    package mutating func location(of v: Value) -> SourceLocation {
        location(ofOffset: Int(entries[v.index].start))
    }

    /// The byte offset at which `v` starts: a location to work out later (see ``SourceLocator``).
    package func offset(of v: Value) -> Int { Int(entries[v.index].start) }

    fileprivate mutating func location(ofOffset offset: Int) -> SourceLocation {
        cursor.location(ofOffset: offset, bytes: bytes, lineStarts: lineStarts)
    }

    /// The document's bytes and lines, for working out the locations of offsets after decoding.
    package var sourceText: SourceText { SourceText(bytes: bytes, lineStarts: lineStarts) }

    // MARK: - Trees

    /// `v` and everything in it as a ``JSONNode`` tree, with every location.
    package mutating func node(_ v: Value) -> JSONNode {
        let e = entries[v.index]
        let location = location(of: v)
        switch e.kind {
        case .object:
            var members: [JSONNode.Member] = []
            members.reserveCapacity(Int(e.payload))
            var i = v.index + 1
            for _ in 0..<e.payload {
                let key = Value(index: i)
                let keyLocation = self.location(of: key)
                let value = node(Value(index: i + 1))
                members.append(JSONNode.Member(key: string(key) ?? "", keyLocation: keyLocation, value: value))
                i = skipping(i + 1)
            }
            return JSONNode(value: .object(members), location: location)
        case .array:
            var items: [JSONNode] = []
            items.reserveCapacity(Int(e.payload))
            var i = v.index + 1
            for _ in 0..<e.payload {
                items.append(node(Value(index: i)))
                i = skipping(i)
            }
            return JSONNode(value: .array(items), location: location)
        case .string: return JSONNode(value: .string(string(v) ?? ""), location: location)
        case .number: return JSONNode(value: .number(number(v) ?? ""), location: location)
        case .true: return JSONNode(value: .bool(true), location: location)
        case .false: return JSONNode(value: .bool(false), location: location)
        case .null: return JSONNode(value: .null, location: location)
        }
    }
}

/// A strict RFC 8259 parser over UTF-8 bytes that records where values start, rejects
/// duplicate keys, and bounds nesting depth so hostile input cannot exhaust the stack.
package struct JSONParser {
    private var doc: JSONDocument
    /// The document's bytes, read in place: `document` keeps the array alive meanwhile.
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private let maxDepth: Int

    /// Parses `bytes` into a tree (for editing and writing back out).
    package static func parse(_ bytes: [UInt8], maxDepth: Int = 32) throws(JSONSyntaxError) -> JSONNode {
        var doc = try document(bytes, maxDepth: maxDepth)
        return doc.node(doc.root)
    }

    fileprivate static func document(_ bytes: [UInt8], maxDepth: Int) throws(JSONSyntaxError) -> JSONDocument {
        // Offsets are kept in 32 bits; schedules are limited to a few megabytes long before this.
        precondition(bytes.count < Int(UInt32.max), "JSON text of 4 GiB or more")
        return try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            var p = JSONParser(doc: JSONDocument(bytes: bytes), bytes: buffer, maxDepth: maxDepth)
            // About one value per dozen bytes in a schedule: one allocation for most files.
            p.doc.entries.reserveCapacity(bytes.count / 12 + 16)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {  // tolerate a UTF-8 byte order mark
                p.i = 3
            }
            p.doc.lineStarts.append(p.i)
            p.doc.cursor = LineCursor(offset: p.i)
            p.skipWhitespace()
            guard p.i < bytes.count else { throw p.error("the file is empty; expected a JSON object") }
            try p.value(depth: 0)
            p.skipWhitespace()
            guard p.i >= bytes.count else { throw p.error("unexpected \(p.describeHere()) after the end of the JSON value") }
            return p.doc
        }
    }

    private init(doc: JSONDocument, bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.doc = doc
        self.b = bytes
        self.maxDepth = maxDepth
    }

    private mutating func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(location: doc.location(ofOffset: i), message: message)
    }

    private func describeHere() -> String {
        guard i < b.count else { return "end of file" }
        let c = b[i]
        if c >= 0x21 && c < 0x7F { return "'\(Character(UnicodeScalar(c)))'" }
        return "byte 0x" + (c < 16 ? "0" : "") + String(c, radix: 16, uppercase: true)
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        // Most calls find a token straight away, and most whitespace is spaces; comparisons in
        // that order, rather than a switch (a jump through a table for every byte).
        while i < b.count {
            let c = b[i]
            if c > 0x20 { return }
            if c == 0x20 || c == 0x09 || c == 0x0D {
                i += 1
            } else if c == 0x0A {
                i += 1
                doc.lineStarts.append(i)
            } else {
                return
            }
        }
    }

    private mutating func append(_ kind: JSONDocument.Kind, start: Int, end: Int = 0, payload: Int32 = 0) {
        doc.entries.append(JSONDocument.Entry(kind: kind, start: UInt32(start), end: UInt32(end), payload: payload))
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) {
        guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        let start = i
        guard i < b.count else { throw error("unexpected end of file; expected a value") }
        switch b[i] {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true"); append(.true, start: start)
        case UInt8(ascii: "f"): try literal("false"); append(.false, start: start)
        case UInt8(ascii: "n"): try literal("null"); append(.null, start: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
            append(.number, start: start, end: i)
        default:
            if b[i] == UInt8(ascii: "'") { throw error("strings must use double quotes (\"), not single quotes") }
            throw error("unexpected \(describeHere()); expected a value (object, array, string, number, true, false or null)")
        }
    }

    /// A value inside an object or an array: strings, most of a schedule, straight to
    /// `string()`; anything else through `value(depth:)`, which checks the depth first.
    @inline(__always)
    private mutating func member(depth: Int) throws(JSONSyntaxError) {
        if depth < maxDepth && i < b.count && b[i] == UInt8(ascii: "\"") { try string() } else { try value(depth: depth) }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        let matches = i + n <= b.count && word.withUTF8Buffer { w in (0..<n).allSatisfy { b[i + $0] == w[$0] } }
        guard matches else { throw error("unexpected \(describeHere()); expected a value") }
        i += n
    }

    /// True when two keys have the same text. Plain ASCII keys compare as bytes; any other
    /// pair compares as Swift strings (canonical equivalence), exactly as keys always have.
    @inline(__always)
    private func sameKey(_ x: JSONDocument.Value, _ y: JSONDocument.Value) -> Bool {
        let ea = doc.entries[x.index], eb = doc.entries[y.index]
        if ea.payload == JSONDocument.Text.ascii && eb.payload == JSONDocument.Text.ascii {
            guard ea.end - ea.start == eb.end - eb.start else { return false }
            let n = Int(ea.end - ea.start)
            let pa = Int(ea.start), pb = Int(eb.start)
            for k in 0..<n where b[pa + k] != b[pb + k] { return false }
            return true
        }
        return doc.string(x) == doc.string(y)
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) {
        let me = doc.entries.count
        append(.object, start: i)
        i += 1
        var count: Int32 = 0
        // Keys seen so far, for finding duplicates: objects in a schedule have a handful of
        // keys, so a linear scan of the entries already parsed is cheapest; a table takes over
        // for large (hostile) objects so the check stays linear overall (made only then: even
        // an empty dictionary costs a release per object).
        var seen: [String: JSONDocument.Value]?
        defer {
            doc.entries[me].end = UInt32(doc.entries.count)
            doc.entries[me].payload = count
        }
        skipWhitespace()
        if i < b.count && b[i] == UInt8(ascii: "}") {
            i += 1
            return
        }
        while true {
            skipWhitespace()
            guard i < b.count else { throw error("unexpected end of file inside an object; expected '}'") }
            guard b[i] == UInt8(ascii: "\"") else {
                if b[i] == UInt8(ascii: "}") { throw error("trailing comma before '}' is not allowed in JSON") }
                if b[i] == UInt8(ascii: "'") { throw error("keys must use double quotes (\"), not single quotes") }
                throw error("unexpected \(describeHere()); expected a key in double quotes")
            }
            let key = JSONDocument.Value(index: doc.entries.count)
            try string()
            var first: JSONDocument.Value?
            if count < 32 {
                var k = me + 1
                for _ in 0..<count {
                    if sameKey(JSONDocument.Value(index: k), key) {
                        first = JSONDocument.Value(index: k)
                        break
                    }
                    k = doc.skipping(k + 1)
                }
            } else {
                let text = doc.string(key) ?? ""
                var table = seen ?? [:]
                seen = nil  // uniquely referenced while it changes
                if table.isEmpty {
                    var k = me + 1
                    for _ in 0..<count {
                        table[doc.string(JSONDocument.Value(index: k)) ?? ""] = JSONDocument.Value(index: k)
                        k = doc.skipping(k + 1)
                    }
                }
                first = table[text]
                table[text] = table[text] ?? key
                seen = table
            }
            if let first {
                let firstLine = doc.location(of: first).line
                throw JSONSyntaxError(
                    location: doc.location(of: key),
                    message: "duplicate key \"\(doc.string(key) ?? "")\" (first at line \(firstLine)); keep only one")
            }
            skipWhitespace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else {
                throw error("unexpected \(describeHere()); expected ':' after the key \"\(doc.string(key) ?? "")\"")
            }
            i += 1
            skipWhitespace()
            try member(depth: depth + 1)
            count += 1
            skipWhitespace()
            guard i < b.count else { throw error("unexpected end of file inside an object; expected ',' or '}'") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "}") {
                i += 1
                return
            }
            throw error("unexpected \(describeHere()); expected ',' or '}' (is a comma missing?)")
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) {
        let me = doc.entries.count
        append(.array, start: i)
        i += 1
        var count: Int32 = 0
        defer {
            doc.entries[me].end = UInt32(doc.entries.count)
            doc.entries[me].payload = count
        }
        skipWhitespace()
        if i < b.count && b[i] == UInt8(ascii: "]") {
            i += 1
            return
        }
        while true {
            skipWhitespace()
            if i < b.count && b[i] == UInt8(ascii: "]") { throw error("trailing comma before ']' is not allowed in JSON") }
            try member(depth: depth + 1)
            count += 1
            skipWhitespace()
            guard i < b.count else { throw error("unexpected end of file inside an array; expected ',' or ']'") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "]") {
                i += 1
                return
            }
            throw error("unexpected \(describeHere()); expected ',' or ']' (is a comma missing?)")
        }
    }

    /// Checks a number's syntax; the value keeps its text.
    private mutating func number() throws(JSONSyntaxError) {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.i
            while p.i < p.b.count && p.b[p.i] >= 0x30 && p.b[p.i] <= 0x39 { p.i += 1 }
            return p.i - s
        }
        let intStart = i
        guard digits(&self) > 0 else { throw error("invalid number: expected a digit") }
        if b[intStart] == UInt8(ascii: "0") && i - intStart > 1 {
            throw JSONSyntaxError(location: doc.location(ofOffset: start), message: "invalid number: leading zeros are not allowed")
        }
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits(&self) > 0 else { throw error("invalid number: expected a digit after '.'") }
        }
        if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            guard digits(&self) > 0 else { throw error("invalid number: expected a digit in the exponent") }
        }
        guard i - start <= 40 else { throw JSONSyntaxError(location: doc.location(ofOffset: start), message: "number too long") }
    }

    /// The eight bytes of `word` (first byte lowest) that stop the fast string scan, a quote, a
    /// backslash or a byte below 0x20, as their high bits. Bytes above a stop may be marked
    /// too (by a borrow), never below: the lowest mark is the first stop.
    @inline(__always)
    private static func stopBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // (x - ones) & ~x & highs marks the zero bytes of x (and perhaps, by a borrow, bytes
        // above one); subtracting 0x20s instead marks bytes below 0x20 the same way.
        func zeros(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let quotes = zeros(word ^ (ones &* 0x22))
        let backslashes = zeros(word ^ (ones &* 0x5C))
        let controls = (word &- ones &* 0x20) & ~word & highs
        return quotes | backslashes | controls
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= b.count else { throw error("invalid \\u escape: expected four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("invalid \\u escape: expected four hex digits")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    /// Checks a string and appends its entry: text without escapes stays in the bytes (valid
    /// UTF-8 checked here), text with escapes is decoded once into `texts`.
    private mutating func string() throws(JSONSyntaxError) {
        let start = i
        i += 1
        // Fast path: no escapes and no control characters before the closing quote.
        var j = i
        var highBits: UInt8 = 0  // any byte >= 0x80 sets the top bit: non-ASCII, validated below
        // The hottest loop of parsing, eight bytes at a time while none of them ends the fast
        // path: a quote, a backslash or a control character (below 0x20).
        while j + 8 <= b.count {
            let word = UInt64(littleEndian: UnsafeRawBufferPointer(b).loadUnaligned(fromByteOffset: j, as: UInt64.self))
            let stops = Self.stopBytes(word)
            // The bytes before the first stop (all eight when there is none) are text.
            let text = stops == 0 ? 8 : stops.trailingZeroBitCount / 8
            let textBits: UInt64 = text == 8 ? ~0 : (1 << (8 * UInt64(text))) - 1
            if word & textBits & 0x8080_8080_8080_8080 != 0 { highBits = 0x80 }
            j += text
            if stops != 0 { break }
        }
        while j < b.count {
            let c = b[j]
            if c == 0x22 || c == 0x5C || c < 0x20 { break }
            highBits |= c
            j += 1
        }
        if j < b.count, b[j] == 0x22 {
            let textStart = i
            i = j + 1
            if highBits < 0x80 {
                append(.string, start: start, end: j, payload: JSONDocument.Text.ascii)  // ASCII: valid as it is
                return
            }
            guard String(validating: b[textStart..<j], as: UTF8.self) != nil else {
                throw error("the text is not valid UTF-8; save the file as UTF-8")
            }
            append(.string, start: start, end: j, payload: JSONDocument.Text.utf8)
            return
        }
        var out: [UInt8] = []
        while true {
            guard i < b.count else { throw error("unterminated string: expected a closing '\"'") }
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                guard let s = String(validating: out, as: UTF8.self) else {
                    throw error("the text is not valid UTF-8; save the file as UTF-8")
                }
                append(.string, start: start, end: i - 1, payload: Int32(doc.texts.count))
                doc.texts.append(s)
                return
            case UInt8(ascii: "\\"):
                i += 1
                guard i < b.count else { throw error("unterminated string") }
                let e = b[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard i + 6 <= b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                            throw error("invalid \\u escape: a high surrogate must be followed by a low surrogate")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw error("invalid \\u escape: expected a low surrogate")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error("invalid \\u escape: unpaired low surrogate")
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    i -= 1
                    throw error("invalid escape '\\\(Character(UnicodeScalar(e)))' in a string; write a backslash as \\\\")
                }
            case 0x00..<0x20:
                if c == 0x0A {
                    throw error("line break inside a string: is its closing quote (\") missing? (a line break in text is written \\n)")
                }
                throw error("control character inside a string; escape it")
            default:
                out.append(c)
                i += 1
            }
        }
    }
}
