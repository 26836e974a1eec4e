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

/// Expands the VEVENTs of a calendar into instances (RFC 5545 §3.3.10, §3.8.4.4, §3.8.5).
///
/// Every RRULE that ``RecurrenceRule`` reads (all frequencies and rule parts, expanded and
/// limited as §3.3.10's table says, BYSETPOS last in each period), several RRULEs on one event
/// (the union, each instance once), `RDATE` (dates, date-times and `VALUE=PERIOD` with an end
/// or a duration, each period keeping its own length), `EXDATE`, and `RECURRENCE-ID` overrides,
/// `RANGE=THISANDFUTURE` included: such an override's move (in wall time), length, summary
/// and status hold for every later instance until another such override. DTSTART always
/// counts as the first instance (§3.8.5.3), also when the rule would not give it.
///
/// Rules are walked in the wall time of DTSTART's zone, and each wall time is resolved to an
/// instant last, with RFC 5545 §3.3.5's rules: a time in a gap is shifted forward by the gap,
/// a repeated time means the first; two wall times that resolve to one instant give one
/// instance. The same holds for HOURLY, MINUTELY and SECONDLY rules (every hour of the wall
/// clock, as python-dateutil counts). A local UNTIL beside a zoned DTSTART is read in that
/// zone, a date UNTIL includes its whole day. Durations are exact (`PT30M` is 1,800 s) except
/// for their days, which are calendar days in the start's zone (`P1D` is 23 hours on the day the
/// clocks go forward).
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
            var later: [LaterChange] = []
            for o in overrides[uid] ?? [] {
                guard let p = o.property("RECURRENCE-ID"), let v = DateTimeValue.values(of: p)?.first else {
                    throw RecurrenceError(line: o.line, message: "unreadable RECURRENCE-ID")
                }
                let id = try instant(v, line: p.line)
                byID[id] = o
                if p.parameter("RANGE")?.value.uppercased() == "THISANDFUTURE" { later.append(try laterChange(o, id: id, master: m)) }
            }
            later.sort { $0.id < $1.id }
            let dtstart = try startValue(m)
            let zone = dtstart.timeZone.flatMap(zones)
            let base = try instance(m, start: nil)
            let duration = base.end - base.start
            let days = try dayDuration(m)
            // An instance that a later change moves back into the window must still be generated.
            let reach = later.map { max(0, -$0.exactShift) + 2 * 86400 }.max() ?? 0
            var starts = try ruleStarts(m, dtstart: dtstart, until: to > Int64.max - reach ? to : to + reach)
            var periodEnds: [Int64: Int64] = [:]
            for p in m.properties(named: "RDATE") {
                guard let values = RecurrenceDate.values(of: p) else {
                    throw RecurrenceError(line: p.line, message: "unreadable RDATE \(p.value) (dates, date-times, or VALUE=PERIOD start/end or start/duration)")
                }
                for v in values {
                    let s = try instant(v.start, line: p.line)
                    starts.append(s)
                    guard case .period(_, let end) = v else { continue }
                    switch end {
                    case .at(let e): periodEnds[s] = try instant(e, line: p.line)
                    case .duration(let d): periodEnds[s] = Self.end(after: s, days: d.days, seconds: d.seconds, in: zone)
                    }
                }
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
                } else if let change = later.last(where: { $0.id < s }) {
                    // RANGE=THISANDFUTURE (§3.8.4.4): the override's changes hold for every later instance.
                    let i = change.apply(to: s, in: zone)
                    if i.start >= from && i.start < to { out.append(i) }
                } else if s >= from && s < to {
                    var i = base
                    i.start = s
                    i.end = periodEnds[s] ?? s + duration
                    if periodEnds[s] == nil, let d = days {
                        // A duration in days adds calendar days in the zone (§3.3.6).
                        i.end = Self.end(after: s, days: d.days, seconds: d.seconds, in: zone)
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
            end = Self.end(after: start, days: d.days, seconds: d.seconds, in: sv.timeZone.flatMap(zones))
        } else if case .date = sv {
            end = start + 86400
        }
        return EventInstance(
            uid: e.property("UID")?.value ?? "", start: start, end: end,
            summary: e.property("SUMMARY")?.textValue ?? "", status: e.property("STATUS")?.value.uppercased(),
            recurrenceID: nil)
    }

    /// An event's DURATION when it has a day part (days are calendar days in the start's zone).
    private func dayDuration(_ e: Component) throws(RecurrenceError) -> (days: Int, seconds: Int)? {
        guard e.property("DTEND") == nil, let p = e.property("DURATION"), let d = Self.parseDuration(p.value), d.days != 0 else {
            return nil
        }
        return d
    }

    /// The end of an instance starting at `start` that lasts `days` calendar days in `zone`
    /// (UTC when nil) and `seconds` exact seconds (RFC 5545 §3.3.6).
    static func end(after start: Int64, days: Int, seconds: Int, in zone: ZoneRules?) -> Int64 {
        guard days != 0 else { return start + Int64(seconds) }
        guard let zone else { return start + Int64(days) * 86400 + Int64(seconds) }
        let local = zone.localDateTime(at: start)
        return zone.instant(for: LocalDateTime(localSeconds: local.localSeconds + Int64(days) * 86400)) + Int64(seconds)
    }

    /// What a RECURRENCE-ID;RANGE=THISANDFUTURE override changes for the instances after it
    /// (RFC 5545 §3.8.4.4): "the specified recurrence instance and all subsequent instances".
    struct LaterChange {
        /// The instance it overrides.
        var id: Int64
        /// The override as an instance: its summary and status apply to later instances.
        var instance: EventInstance
        /// How far it moves its instance, in seconds.
        var exactShift: Int64
        /// How far it moves its instance in wall time, when the series has a zone.
        var wallShift: Int64
        /// Its length: exact seconds, or calendar days and seconds.
        var length: Int64
        var days: (days: Int, seconds: Int)?

        /// The instance `s` of the series, changed as the override changed its own: moved by the
        /// same wall-clock time in the series' zone, with the override's length and properties.
        func apply(to s: Int64, in zone: ZoneRules?) -> EventInstance {
            var i = instance
            if let zone {
                i.start = zone.instant(for: LocalDateTime(localSeconds: zone.localDateTime(at: s).localSeconds + wallShift))
            } else {
                i.start = s + exactShift
            }
            i.end = days.map { RecurrenceExpander.end(after: i.start, days: $0.days, seconds: $0.seconds, in: zone) } ?? i.start + length
            i.recurrenceID = s
            return i
        }
    }

    private func laterChange(_ o: Component, id: Int64, master: Component) throws(RecurrenceError) -> LaterChange {
        let i = try instance(o, start: nil)
        var wall = i.start - id
        if let tz = try startValue(master).timeZone, let zone = zones(tz) {
            wall = zone.localDateTime(at: i.start).localSeconds - zone.localDateTime(at: id).localSeconds
        }
        return LaterChange(
            id: id, instance: i, exactShift: i.start - id, wallShift: wall, length: i.end - i.start, days: try dayDuration(o))
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

    /// Start instants generated by the event's RRULEs (DTSTART included), up to `horizon`
    /// (exclusive). Several RRULEs (RFC 2445 allowed them; RFC 5545 keeps reading them but says
    /// SHOULD NOT) give the union of their instances.
    private func ruleStarts(_ e: Component, dtstart: DateTimeValue, until horizon: Int64) throws(RecurrenceError) -> [Int64] {
        let first = try instant(dtstart, line: e.property("DTSTART")?.line ?? e.line)
        let rrules = e.properties(named: "RRULE")
        guard let firstRule = rrules.first else { return [first] }
        // Walk in the wall time of DTSTART's zone.
        let local: LocalDateTime
        let resolve: (LocalDateTime) -> Int64
        switch dtstart {
        case .zoned(let l, let tz):
            guard let rules = zones(tz) else { throw RecurrenceError(line: firstRule.line, message: "unknown TZID \(tz)") }
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
        var out: [Int64] = []
        for rr in rrules {
            out += try starts(rr, local: local, resolve: resolve, horizon: horizon) { u throws(RecurrenceError) in
                switch u {
                // A DATE UNTIL includes that whole day, in DTSTART's zone.
                case .date(let d): return resolve(LocalDateTime(date: d.adding(days: 1), time: LocalTime(secondsOfDay: 0))) - 1
                // A local UNTIL beside a zoned DTSTART (RFC 5545 wants UTC; feeds have it) is read in DTSTART's zone.
                case .floating(let l): return resolve(l)
                case .utc(let t): return t
                case .zoned: return try instant(u, line: rr.line)
                }
            }
        }
        return out
    }

    /// The instants an RRULE gives from a local DTSTART, DTSTART first (RFC 5545 §3.8.5.3: "The
    /// DTSTART property value always counts as the first occurrence"), each resolved by
    /// `resolve`, up to `horizon` (exclusive). `untilInstant` reads the rule's UNTIL.
    private func starts(
        _ rr: Property, local: LocalDateTime, resolve: (LocalDateTime) -> Int64, horizon: Int64,
        untilInstant: (DateTimeValue) throws(RecurrenceError) -> Int64
    ) throws(RecurrenceError) -> [Int64] {
        let rule: RecurrenceRule
        do throws(CalendarError) { rule = try RecurrenceRule(parsing: rr.value) } catch {
            throw RecurrenceError(line: rr.line, message: error.message)
        }
        var until: Int64?
        var count = Int.max
        switch rule.end {
        case .never: break
        case .count(let n): count = n
        case .until(let u): until = try untilInstant(u)
        }
        let limit = min(count, maxInstancesPerEvent)
        var out: [Int64] = []
        // Returns false when the rule has ended.
        func emit(_ l: LocalDateTime) -> Bool {
            let s = resolve(l)
            if let until, s > until { return false }
            if s >= horizon { return false }
            // A wall time in a gap, shifted forward onto the next one, is one instance, counted once.
            if s == out.last { return true }
            out.append(s)
            return out.count < limit
        }
        guard emit(local) else { return out }
        rule.walk(from: local) { l in l <= local || emit(l) }
        return out
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
