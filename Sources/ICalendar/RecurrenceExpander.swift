/// One instance of an event in a window, after recurrence rules, EXDATE, RDATE and
/// RECURRENCE-ID overrides are applied.
public struct EventInstance: Hashable, Sendable {
    public var uid: String
    /// Start and end instants (seconds since the epoch, UTC). All-day and floating values are
    /// read as UTC.
    public var start: Int64
    public var end: Int64
    public var summary: String
    /// STATUS, uppercase, or nil when absent.
    public var status: String?
    /// The instance's RECURRENCE-ID as an instant, for instances of a recurring event.
    public var recurrenceID: Int64?
}

/// Why an event could not be expanded.
public struct RecurrenceError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// Expands the VEVENTs of a calendar into instances (RFC 5545 §3.3.10, §3.8.5).
///
/// Supports what feeds written by ClassFeed and most class timetables use: `FREQ=WEEKLY` and
/// `FREQ=DAILY` with `INTERVAL`, `BYDAY` (plain weekdays), `UNTIL`, `COUNT` and `WKST`;
/// `EXDATE`, `RDATE` and `RECURRENCE-ID` overrides; DTEND or DURATION. Local times resolve with
/// RFC 5545 §3.3.5's rules: a time in a gap is shifted forward by the gap, a repeated time
/// means the first. Durations are exact (`PT30M` is 1,800 s; `P1D` is one calendar day).
public struct RecurrenceExpander: Sendable {
    /// Finds a zone's rules by TZID.
    public let zones: @Sendable (String) -> ZoneRules?
    /// Upper bound on instances generated per event (defends against `FREQ=DAILY` forever).
    public var maxInstancesPerEvent = 1_000_000

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
        var freq = ""
        var interval = 1
        var count: Int?
        var untilInstant: Int64?
        var byday: [Weekday] = []
        var wkst = Weekday.monday
        for part in rr.value.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { throw RecurrenceError(line: rr.line, message: "malformed RRULE part \(part)") }
            let v = String(kv[1])
            switch kv[0].uppercased() {
            case "FREQ": freq = v.uppercased()
            case "INTERVAL":
                guard let n = Int(v), n >= 1 else { throw RecurrenceError(line: rr.line, message: "bad INTERVAL \(v)") }
                interval = n
            case "COUNT":
                guard let n = Int(v), n >= 1 else { throw RecurrenceError(line: rr.line, message: "bad COUNT \(v)") }
                count = n
            case "UNTIL":
                guard let u = DateTimeValue.parse(v, timeZone: nil, isDate: v.count == 8) else {
                    throw RecurrenceError(line: rr.line, message: "bad UNTIL \(v)")
                }
                if case .date(let d) = u, case .zoned(_, let tz) = dtstart, let rules = zones(tz) {
                    // A DATE UNTIL includes that whole local day.
                    untilInstant = rules.instant(for: LocalDateTime(date: d.adding(days: 1), time: LocalTime(secondsOfDay: 0))) - 1
                } else {
                    untilInstant = try instant(u, line: rr.line)
                    if case .date = u { untilInstant! += 86399 }
                }
            case "BYDAY":
                for d in v.split(separator: ",") {
                    guard let w = Weekday(icalendarCode: String(d).uppercased()) else {
                        throw RecurrenceError(line: rr.line, message: "unsupported BYDAY value \(d) (only plain weekdays)")
                    }
                    byday.append(w)
                }
            case "WKST":
                guard let w = Weekday(icalendarCode: v.uppercased()) else { throw RecurrenceError(line: rr.line, message: "bad WKST \(v)") }
                wkst = w
            default:
                throw RecurrenceError(line: rr.line, message: "unsupported RRULE part \(kv[0])")
            }
        }
        guard freq == "WEEKLY" || freq == "DAILY" else {
            throw RecurrenceError(line: rr.line, message: "unsupported FREQ \(freq) (WEEKLY and DAILY are supported)")
        }
        // Walk in the wall time of DTSTART's zone.
        let local: LocalDateTime
        var resolve: (LocalDateTime) -> Int64
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
        let time = local.time
        var days: [Int] = []  // offsets within a period
        if freq == "WEEKLY" {
            let weekdays = byday.isEmpty ? [local.date.weekday] : byday
            days = weekdays.map { ($0.rawValue - wkst.rawValue + 7) % 7 }.sorted()
        } else {
            days = [0]
        }
        let periodDays = freq == "WEEKLY" ? 7 * interval : interval
        var periodStart = freq == "WEEKLY"
            ? local.date.adding(days: -((local.date.weekday.rawValue - wkst.rawValue + 7) % 7))
            : local.date
        var out: [Int64] = []
        var generated = 0
        while generated < maxInstancesPerEvent {
            for off in days {
                let d = periodStart.adding(days: off)
                if freq == "DAILY", !byday.isEmpty, !byday.contains(d.weekday) { continue }
                let s = resolve(LocalDateTime(date: d, time: time))
                if d < local.date { continue }
                if let u = untilInstant, s > u { return out }
                if s >= horizon { return out }
                out.append(s)
                generated += 1
                if let c = count, generated >= c { return out }
            }
            periodStart = periodStart.adding(days: periodDays)
            if periodStart.dayNumber > LocalDate.dayNumber(year: LocalDate.supportedYears.upperBound + 1, month: 1, day: 1) { break }
        }
        return out
    }
}
