import Bytes

/// A date in the proleptic Gregorian calendar with no time zone attached (a "civil" date).
///
/// Arithmetic is done on the day number (days since 1970-01-01), never through seconds,
/// so adding a week across a daylight-saving change is still exactly one week of dates.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let dayNumber: Int

    /// The earliest and latest years ClassFeed accepts anywhere (a documented limit).
    public static let supportedYears = 1900...2199

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// The last supported date, 2199-12-31: "no end" for open-ended ranges.
    public static let distantFuture = LocalDate(dayNumber: LocalDate.dayNumber(year: supportedYears.upperBound, month: 12, day: 31))

    /// A validated date, or nil when the day does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: year)
        else { return nil }
        self.dayNumber = LocalDate.dayNumber(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) { self.init(iso: String(text)) }

    /// Parses exactly `YYYY-MM-DD`, reading the UTF-8 in place.
    public init?(iso text: String) {
        let parsed = text.withSpanOfUTF8 { u -> (Int, Int, Int)? in
            guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
                let y = Digits.parse(u, 0, 4), let m = Digits.parse(u, 5, 2), let d = Digits.parse(u, 8, 2)
            else { return nil }
            return (y, m, d)
        }
        guard let (y, m, d) = parsed else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Parses exactly `YYYYMMDD` (the RFC 5545 DATE form, §3.3.4).
    public init?(basic text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 8, let y = Digits.parse(u, 0, 4), let m = Digits.parse(u, 4, 2),
            let d = Digits.parse(u, 6, 2)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// Year, month and day, from the day number (H. Hinnant's civil-from-days algorithm).
    public var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO 4).
        let r = ((dayNumber % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday(rawValue: r + 1) ?? .monday
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let c = components
        return Digits.pad(c.year, 4) + "-" + Digits.pad(c.month, 2) + "-" + Digits.pad(c.day, 2)
    }

    /// `YYYYMMDD`, the RFC 5545 DATE form.
    public var basicFormat: String {
        let c = components
        return Digits.pad(c.year, 4) + Digits.pad(c.month, 2) + Digits.pad(c.day, 2)
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 for a civil date (H. Hinnant's days-from-civil algorithm).
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// Small helpers for fixed-width decimal fields.
enum Digits {
    static func parse(_ u: Span<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= u.count else { return nil }
        var v = 0
        for i in start..<(start + count) {
            let c = u[i]
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }

    static func parse(_ u: [UInt8], _ start: Int, _ count: Int) -> Int? {
        parse(u.span, start, count)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(abs(value))
        let body = s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        return value < 0 ? "-" + body : body
    }
}
