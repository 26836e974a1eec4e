/// A recurrence rule, the RRULE property (RFC 5545 §3.3.10), in the forms
/// ``RecurrenceExpander`` expands.
///
/// Everything RFC 5545 forbids is refused when the rule is made, with a message saying why:
/// COUNT and UNTIL together ("they MUST NOT occur in the same 'recur'"; ``End`` holds one or
/// the other), an ordinal BYDAY outside a MONTHLY or YEARLY rule, ordinals beyond the fifth
/// weekday of a month or the 53rd of a year, BYMONTHDAY in a WEEKLY rule, zero or
/// out-of-range numbers. UNTIL must match DTSTART's kind (a date for an all-day event, a UTC
/// time for a zoned or UTC start); that is checked when the ``Event`` is made.
///
/// ```swift
/// let mondays = try RecurrenceRule(.weekly, byDay: [.every(.monday)], end: .count(10))
/// let lastFriday = try RecurrenceRule(.monthly, byDay: [.last(.friday)])
/// mondays.text  // "FREQ=WEEKLY;COUNT=10;BYDAY=MO"
/// ```
public struct RecurrenceRule: Hashable, Sendable, CustomStringConvertible {
    /// FREQ: the period a rule repeats in.
    public enum Frequency: String, Hashable, Sendable, CaseIterable {
        /// Every day (or every INTERVAL days).
        case daily = "DAILY"
        /// Every week, on the start's weekday or the BYDAY weekdays.
        case weekly = "WEEKLY"
        /// Every month, on the start's day or the BYMONTHDAY/BYDAY days.
        case monthly = "MONTHLY"
        /// Every year.
        case yearly = "YEARLY"
    }

    /// One BYDAY entry: a weekday, optionally the nth (or nth from last) of the month or year.
    public struct Day: Hashable, Sendable {
        /// 1 for the first, -1 for the last; nil for every such weekday in the period.
        public var ordinal: Int?
        /// The weekday.
        public var weekday: Weekday

        /// Every `weekday` in the period (`MO`).
        public static func every(_ weekday: Weekday) -> Day { Day(ordinal: nil, weekday: weekday) }
        /// The `n`th `weekday` of the month or year (`2TU`); negative counts from the end.
        public static func nth(_ n: Int, _ weekday: Weekday) -> Day { Day(ordinal: n, weekday: weekday) }
        /// The last `weekday` of the month or year (`-1FR`).
        public static func last(_ weekday: Weekday) -> Day { Day(ordinal: -1, weekday: weekday) }

        var text: String { (ordinal.map(String.init) ?? "") + weekday.icalendarCode }
    }

    /// How a rule ends: never, after a number of instances (COUNT), or at a time (UNTIL).
    public enum End: Hashable, Sendable {
        /// The rule repeats forever.
        case never
        /// COUNT: this many instances, the first (DTSTART) included.
        case count(Int)
        /// UNTIL: the last instance starts at or before this value. A ``DateTimeValue/date(_:)``
        /// for all-day events, a ``DateTimeValue/utc(_:)`` for zoned or UTC starts (§3.3.10).
        case until(DateTimeValue)
    }

    /// FREQ.
    public let frequency: Frequency
    /// INTERVAL: every how many periods; 1 is every period.
    public let interval: Int
    /// BYDAY.
    public let byDay: [Day]
    /// BYMONTHDAY: days of the month, 1...31 or -31...-1 counting from the end.
    public let byMonthDay: [Int]
    /// BYMONTH: months, 1...12.
    public let byMonth: [Int]
    /// COUNT or UNTIL.
    public let end: End
    /// WKST: the first day of the week (Monday unless set).
    public let weekStart: Weekday

