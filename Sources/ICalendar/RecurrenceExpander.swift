/// One instance of an event in a window, after recurrence rules, EXDATE, RDATE and
/// RECURRENCE-ID overrides are applied.
public struct EventInstance: Hashable, Sendable {
    /// The event's UID.
    public var uid: String
    /// Start and end instants (seconds since the epoch, UTC). All-day and floating values are
    /// read as UTC.
    public var start: Int64
    /// The end instant: DTEND, or the start plus DURATION (§3.3.6: days in the start's zone).
    public var end: Int64
    /// SUMMARY, unescaped; empty when absent.
    public var summary: String
    /// STATUS, uppercase, or nil when absent.
    public var status: String?
    /// The instance's RECURRENCE-ID as an instant, for instances of a recurring event.
    public var recurrenceID: Int64?
}

/// Why an event could not be expanded.
public struct RecurrenceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the component or property at fault (0 for values built in code).
    public var line: Int
    /// What could not be expanded, and why.
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// Expands the VEVENTs of a calendar into instances (RFC 5545 §3.3.10, §3.8.5).
///
/// Supports what feeds written by ClassFeed and most class timetables use: `FREQ=WEEKLY` and
/// `FREQ=DAILY` with `INTERVAL`, `BYDAY` (plain weekdays), `UNTIL`, `COUNT` and `WKST`;
/// `FREQ=MONTHLY` with `INTERVAL`, `BYDAY` (plain, or an ordinal within the month: `1SA`,
/// `2TU,4TU`, `-1FR`), `BYMONTHDAY` and `BYMONTH`; and the `FREQ=YEARLY` forms of VTIMEZONE
/// rules (`BYMONTH`, `BYMONTHDAY`, `BYYEARDAY`, ordinal `BYDAY`);
/// `EXDATE`, `RDATE` and `RECURRENCE-ID` overrides; DTEND or DURATION. Local times resolve with
/// RFC 5545 §3.3.5's rules: a time in a gap is shifted forward by the gap, a repeated time
/// means the first. Durations are exact (`PT30M` is 1,800 s; `P1D` is one calendar day).
public struct RecurrenceExpander: Sendable {
    /// Finds a zone's rules by TZID.
    public let zones: @Sendable (String) -> ZoneRules?
    /// INTERVAL values above this are read as this: it already leaves the supported years after
    /// the first instance, whatever the frequency.
    static let maxInterval = 1_000_000

    /// Upper bound on instances generated per event (defends against `FREQ=DAILY` forever).
    public var maxInstancesPerEvent = 1_000_000

    /// An expander that finds each TZID's rules with `zones`.
    public init(zones: @escaping @Sendable (String) -> ZoneRules?) { self.zones = zones }

