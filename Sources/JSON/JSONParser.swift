import Bytes

/// A strict RFC 8259 parser over UTF-8 bytes that records where values start, rejects
/// duplicate keys, and bounds nesting depth so hostile input cannot exhaust the stack.
package struct JSONParser: ~Copyable {
    /// The document being built; its `entries` and `lineStarts` are filled in at the end (or
    /// before a message works out a location) from the two buffers below.
    private var doc: JSONDocument
    private var entries: ElementBuffer<JSONDocument.Entry>
    private var lineStarts: ElementBuffer<Int>
    /// The document's bytes and the position of the next one to read.
    private var c: ByteCursor
    private let maxDepth: Int

    /// Parses `bytes` into a tree (for editing and writing back out).
    package static func parse(_ bytes: [UInt8], maxDepth: Int = 32) throws(JSONSyntaxError) -> JSONNode {
        var doc = try document(bytes, maxDepth: maxDepth)
        return doc.node(doc.root)
    }

    static func document(_ bytes: [UInt8], maxDepth: Int) throws(JSONSyntaxError) -> JSONDocument {
        // Offsets are kept in 32 bits; schedules are limited to a few megabytes long before this.
        precondition(bytes.count < Int(UInt32.max), "JSON text of 4 GiB or more")
        var p = JSONParser(doc: JSONDocument(bytes: bytes), bytes: bytes, maxDepth: maxDepth)
        if p.c.hasPrefix("\u{FEFF}") {  // tolerate a UTF-8 byte order mark (EF BB BF)
            p.c.advance(3)
        }
        p.lineStarts.append(p.c.position)
        if p.c.position == 0, let encoding = otherUnicodeEncoding(bytes) {
            throw p.error("this file is \(encoding), not UTF-8; save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)")
        }
        p.doc.cursor = LineCursor(offset: p.c.position)
        p.skipWhitespace()
        guard !p.c.isAtEnd else { throw p.error("the file is empty; expected a JSON object") }
        try p.value(depth: 0)
        p.skipWhitespace()
        guard p.c.isAtEnd else { throw p.error("unexpected \(p.describeHere()) after the end of the JSON value") }
        p.doc.entries = p.entries.array
        p.doc.lineStarts = p.lineStarts.array
        return p.doc
    }

    /// The encoding of JSON text written in UTF-16 or UTF-32, which RFC 8259 §8.1 does not
    /// allow ("JSON text ... MUST be encoded using UTF-8"), so that the message can say so
    /// instead of "unexpected byte 0xFF". Known by a byte order mark, or without one by where
    /// the NUL bytes fall around the first character, which is ASCII in JSON (RFC 4627 §3):
    /// `xx 00 00 00` is UTF-32LE, `xx 00` UTF-16LE, `00 00 00 xx` UTF-32BE, `00 xx` UTF-16BE.
    /// UTF-8 JSON text has no NUL byte at all.
    static func otherUnicodeEncoding(_ bytes: [UInt8]) -> String? {
        let c = ByteCursor(bytes)
        switch (c.peek(0), c.peek(1), c.peek(2), c.peek(3)) {
        case (0x00, 0x00, 0xFE, 0xFF), (0x00, 0x00, 0x00, .some(1...)): return "UTF-32 (big-endian)"
        case (0xFF, 0xFE, 0x00, 0x00), (.some(1...), 0x00, 0x00, 0x00): return "UTF-32 (little-endian)"
        case (0xFE, 0xFF, _, _), (0x00, .some(1...), _, _): return "UTF-16 (big-endian)"
        case (0xFF, 0xFE, _, _), (.some(1...), 0x00, _, _): return "UTF-16 (little-endian)"
        default: return nil
        }
    }

    private init(doc: JSONDocument, bytes: [UInt8], maxDepth: Int) {
        self.doc = doc
        self.c = ByteCursor(bytes)
        self.maxDepth = maxDepth
        // About one value per dozen bytes, and a line per 20, in a schedule: one allocation each
        // for most files.
        entries = ElementBuffer(capacity: bytes.count / 12 + 16)
        lineStarts = ElementBuffer(capacity: bytes.count / 20 + 16)
    }

    private mutating func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(location: location(ofOffset: c.position), message: message)
    }

    /// The line and column of `offset`, which has been parsed (every line before it is known).
    private mutating func location(ofOffset offset: Int) -> SourceLocation {
        if doc.lineStarts.count != lineStarts.count { doc.lineStarts = lineStarts.array }
        return doc.location(ofOffset: offset)
    }

    /// The text of the string at entry `k` (a key, in messages and duplicate checks).
    private func text(_ k: Int) -> String { doc.text(of: entries[k]) }

    /// The entry after entry `k` and all it contains.
    private func skipping(_ k: Int) -> Int {
        let e = entries[k]
        return e.kind == .object || e.kind == .array ? Int(e.end) : k + 1
    }

    private func describeHere() -> String {
        guard let byte = c.peek() else { return "end of file" }
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(UnicodeScalar(byte)))'" }
        return "byte 0x" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }

    /// Space, tab and carriage return as bits of a word (bit n for byte n); a line feed, the
    /// other whitespace, is tested on its own since its position is recorded.
    private static let blanks: UInt64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0D

    @inline(__always)
    private mutating func skipWhitespace() {
        // Most calls find a token straight away, so that is tested first. Most whitespace is
        // spaces and indentation, skipped a run at a time with a bit test (comparisons became a
        // jump through a table for every byte); a line feed ends a run so that the start of the
        // next line is recorded.
        while let byte = c.peek(), byte <= 0x20 {
            if Self.blanks &>> byte & 1 != 0 {
                c.skip(while: { $0 <= 0x20 && Self.blanks &>> $0 & 1 != 0 })
            } else if byte == 0x0A {
                c.uncheckedAdvance()  // past the line feed just peeked
                lineStarts.append(c.position)
            } else {
                return
            }
        }
    }

    private mutating func append(_ kind: JSONDocument.Kind, start: Int, end: Int = 0, payload: Int32 = 0) {
        // Offsets within the bytes, which `document` checked are fewer than 2^32: they fit, and
        // checking again on every entry (converting with `UInt32(_:)`) is a measurable cost.
        entries.append(JSONDocument.Entry(
            kind: kind, start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: end), payload: payload))
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) {
        guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        let start = c.position
        guard let byte = c.peek() else { throw error("unexpected end of file; expected a value") }
        switch byte {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true"); append(.true, start: start)
        case UInt8(ascii: "f"): try literal("false"); append(.false, start: start)
        case UInt8(ascii: "n"): try literal("null"); append(.null, start: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
            append(.number, start: start, end: c.position)
        default:
            if byte == UInt8(ascii: "'") { throw error("strings must use double quotes (\"), not single quotes") }
            throw error("unexpected \(describeHere()); expected a value (object, array, string, number, true, false or null)")
        }
    }

    /// A value inside an object or an array: strings, most of a schedule, straight to
    /// `string()`; anything else through `value(depth:)`, which checks the depth first.
    @inline(__always)
    private mutating func member(depth: Int) throws(JSONSyntaxError) {
        if depth < maxDepth && c.peek() == UInt8(ascii: "\"") { try string() } else { try value(depth: depth) }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        guard c.hasPrefix(word) else { throw error("unexpected \(describeHere()); expected a value") }
        c.uncheckedAdvance(word.utf8CodeUnitCount)  // the bytes just matched
    }

    /// True when two keys have the same text. Plain ASCII keys compare as bytes; any other
    /// pair compares as Swift strings (canonical equivalence), exactly as keys always have.
    @inline(__always)
    private func sameKey(_ x: JSONDocument.Value, _ y: JSONDocument.Value) -> Bool {
        let ea = entries[x.index], eb = entries[y.index]
        if ea.payload == JSONDocument.Text.ascii && eb.payload == JSONDocument.Text.ascii {
            guard ea.end - ea.start == eb.end - eb.start else { return false }
            return c.bytesEqual(at: Int(ea.start), Int(eb.start), count: Int(ea.end - ea.start))
        }
        return text(x.index) == text(y.index)
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) {
        let me = entries.count
        append(.object, start: c.position)
        c.uncheckedAdvance()  // the '{' that `value(depth:)` saw
        var count: Int32 = 0
        // Keys seen so far, for finding duplicates: objects in a schedule have a handful of
        // keys, so a linear scan of the entries already parsed is cheapest; a table takes over
        // for large (hostile) objects so the check stays linear overall (made only then: even
        // an empty dictionary costs a release per object).
        var seen: [String: JSONDocument.Value]?
        defer {
            entries[me].end = UInt32(entries.count)
            entries[me].payload = count
        }
        skipWhitespace()
        if c.skip(UInt8(ascii: "}")) { return }
        while true {
            skipWhitespace()
            guard let byte = c.peek() else { throw error("unexpected end of file inside an object; expected '}'") }
            guard byte == UInt8(ascii: "\"") else {
                if byte == UInt8(ascii: "}") { throw error("trailing comma before '}' is not allowed in JSON") }
                if byte == UInt8(ascii: "'") { throw error("keys must use double quotes (\"), not single quotes") }
                throw error("unexpected \(describeHere()); expected a key in double quotes")
            }
            let key = JSONDocument.Value(index: entries.count)
            try string()
            var first: JSONDocument.Value?
            if count < 32 {
                var k = me + 1
                for _ in 0..<count {
                    if sameKey(JSONDocument.Value(index: k), key) {
                        first = JSONDocument.Value(index: k)
                        break
                    }
                    k = skipping(k + 1)
                }
            } else {
                let text = text(key.index)
                var table = seen ?? [:]
                seen = nil  // uniquely referenced while it changes
                if table.isEmpty {
                    var k = me + 1
                    for _ in 0..<count {
                        table[self.text(k)] = JSONDocument.Value(index: k)
                        k = skipping(k + 1)
                    }
                }
                first = table[text]
                table[text] = table[text] ?? key
                seen = table
            }
            if let first {
                let firstLine = location(ofOffset: Int(entries[first.index].start)).line
                throw JSONSyntaxError(
                    location: location(ofOffset: Int(entries[key.index].start)),
                    message: "duplicate key \"\(text(key.index))\" (first at line \(firstLine)); keep only one")
            }
            skipWhitespace()
            guard c.skip(UInt8(ascii: ":")) else {
                throw error("unexpected \(describeHere()); expected ':' after the key \"\(text(key.index))\"")
            }
            skipWhitespace()
            try member(depth: depth + 1)
            count += 1
            skipWhitespace()
            guard let next = c.peek() else { throw error("unexpected end of file inside an object; expected ',' or '}'") }
            if next == UInt8(ascii: ",") {
                c.uncheckedAdvance()  // past the byte just peeked
                continue
            }
            if next == UInt8(ascii: "}") {
                c.uncheckedAdvance()
                return
            }
            throw error("unexpected \(describeHere()); expected ',' or '}' (is a comma missing?)")
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) {
        let me = entries.count
        append(.array, start: c.position)
        c.uncheckedAdvance()  // the '[' that `value(depth:)` saw
        var count: Int32 = 0
        defer {
            entries[me].end = UInt32(entries.count)
            entries[me].payload = count
        }
        skipWhitespace()
        if c.skip(UInt8(ascii: "]")) { return }
        while true {
            skipWhitespace()
            if c.peek() == UInt8(ascii: "]") { throw error("trailing comma before ']' is not allowed in JSON") }
            try member(depth: depth + 1)
            count += 1
            skipWhitespace()
            guard let next = c.peek() else { throw error("unexpected end of file inside an array; expected ',' or ']'") }
            if next == UInt8(ascii: ",") {
                c.uncheckedAdvance()  // past the byte just peeked
                continue
            }
            if next == UInt8(ascii: "]") {
                c.uncheckedAdvance()
                return
            }
            throw error("unexpected \(describeHere()); expected ',' or ']' (is a comma missing?)")
        }
    }

    /// Checks a number's syntax; the value keeps its text.
    private mutating func number() throws(JSONSyntaxError) {
        let start = c.position
        c.skip(UInt8(ascii: "-"))
        let first = c.peek()
        let integerDigits = c.skip(while: Self.isDigit)
        guard integerDigits > 0 else { throw error("invalid number: expected a digit") }
        if first == UInt8(ascii: "0") && integerDigits > 1 {
            throw JSONSyntaxError(location: location(ofOffset: start), message: "invalid number: leading zeros are not allowed")
        }
        if c.skip(UInt8(ascii: ".")) {
            guard c.skip(while: Self.isDigit) > 0 else { throw error("invalid number: expected a digit after '.'") }
        }
        if c.skip(UInt8(ascii: "e")) || c.skip(UInt8(ascii: "E")) {
            if !c.skip(UInt8(ascii: "+")) { c.skip(UInt8(ascii: "-")) }
            guard c.skip(while: Self.isDigit) > 0 else { throw error("invalid number: expected a digit in the exponent") }
        }
        guard c.position - start <= 40 else { throw JSONSyntaxError(location: location(ofOffset: start), message: "number too long") }
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// What ends plain ASCII text in a string: a quote, a backslash, a control character
    /// (below 0x20) or a byte of 0x80 and above. Made from constants where it is used, so that
    /// it folds into the scan.
    @inline(__always)
    private static var asciiTextEnd: ByteScanner { ByteScanner(0x22, 0x5C, below: 0x20, nonASCII: true) }
    /// What ends text without escapes: a quote, a backslash or a control character.
    @inline(__always)
    private static var textEnd: ByteScanner { ByteScanner(0x22, 0x5C, below: 0x20) }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard c.remaining >= 4 else { throw error("invalid \\u escape: expected four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let byte = c.uncheckedPeek()  // one of the four bytes known to remain
            let d: UInt32
            switch byte {
            case 0x30...0x39: d = UInt32(byte - 0x30)
            case 0x41...0x46: d = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: d = UInt32(byte - 0x61 + 10)
            default: throw error("invalid \\u escape: expected four hex digits")
            }
            v = v << 4 | d
            c.uncheckedAdvance()
        }
        return v
    }

    /// Checks a string and appends its entry: text without escapes stays in the bytes (valid
    /// UTF-8 checked here), text with escapes is decoded once into `texts`. Inlined: most
    /// strings are short plain ASCII, for which a call costs about a fifth of the work; any
    /// other string continues in `string(from:)`.
    @inline(__always)
    private mutating func string() throws(JSONSyntaxError) {
        let start = c.position
        c.uncheckedAdvance()  // the opening quote, which the caller saw
        // Fast path: plain ASCII up to the closing quote.
        if c.skip(until: Self.asciiTextEnd) == 0x22 {
            let end = c.position
            c.uncheckedAdvance()  // the closing quote just found
            append(.string, start: start, end: end, payload: JSONDocument.Text.ascii)  // ASCII: valid as it is
            return
        }
        try string(from: start)
    }

    /// The string starting at `start` whose text is plain ASCII up to the cursor but not ended
    /// there: non-ASCII text to validate, or escapes to decode (from the start of the text
    /// again, after the opening quote).
    @inline(never)
    private mutating func string(from start: Int) throws(JSONSyntaxError) {
        let textStart = start + 1
        if c.skip(until: Self.textEnd) == 0x22 {
            let end = c.position
            c.uncheckedAdvance()  // the closing quote just found
            guard String(validating: c.bytes[textStart..<end], as: UTF8.self) != nil else {
                throw error("the text is not valid UTF-8; save the file as UTF-8")
            }
            append(.string, start: start, end: end, payload: JSONDocument.Text.utf8)
            return
        }
        c.move(to: textStart)
        var out: [UInt8] = []
        while true {
            guard let byte = c.peek() else { throw error("unterminated string: expected a closing '\"'") }
            switch byte {
            case UInt8(ascii: "\""):
                c.uncheckedAdvance()  // past the byte just peeked
                guard let s = String(validating: out, as: UTF8.self) else {
                    throw error("the text is not valid UTF-8; save the file as UTF-8")
                }
                append(.string, start: start, end: c.position - 1, payload: Int32(doc.texts.count))
                doc.texts.append(s)
                return
            case UInt8(ascii: "\\"):
                c.uncheckedAdvance()
                guard let e = c.next() else { throw error("unterminated string") }
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
                        guard c.remaining >= 6, c.peek() == UInt8(ascii: "\\"), c.peek(1) == UInt8(ascii: "u") else {
                            throw error("invalid \\u escape: a high surrogate must be followed by a low surrogate")
                        }
                        c.uncheckedAdvance(2)  // the "\\u" just seen
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
                    c.advance(-1)  // back to the escape, for the message's position
                    throw error("invalid escape '\\\(Character(UnicodeScalar(e)))' in a string; write a backslash as \\\\")
                }
            case 0x00..<0x20:
                if byte == 0x0A {
                    throw error("line break inside a string: is its closing quote (\") missing? (a line break in text is written \\n)")
                }
                throw error("control character inside a string; escape it")
            default:
                out.append(byte)
                c.uncheckedAdvance()
            }
        }
    }
}
