/// A recurrence rule, the RRULE property (RFC 5545 §3.3.10), with every rule part the RFC
/// defines.
///
/// Everything RFC 5545 forbids is refused when the rule is made, with a message saying why:
/// COUNT and UNTIL together ("they MUST NOT occur in the same 'recur'"; ``End`` holds one or
/// the other), an ordinal BYDAY outside a MONTHLY or YEARLY rule or beside BYWEEKNO, BYMONTHDAY
/// in a WEEKLY rule, BYYEARDAY in a DAILY, WEEKLY or MONTHLY rule, BYWEEKNO outside a YEARLY
/// rule, BYSETPOS without another BYxxx part, zero or out-of-range numbers. UNTIL must match
/// DTSTART's kind (a date for an all-day event, a UTC time for a zoned or UTC start); that is
/// checked when the ``Event`` is made, or by ``check(against:)``.
///
/// ```swift
/// let mondays = try RecurrenceRule(.weekly, byDay: [.every(.monday)], end: .count(10))
/// let lastFriday = try RecurrenceRule(.monthly, byDay: [.last(.friday)])
/// let lastWorkday = try RecurrenceRule(
///     .monthly, byDay: [.every(.monday), .every(.tuesday), .every(.wednesday), .every(.thursday), .every(.friday)],
///     bySetPosition: [-1])
/// mondays.text  // "FREQ=WEEKLY;COUNT=10;BYDAY=MO"
/// ```
///
/// How a rule expands is RFC 5545's table of §3.3.10: each BYxxx part either expands the
/// period (BYMONTHDAY in a MONTHLY rule gives several days a month) or limits it (BYMONTH in a
/// DAILY rule drops the days of other months); dates that do not exist (30 February, a fifth
/// Monday in a month that has four) are skipped, never moved. The walk happens in wall time:
/// see ``RecurrenceExpander``.
public struct RecurrenceRule: Hashable, Sendable, CustomStringConvertible {
    /// FREQ: the period a rule repeats in.
    public enum Frequency: String, Hashable, Sendable, CaseIterable {
        /// Every second (or every INTERVAL seconds) of wall time.
        case secondly = "SECONDLY"
        /// Every minute of wall time.
        case minutely = "MINUTELY"
        /// Every hour of wall time.
        case hourly = "HOURLY"
        /// Every day (or every INTERVAL days).
        case daily = "DAILY"
        /// Every week, on the start's weekday or the BYDAY weekdays.
        case weekly = "WEEKLY"
        /// Every month, on the start's day or the BYMONTHDAY/BYDAY days.
        case monthly = "MONTHLY"
        /// Every year.
        case yearly = "YEARLY"

        /// True for the frequencies shorter than a day.
        var isSubDaily: Bool { self == .secondly || self == .minutely || self == .hourly }
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
    /// BYSECOND: seconds of the minute, 0...60 (60, a leap second, never occurs in wall time
    /// here and gives no instance).
    public let bySecond: [Int]
    /// BYMINUTE: minutes of the hour, 0...59.
    public let byMinute: [Int]
    /// BYHOUR: hours of the day, 0...23.
    public let byHour: [Int]
    /// BYDAY.
    public let byDay: [Day]
    /// BYMONTHDAY: days of the month, 1...31 or -31...-1 counting from the end.
    public let byMonthDay: [Int]
    /// BYYEARDAY: days of the year, 1...366 or -366...-1 counting from the end.
    public let byYearDay: [Int]
    /// BYWEEKNO: weeks of the year, 1...53 or -53...-1, numbered as ISO 8601 does with
    /// ``weekStart`` as the first day: week 1 is the first week with four days or more in the year.
    public let byWeekNumber: [Int]
    /// BYMONTH: months, 1...12.
    public let byMonth: [Int]
    /// BYSETPOS: which of each period's instances to keep, 1...366 or -366...-1 (-1 is the last).
    public let bySetPosition: [Int]
    /// COUNT or UNTIL.
    public let end: End
    /// WKST: the first day of the week (Monday unless set). It matters for WEEKLY rules with an
    /// INTERVAL above 1 and for BYWEEKNO.
    public let weekStart: Weekday