    /// Instances of every VEVENT in `calendar` whose start is in `from..<to`.
    public func expand(_ calendar: Component, from: Int64, to: Int64) throws(RecurrenceError) -> [EventInstance] {
        var masters: [String: Component] = [:]
        var overrides: [String: [Component]] = [:]
        var singles: [Component] = []
        for e in calendar.components(named: "VEVENT") {
            guard let uid = e.property("UID")?.value else { throw RecurrenceError(line: e.line, message: "VEVENT without UID") }
            if e.property("RECURRENCE-ID") != nil {
                overrides[uid, default: []].append(e)
            } else if e.property("RRULE") != nil || e.property("RDATE") != nil {
                guard masters[uid] == nil else { throw RecurrenceError(line: e.line, message: "two recurring VEVENTs share the UID \(uid)") }
                masters[uid] = e
            } else {
                singles.append(e)
            }
        }
        var out: [EventInstance] = []
        for e in singles {
            let i = try instance(e, start: nil)
            if i.start >= from && i.start < to { out.append(i) }
        }
        for uid in masters.keys.sorted() {
            guard let m = masters[uid] else { continue }
            var byID: [Int64: Component] = [:]
            for o in overrides[uid] ?? [] {
                guard let p = o.property("RECURRENCE-ID"), let v = DateTimeValue.values(of: p)?.first else {
                    throw RecurrenceError(line: o.line, message: "unreadable RECURRENCE-ID")
                }
                byID[try instant(v, line: p.line)] = o
            }
            let dtstart = try startValue(m)
            let base = try instance(m, start: nil)
            let duration = base.end - base.start
            var starts = try ruleStarts(m, dtstart: dtstart, until: to)
            for p in m.properties(named: "RDATE") {
                for v in DateTimeValue.values(of: p) ?? [] { starts.append(try instant(v, line: p.line)) }
            }
            var excluded = Set<Int64>()
            for p in m.properties(named: "EXDATE") {
                guard let vs = DateTimeValue.values(of: p) else { throw RecurrenceError(line: p.line, message: "unreadable EXDATE") }
                for v in vs { excluded.insert(try instant(v, line: p.line)) }
            }
            for s in Set(starts).sorted() where !excluded.contains(s) {
                if let o = byID.removeValue(forKey: s) {
                    var i = try instance(o, start: nil)
                    i.recurrenceID = s
                    if i.start >= from && i.start < to { out.append(i) }
                } else if s >= from && s < to {
                    var i = base
                    i.start = s
                    i.end = s + duration
                    if let d = try dayDuration(m), case .zoned(_, let tz) = dtstart, let rules = zones(tz) {
                        // A duration in days adds calendar days in the zone (§3.3.6).
                        let local = rules.localDateTime(at: s)
                        i.end = rules.instant(for: LocalDateTime(localSeconds: local.localSeconds + Int64(d)))
                    }
                    i.recurrenceID = s
                    out.append(i)
                }
            }
            // Overrides whose RECURRENCE-ID matches no generated instance still stand (§3.8.4.4
            // allows an override to add an instance that the rule set later dropped).
            for (rid, o) in byID.sorted(by: { $0.key < $1.key }) where !excluded.contains(rid) {
                var i = try instance(o, start: nil)
                i.recurrenceID = rid
                if i.start >= from && i.start < to { out.append(i) }
            }
        }
        out.sort { ($0.start, $0.uid) < ($1.start, $1.uid) }
        return out
    }

    private func startValue(_ e: Component) throws(RecurrenceError) -> DateTimeValue {
        guard let p = e.property("DTSTART"), let v = DateTimeValue.values(of: p)?.first else {
            throw RecurrenceError(line: e.line, message: "VEVENT without a readable DTSTART")
        }
        return v
    }

    /// The instant a value stands for.
    public func instant(_ v: DateTimeValue, line: Int = 0) throws(RecurrenceError) -> Int64 {
        switch v {
        case .date(let d): return Int64(d.dayNumber) * 86400
        case .utc(let t): return t
        case .floating(let l): return l.localSeconds
        case .zoned(let l, let tz):
            guard let rules = zones(tz) else { throw RecurrenceError(line: line, message: "unknown TZID \(tz)") }
            return rules.instant(for: l)
        }
    }

    /// A single (non-expanded) instance from a VEVENT's own DTSTART/DTEND/DURATION.
    private func instance(_ e: Component, start override: Int64?) throws(RecurrenceError) -> EventInstance {
        let sv = try startValue(e)
        var start: Int64
        if let override { start = override } else { start = try instant(sv, line: e.property("DTSTART")?.line ?? e.line) }
        var end = start
        if let p = e.property("DTEND") {
            guard let v = DateTimeValue.values(of: p)?.first else { throw RecurrenceError(line: p.line, message: "unreadable DTEND") }
            end = try instant(v, line: p.line)
        } else if let p = e.property("DURATION") {
            guard let d = Self.parseDuration(p.value) else { throw RecurrenceError(line: p.line, message: "unreadable DURATION \(p.value)") }
            end = start + Int64(d.seconds)
            if d.days != 0 {
                if case .zoned(let l, let tz) = sv, let rules = zones(tz) {
                    let endLocal = LocalDateTime(localSeconds: l.localSeconds + Int64(d.days) * 86400 + Int64(d.seconds))
                    end = rules.instant(for: endLocal)
                } else {
                    end += Int64(d.days) * 86400
                }
            }
        } else if case .date = sv {
            end = start + 86400
        }
        return EventInstance(
            uid: e.property("UID")?.value ?? "", start: start, end: end,
            summary: e.property("SUMMARY")?.textValue ?? "", status: e.property("STATUS")?.value.uppercased(),
            recurrenceID: nil)
    }