    /// A rule, checked against RFC 5545 and what ``RecurrenceExpander`` supports.
    public init(
        _ frequency: Frequency, interval: Int = 1, byDay: [Day] = [], byMonthDay: [Int] = [], byMonth: [Int] = [],
        end: End = .never, weekStart: Weekday = .monday
    ) throws(CalendarError) {
        guard interval >= 1 else { throw CalendarError("INTERVAL must be 1 or more, not \(interval)") }
        if case .count(let n) = end, n < 1 { throw CalendarError("COUNT must be 1 or more, not \(n)") }
        if case .until(.zoned) = end {
            throw CalendarError("UNTIL cannot name a zone (RFC 5545 §3.3.10): give it as a UTC time or, for all-day events, a date")
        }
        for m in byMonth where !(1...12).contains(m) { throw CalendarError("BYMONTH \(m) is not a month (1 to 12)") }
        for d in byMonthDay where d == 0 || d < -31 || d > 31 {
            throw CalendarError("BYMONTHDAY \(d) is not a day of the month (1 to 31, or -31 to -1 from the end)")
        }
        let ordinals = byDay.compactMap(\.ordinal)
        switch frequency {
        case .daily, .weekly:
            guard ordinals.isEmpty else {
                throw CalendarError("BYDAY with an ordinal (\(byDay.map(\.text).joined(separator: ","))) needs FREQ=MONTHLY or YEARLY (RFC 5545 §3.3.10)")
            }
            if frequency == .weekly, !byMonthDay.isEmpty {
                throw CalendarError("BYMONTHDAY cannot be used with FREQ=WEEKLY (RFC 5545 §3.3.10)")
            }
            guard byMonth.isEmpty, byMonthDay.isEmpty else {
                throw CalendarError("BYMONTH and BYMONTHDAY are supported with FREQ=MONTHLY and YEARLY only")
            }
        case .monthly:
            for n in ordinals where n == 0 || n < -5 || n > 5 {
                throw CalendarError("BYDAY ordinal \(n) in FREQ=MONTHLY: a month has at most five of a weekday (1 to 5, -5 to -1)")
            }
        case .yearly:
            for n in ordinals where n == 0 || n < -53 || n > 53 {
                throw CalendarError("BYDAY ordinal \(n) in FREQ=YEARLY: 1 to 53 or -53 to -1")
            }
        }
        if !ordinals.isEmpty, !byMonthDay.isEmpty {
            throw CalendarError("BYDAY with an ordinal beside BYMONTHDAY is not supported")
        }
        self.frequency = frequency
        self.interval = interval
        self.byDay = byDay
        self.byMonthDay = byMonthDay
        self.byMonth = byMonth
        self.end = end
        self.weekStart = weekStart
    }

