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
struct HTMLWriter: ~Copyable {
    // The bytes, in memory of its own: `Array.append(contentsOf:)` cost about a hundred
    // instructions a call whatever the size, more than copying the few bytes of a typical
    // piece, and a big page is a hundred thousand pieces. Not copyable, so the memory has one
    // owner and a write needs no copy-on-write check.
    private var base: UnsafeMutablePointer<UInt8>
    /// How many bytes have been written.
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 0) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// What has been written.
    var bytes: [UInt8] { withBytes { Array($0) } }

    /// Calls `body` with what has been written, without copying it.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Room for `n` more bytes.
    private mutating func grow(_ n: Int) {
        capacity = max(count + n, 2 * capacity)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.initialize(from: base, count: count)
        base.deallocate()
        base = grown
    }

    // Inlined, as is the test for room: a call costs as much as the copy of most pieces.
    @inline(__always)
    private mutating func write(_ source: UnsafeRawBufferPointer) {
        guard let from = source.baseAddress else { return }  // empty
        if count + source.count > capacity { grow(source.count) }
        UnsafeMutableRawPointer(base + count).copyMemory(from: from, byteCount: source.count)
        count += source.count
    }

    @inline(__always)
    private mutating func write(_ byte: UInt8) {
        if count == capacity { grow(1) }
        base[count] = byte
        count += 1
    }

    /// Markup written in the source: appended as is.
    @inline(__always)
    mutating func raw(_ s: StaticString) {
        // A literal of a single Unicode scalar may be kept as the scalar, not as UTF-8.
        guard s.hasPointerRepresentation else { return s.withUTF8Buffer { write(UnsafeRawBufferPointer($0)) } }
        write(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Markup built at run time from trusted parts (never a value from the schedule as it is):
    /// appended as is. A separate name from ``raw(_:)``, which string literals would otherwise
    /// not reach (a literal prefers `String`), and which is several times cheaper.
    mutating func unescaped(_ s: String) {
        Self.withUTF8(s) { write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes again what was written at `range` (positions in ``count`` terms): a value the
    /// page shows twice is escaped once.
    mutating func rewrite(_ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "only what has been written")
        if count + range.count > capacity { grow(range.count) }
        // Never overlapping: the copy goes after everything written.
        (base + count).initialize(from: base + range.lowerBound, count: range.count)
        count += range.count
    }

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
    mutating func text(_ s: String) {
        Self.withUTF8(s) { text($0) }
    }

    /// Calls `body` with the UTF-8 of a string: in place for a native string, without the retain
    /// and release of a `var` copy for `String.withUTF8` (twenty thousand values on a big page).
    @inline(__always)
    private static func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = s.utf8.withContiguousStorageIfAvailable(body) { return result }
        var s = s  // bridged or foreign: made native
        return s.withUTF8(body)
    }

    /// Escapes UTF-8 bytes. The five characters are ASCII, and no byte of a multi-byte UTF-8
    /// sequence is ASCII, so escaping bytes is escaping characters. Runs without any of them
    /// (most values) are copied whole.
    mutating func text(_ u: UnsafeBufferPointer<UInt8>) {
        guard let source = u.baseAddress else { return }  // empty
        var start = 0
        var i = 0
        while i < u.count {
            // Eight bytes at a time past the words without any of the five (most of them).
            if i + 8 <= u.count, !Self.mayHoldEscaped(UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            let at = i
            i += 1
            // One test for the usual byte: the five are all below 64.
            guard u[at] < 64, Self.escaped >> u[at] & 1 != 0 else { continue }
            let reference: StaticString
            switch u[at] {
            case 0x26: reference = "&amp;"
            case 0x3C: reference = "&lt;"
            case 0x3E: reference = "&gt;"
            case 0x22: reference = "&quot;"
            case 0x27: reference = "&#39;"
            default: continue
            }
            if start < at { write(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: u[start..<at]))) }
            raw(reference)
            start = at + 1
        }
        if start < u.count { write(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: u[start..<u.count]))) }
    }

    /// Whether any of eight bytes is one of `& < > " '`. Byte-wise: `b | 1 == 0x27` for `&` and
    /// `'`, `b | 2 == 0x3E` for `<` and `>`, `b == 0x22`; each as a zero byte of the word XOR
    /// the repeated value, found by `(x - 0x01…) & ~x & 0x80…`, which is nonzero exactly when x
    /// has a zero byte.
    @inline(__always)
    static func mayHoldEscaped(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        return zeroByte((word | ones) ^ (0x27 &* ones)) | zeroByte((word | 2 &* ones) ^ (0x3E &* ones))
            | zeroByte(word ^ (0x22 &* ones)) != 0
    }

    /// Bit n is set when byte n (below 64) is one of `& < > " '`.
    private static let escaped: UInt64 = 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x22 | 1 << 0x27

    /// Free text that may hold line breaks: escaped, each line break a `<br>`
    /// (``HTMLText/multiline(_:)``).
    mutating func multiline(_ s: String) {
        Self.withUTF8(s) { u in
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
        Self.withUTF8(s) { u in
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
            var yyyy = (Self.tens(value / 100), Self.ones(value / 100), Self.tens(value % 100), Self.ones(value % 100))
            withUnsafeBytes(of: &yyyy) { write($0) }
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
        var place = base + count
        while magnitude > 0 {
            place -= 1
            place.pointee = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        }
    }

    /// `YYYY-MM-DD` (`LocalDate.description`).
    mutating func isoDate(_ d: LocalDate) {
        let c = d.components
        number(c.year, width: 4)
        var mmdd = (UInt8(ascii: "-"), Self.tens(c.month), Self.ones(c.month), UInt8(ascii: "-"), Self.tens(c.day), Self.ones(c.day))
        withUnsafeBytes(of: &mmdd) { write($0) }
    }

    /// `HH:MM`, or `HH:MM:SS` when there are seconds (`LocalTime.description`).
    mutating func time(_ t: LocalTime) {
        // Written as one piece: thousands of times a page.
        var hhmm = (Self.tens(t.hour), Self.ones(t.hour), UInt8(ascii: ":"), Self.tens(t.minute), Self.ones(t.minute))
        withUnsafeBytes(of: &hhmm) { write($0) }
        if t.second != 0 {
            var ss = (UInt8(ascii: ":"), Self.tens(t.second), Self.ones(t.second))
            withUnsafeBytes(of: &ss) { write($0) }
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