    /// The day part of a DURATION, in seconds of wall time, when the duration has one.
    private func dayDuration(_ e: Component) throws(RecurrenceError) -> Int? {
        guard e.property("DTEND") == nil, let p = e.property("DURATION"), let d = Self.parseDuration(p.value), d.days != 0 else {
            return nil
        }
        return d.days * 86400 + d.seconds
    }

    /// `[+-]P[nW][nD][T[nH][nM][nS]]` (§3.3.6) as calendar days plus exact seconds.
    public static func parseDuration(_ text: String) -> (days: Int, seconds: Int)? {
        var s = Substring(text)
        var sign = 1
        if s.first == "-" { sign = -1; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        guard s.first == "P" else { return nil }
        s = s.dropFirst()
        var days = 0
        var seconds = 0
        var inTime = false
        var number = 0
        var haveNumber = false
        var any = false
        for c in s {
            if let d = c.wholeNumberValue, c.isASCII {
                number = number * 10 + d
                haveNumber = true
                guard number < 100_000_000 else { return nil }
                continue
            }
            switch (c, inTime) {
            case ("T", false) where !haveNumber: inTime = true; continue
            case ("W", false) where haveNumber: days += number * 7
            case ("D", false) where haveNumber: days += number
            case ("H", true) where haveNumber: seconds += number * 3600
            case ("M", true) where haveNumber: seconds += number * 60
            case ("S", true) where haveNumber: seconds += number
            default: return nil
            }
            number = 0
            haveNumber = false
            any = true
        }
        guard any, !haveNumber else { return nil }
        return (sign * days, sign * seconds)
    }

    /// Start instants generated by the RRULE (DTSTART included), up to `until` (exclusive).
    private func ruleStarts(_ e: Component, dtstart: DateTimeValue, until horizon: Int64) throws(RecurrenceError) -> [Int64] {
        let first = try instant(dtstart, line: e.property("DTSTART")?.line ?? e.line)
        guard let rr = e.property("RRULE") else { return [first] }
        // Walk in the wall time of DTSTART's zone.
        let local: LocalDateTime
        let resolve: (LocalDateTime) -> Int64
        switch dtstart {
        case .zoned(let l, let tz):
            guard let rules = zones(tz) else { throw RecurrenceError(line: rr.line, message: "unknown TZID \(tz)") }
            local = l
            resolve = { rules.instant(for: $0) }
        case .utc(let t):
            local = LocalDateTime(localSeconds: t)
            resolve = { $0.localSeconds }
        case .floating(let l):
            local = l
            resolve = { $0.localSeconds }
        case .date(let d):
            local = LocalDateTime(date: d, time: LocalTime(secondsOfDay: 0))
            resolve = { $0.localSeconds }
        }
        let zoneOfStart: ZoneRules? = if case .zoned(_, let tz) = dtstart { zones(tz) } else { nil }
        return try starts(rr, local: local, resolve: resolve, horizon: horizon) { u throws(RecurrenceError) in
            if case .date(let d) = u, let rules = zoneOfStart {
                // A DATE UNTIL includes that whole local day.
                return rules.instant(for: LocalDateTime(date: d.adding(days: 1), time: LocalTime(secondsOfDay: 0))) - 1
            }
            var t = try instant(u, line: rr.line)
            if case .date = u { t += 86399 }
            return t
        }
    }

    /// A parsed RRULE (RFC 5545 §3.3.10), the parts this expander supports.
    private struct Rule {
        var freq = ""
        var interval = 1
        var count: Int?
        var until: DateTimeValue?
        /// BYDAY entries: an ordinal (nil for every such weekday; -1 for the last) and a weekday.
        var byday: [(ordinal: Int?, weekday: Weekday)] = []
        var bymonth: [Int] = []
        var bymonthday: [Int] = []
        var byyearday: [Int] = []
        var wkst = Weekday.monday
    }

    private static func numbers(_ v: String, _ range: ClosedRange<Int>, line: Int, part: String) throws(RecurrenceError) -> [Int] {
        var out: [Int] = []
        for x in v.split(separator: ",") {
            // Compared without abs(): abs(Int.min) traps.
            guard let n = Int(x), n != 0, n >= -range.upperBound, n <= range.upperBound else {
                throw RecurrenceError(line: line, message: "bad \(part) value \(x)")
            }
            out.append(n)
        }
        return out
    }

    private static func parseRule(_ rr: Property) throws(RecurrenceError) -> Rule {
        var r = Rule()
        for part in rr.value.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { throw RecurrenceError(line: rr.line, message: "malformed RRULE part \(part)") }
            let v = String(kv[1])
            switch kv[0].uppercased() {
            case "FREQ": r.freq = v.uppercased()
            case "INTERVAL":
                guard let n = Int(v), n >= 1 else { throw RecurrenceError(line: rr.line, message: "bad INTERVAL \(v)") }
                // RFC 5545 sets no bound; dates are only supported for 300 years (about 110,000
                // days), so past a million periods there is never a second instance, and the
                // date arithmetic stays far from overflow (INTERVAL=9223372036854775807 trapped).
                r.interval = min(n, Self.maxInterval)
            case "COUNT":
                guard let n = Int(v), n >= 1 else { throw RecurrenceError(line: rr.line, message: "bad COUNT \(v)") }
                r.count = n
            case "UNTIL":
                guard let u = DateTimeValue.parse(v, timeZone: nil, isDate: v.count == 8) else {
                    throw RecurrenceError(line: rr.line, message: "bad UNTIL \(v)")
                }
                r.until = u
            case "BYDAY":
                for d in v.split(separator: ",") {
                    let text = String(d).uppercased()
                    let code = String(text.suffix(2))
                    let prefix = text.dropLast(2)
                    guard let w = Weekday(icalendarCode: code) else {
                        throw RecurrenceError(line: rr.line, message: "unsupported BYDAY value \(d)")
                    }
                    var ordinal: Int?
                    if !prefix.isEmpty {
                        guard let n = Int(prefix), n != 0, n >= -53, n <= 53 else {
                            throw RecurrenceError(line: rr.line, message: "unsupported BYDAY value \(d)")
                        }
                        ordinal = n
                    }
                    r.byday.append((ordinal, w))
                }
            case "BYMONTH":
                r.bymonth = try numbers(v, 1...12, line: rr.line, part: "BYMONTH")
                guard r.bymonth.allSatisfy({ $0 > 0 }) else { throw RecurrenceError(line: rr.line, message: "bad BYMONTH value \(v)") }
            case "BYMONTHDAY": r.bymonthday = try numbers(v, 1...31, line: rr.line, part: "BYMONTHDAY")
            case "BYYEARDAY": r.byyearday = try numbers(v, 1...366, line: rr.line, part: "BYYEARDAY")
            case "WKST":
                guard let w = Weekday(icalendarCode: v.uppercased()) else { throw RecurrenceError(line: rr.line, message: "bad WKST \(v)") }
                r.wkst = w
            default:
                throw RecurrenceError(line: rr.line, message: "unsupported RRULE part \(kv[0])")
            }
        }
        switch r.freq {
        case "WEEKLY", "DAILY":
            guard r.byday.allSatisfy({ $0.ordinal == nil }) else {
                throw RecurrenceError(line: rr.line, message: "unsupported BYDAY with an ordinal in FREQ=\(r.freq) (only plain weekdays)")
            }
            guard r.bymonth.isEmpty, r.bymonthday.isEmpty, r.byyearday.isEmpty else {
                throw RecurrenceError(line: rr.line, message: "unsupported BYMONTH, BYMONTHDAY or BYYEARDAY in FREQ=\(r.freq)")
            }
        case "YEARLY":
            if !r.bymonthday.isEmpty || !r.byyearday.isEmpty, r.byday.contains(where: { $0.ordinal != nil }) {
                throw RecurrenceError(line: rr.line, message: "unsupported BYDAY with an ordinal beside BYMONTHDAY or BYYEARDAY")
            }
        case "MONTHLY":
            guard r.byyearday.isEmpty else {
                throw RecurrenceError(line: rr.line, message: "unsupported BYYEARDAY in FREQ=MONTHLY (RFC 5545 does not allow it)")
            }
            if !r.bymonthday.isEmpty, r.byday.contains(where: { $0.ordinal != nil }) {
                throw RecurrenceError(line: rr.line, message: "unsupported BYDAY with an ordinal beside BYMONTHDAY")
            }
            guard r.byday.allSatisfy({ ($0.ordinal ?? 1) >= -5 && ($0.ordinal ?? 1) <= 5 }) else {
                throw RecurrenceError(line: rr.line, message: "bad BYDAY ordinal in FREQ=MONTHLY (a month has at most five of a weekday)")
            }
        default:
            throw RecurrenceError(line: rr.line, message: "unsupported FREQ \(r.freq) (YEARLY, MONTHLY, WEEKLY and DAILY are supported)")
        }
        return r
    }

