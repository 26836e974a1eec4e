import Bytes

/// A parsed JSON document kept flat: one entry per value (object keys included) in document
/// order, pointing into the source bytes. Loading a schedule reads thousands of small objects
/// once, so nothing is built that a reader may not need: a string becomes a Swift `String`
/// only when asked for, keys are compared as bytes, and a value's line:column is worked out
/// from its byte offset only when someone asks for it (a diagnostic, or a model value that
/// records where it was written).
///
/// The reading API is `public` and `@inlinable`, not `package`: the decoder calls these small
/// accessors hundreds of thousands of times, and Swift 6.3 inlines nothing `package` across
/// modules (they were inlined when JSON lived in the decoder's module). JSON is no library
/// product, so nothing outside the package can import it.
public struct JSONDocument {
    /// One value in the document. Values of one document only.
    public struct Value: Sendable, Hashable {
        @usableFromInline let position: UInt32  // 32 bits: a decoder keeps many of these inline
        @usableFromInline var index: Int { Int(position) }
        @usableFromInline init(index: Int) { position = UInt32(truncatingIfNeeded: index) }

        /// The value as one word, for tables of values that may be absent: 0 is none (it is
        /// the root, never a member or an element).
        @inlinable public var slot: UInt32 { position }
        @inlinable public init?(slot: UInt32) {
            guard slot != 0 else { return nil }
            position = slot
        }
    }

    @usableFromInline enum Kind: UInt8, BitwiseCopyable { case object, array, string, number, `true`, `false`, null }

    @usableFromInline struct Entry: BitwiseCopyable {
        @usableFromInline var kind: Kind
        /// Offset of the value's first byte (the opening quote of a string).
        @usableFromInline var start: UInt32
        /// Strings: offset of the closing quote. Numbers: one past the last digit. Objects and
        /// arrays: index of the first entry after the value's last descendant.
        @usableFromInline var end: UInt32
        /// Objects: members. Arrays: elements. Strings: one of the `Text` cases, or an index
        /// into `texts` for a string with escapes.
        @usableFromInline var payload: Int32

        @usableFromInline init(kind: Kind, start: UInt32, end: UInt32, payload: Int32) {
            self.kind = kind
            self.start = start
            self.end = end
            self.payload = payload
        }
    }

    /// How a string's text is found (negative payloads; 0 and up index `texts`).
    @usableFromInline enum Text {
        /// The bytes between the quotes are the text, and are ASCII.
        @usableFromInline static let ascii: Int32 = -1
        /// The bytes between the quotes are the text: valid UTF-8 with non-ASCII characters.
        @usableFromInline static let utf8: Int32 = -2
    }

    public let bytes: [UInt8]
    @usableFromInline var entries: [Entry] = []
    /// Decoded texts of strings written with escapes.
    @usableFromInline var texts: [String] = []
    /// The offset at which each line starts (line 1 after a byte order mark).
    var lineStarts: [Int] = []
    /// The last location worked out, which the next one is counted from.
    var cursor = LineCursor()

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses `bytes`; see ``JSONParser``.
    package static func parse(_ bytes: [UInt8], maxDepth: Int = 32) throws(JSONSyntaxError) -> JSONDocument {
        try JSONParser.document(bytes, maxDepth: maxDepth)
    }

    /// The top-level value.
    @inlinable public var root: Value { Value(index: 0) }

    // MARK: - Reading values

    /// What kind of value this is, in words ("a string", "an object"), as ``JSONNode/kind``.
    @inlinable public func kind(_ v: Value) -> String {
        switch entries[v.index].kind {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .true, .false: "a boolean"
        case .null: "null"
        }
    }

    @inlinable public func isObject(_ v: Value) -> Bool { entries[v.index].kind == .object }
    @inlinable public func isArray(_ v: Value) -> Bool { entries[v.index].kind == .array }

    /// The text of a string value; nil for other kinds.
    @inlinable public func string(_ v: Value) -> String? {
        let e = entries[v.index]
        guard e.kind == .string else { return nil }
        return text(of: e)
    }

    /// The text of a string's entry (which may not be among `entries` yet, while parsing).
    @usableFromInline func text(of e: Entry) -> String {
        if e.payload >= 0 { return texts[Int(e.payload)] }
        // Validated while parsing, so decoding cannot repair anything.
        return String(decoding: bytes[Int(e.start) + 1..<Int(e.end)], as: UTF8.self)
    }

    /// The number exactly as written; nil for other kinds.
    @inlinable public func number(_ v: Value) -> String? {
        let e = entries[v.index]
        guard e.kind == .number else { return nil }
        return String(decoding: bytes[Int(e.start)..<Int(e.end)], as: UTF8.self)
    }

    /// The value of `true` or `false`; nil for other kinds.
    @inlinable public func bool(_ v: Value) -> Bool? {
        switch entries[v.index].kind {
        case .true: true
        case .false: false
        default: nil
        }
    }

    /// Elements of an array, members of an object (counted in pairs of key and value); zero
    /// for scalars.
    @inlinable public func count(_ v: Value) -> Int {
        let e = entries[v.index]
        return e.kind == .object || e.kind == .array ? Int(e.payload) : 0
    }

