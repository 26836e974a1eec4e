import Bytes
import ICalendar

/// What a subscriber already has for each event, read back from the feeds in the output folder,
/// so that an unchanged event keeps its DTSTAMP, LAST-MODIFIED and SEQUENCE (RFC 5545
/// §3.8.7.2: without METHOD, DTSTAMP is when the information was last revised) and the feed
/// stays byte-identical. A changed event gets SEQUENCE + 1 and a new revision time, which is what
/// Google needs to apply the change (it ignores an edit whose SEQUENCE and LAST-MODIFIED stay put).
package struct RevisionHistory: Sendable {
    package struct Revision: Sendable, Hashable {
        /// Combined hashes of the event's unfolded content lines other than DTSTAMP,
        /// LAST-MODIFIED and SEQUENCE (what the writer computes while writing).
        package var fingerprint: UInt64
        package var stamp: Int64
        package var sequence: Int
    }

    /// By ``key(uid:recurrenceID:)``: a 64-bit hash keeps the table small.
    package private(set) var revisions: [UInt64: Revision] = [:]

    package init() {}

    package var isEmpty: Bool { revisions.isEmpty }
    package var count: Int { revisions.count }

    package subscript(key: UInt64) -> Revision? { revisions[key] }

    /// Makes room for `count` events at once: growing a large table by doubling holds the old
    /// and the new one together for a moment, which was the peak memory of a network's cron run.
    package mutating func reserveCapacity(_ count: Int) { revisions.reserveCapacity(count) }

    package static func key(uid: String, recurrenceID: String?) -> UInt64 {
        var k = Key()
        k.add(uid.utf8)
        if let recurrenceID {
            k.add(0)
            k.add(recurrenceID.utf8)
        }
        return k.value
    }

    /// FNV-1a over the UID's bytes, a NUL, and the RECURRENCE-ID's value.
    package struct Key {
        package var value: UInt64 = 0xCBF2_9CE4_8422_2325
        package init() {}
        @inline(__always)
        package mutating func add(_ byte: UInt8) {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01B3
        }
        package mutating func add(_ bytes: some Sequence<UInt8>) { for b in bytes { add(b) } }
        package mutating func add(_ bytes: Span<UInt8>) { for i in bytes.indices { add(bytes[i]) } }
    }

    /// Adds a revision; where two feeds disagree about an event, the later revision wins.
    package mutating func add(key: UInt64, _ r: Revision) {
        if let old = revisions[key], (old.sequence, old.stamp) >= (r.sequence, r.stamp) { return }
        revisions[key] = r
    }

    /// Adds the events of a previous feed (one pass over the bytes, no component tree).
    /// Throws when the bytes are not a well-formed iCalendar stream.
    package mutating func add(feed bytes: [UInt8]) throws(ICalendarParseError) {
        try RevisionScanner.scan(bytes) { key, revision in add(key: key, revision) }
    }

    /// Adds the events of a previous feed read in chunks (`next` returns nil at the end).
    package mutating func add(chunks next: () throws(ICalendarParseError) -> [UInt8]?) throws(ICalendarParseError) {
        var scanner = RevisionScanner()
        while let chunk = try next() { try scanner.feed(chunk) { key, revision in add(key: key, revision) } }
        try scanner.finish { key, revision in add(key: key, revision) }
    }

    /// The fingerprint of an event given as properties, as the writer would compute it.
    package static func fingerprint(_ properties: [Property]) -> UInt64 {
        var fp = Fingerprint()
        for p in properties where !revisionProperties.contains(p.name) {
            var w = ContentLineWriter(foldWidth: 1 << 20)
            fp.add(w.write(p))
        }
        return fp.value
    }

    static let revisionProperties: Set<String> = ["DTSTAMP", "LAST-MODIFIED", "SEQUENCE"]
}

