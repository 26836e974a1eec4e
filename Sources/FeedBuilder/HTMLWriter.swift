import Bytes
import CivilTime
import Timetable

/// The subscribe page's output buffer: markup, escaped text and formatted numbers appended
/// byte by byte into one growing buffer.
///
/// A big network's page is megabytes with tens of thousands of small pieces; building each line
/// as a `String` and joining them cost several times the page's own size in allocations and
/// copies. Here every piece goes straight into the buffer, and numbers, dates and times are
/// formatted in place rather than through `description` strings.
///
/// Escaping follows ``HTMLText``: the same five characters, so a value is inert both in text and
/// in a double-quoted attribute.
struct HTMLWriter: ~Copyable {
    /// The bytes: a ``ByteBuffer`` appends without `Array.append`'s copy-on-write check and
    /// runtime call, which cost more than copying the few bytes of a typical piece.
    private var buffer: ByteBuffer
    /// Dates worded so far, by day number: a page words the same few weeks' dates thousands of
    /// times, and wording one builds a String.
    private var dateWords: [Int: String] = [:]
    /// Durations worded so far, by minutes.
    private var durationWords: [Int: String] = [:]
    /// The page's words: the language dates and durations are worded in (English when not set).
    var words: PageWords?

    /// How many bytes have been written.
    var count: Int { buffer.count }

    init(capacity: Int = 0) { buffer = ByteBuffer(capacity: capacity) }

    /// What has been written.
    var bytes: [UInt8] { buffer.array }

    /// Appends what has been written to `array`.
    func appendContents(to array: inout [UInt8]) { buffer.appendContents(to: &array) }

    /// Calls `body` with what has been written, without copying it.
    func withBytes<R>(_ body: (Span<UInt8>) -> R) -> R { buffer.withSpan(body) }

    @inline(__always)
    private mutating func write(_ byte: UInt8) { buffer.append(byte) }

    /// Markup written in the source: appended as is.
    @inline(__always)
    mutating func raw(_ s: StaticString) { buffer.append(s) }

    /// Markup built at run time from trusted parts (never a value from the schedule as it is):
    /// appended as is. A separate name from ``raw(_:)``, which string literals would otherwise
    /// not reach (a literal prefers `String`), and which is several times cheaper.
    mutating func unescaped(_ s: String) { buffer.append(utf8: s) }

    /// Writes again what was written at `range` (positions in ``count`` terms): a value the
    /// page shows twice is escaped once.
    mutating func rewrite(_ range: Range<Int>) { buffer.appendCopy(of: range) }

    /// Ends the current line. The page is a list of lines each followed by LF.
    @inline(__always)
    mutating func newline() { write(0x0A) }

    /// Markup and the end of its line.
    @inline(__always)
    mutating func line(_ s: StaticString) {
        raw(s)
        newline()
    }

    // MARK: - Text from the schedule

    /// A value with `& < > " '` replaced by character references (see ``HTMLText/escape(_:)``).
    mutating func text(_ s: String) { s.withSpanOfUTF8 { text($0) } }

    /// The five bytes ``text(_:)`` replaces (`& < > " '`): made where it is used, so that its
    /// constants fold into the scan. A stored scanner cost ``text(_:)`` 6.4 M instructions on a
    /// big network's page; this one 3.7 M.
    @inline(__always)
    private static var special: ByteScanner { ByteScanner(0x26, 0x3C, 0x3E, 0x22, 0x27) }

    /// Escapes UTF-8 bytes. The five characters are ASCII, and no byte of a multi-byte UTF-8
    /// sequence is ASCII, so escaping bytes is escaping characters. Runs without any of them
    /// (most values) are copied whole.
    mutating func text(_ u: Span<UInt8>) {
        var start = 0
        while start < u.count {
            let at = Self.special.firstStop(in: u, from: start)
            if start < at { buffer.append(u.extracting(start..<at)) }
            guard at < u.count else { return }
            switch u[at] {
            case 0x26: raw("&amp;")
            case 0x3C: raw("&lt;")
            case 0x3E: raw("&gt;")
            case 0x22: raw("&quot;")
            default: raw("&#39;")
            }
            start = at + 1
        }
    }

    /// An address, escaped, with a `<wbr>` where a line may break: after each `/` (but not
    /// between the two of `//`; also after a final `/`, which a file name follows), before each
    /// `.` and after each `-`. A phone then wraps
    /// "https://stillpoint.example/feeds/stillpoint.ics" at those points rather than
    /// mid-word; a `<wbr>` adds no character to the text that is copied.
    mutating func breakableAddress(_ s: String) {
        s.withSpanOfUTF8 { u in
            var start = 0
            for k in u.indices {
                let b = u[k]
                if b == UInt8(ascii: "."), k > start {
                    text(u.extracting(start..<k))
                    raw("<wbr>")
                    start = k
                } else if b == UInt8(ascii: "/") && (k + 1 == u.count || u[k + 1] != UInt8(ascii: "/")) {
                    // Also at the end: a folder's address is followed by a file name.
                    text(u.extracting(start..<(k + 1)))
                    raw("<wbr>")
                    start = k + 1
                } else if b == UInt8(ascii: "-"), k + 1 < u.count {
                    text(u.extracting(start..<(k + 1)))
                    raw("<wbr>")
                    start = k + 1
                }
            }
            if start < u.count { text(u.extracting(start..<u.count)) }
        }
    }