    /// A rule, checked against RFC 5545 §3.3.10.
    ///
    /// - Throws: ``CalendarError`` saying which sentence of §3.3.10 the rule breaks.
    public init(
        _ frequency: Frequency, interval: Int = 1, bySecond: [Int] = [], byMinute: [Int] = [], byHour: [Int] = [],
        byDay: [Day] = [], byMonthDay: [Int] = [], byYearDay: [Int] = [], byWeekNumber: [Int] = [], byMonth: [Int] = [],
        bySetPosition: [Int] = [], end: End = .never, weekStart: Weekday = .monday
    ) throws(CalendarError) {
        guard interval >= 1 else { throw CalendarError("INTERVAL must be 1 or more, not \(interval)") }
        if case .count(let n) = end, n < 1 { throw CalendarError("COUNT must be 1 or more, not \(n)") }
        if case .until(.zoned) = end {
            throw CalendarError("UNTIL cannot name a zone (RFC 5545 §3.3.10): give it as a UTC time or, for all-day events, a date")
        }
        // Compared without abs(): abs(Int.min) traps.
        func check(_ values: [Int], _ part: String, _ range: ClosedRange<Int>, signed: Bool, _ what: String) throws(CalendarError) {
            for v in values where !(range.contains(v) || (signed && v < 0 && v >= -range.upperBound)) {
                throw CalendarError("\(part) \(v) is not \(what)")
            }
        }
        try check(bySecond, "BYSECOND", 0...60, signed: false, "a second of the minute (0 to 60)")
        try check(byMinute, "BYMINUTE", 0...59, signed: false, "a minute of the hour (0 to 59)")
        try check(byHour, "BYHOUR", 0...23, signed: false, "an hour of the day (0 to 23)")
        try check(byMonthDay, "BYMONTHDAY", 1...31, signed: true, "a day of the month (1 to 31, or -31 to -1 from the end)")
        try check(byYearDay, "BYYEARDAY", 1...366, signed: true, "a day of the year (1 to 366, or -366 to -1 from the end)")
        try check(byWeekNumber, "BYWEEKNO", 1...53, signed: true, "a week of the year (1 to 53, or -53 to -1 from the end)")
        try check(byMonth, "BYMONTH", 1...12, signed: false, "a month (1 to 12)")
        try check(bySetPosition, "BYSETPOS", 1...366, signed: true, "a position in the set (1 to 366, or -366 to -1 from the end)")
        let ordinals = byDay.compactMap(\.ordinal)
        let byDayText = byDay.map(\.text).joined(separator: ",")
        switch frequency {
        case .monthly:
            for n in ordinals where n == 0 || n < -5 || n > 5 {
                throw CalendarError("BYDAY ordinal \(n) in FREQ=MONTHLY: a month has at most five of a weekday (1 to 5, -5 to -1)")
            }
        case .yearly:
            let limit = byMonth.isEmpty ? 53 : 5
            for n in ordinals where n == 0 || n < -limit || n > limit {
                throw CalendarError(
                    byMonth.isEmpty
                        ? "BYDAY ordinal \(n) in FREQ=YEARLY: 1 to 53 or -53 to -1"
                        : "BYDAY ordinal \(n) in FREQ=YEARLY with BYMONTH counts within the month: 1 to 5 or -5 to -1")
            }
            if !ordinals.isEmpty, !byWeekNumber.isEmpty {
                throw CalendarError("BYDAY with an ordinal (\(byDayText)) beside BYWEEKNO: RFC 5545 §3.3.10 says it MUST NOT be")
            }
        default:
            guard ordinals.isEmpty else {
                throw CalendarError("BYDAY with an ordinal (\(byDayText)) needs FREQ=MONTHLY or YEARLY (RFC 5545 §3.3.10)")
            }
        }
        if frequency == .weekly, !byMonthDay.isEmpty {
            throw CalendarError("BYMONTHDAY cannot be used with FREQ=WEEKLY (RFC 5545 §3.3.10)")
        }
        if [.daily, .weekly, .monthly].contains(frequency), !byYearDay.isEmpty {
            throw CalendarError("BYYEARDAY cannot be used with FREQ=\(frequency.rawValue) (RFC 5545 §3.3.10)")
        }
        if frequency != .yearly, !byWeekNumber.isEmpty {
            throw CalendarError("BYWEEKNO can only be used with FREQ=YEARLY (RFC 5545 §3.3.10)")
        }
        if !bySetPosition.isEmpty,
            bySecond.isEmpty, byMinute.isEmpty, byHour.isEmpty, byDay.isEmpty, byMonthDay.isEmpty, byYearDay.isEmpty,
            byWeekNumber.isEmpty, byMonth.isEmpty
        {
            throw CalendarError("BYSETPOS needs another BYxxx rule part to pick from (RFC 5545 §3.3.10)")
        }
        self.frequency = frequency
        self.interval = interval
        self.bySecond = bySecond
        self.byMinute = byMinute
        self.byHour = byHour
        self.byDay = byDay
        self.byMonthDay = byMonthDay
        self.byYearDay = byYearDay
        self.byWeekNumber = byWeekNumber
        self.byMonth = byMonth
        self.bySetPosition = bySetPosition
        self.end = end
        self.weekStart = weekStart
    }