    /// The value after `v` and all it contains.
    @usableFromInline func skipping(_ index: Int) -> Int {
        let e = entries[index]
        return e.kind == .object || e.kind == .array ? Int(e.end) : index + 1
    }

    /// An array's elements, in order; empty for other kinds.
    @inlinable public func elements(_ v: Value) -> [Value] {
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
    @inlinable public func firstKey(_ object: Value) -> Value? {
        let e = entries[object.index]
        return e.kind == .object && e.payload > 0 ? Value(index: object.index + 1) : nil
    }

    /// The key of the member after the one keyed `key`, in `object`; nil after the last.
    @inlinable public func key(after key: Value, in object: Value) -> Value? {
        let next = skipping(key.index + 1)
        return next < Int(entries[object.index].end) ? Value(index: next) : nil
    }

    /// The value of the member keyed `key`.
    @inlinable public func value(of key: Value) -> Value { Value(index: key.index + 1) }

    /// ASCII text of at most 16 bytes (an object key, typically) packed into two words, so
    /// that comparing two texts is comparing integers (and the length: bytes past the end
    /// are zero).
    public struct ShortASCII: Equatable, Sendable {
        @usableFromInline var low: UInt64 = 0
        @usableFromInline var high: UInt64 = 0
        @usableFromInline var count: Int

        @usableFromInline init?(_ u: Span<UInt8>) {
            guard u.count <= 16 else { return nil }
            count = u.count
            for k in 0..<u.count {
                guard u[k] < 0x80 else { return nil }
                if k < 8 { low |= UInt64(u[k]) << (8 * k) } else { high |= UInt64(u[k]) << (8 * (k - 8)) }
            }
        }

        /// The `count` ASCII bytes at `offset` in `bytes`, read as two whole words when 16
        /// bytes fit there (the usual case for a key: more of the document follows it).
        @inlinable @inline(__always)
        init?(_ bytes: Span<UInt8>, offset: Int, count: Int) {
            guard count <= 16 else { return nil }
            guard offset + 16 <= bytes.count else {
                guard let key = ShortASCII(bytes.extracting(offset..<offset + count)) else { return nil }
                self = key
                return
            }
            // offset + 16 <= bytes.count, checked above.
            var low = bytes.uncheckedLoadWord(at: offset)
            var high = bytes.uncheckedLoadWord(at: offset + 8)
            // Keep the text's bytes only (the first byte is the lowest).
            low &= count >= 8 ? ~0 : (1 << (8 * UInt64(count))) - 1
            high &= count >= 16 ? ~0 : count <= 8 ? 0 : (1 << (8 * UInt64(count - 8))) - 1
            guard (low | high) & 0x8080_8080_8080_8080 == 0 else { return nil }
            self.low = low
            self.high = high
            self.count = count
        }

        /// Nil for text that is longer or not ASCII.
        public init?(_ text: String) {
            guard let key = text.withSpanOfUTF8({ ShortASCII($0) }) else { return nil }
            self = key
        }
    }

    /// Finds an object's members whose keys are among `names` (written plainly in short ASCII):
    /// `slots[k]` becomes the ``Value/slot`` of the value keyed `names[k]`. Returns how many
    /// members matched; any other member (a key not in `names`, or written with escapes,
    /// non-ASCII or long) is left for the caller to look at. One pass with the buffers held:
    /// decoding a schedule does this for each of its thousands of objects.
    @inlinable public func matchMembers(of object: Value, names: [ShortASCII], into slots: inout InlineArray<24, UInt32>) -> Int {
        guard entries[object.index].kind == .object else { return 0 }
        let entries = self.entries.span, bytes = self.bytes.span, names = names.span
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

    /// The packed text of a string written plainly (no escapes) in at most 16 ASCII bytes; nil
    /// for any other string or value.
    @inlinable public func shortASCII(_ v: Value) -> ShortASCII? {
        let e = entries[v.index]
        guard e.kind == .string, e.payload == Text.ascii else { return nil }
        return ShortASCII(bytes.span, offset: Int(e.start) + 1, count: Int(e.end - e.start) - 1)
    }

    /// Runs `body` over the UTF-8 of a plain ASCII string in place; nil for any other value.
    @inlinable public func withPlainASCII<R>(_ v: Value, _ body: (Span<UInt8>) -> R) -> R? {
        let e = entries[v.index]
        guard e.kind == .string, e.payload == Text.ascii else { return nil }
        return body(bytes.span.extracting(Int(e.start) + 1..<Int(e.end)))
    }

    // MARK: - Locations

    /// Where `v` starts: line and column (in Unicode scalars), 1-based.
    package mutating func location(of v: Value) -> SourceLocation {
        location(ofOffset: Int(entries[v.index].start))
    }

    /// The byte offset at which `v` starts: a location to work out later (see ``SourceLocator``).
    @inlinable public func offset(of v: Value) -> Int { Int(entries[v.index].start) }

    mutating func location(ofOffset offset: Int) -> SourceLocation {
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
