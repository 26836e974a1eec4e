import Bytes

/// Writes content lines (RFC 5545 §3.1) into a byte buffer: CRLF line ends, lines folded so that
/// none exceeds `foldWidth` octets ("Lines of text SHOULD NOT be longer than 75 octets,
/// excluding the line break"), never inside a UTF-8 sequence and never between a backslash and
/// the character it escapes. A continuation line starts with exactly one space.
///
/// The writer only appends; call ``takeBytes()`` to stream large output in chunks. Every write
/// returns a hash of the unfolded line (``EncodedLine/lineHash``), so callers can fingerprint
/// content without serializing it twice.
public struct ContentLineWriter: Sendable {
    /// What has been written so far: whole content lines, each ending in CRLF.
    public private(set) var bytes: [UInt8] = []
    /// The most octets on one physical line, line break excluded.
    public let foldWidth: Int
    private var line: [UInt8] = []

    /// An empty writer.
    ///
    /// - Parameter foldWidth: maximum octets per physical line, 75 by default; at least 8.
    public init(foldWidth: Int = 75) {
        self.foldWidth = max(8, foldWidth)
        bytes.reserveCapacity(1 << 16)
        line.reserveCapacity(256)
    }

    /// Hands over what has been written so far and empties the buffer.
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// Empties the buffer, keeping its capacity (for a writer reused as scratch space).
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Appends a line encoded earlier with ``encode(_:foldWidth:)-(Property,_)``.
    @discardableResult
    public mutating func append(_ encoded: EncodedLine) -> UInt64 {
        bytes.append(contentsOf: encoded.bytes)
        return encoded.lineHash
    }

    /// Appends a component encoded earlier with ``encode(_:foldWidth:)-(Component,_)``.
    public mutating func append(_ encoded: EncodedComponent) { bytes.append(contentsOf: encoded.bytes) }

    /// Appends a run of lines encoded earlier (``EncodedLines``) in one copy, adding each line's
    /// hash to `fingerprint` in order, as appending them one by one would.
    public mutating func append(_ encoded: EncodedLines, to fingerprint: inout Fingerprint) {
        bytes.append(contentsOf: encoded.bytes)
        for h in encoded.lineHashes { fingerprint.add(h) }
    }

    /// Appends a run of lines encoded earlier in one copy.
    public mutating func append(_ encoded: EncodedLines) { bytes.append(contentsOf: encoded.bytes) }

    /// Writes `BEGIN:name`.
    public mutating func begin(_ name: String) { writeLine(name: "BEGIN", value: name) }
    /// Writes `END:name`.
    public mutating func end(_ name: String) { writeLine(name: "END", value: name) }

    /// Writes a component: BEGIN, its properties, its sub-components, END.
    public mutating func write(_ component: Component) {
        begin(component.name)
        for p in component.properties { write(p) }
        for c in component.components { write(c) }
        end(component.name)
    }

    /// Writes one property as a folded content line; returns the hash of the unfolded line.
    @discardableResult
    public mutating func write(_ property: Property) -> UInt64 {
        writeBuilt { line in
            Self.appendPrefix(property.name, property.parameters, to: &line)
            Self.appendValue(property.value, to: &line)
        }
    }

    /// Writes `NAME:value` with a value that is already valid on the wire.
    @discardableResult
    public mutating func writeLine(name: String, value: String) -> UInt64 {
        writeBuilt { line in
            Self.appendName(name, to: &line)
            line.append(UInt8(ascii: ":"))
            Self.appendValue(value, to: &line)
        }
    }

    /// Writes `NAME:` followed by `text` escaped as TEXT, without building an intermediate String.
    @discardableResult
    public mutating func writeText(name: String, text: String) -> UInt64 {
        writeBuilt { line in
            Self.appendName(name, to: &line)
            line.append(UInt8(ascii: ":"))
            TextEscaping.appendEscaped(text, to: &line)
        }
    }

