import CivilTime

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
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    private mutating func write(_ source: UnsafeRawBufferPointer) { bytes.append(contentsOf: source) }

    private mutating func write(_ byte: UInt8) { bytes.append(byte) }

    /// Markup written in the source: appended as is.
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { write(UnsafeRawBufferPointer($0)) }
    }

    /// Markup built at run time from trusted parts (never a value from the schedule as it is):
    /// appended as is. A separate name from ``raw(_:)``, which string literals would otherwise
    /// not reach (a literal prefers `String`), and which is several times cheaper.
    mutating func unescaped(_ s: String) {
        var s = s
        s.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    mutating func append(_ other: HTMLWriter) { bytes.append(contentsOf: other.bytes) }

    /// Ends the current line. The page is a list of lines each followed by LF.
    mutating func newline() { write(0x0A) }

    /// Markup and the end of its line.
    mutating func line(_ s: StaticString) {
        raw(s)
        newline()
    }

    // MARK: - Text from the schedule

    /// A value with `& < > " '` replaced by character references (see ``HTMLText/escape(_:)``).
    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { text($0) }
    }

    /// Escapes UTF-8 bytes. The five characters are ASCII, and no byte of a multi-byte UTF-8
    /// sequence is ASCII, so escaping bytes is escaping characters. Runs without any of them
    /// (most values) are copied whole.
    mutating func text(_ u: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for i in u.indices {
            // One test for the usual byte: the five are all below 64.
            guard u[i] < 64, Self.escaped >> u[i] & 1 != 0 else { continue }
            let reference: StaticString
            switch u[i] {
            case 0x26: reference = "&amp;"
            case 0x3C: reference = "&lt;"
            case 0x3E: reference = "&gt;"
            case 0x22: reference = "&quot;"
            case 0x27: reference = "&#39;"
            default: continue
            }
            if start < i { write(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: u[start..<i]))) }
            raw(reference)
            start = i + 1
        }
        if start < u.count { write(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: u[start..<u.count]))) }
    }

    /// Bit n is set when byte n (below 64) is one of `& < > " '`.
    private static let escaped: UInt64 = 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x22 | 1 << 0x27

    /// Free text that may hold line breaks: escaped, each line break a `<br>`
    /// (``HTMLText/multiline(_:)``).
    mutating func multiline(_ s: String) {
        var s = s
        s.withUTF8 { u in
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
        var s = s
        s.withUTF8 { u in
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
        var k = bytes.count
        while magnitude > 0 {
            k -= 1
            bytes[k] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        }
    }

    /// `YYYY-MM-DD` (`LocalDate.description`).
    mutating func isoDate(_ d: LocalDate) {
        let c = d.components
        number(c.year, width: 4)
        write(UInt8(ascii: "-"))
        number(c.month, width: 2)
        write(UInt8(ascii: "-"))
        number(c.day, width: 2)
    }

    /// `HH:MM`, or `HH:MM:SS` when there are seconds (`LocalTime.description`).
    mutating func time(_ t: LocalTime) {
        number(t.hour, width: 2)
        write(UInt8(ascii: ":"))
        number(t.minute, width: 2)
        if t.second != 0 {
            write(UInt8(ascii: ":"))
            number(t.second, width: 2)
        }
    }

    /// `YYYY-MM-DDTHH:MM[:SS]` (`LocalDateTime.description`).
    mutating func isoDateTime(_ l: LocalDateTime) {
        isoDate(l.date)
        write(UInt8(ascii: "T"))
        time(l.time)
    }

    /// "Thu 24 Dec 2026" (``FeedBuilder/humanDate(_:)``).
    mutating func humanDate(_ d: LocalDate) {
        let c = d.components
        raw(Self.weekdayNames[d.weekday.rawValue - 1])
        write(UInt8(ascii: " "))
        number(c.day)
        write(UInt8(ascii: " "))
        raw(Self.monthNames[c.month - 1])
        write(UInt8(ascii: " "))
        number(c.year)
    }

    /// `Weekday.shortName` and the months as `FeedBuilder.humanDate` writes them.
    private static let weekdayNames: [StaticString] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let monthNames: [StaticString] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
}
