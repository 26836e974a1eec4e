import CivilTime

/// The subscribe page's output buffer: markup, escaped text and formatted numbers appended
/// byte by byte into one growing `[UInt8]`.
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

    /// Markup written in the source: appended as is.
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Markup built from trusted parts (never a value from the schedule): appended as is.
    mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ other: HTMLWriter) { bytes.append(contentsOf: other.bytes) }

    /// Ends the current line. The page is a list of lines each followed by LF.
    mutating func newline() { bytes.append(0x0A) }

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
            let reference: StaticString
            switch u[i] {
            case 0x26: reference = "&amp;"
            case 0x3C: reference = "&lt;"
            case 0x3E: reference = "&gt;"
            case 0x22: reference = "&quot;"
            case 0x27: reference = "&#39;"
            default: continue
            }
            if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i])) }
            raw(reference)
            start = i + 1
        }
        if start < u.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<u.count])) }
    }

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
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // Least significant digit first, then the padding, then reversed in place.
        let start = bytes.count
        var m = value.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(m % 10))
            m /= 10
        } while m > 0
        while bytes.count - start < width { bytes.append(UInt8(ascii: "0")) }
        bytes[start...].reverse()
    }

    /// `YYYY-MM-DD` (`LocalDate.description`).
    mutating func isoDate(_ d: LocalDate) {
        let c = d.components
        number(c.year, width: 4)
        bytes.append(UInt8(ascii: "-"))
        number(c.month, width: 2)
        bytes.append(UInt8(ascii: "-"))
        number(c.day, width: 2)
    }

    /// `HH:MM`, or `HH:MM:SS` when there are seconds (`LocalTime.description`).
    mutating func time(_ t: LocalTime) {
        number(t.hour, width: 2)
        bytes.append(UInt8(ascii: ":"))
        number(t.minute, width: 2)
        if t.second != 0 {
            bytes.append(UInt8(ascii: ":"))
            number(t.second, width: 2)
        }
    }

    /// `YYYY-MM-DDTHH:MM[:SS]` (`LocalDateTime.description`).
    mutating func isoDateTime(_ l: LocalDateTime) {
        isoDate(l.date)
        bytes.append(UInt8(ascii: "T"))
        time(l.time)
    }

    /// "Thu 24 Dec 2026" (``FeedBuilder/humanDate(_:)``).
    mutating func humanDate(_ d: LocalDate) {
        let c = d.components
        raw(d.weekday.shortName)
        bytes.append(UInt8(ascii: " "))
        number(c.day)
        bytes.append(UInt8(ascii: " "))
        raw(Self.monthNames[c.month - 1])
        bytes.append(UInt8(ascii: " "))
        number(c.year)
    }

    private static let monthNames: [StaticString] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
}