    /// Writes `prefix` (a name with parameters, such as `SUMMARY;LANGUAGE=fr:`) followed by
    /// `text` escaped as TEXT.
    @discardableResult
    public mutating func writeText(_ prefix: LinePrefix, text: String) -> UInt64 {
        writeBuilt { line in
            line.append(contentsOf: prefix.bytes)
            TextEscaping.appendEscaped(text, to: &line)
        }
    }

    /// Writes `prefix` followed by a DATE-TIME in the basic format (`20261130T171500`, §3.3.5):
    /// the fast path for the many lines that differ only in their time (DTSTART, DTEND, EXDATE).
    @discardableResult
    public mutating func writeLine(_ prefix: LinePrefix, _ time: LocalDateTime) -> UInt64 {
        let start = bytes.count
        bytes.append(contentsOf: prefix.bytes)
        time.appendBasicFormat(to: &bytes)
        return endLine(from: start)
    }

    /// Writes `prefix`, a DATE in the basic format (`20261130`, §3.3.4) and `suffix`: a value
    /// built around a date, such as the UID of one occurrence (`yoga-20261130@example.com`).
    /// `readValue` is shown the whole value as written (to derive a key from it, say).
    @discardableResult
    public mutating func writeLine(
        _ prefix: LinePrefix, _ date: LocalDate, _ suffix: ValueText, readValue: (Span<UInt8>) -> Void = { _ in }
    ) -> UInt64 {
        let start = bytes.count
        bytes.append(contentsOf: prefix.bytes)
        date.appendBasicFormat(to: &bytes)
        bytes.append(contentsOf: suffix.bytes)
        readValue(bytes.span.extracting((start + prefix.valueStart)...))
        return endLine(from: start)
    }

    /// Writes one line whose unfolded bytes `build` appends (name, parameters, colon and value),
    /// then folds it. Every `build` here appends only bytes that the writer's own rules produced
    /// (names, quoted parameters, values without control characters), so no CR or LF.
    private mutating func writeBuilt(_ build: (inout [UInt8]) -> Void) -> UInt64 {
        let start = bytes.count
        build(&bytes)
        return endLine(from: start)
    }

    /// Ends the line whose unfolded bytes start at `start`: built in place at the end of the
    /// output, only a line too long for one physical line is taken out again and folded.
    private mutating func endLine(from start: Int) -> UInt64 {
        var hasher = LineHasher()
        hasher.add(bytes.span.extracting(start...))
        if bytes.count - start > foldWidth {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: bytes[start...])
            bytes.removeSubrange(start...)
            return flushLine()
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
        return hasher.value
    }

    /// A property as folded wire bytes plus its line hash, to be appended many times.
    public static func encode(_ property: Property, foldWidth: Int = 75) -> EncodedLine {
        var w = ContentLineWriter(foldWidth: foldWidth)
        let h = w.write(property)
        return EncodedLine(bytes: w.bytes, lineHash: h)
    }

    /// A component as folded wire bytes, to be appended many times (a VTIMEZONE in every feed).
    public static func encode(_ component: Component, foldWidth: Int = 75) -> EncodedComponent {
        var w = ContentLineWriter(foldWidth: foldWidth)
        w.write(component)
        return EncodedComponent(bytes: w.bytes)
    }