    /// Free text that may hold line breaks: escaped, each line break a `<br>`
    /// (``HTMLText/multiline(_:)``).
    mutating func multiline(_ s: String) {
        s.withSpanOfUTF8 { u in
            var first = true
            HTMLText.forEachLine(u) { part in
                if !first { raw("<br>") }
                first = false
                text(part)
            }
        }
    }

    /// Free text as paragraphs, each a line of its own: a blank line separates paragraphs, a
    /// single line break is a `<br>` (``HTMLText/paragraphs(_:class:)``).
    mutating func paragraphs(_ s: String, class name: String? = nil) {
        s.withSpanOfUTF8 { u in
            var open = false  // inside a paragraph
            HTMLText.forEachLine(u) { part in
                if HTMLText.isBlank(part) {
                    if open { line("</p>") }
                    open = false
                    return
                }
                if open {
                    raw("<br>")
                } else if let name {
                    raw("<p class=\"")
                    text(name)
                    raw("\">")
                } else {
                    raw("<p>")
                }
                open = true
                text(part)
            }
            if open { line("</p>") }
        }
    }

    // MARK: - Numbers, dates and times

    /// A decimal number, at least `width` digits (zero-padded), a minus sign before a negative
    /// one: what `Digits.pad` and string interpolation write.
    mutating func number(_ value: Int, width: Int = 1) {
        // Hours, minutes, days and months: thousands per page, so without the general loop.
        if value >= 0, value < 100, width <= 2 {
            if value >= 10 || width == 2 { write(UInt8(ascii: "0") + UInt8(value / 10)) }
            write(UInt8(ascii: "0") + UInt8(value % 10))
            return
        }
        if value >= 1000, value < 10000, width <= 4 {  // years
            buffer.reserveCapacity(4)
            write(Self.tens(value / 100))
            write(Self.ones(value / 100))
            write(Self.tens(value % 100))
            write(Self.ones(value % 100))
            return
        }
        if value < 0 { write(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        // The padding's zeros and the digits' places, then the digits from the last.
        for _ in 0..<max(width, digits) { write(UInt8(ascii: "0")) }
        var place = buffer.count
        while magnitude > 0 {
            place -= 1
            buffer[place] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        }
    }

    /// `YYYY-MM-DD` (`LocalDate.description`).
    mutating func isoDate(_ d: LocalDate) {
        let c = d.components
        number(c.year, width: 4)
        buffer.reserveCapacity(6)
        write(UInt8(ascii: "-"))
        write(Self.tens(c.month))
        write(Self.ones(c.month))
        write(UInt8(ascii: "-"))
        write(Self.tens(c.day))
        write(Self.ones(c.day))
    }

    /// `HH:MM`, or `HH:MM:SS` when there are seconds (`LocalTime.description`).
    mutating func time(_ t: LocalTime) {
        buffer.reserveCapacity(8)
        write(Self.tens(t.hour))
        write(Self.ones(t.hour))
        write(UInt8(ascii: ":"))
        write(Self.tens(t.minute))
        write(Self.ones(t.minute))
        if t.second != 0 {
            write(UInt8(ascii: ":"))
            write(Self.tens(t.second))
            write(Self.ones(t.second))
        }
    }

    /// The two digits of a value in 0..<100 (months, days, hours, minutes, seconds, half a year).
    private static func tens(_ v: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(truncatingIfNeeded: v / 10) }
    private static func ones(_ v: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(truncatingIfNeeded: v % 10) }

    /// `YYYY-MM-DDTHH:MM[:SS]` (`LocalDateTime.description`).
    mutating func isoDateTime(_ l: LocalDateTime) {
        isoDate(l.date)
        write(UInt8(ascii: "T"))
        time(l.time)
    }

    /// "Thu 24 Dec 2026", "jeu. 24 déc. 2026": worded in ``words``' language (escaped once), else by
    /// `LocalDate.humanDate` (plain ASCII: nothing to escape).
    mutating func humanDate(_ d: LocalDate) {
        if let words = dateWords[d.dayNumber] { return unescaped(words) }
        let words = self.words.map { PageWords.escape($0.wording.date(d)) } ?? d.humanDate
        dateWords[d.dayNumber] = words
        unescaped(words)
    }

    /// "30 min", "1 hour 15 min", "1 h 15 min": worded in ``words``' language once per length.
    mutating func duration(minutes: Int) {
        if let words = durationWords[minutes] { return unescaped(words) }
        let words = PageWords.escape((self.words?.wording ?? Wording(language: .english)).duration(minutes: minutes))
        durationWords[minutes] = words
        unescaped(words)
    }

    /// A value from the schedule inside a sentence, isolated (`<bdi>`, HTML Living Standard
    /// §4.5.25) so that a title in Arabic or Hebrew keeps its direction without reordering the
    /// words around it.
    mutating func isolated(_ s: String) {
        raw("<bdi>")
        text(s)
        raw("</bdi>")
    }
}