    /// The dates a YEARLY rule gives in one year (RFC 5545 §3.3.10: BYMONTH, BYYEARDAY,
    /// BYMONTHDAY and BYDAY expand or limit as its table says), sorted.
    private static func yearlyDates(_ r: Rule, year: Int, start: LocalDate) -> [LocalDate] {
        let jan1 = LocalDate.dayNumber(year: year, month: 1, day: 1)
        let yearLength = LocalDate.isLeap(year) ? 366 : 365
        let months = r.bymonth.isEmpty ? nil : Set(r.bymonth)
        let plainDays = Set(r.byday.filter { $0.ordinal == nil }.map(\.weekday))
        var days: [Int] = []  // day numbers
        func dayOfMonth(_ n: Int, _ m: Int) -> Int? {
            let dim = LocalDate.daysIn(month: m, year: year)
            let d = n > 0 ? n : dim + 1 + n
            return (1...dim).contains(d) ? LocalDate.dayNumber(year: year, month: m, day: d) : nil
        }
        if !r.byyearday.isEmpty {
            for n in r.byyearday {
                let offset = n > 0 ? n - 1 : yearLength + n
                guard (0..<yearLength).contains(offset) else { continue }
                days.append(jan1 + offset)
            }
            days = days.filter { d in
                let c = LocalDate(dayNumber: d).components
                return (months?.contains(c.month) ?? true)
                    && (r.bymonthday.isEmpty || r.bymonthday.contains { dayOfMonth($0, c.month) == d })
            }
        } else if !r.bymonthday.isEmpty {
            for m in r.bymonth.isEmpty ? Array(1...12) : r.bymonth {
                for n in r.bymonthday { if let d = dayOfMonth(n, m) { days.append(d) } }
            }
        } else if !r.byday.isEmpty {
            // Each BYDAY within the month (with BYMONTH) or the year, every such weekday or the nth.
            let periods: [(Int, Int)] = r.bymonth.isEmpty
                ? [(jan1, yearLength)]
                : r.bymonth.map { (LocalDate.dayNumber(year: year, month: $0, day: 1), LocalDate.daysIn(month: $0, year: year)) }
            for (first, length) in periods {
                for (ordinal, weekday) in r.byday {
                    let firstMatch = first + (weekday.rawValue - LocalDate(dayNumber: first).weekday.rawValue + 7) % 7
                    let all = Array(stride(from: firstMatch, to: first + length, by: 7))
                    guard let ordinal else {
                        days += all
                        continue
                    }
                    let index = ordinal > 0 ? ordinal - 1 : all.count + ordinal
                    if all.indices.contains(index) { days.append(all[index]) }
                }
            }
            return Set(days).sorted().map { LocalDate(dayNumber: $0) }
        } else {
            let c = start.components
            for m in r.bymonth.isEmpty ? [c.month] : r.bymonth {
                if c.day <= LocalDate.daysIn(month: m, year: year) { days.append(LocalDate.dayNumber(year: year, month: m, day: c.day)) }
            }
        }
        if !plainDays.isEmpty { days = days.filter { plainDays.contains(LocalDate(dayNumber: $0).weekday) } }
        return Set(days).sorted().map { LocalDate(dayNumber: $0) }
    }