    /// Reads an RRULE value (`FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270101T000000Z`), with the same
    /// checks as ``init(_:interval:byDay:byMonthDay:byMonth:end:weekStart:)``.
    public init(parsing text: String) throws(CalendarError) {
        var frequency: Frequency?
        var interval = 1
        var byDay: [Day] = []
        var byMonthDay: [Int] = []
        var byMonth: [Int] = []
        var count: Int?
        var until: DateTimeValue?
        var weekStart = Weekday.monday
        func numbers(_ v: Substring, _ part: String) throws(CalendarError) -> [Int] {
            var out: [Int] = []
            for x in v.split(separator: ",") {
                guard let n = Int(x) else { throw CalendarError("\(part) value \(x) is not a number") }
                out.append(n)
            }
            return out
        }
        var seen = Set<String>()
        for part in text.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { throw CalendarError("malformed RRULE part \"\(part)\" (expected NAME=value)") }
            let name = kv[0].uppercased()
            let v = kv[1]
            guard seen.insert(name).inserted else { throw CalendarError("RRULE part \(name) appears twice") }
            switch name {
            case "FREQ":
                guard let f = Frequency(rawValue: v.uppercased()) else {
                    throw CalendarError("unsupported FREQ \(v) (DAILY, WEEKLY, MONTHLY and YEARLY are supported)")
                }
                frequency = f
            case "INTERVAL":
                guard let n = Int(v) else { throw CalendarError("INTERVAL \(v) is not a number") }
                interval = n
            case "COUNT":
                guard let n = Int(v) else { throw CalendarError("COUNT \(v) is not a number") }
                count = n
            case "UNTIL":
                guard let u = DateTimeValue.parse(v, timeZone: nil, isDate: v.utf8.count == 8) else {
                    throw CalendarError("UNTIL \(v) is not a date (20270101) or a UTC time (20270101T000000Z)")
                }
                until = u
            case "BYDAY":
                for d in v.split(separator: ",") {
                    let t = d.uppercased()
                    guard let w = Weekday(icalendarCode: String(t.suffix(2))) else {
                        throw CalendarError("BYDAY value \(d) is not a weekday (MO, 2TU, -1FR ...)")
                    }
                    let prefix = t.dropLast(2)
                    if prefix.isEmpty {
                        byDay.append(.every(w))
                    } else {
                        guard let n = Int(prefix) else { throw CalendarError("BYDAY value \(d) has a bad ordinal") }
                        byDay.append(.nth(n, w))
                    }
                }
            case "BYMONTHDAY": byMonthDay = try numbers(v, "BYMONTHDAY")
            case "BYMONTH": byMonth = try numbers(v, "BYMONTH")
            case "WKST":
                guard let w = Weekday(icalendarCode: v.uppercased()) else { throw CalendarError("WKST \(v) is not a weekday") }
                weekStart = w
            default:
                throw CalendarError("unsupported RRULE part \(name)")
            }
        }
        guard let frequency else { throw CalendarError("RRULE without FREQ (RFC 5545 §3.3.10: FREQ is required)") }
        let end: End
        switch (count, until) {
        case (.some, .some): throw CalendarError("COUNT and UNTIL together (RFC 5545 §3.3.10: they MUST NOT occur in the same rule)")
        case (.some(let n), nil): end = .count(n)
        case (nil, .some(let u)): end = .until(u)
        case (nil, nil): end = .never
        }
        try self.init(
            frequency, interval: interval, byDay: byDay, byMonthDay: byMonthDay, byMonth: byMonth, end: end, weekStart: weekStart)
    }

    /// The RRULE value, parts in a fixed order: FREQ, INTERVAL, COUNT or UNTIL, BYMONTH,
    /// BYMONTHDAY, BYDAY, WKST (INTERVAL and WKST only when they differ from 1 and Monday).
    public var text: String {
        var s = "FREQ=" + frequency.rawValue
        if interval != 1 { s += ";INTERVAL=\(interval)" }
        switch end {
        case .never: break
        case .count(let n): s += ";COUNT=\(n)"
        case .until(.date(let d)): s += ";UNTIL=" + d.basicFormat
        case .until(.utc(let t)): s += ";UNTIL=" + Property.utcString(t)
        case .until(.floating(let l)), .until(.zoned(let l, _)): s += ";UNTIL=" + l.basicFormat
        }
        if !byMonth.isEmpty { s += ";BYMONTH=" + byMonth.map(String.init).joined(separator: ",") }
        if !byMonthDay.isEmpty { s += ";BYMONTHDAY=" + byMonthDay.map(String.init).joined(separator: ",") }
        if !byDay.isEmpty { s += ";BYDAY=" + byDay.map(\.text).joined(separator: ",") }
        if weekStart != .monday { s += ";WKST=" + weekStart.icalendarCode }
        return s
    }

    public var description: String { text }

    /// Checks UNTIL against the event's DTSTART (RFC 5545 §3.3.10: "The value of the UNTIL rule
    /// part MUST have the same value type as the DTSTART property"; with a zoned start it "MUST
    /// be specified as a date with UTC time").
    func check(start: DateTimeValue) throws(CalendarError) {
        guard case .until(let u) = end else { return }
        switch (start, u) {
        case (.date, .date), (.zoned, .utc), (.utc, .utc), (.floating, .floating): return
        default:
            let wanted: String
            switch start {
            case .date: wanted = "a date (.date), as DTSTART is a date"
            case .floating: wanted = "a floating time, as DTSTART is floating"
            case .zoned, .utc: wanted = "a UTC time (.utc), as DTSTART is a time"
            }
            throw CalendarError("UNTIL is \(u.kindName); RFC 5545 §3.3.10 wants \(wanted)")
        }
    }
}