    /// Reads an RRULE value (`FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270101T000000Z`), with the same
    /// checks as ``init(_:interval:bySecond:byMinute:byHour:byDay:byMonthDay:byYearDay:byWeekNumber:byMonth:bySetPosition:end:weekStart:)``.
    /// Rule part names and values are read case-insensitively; a part given twice is refused.
    public init(parsing text: String) throws(CalendarError) {
        var frequency: Frequency?
        var interval = 1
        var lists: [String: [Int]] = [:]
        var byDay: [Day] = []
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
                    throw CalendarError("unknown FREQ \(v) (SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY)")
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
                        guard let n = Int(prefix) else {
                            throw CalendarError("BYDAY value \(d) has a bad ordinal")
                        }
                        byDay.append(.nth(n, w))
                    }
                }
            case "BYSECOND", "BYMINUTE", "BYHOUR", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS":
                lists[name] = try numbers(v, name)
            case "WKST":
                guard let w = Weekday(icalendarCode: v.uppercased()) else { throw CalendarError("WKST \(v) is not a weekday") }
                weekStart = w
            default:
                throw CalendarError("unknown RRULE part \(name) (RFC 5545 §3.3.10 defines FREQ, UNTIL, COUNT, INTERVAL, BYxxx and WKST)")
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
            frequency, interval: interval, bySecond: lists["BYSECOND"] ?? [], byMinute: lists["BYMINUTE"] ?? [],
            byHour: lists["BYHOUR"] ?? [], byDay: byDay, byMonthDay: lists["BYMONTHDAY"] ?? [],
            byYearDay: lists["BYYEARDAY"] ?? [], byWeekNumber: lists["BYWEEKNO"] ?? [], byMonth: lists["BYMONTH"] ?? [],
            bySetPosition: lists["BYSETPOS"] ?? [], end: end, weekStart: weekStart)
    }

    /// The RRULE value, parts in a fixed order: FREQ, INTERVAL, COUNT or UNTIL, BYSECOND,
    /// BYMINUTE, BYHOUR, BYWEEKNO, BYYEARDAY, BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS, WKST
    /// (INTERVAL and WKST only when they differ from 1 and Monday).
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
        func list(_ name: String, _ values: [Int]) {
            if !values.isEmpty { s += ";" + name + "=" + values.map(String.init).joined(separator: ",") }
        }
        list("BYSECOND", bySecond)
        list("BYMINUTE", byMinute)
        list("BYHOUR", byHour)
        list("BYWEEKNO", byWeekNumber)
        list("BYYEARDAY", byYearDay)
        list("BYMONTH", byMonth)
        list("BYMONTHDAY", byMonthDay)
        if !byDay.isEmpty { s += ";BYDAY=" + byDay.map(\.text).joined(separator: ",") }
        list("BYSETPOS", bySetPosition)
        if weekStart != .monday { s += ";WKST=" + weekStart.icalendarCode }
        return s
    }

    public var description: String { text }

    /// Checks UNTIL against the DTSTART of the event the rule belongs to (RFC 5545 §3.3.10:
    /// "The value of the UNTIL rule part MUST have the same value type as the DTSTART
    /// property"; with a zoned or UTC start it "MUST be specified as a date with UTC time").
    /// ``Event`` runs this for its rules when it is made and written.
    public func check(against start: DateTimeValue) throws(CalendarError) { try check(start: start) }

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