    /// The dates a MONTHLY rule gives in one month (RFC 5545 §3.3.10: BYMONTH limits; BYMONTHDAY
    /// expands, and plain BYDAY then limits; without BYMONTHDAY, BYDAY expands to every such
    /// weekday of the month or the nth; with neither, DTSTART's day of the month), sorted.
    private static func monthlyDates(_ r: Rule, year: Int, month: Int, start: LocalDate) -> [LocalDate] {
        if !r.bymonth.isEmpty && !r.bymonth.contains(month) { return [] }
        let first = LocalDate.dayNumber(year: year, month: month, day: 1)
        let length = LocalDate.daysIn(month: month, year: year)
        var days: [Int] = []
        if !r.bymonthday.isEmpty {
            for n in r.bymonthday {
                let d = n > 0 ? n : length + 1 + n
                if (1...length).contains(d) { days.append(first + d - 1) }
            }
            let plain = Set(r.byday.map(\.weekday))
            if !plain.isEmpty { days = days.filter { plain.contains(LocalDate(dayNumber: $0).weekday) } }
        } else if !r.byday.isEmpty {
            for (ordinal, weekday) in r.byday {
                let firstMatch = first + (weekday.rawValue - LocalDate(dayNumber: first).weekday.rawValue + 7) % 7
                let all = Array(stride(from: firstMatch, to: first + length, by: 7))
                guard let ordinal else {
                    days += all
                    continue
                }
                let index = ordinal > 0 ? ordinal - 1 : all.count + ordinal
                if all.indices.contains(index) { days.append(all[index]) }
            }
        } else if start.day <= length {
            days.append(first + start.day - 1)
        }
        return Set(days).sorted().map { LocalDate(dayNumber: $0) }
    }

