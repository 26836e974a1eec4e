/// Cuts an iCalendar stream arriving in chunks of any size into its VEVENTs, each handed on as
/// the bytes from its `BEGIN:VEVENT` line to its `END:VEVENT` line (RFC 5545 §3.6.1), for the
/// one reader to parse. Memory stays at one chunk and one event however long the feed: a
/// network's combined feed is hundreds of megabytes once read as a whole component tree.
/// Continuation lines begin with white space (§3.1), so a folded line never looks like a
/// component boundary.
package struct EventSplitter {
    /// A single event larger than this makes the stream unreadable (a feed cut off inside an
    /// event, or not a feed): nothing this program writes comes near it.
    package static let maxEventBytes = 16 << 20

    private var pending: [UInt8] = []
    private var scanned = 0
    private var eventStart: Int?
    package private(set) var failed = false

    package init() {}

    /// Scans the next chunk, calling `event` for each VEVENT it completes.
    package mutating func feed(_ chunk: [UInt8], _ event: ([UInt8]) -> Void) {
        guard !failed else { return }
        pending.append(contentsOf: chunk)
        while let nl = pending[scanned...].firstIndex(of: 0x0A) {
            var end = nl
            if end > scanned && pending[end - 1] == 0x0D { end -= 1 }
            let line = pending[scanned..<end]
            if eventStart == nil, Self.equals(line, Self.begin) {
                eventStart = scanned
            } else if let s = eventStart, Self.equals(line, Self.end) {
                event(Array(pending[s...nl]))
                eventStart = nil
            }
            scanned = nl + 1
        }
        let keep = eventStart ?? scanned
        if keep > 0 {
            pending.removeFirst(keep)
            scanned -= keep
            if eventStart != nil { eventStart = 0 }
        }
        if pending.count > Self.maxEventBytes { failed = true }
    }

    /// Ends the stream; an event left open makes it unreadable.
    package mutating func finish() {
        if eventStart != nil { failed = true }
        pending = []
        scanned = 0
        eventStart = nil
    }

    private static let begin = Array("BEGIN:VEVENT".utf8)
    private static let end = Array("END:VEVENT".utf8)

    /// Names and component names are case-insensitive (§2, §3.1).
    private static func equals(_ line: ArraySlice<UInt8>, _ upper: [UInt8]) -> Bool {
        guard line.count == upper.count else { return false }
        var i = line.startIndex
        for u in upper {
            let b = line[i]
            if b != u && !(b >= 0x61 && b <= 0x7A && b - 0x20 == u) { return false }
            i += 1
        }
        return true
    }
}
