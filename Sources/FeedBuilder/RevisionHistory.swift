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

/// A single pass over a feed's bytes that finds each VEVENT's identity and revision without
/// building components: continuation lines are hashed as they come, so an unfolded line is
/// never materialized, and the feed can arrive in chunks of any size (memory stays at one chunk
/// however large the feed). Also checks the stream is well formed (names, colons, BEGIN/END).
package struct RevisionScanner {
    private var pending: [UInt8] = []
    private var lineNumber = 0
    private var depth = 0
    private var eventDepth = -1
    private var sawCalendarEnd = false
    private var started = false
    // The event being read.
    private var fingerprint = Fingerprint()
    private var uid: [UInt8] = []
    private var recurrenceID: [UInt8]?
    private var stamp: Int64?
    private var lastModified: Int64?
    private var sequence = 0
    private var value: [UInt8] = []

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
        try s.feed(bytes, found)
        try s.finish(found)
    }

    /// Scans the next chunk. Lines cut by the chunk's end wait for the next chunk.
    package mutating func feed(_ chunk: [UInt8], _ found: (UInt64, RevisionHistory.Revision) -> Void) throws(ICalendarParseError) {
        pending.append(contentsOf: chunk)
        if !started, pending.count >= 3 {
            started = true
            if pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
        }
        // Only lines known to be complete: a line break followed by a byte that is not a
        // continuation space. The last line may continue in the next chunk.
        var end = pending.count
        while end > 0 {
            end -= 1
            if pending[end] == 0x0A, end + 1 < pending.count, pending[end + 1] != 0x20, pending[end + 1] != 0x09 {
                end += 1
                break
            }
            if end == 0 {
                guard pending.count <= Self.maxLineBytes else {
                    throw ICalendarParseError(
                        line: lineNumber + 1, message: "a content line is longer than \(Self.maxLineBytes) bytes (a damaged file?)")
                }
                return
            }
        }
        let consumed = try scanLines(upTo: end, found)
        pending.removeFirst(consumed)
    }

    /// Ends the stream: scans what is left and checks the calendar was closed.
    package mutating func finish(_ found: (UInt64, RevisionHistory.Revision) -> Void) throws(ICalendarParseError) {
        _ = try scanLines(upTo: pending.count, found)
        pending.removeAll()
        guard depth == 0, sawCalendarEnd else {
            throw ICalendarParseError(line: lineNumber, message: "the feed ends before END:VCALENDAR (truncated?)")
        }
    }

    private mutating func scanLines(upTo limit: Int, _ found: (UInt64, RevisionHistory.Revision) -> Void) throws(ICalendarParseError) -> Int {
        let bytes = pending  // a copy of the reference: `self` changes while scanning
        let b = bytes.span.extracting(0..<limit)
        do {
            var i = 0
            let n = limit
            while i < n {
                lineNumber += 1
                let startLine = lineNumber
                // Name: up to ';' or ':'.
                let nameStart = i
                while i < n {
                    let c = b[i]
                    if c == 0x3B || c == 0x3A || c == 0x0D || c == 0x0A { break }
                    i += 1
                }
                guard i < n, i > nameStart, b[i] == 0x3B || b[i] == 0x3A else {
                    if i == nameStart, i < n, b[i] == 0x0D || b[i] == 0x0A {  // blank line
                        i += (b[i] == 0x0D && i + 1 < n && b[i + 1] == 0x0A) ? 2 : 1
                        continue
                    }
                    throw ICalendarParseError(line: startLine, message: "expected NAME:value")
                }
                let kind = Kind(b.extracting(nameStart..<i))
                // Hash the logical line piece by piece (unfolding), keeping the value (after the
                // first ':'; parameters come before it, possibly folded) when needed.
                var hasher = LineHasher()
                let keep = kind != .other
                value.removeAll(keepingCapacity: true)
                var inValue = false
                var pieceStart = nameStart
                while true {
                    let nl = Self.lineFeed.firstStop(in: b, from: pieceStart)
                    var pieceEnd = nl
                    if pieceEnd > pieceStart, b[pieceEnd - 1] == 0x0D { pieceEnd -= 1 }
                    let piece = b.extracting(pieceStart..<pieceEnd)
                    hasher.add(piece)
                    var valueStart = pieceStart
                    if !inValue, case let colon = Self.colon.firstStop(in: piece), colon < piece.count {
                        inValue = true
                        valueStart = pieceStart + colon + 1
                    } else if !inValue {
                        valueStart = pieceEnd
                    }
                    if keep && inValue && valueStart < pieceEnd {
                        value.append(bytes: b.extracting(valueStart..<pieceEnd))
                    }
                    i = min(nl + 1, n)
                    if i < n, b[i] == 0x20 || b[i] == 0x09 {
                        pieceStart = i + 1
                        lineNumber += 1
                        continue
                    }
                    break
                }
                guard inValue else { throw ICalendarParseError(line: startLine, message: "expected ':' after the name") }
                try handle(kind, hasher.value, startLine, found)
            }
            return i
        }
    }

    private static let lineFeed = ByteScanner(stoppingAt: [0x0A])
    private static let colon = ByteScanner(stoppingAt: [0x3A])

    private mutating func handle(
        _ kind: Kind, _ h: UInt64, _ line: Int, _ found: (UInt64, RevisionHistory.Revision) -> Void
    ) throws(ICalendarParseError) {
        switch kind {
        case .begin:
            depth += 1
            guard depth <= 8 else { throw ICalendarParseError(line: line, message: "components nested too deeply") }
            if eventDepth < 0 && value.span.equals("VEVENT") {
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
            if depth == 0 { sawCalendarEnd = value.span.equals("VCALENDAR") }
        default:
            guard depth > 0 else { throw ICalendarParseError(line: line, message: "property outside any component") }
            guard eventDepth > 0 && depth == eventDepth else { return }
            switch kind {
            case .dtstamp: stamp = Self.utc(value)
            case .lastModified: lastModified = Self.utc(value)
            case .sequence:
                guard let n = Self.sequenceNumber(value) else {
                    throw ICalendarParseError(
                        line: line, message: "SEQUENCE must be a whole number from 0 to \(Self.maxSequence), got '\(String(decoding: value.prefix(40), as: UTF8.self))'")
                }
                sequence = n
            case .uid:
                uid = value
                fingerprint.add(h)
            case .recurrenceID:
                recurrenceID = value
                fingerprint.add(h)
            default: fingerprint.add(h)
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

    /// 0 to ``maxSequence``, digits only (leading zeros allowed), or nil.
    static func sequenceNumber(_ v: [UInt8]) -> Int? {
        guard !v.isEmpty else { return nil }
        var n = 0
        for b in v {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
            guard n <= maxSequence else { return nil }
        }
        return n
    }

    private static func utc(_ v: [UInt8]) -> Int64? {
        guard v.last == UInt8(ascii: "Z"), let l = LocalDateTime(basic: String(decoding: v.dropLast(), as: UTF8.self)) else {
            return nil
        }
        return l.localSeconds
    }
}
