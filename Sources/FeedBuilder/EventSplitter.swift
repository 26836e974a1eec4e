import ICalendar

/// Cuts an iCalendar stream arriving in chunks of any size into its VEVENTs (RFC 5545 §3.6.1),
/// each handed on as its content lines from `BEGIN:VEVENT` to `END:VEVENT`, unfolded and ended
/// with CRLF, for the one reader to parse. The lines come from the one ``ContentLineTokenizer``,
/// so a folded line never looks like a component boundary. Memory stays at one chunk and one
/// event however long the feed: a network's combined feed is hundreds of megabytes once read
/// as a whole component tree.
package struct EventSplitter {
    /// A single event larger than this makes the stream unreadable (a feed cut off inside an
    /// event, or not a feed): nothing this program writes comes near it.
    package static let maxEventBytes = 16 << 20

    private var tokenizer = ContentLineTokenizer()
    private var event: [UInt8] = []
    private var inEvent = false
    package private(set) var failed = false

    package init() {}

    /// Scans the next chunk, calling `body` for each VEVENT it completes.
    package mutating func feed(_ chunk: [UInt8], _ body: ([UInt8]) -> Void) {
        guard !failed else { return }
        var t = tokenizer
        tokenizer = ContentLineTokenizer()  // taken out while it runs: its body changes `self`
        defer { tokenizer = t }
        do {
            try t.feed(chunk) { (line, token) throws(ICalendarParseError) in try take(line, token, body) }
        } catch {
            failed = true
        }
    }

    /// Ends the stream, calling `body` for the events its last lines complete; an event left
    /// open, or a line that is not a content line, makes it unreadable.
    package mutating func finish(_ body: ([UInt8]) -> Void) {
        if !failed {
            var t = tokenizer
            do {
                try t.finish { (line, token) throws(ICalendarParseError) in try take(line, token, body) }
            } catch {
                failed = true
            }
        }
        if inEvent { failed = true }
        tokenizer = ContentLineTokenizer()
        event = []
        inEvent = false
    }

    private mutating func take(_ line: Span<UInt8>, _ token: ContentLineToken, _ body: ([UInt8]) -> Void) throws(ICalendarParseError) {
        let isVEVENT = token.valueStart == token.nameEnd + 1 && Self.equals(line.extracting(token.valueStart...), Self.vevent)
        let name = line.extracting(0..<token.nameEnd)
        if !inEvent {
            guard isVEVENT, Self.equals(name, Self.begin) else { return }
            inEvent = true
            event.removeAll(keepingCapacity: true)
        }
        event.append(bytes: line)
        event.append(0x0D)
        event.append(0x0A)
        if event.count > Self.maxEventBytes {
            throw ICalendarParseError(line: token.line, message: "an event is longer than \(Self.maxEventBytes) bytes")
        }
        if isVEVENT, Self.equals(name, Self.end) {
            body(event)
            inEvent = false
        }
    }

    private static let begin = Array("BEGIN".utf8)
    private static let end = Array("END".utf8)
    private static let vevent = Array("VEVENT".utf8)

    /// Names and component names are case-insensitive (§2, §3.1).
    private static func equals(_ bytes: Span<UInt8>, _ upper: [UInt8]) -> Bool {
        guard bytes.count == upper.count else { return false }
        for i in 0..<bytes.count {
            let b = bytes[i]
            let c = upper[i]
            if b != c && !(b >= 0x61 && b <= 0x7A && b - 0x20 == c) { return false }
        }
        return true
    }
}