/// A single pass over a feed's content lines (through the one ``ContentLineTokenizer``) that
/// finds each VEVENT's identity and revision without building components, so the feed can
/// arrive in chunks of any size (memory stays at one chunk and one line however large the
/// feed). Also checks the stream is well formed (names, parameters, colons, BEGIN/END).
package struct RevisionScanner {
    private var tokenizer = ContentLineTokenizer(maxLineBytes: Self.maxLineBytes)
    private var depth = 0
    private var eventDepth = -1
    private var sawCalendarEnd = false
    // The event being read.
    private var fingerprint = Fingerprint()
    private var uid: [UInt8] = []
    private var recurrenceID: [UInt8]?
    private var stamp: Int64?
    private var lastModified: Int64?
    private var sequence = 0
    /// The last UTC value read and its instant: a feed's events share a few revision stamps,
    /// and reading each one again (a String and a parse) was a third of reading a feed.
    private var lastUTC: (bytes: [UInt8], instant: Int64?) = ([], nil)

    /// The longest logical line accepted (as ``ICalendarReader``'s default): a longer one means a
    /// damaged file (zero-filled after a power cut, say), and memory never holds more than this
    /// plus one chunk, whatever lies in the output folder.
    package static let maxLineBytes = 1 << 20

    /// SEQUENCE is an INTEGER (RFC 5545 §3.3.8: -2147483648 to 2147483647); ClassFeed writes 0
    /// and up. Anything else in a previous feed makes it unreadable (and replaced), so that no
    /// value read from a file can make the next revision overflow.
    package static let maxSequence = Int(Int32.max)

    package init() {}

    /// Scans a whole feed.
    static func scan(_ bytes: [UInt8], _ found: (UInt64, RevisionHistory.Revision) -> Void) throws(ICalendarParseError) {
        var s = RevisionScanner()
        var t = s.tokenizer
        try t.tokenize(bytes) { (line, token) throws(ICalendarParseError) in try s.handle(line, token, found) }
        s.tokenizer = t
        try s.checkEnd()
    }

    /// Scans the next chunk. Lines cut by the chunk's end wait for the next chunk.
    package mutating func feed(_ chunk: [UInt8], _ found: (UInt64, RevisionHistory.Revision) -> Void) throws(ICalendarParseError) {
        var t = tokenizer
        tokenizer = ContentLineTokenizer()  // taken out while it runs: its body changes `self`
        defer { tokenizer = t }
        try t.feed(chunk) { (line, token) throws(ICalendarParseError) in try handle(line, token, found) }
    }

    /// Ends the stream: scans what is left and checks the calendar was closed.
    package mutating func finish(_ found: (UInt64, RevisionHistory.Revision) -> Void) throws(ICalendarParseError) {
        var t = tokenizer
        tokenizer = ContentLineTokenizer()
        defer { tokenizer = t }
        try t.finish { (line, token) throws(ICalendarParseError) in try handle(line, token, found) }
        tokenizer = t
        try checkEnd()
    }

    private func checkEnd() throws(ICalendarParseError) {
        guard depth == 0, sawCalendarEnd else {
            throw ICalendarParseError(line: tokenizer.lineNumber, message: "the feed ends before END:VCALENDAR (truncated?)")
        }
    }

    private mutating func handle(
        _ l: Span<UInt8>, _ token: ContentLineToken, _ found: (UInt64, RevisionHistory.Revision) -> Void
    ) throws(ICalendarParseError) {
        let kind = Kind(l.extracting(0..<token.nameEnd))
        let value = l.extracting(token.valueStart...)
        let line = token.line
        switch kind {
        case .begin:
            depth += 1
            guard depth <= 8 else { throw ICalendarParseError(line: line, message: "components nested too deeply") }
            if eventDepth < 0 && value.equals("VEVENT") {
                eventDepth = depth
                fingerprint = Fingerprint()
                uid.removeAll()
                recurrenceID = nil
                stamp = nil
                lastModified = nil
                sequence = 0
            }
        case .end:
            guard depth > 0 else { throw ICalendarParseError(line: line, message: "END without BEGIN") }
            if depth == eventDepth {
                eventDepth = -1
                if !uid.isEmpty, let s = lastModified ?? stamp {
                    var key = RevisionHistory.Key()
                    key.add(uid)
                    if let r = recurrenceID {
                        key.add(0)
                        key.add(r)
                    }
                    found(key.value, .init(fingerprint: fingerprint.value, stamp: s, sequence: sequence))
                }
            }
            depth -= 1
            if depth == 0 { sawCalendarEnd = value.equals("VCALENDAR") }
        default:
            guard depth > 0 else { throw ICalendarParseError(line: line, message: "property outside any component") }
            guard eventDepth > 0 && depth == eventDepth else { return }
            switch kind {
            case .dtstamp: stamp = utc(value)
            case .lastModified: lastModified = utc(value)
            case .sequence:
                guard let n = Self.sequenceNumber(value) else {
                    throw ICalendarParseError(
                        line: line,
                        message: "SEQUENCE must be a whole number from 0 to \(Self.maxSequence), got '\(ContentLineTokenizer.string(value, 0..<min(value.count, 40)))'")
                }
                sequence = n
            case .uid:
                uid.removeAll(keepingCapacity: true)
                uid.append(bytes: value)
                fingerprint.add(Self.hash(l))
            case .recurrenceID:
                var r: [UInt8] = []
                r.append(bytes: value)
                recurrenceID = r
                fingerprint.add(Self.hash(l))
            default: fingerprint.add(Self.hash(l))
            }
        }
    }

    private enum Kind {
        case begin, end, uid, recurrenceID, dtstamp, lastModified, sequence, other

        init(_ name: Span<UInt8>) {
            switch name.count {
            case 3 where name.equals("END"): self = .end
            case 3 where name.equals("UID"): self = .uid
            case 5 where name.equals("BEGIN"): self = .begin
            case 7 where name.equals("DTSTAMP"): self = .dtstamp
            case 8 where name.equals("SEQUENCE"): self = .sequence
            case 13 where name.equals("RECURRENCE-ID"): self = .recurrenceID
            case 13 where name.equals("LAST-MODIFIED"): self = .lastModified
            default: self = .other
            }
        }
    }

    /// The line hash ``ContentLineWriter`` returned when it wrote the line.
    private static func hash(_ l: Span<UInt8>) -> UInt64 {
        var h = LineHasher()
        h.add(l)
        return h.value
    }

    /// 0 to ``maxSequence``, digits only (leading zeros allowed), or nil.
    static func sequenceNumber(_ v: Span<UInt8>) -> Int? {
        guard !v.isEmpty else { return nil }
        var n = 0
        for i in v.indices {
            let b = v[i]
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
            guard n <= maxSequence else { return nil }
        }
        return n
    }

    private mutating func utc(_ v: Span<UInt8>) -> Int64? {
        if !lastUTC.bytes.isEmpty && v.bytesEqual(lastUTC.bytes.span) { return lastUTC.instant }
        var bytes: [UInt8] = []
        bytes.append(bytes: v)
        lastUTC = (bytes, Self.utc(v))
        return lastUTC.instant
    }

    private static func utc(_ v: Span<UInt8>) -> Int64? {
        guard v.count > 0, v[v.count - 1] == UInt8(ascii: "Z"),
            let l = LocalDateTime(basic: ContentLineTokenizer.string(v, 0..<(v.count - 1)))
        else { return nil }
        return l.localSeconds
    }
}