    /// The instants an RRULE gives from a local DTSTART, each resolved by `resolve`, up to
    /// `horizon` (exclusive). `untilInstant` reads the rule's UNTIL.
    private func starts(
        _ rr: Property, local: LocalDateTime, resolve: (LocalDateTime) -> Int64, horizon: Int64,
        untilInstant: (DateTimeValue) throws(RecurrenceError) -> Int64
    ) throws(RecurrenceError) -> [Int64] {
        let r = try Self.parseRule(rr)
        let until = try r.until.map { v throws(RecurrenceError) in try untilInstant(v) }
        let time = local.time
        let lastDay = LocalDate.dayNumber(year: LocalDate.supportedYears.upperBound + 1, month: 1, day: 1)
        var out: [Int64] = []
        var generated = 0
        // Returns false when the rule has ended.
        func emit(_ d: LocalDate) -> Bool {
            if d < local.date { return true }
            let s = resolve(LocalDateTime(date: d, time: time))
            if let u = until, s > u { return false }
            if s >= horizon { return false }
            out.append(s)
            generated += 1
            if let c = r.count, generated >= c { return false }
            return generated < maxInstancesPerEvent
        }
        if r.freq == "YEARLY" {
            var year = local.date.year
            while year <= LocalDate.supportedYears.upperBound {
                for d in Self.yearlyDates(r, year: year, start: local.date) where !emit(d) { return out }
                year += r.interval
            }
            return out
        }
        if r.freq == "MONTHLY" {
            // Months counted from DTSTART's, every INTERVAL (the interval is capped, so this stays small).
            var index = local.date.year * 12 + local.date.month - 1
            while index / 12 <= LocalDate.supportedYears.upperBound {
                for d in Self.monthlyDates(r, year: index / 12, month: index % 12 + 1, start: local.date) where !emit(d) { return out }
                index += r.interval
            }
            return out
        }
        let byday = r.byday.map(\.weekday)
        var days: [Int] = []  // offsets within a period
        if r.freq == "WEEKLY" {
            let weekdays = byday.isEmpty ? [local.date.weekday] : byday
            days = weekdays.map { ($0.rawValue - r.wkst.rawValue + 7) % 7 }.sorted()
        } else {
            days = [0]
        }
        let periodDays = r.freq == "WEEKLY" ? 7 * r.interval : r.interval
        var periodStart = r.freq == "WEEKLY"
            ? local.date.adding(days: -((local.date.weekday.rawValue - r.wkst.rawValue + 7) % 7))
            : local.date
        while true {
            for off in days {
                let d = periodStart.adding(days: off)
                if r.freq == "DAILY", !byday.isEmpty, !byday.contains(d.weekday) { continue }
                if !emit(d) { return out }
            }
            periodStart = periodStart.adding(days: periodDays)
            if periodStart.dayNumber > lastDay { return out }
        }
    }