    /// `NAME;PARAM=value,"quoted:value":`, everything before a property's value.
    static func appendPrefix(_ name: String, _ parameters: [Parameter], to out: inout [UInt8]) {
        appendName(name, to: &out)
        for p in parameters {
            out.append(UInt8(ascii: ";"))
            appendName(p.name, to: &out)
            out.append(UInt8(ascii: "="))
            for (i, v) in p.values.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendParameterValue(v, to: &out)
            }
        }
        out.append(UInt8(ascii: ":"))
    }

    static func appendName(_ name: String, to out: inout [UInt8]) {
        // Names written by code are already uppercase tokens: copy them whole.
        let isToken = name.withSpanOfUTF8 { bytes in
            for i in bytes.indices {
                let b = bytes[i]
                guard (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D else { return false }
            }
            out.append(bytes: bytes)
            return true
        }
        if isToken { return }
        for b in name.utf8 {
            // Names are IANA tokens or X-names: ALPHA, DIGIT and "-" (§3.1); lowercase is folded up.
            if b >= 0x61 && b <= 0x7A {
                out.append(b - 0x20)
            } else if (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D {
                out.append(b)
            }
        }
    }

    /// A value's bytes with any control character other than HTAB removed: a raw value can
    /// never end a content line early.
    static func appendValue(_ value: String, to out: inout [UInt8]) {
        value.withSpanOfUTF8 { bytes in
            if !controls.anyStop(in: bytes) {
                out.append(bytes: bytes)
                return
            }
            for b in value.utf8 where b >= 0x20 && b != 0x7F || b == 0x09 { out.append(b) }
        }
    }

    /// Control characters (HTAB among them) and DEL.
    private static let controls = ByteScanner(stoppingAt: [0x7F], below: 0x20)

    /// Parameter values are quoted when they contain `:`, `;` or `,` (§3.2); DQUOTE and control
    /// characters cannot appear in them at all and are dropped.
    static func appendParameterValue(_ value: String, to out: inout [UInt8]) {
        let needsQuotes = value.utf8.contains { $0 == 0x3A || $0 == 0x3B || $0 == 0x2C }
        if needsQuotes { out.append(0x22) }
        for b in value.utf8 where (b >= 0x20 && b != 0x7F && b != 0x22) || b == 0x09 { out.append(b) }
        if needsQuotes { out.append(0x22) }
    }

    /// The hash of an unfolded line: the same for a line however it is folded.
    static func lineHash(_ line: [UInt8]) -> UInt64 {
        var h = LineHasher()
        h.add(line.span)
        return h.value
    }

    private mutating func flushLine() -> UInt64 {
        let hash = Self.lineHash(line)
        let n = line.count
        if n <= foldWidth {
            bytes.append(contentsOf: line)
            bytes.append(0x0D)
            bytes.append(0x0A)
            return hash
        }
        var start = 0
        var limit = foldWidth
        while n - start > limit {
            var cut = start + limit
            // Never split a UTF-8 sequence: back up to the start of the scalar.
            while cut > start + 1 && (line[cut] & 0xC0) == 0x80 { cut -= 1 }
            // Never separate an escaping backslash from what it escapes.
            if cut > start + 1 && isEscapingBackslash(at: cut - 1) { cut -= 1 }
            bytes.append(contentsOf: line[start..<cut])
            bytes.append(0x0D)
            bytes.append(0x0A)
            bytes.append(0x20)
            start = cut
            limit = foldWidth - 1
        }
        bytes.append(contentsOf: line[start..<n])
        bytes.append(0x0D)
        bytes.append(0x0A)
        return hash
    }

    /// True when the byte at `i` is a backslash that starts an escape (an odd-length run of
    /// backslashes ends there).
    private func isEscapingBackslash(at i: Int) -> Bool {
        guard line[i] == 0x5C else { return false }
        var run = 0
        var j = i
        while j >= 0 && line[j] == 0x5C {
            run += 1
            j -= 1
        }
        return run % 2 == 1
    }
}

/// A content line already folded into wire bytes, with the hash of its unfolded form. Only
/// ``ContentLineWriter/encode(_:foldWidth:)-(Property,_)`` makes one, so its bytes keep the writer's rules.
public struct EncodedLine: Hashable, Sendable {
    /// The folded line, CRLF included.
    public private(set) var bytes: [UInt8]
    /// The hash of the unfolded line (``ContentLineWriter/write(_:)-(Property)`` returns the same).
    public private(set) var lineHash: UInt64
}

/// Lines encoded earlier, kept together to be appended as one: what every event of a class
/// repeats (its summary, description and location) and what closes nearly every event
/// (DTSTAMP, LAST-MODIFIED, SEQUENCE:0, END:VEVENT). A network's build appended a quarter of
/// its bytes line by line, at a copy's fixed cost each.
public struct EncodedLines: Hashable, Sendable {
    /// The lines' folded bytes, one after another.
    public private(set) var bytes: [UInt8] = []
    /// Each line's ``EncodedLine/lineHash``, in order.
    public private(set) var lineHashes: [UInt64] = []

    /// The lines, in order.
    public init(_ lines: [EncodedLine]) {
        for l in lines {
            bytes += l.bytes
            lineHashes.append(l.lineHash)
        }
    }
}

/// A component already written as folded content lines. Only
/// ``ContentLineWriter/encode(_:foldWidth:)-(Component,_)`` makes one.
public struct EncodedComponent: Hashable, Sendable {
    /// The component's folded content lines.
    public private(set) var bytes: [UInt8]
}

/// The start of a content line, checked once and written many times by
/// ``ContentLineWriter/writeLine(_:_:)``: the name, the parameters
/// and the colon, then optionally the start of the value, exactly as
/// ``ContentLineWriter/write(_:)-(Property)`` writes them (`DTSTART;TZID=Europe/London:`,
/// `UID:yoga-`). The writer's rules apply when it is made, so it holds no CR or LF.
public struct LinePrefix: Hashable, Sendable {
    fileprivate let bytes: [UInt8]
    /// Where the value starts in `bytes`: after the colon.
    fileprivate let valueStart: Int

    /// The start of a line for property `name` with these parameters, and optionally the first
    /// characters of its value (written as ``ContentLineWriter/writeLine(name:value:)`` would).
    public init(name: String, parameters: [Parameter] = [], valueStart: String = "") {
        var out: [UInt8] = []
        ContentLineWriter.appendPrefix(name, parameters, to: &out)
        self.valueStart = out.count
        ContentLineWriter.appendValue(valueStart, to: &out)
        bytes = out
    }
}

/// A piece of a raw value, checked once (control characters other than HTAB removed, as
/// ``ContentLineWriter/writeLine(name:value:)`` does) and written many times.
public struct ValueText: Hashable, Sendable {
    fileprivate let bytes: [UInt8]

    /// A piece of a value; control characters other than HTAB are removed.
    public init(_ raw: String) {
        var out: [UInt8] = []
        ContentLineWriter.appendValue(raw, to: &out)
        bytes = out
    }
}

/// Combines line hashes, in order, into one fingerprint.
public struct Fingerprint: Hashable, Sendable {
    /// The fingerprint of the line hashes added so far.
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325
    /// An empty fingerprint.
    public init() {}
    /// Adds the next line's hash.
    public mutating func add(_ lineHash: UInt64) {
        value = (value ^ lineHash) &* 0x100_0000_01B3
        value ^= value >> 29
    }
}

/// Hashes the bytes of a content line, 8 bytes at a time, fed in pieces of any size (a folded
/// line arrives as several pieces and hashes the same as the unfolded line). Not cryptographic:
/// it tells changed events from unchanged ones.
public struct LineHasher: Sendable {
    private var h: UInt64 = 0x243F_6A88_85A3_08D3
    private var word: UInt64 = 0
    private var pending = 0
    private var count = 0

    /// A hasher with nothing added.
    public init() {}

    @inline(__always)
    private mutating func mix(_ w: UInt64) {
        h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
    }

    /// Adds one byte.
    @inline(__always)
    public mutating func add(_ byte: UInt8) {
        word |= UInt64(byte) << UInt64(pending &* 8)
        pending += 1
        count += 1
        if pending == 8 {
            mix(word)
            word = 0
            pending = 0
        }
    }

    /// Adds a run of bytes; the result is the same however a line is split into runs.
    public mutating func add(_ bytes: Span<UInt8>) {
        var i = 0
        let n = bytes.count
        while pending != 0 && i < n {
            add(bytes[i])
            i += 1
        }
        let words = (n - i) / 8
        for _ in 0..<words {
            mix(bytes.uncheckedLoadWord(at: i))  // i + 8 <= n: `words` whole words remain
            i += 8
        }
        count += 8 * words
        while i < n {
            add(bytes[i])
            i += 1
        }
    }

    /// The hash of everything added so far.
    public var value: UInt64 {
        var copy = self
        if copy.pending > 0 { copy.mix(copy.word) }
        copy.mix(UInt64(count))
        return copy.h
    }
}