    /// When each observance of a VTIMEZONE (RFC 5545 §3.6.5) takes effect, up to `horizon`
    /// (exclusive): every STANDARD and DAYLIGHT block's DTSTART, RRULE and RDATE, read in the
    /// block's TZOFFSETFROM, with the offset and name it switches to. Sorted by instant.
    public func onsets(of timeZone: Component, until horizon: Int64) throws(RecurrenceError) -> [TimeZoneOnset] {
        var out: [TimeZoneOnset] = []
        for block in timeZone.components where block.name == "STANDARD" || block.name == "DAYLIGHT" {
            guard let dt = block.property("DTSTART"), let start = LocalDateTime(basic: dt.value),
                let from = block.property("TZOFFSETFROM").flatMap({ Self.utcOffset($0.value) }),
                let to = block.property("TZOFFSETTO").flatMap({ Self.utcOffset($0.value) })
            else {
                throw RecurrenceError(line: block.line, message: "\(block.name) without a readable DTSTART, TZOFFSETFROM and TZOFFSETTO")
            }
            let name = block.property("TZNAME")?.textValue ?? ""
            let resolve = { (l: LocalDateTime) in l.localSeconds - Int64(from) }
            var instants: [Int64] = []
            if let rr = block.property("RRULE") {
                instants = try starts(rr, local: start, resolve: resolve, horizon: horizon) { u throws(RecurrenceError) in
                    switch u {
                    case .utc(let t): return t
                    case .date(let d): return resolve(LocalDateTime(date: d.adding(days: 1), time: LocalTime(secondsOfDay: 0))) - 1
                    case .floating(let l), .zoned(let l, _): return resolve(l)
                    }
                }
            } else if resolve(start) < horizon {
                instants = [resolve(start)]
            }
            for p in block.properties(named: "RDATE") {
                guard let vs = DateTimeValue.values(of: p) else { throw RecurrenceError(line: p.line, message: "unreadable RDATE") }
                for v in vs {
                    let t: Int64
                    switch v {
                    case .utc(let u): t = u
                    case .floating(let l), .zoned(let l, _): t = resolve(l)
                    case .date(let d): t = resolve(LocalDateTime(date: d, time: LocalTime(secondsOfDay: 0)))
                    }
                    if t < horizon { instants.append(t) }
                }
            }
            for t in instants { out.append(TimeZoneOnset(instant: t, offset: to, name: name, isDaylight: block.name == "DAYLIGHT")) }
        }
        out.sort { ($0.instant, $0.offset) < ($1.instant, $1.offset) }
        return out
    }

    /// `+HHMM` or `+HHMMSS` (§3.3.14) in seconds.
    static func utcOffset(_ s: String) -> Int? {
        let u = Array(s.utf8)
        guard u.count == 5 || u.count == 7, u[0] == UInt8(ascii: "+") || u[0] == UInt8(ascii: "-") else { return nil }
        var parts: [Int] = []
        for i in stride(from: 1, to: u.count, by: 2) {
            guard (48...57).contains(u[i]), (48...57).contains(u[i + 1]) else { return nil }
            parts.append(Int(u[i] - 48) * 10 + Int(u[i + 1] - 48))
        }
        let seconds = parts[0] * 3600 + parts[1] * 60 + (parts.count > 2 ? parts[2] : 0)
        return u[0] == UInt8(ascii: "-") ? -seconds : seconds
    }
}

/// One onset of a VTIMEZONE observance: from `instant` on, local time is UTC + `offset`.
public struct TimeZoneOnset: Hashable, Sendable {
    /// When the offset takes effect, seconds since 1970 UTC.
    public var instant: Int64
    /// The UTC offset from then on, in seconds (TZOFFSETTO).
    public var offset: Int
    /// TZNAME, empty when absent.
    public var name: String
    /// True for a DAYLIGHT block.
    public var isDaylight: Bool
}
