extension Calendar {
    /// The instances of every event that start in `from..<to` (seconds since 1970 UTC), sorted
    /// by start: recurrence rules expanded by ``RecurrenceExpander``, EXDATEs removed,
    /// overrides in place of the instances they replace. The first event that cannot be
    /// expanded throws; ``occurrences(from:to:zones:diagnostics:)`` skips it instead.
    ///
    /// Times follow RFC 5545 §3.3.5 where calendar clients differ:
    /// - Each instance has DTSTART's wall time in DTSTART's zone, whatever the offset that day:
    ///   a 17:15 class in London is at 17:15 in winter and in summer.
    /// - A wall time the clocks skip (spring forward) is "interpreted using the UTC offset
    ///   before the gap": shifted forward by the gap, 02:30 becomes 03:30.
    /// - A wall time the clocks repeat (fall back) means its first occurrence.
    /// - DURATION's hours, minutes and seconds are exact (`PT1H` is 3,600 s even across a
    ///   change); its days are calendar days (`P1D` ends at the same wall time the next day).
    /// - All-day values are read as UTC; floating values in the zone the calendar's
    ///   X-WR-TIMEZONE names, else as UTC.
    ///
    /// A TZID is looked up in `zones` when it is an IANA name; otherwise the feed's own
    /// VTIMEZONE with that TZID is used (``timeZones``), then a Windows zone name
    /// ("Eastern Standard Time") is mapped to its IANA zone, and a globally unique TZID
    /// (`/mozilla.org/20070129_1/Europe/Berlin`) is read as the IANA name it ends with.
    ///
    /// - Parameters:
    ///   - from: the start of the window, seconds since 1970 UTC (included).
    ///   - to: the end of the window (excluded).
    ///   - zones: the rules of each zone the events name.
    public func occurrences(
        from: Int64, to: Int64, zones: @escaping @Sendable (String) -> ZoneRules?
    ) throws(RecurrenceError) -> [EventInstance] {
        var log = ExpansionLog(strict: true)
        return try expand(from: from, to: to, zones: zones, log: &log)
    }

    /// ``occurrences(from:to:zones:)`` with zone rules from a tz database, each zone read once.
    ///
    /// - Parameters:
    ///   - from: the start of the window, seconds since 1970 UTC (included).
    ///   - to: the end of the window (excluded).
    ///   - timeZones: where the zones' rules are read from.
    public func occurrences(from: Int64, to: Int64, timeZones: TimeZoneDatabase) throws(RecurrenceError) -> [EventInstance] {
        var log = ExpansionLog(strict: true)
        return try expand(from: from, to: to, zones: Self.lookup(in: timeZones), log: &log)
    }

    /// ``occurrences(from:to:zones:)``, leniently: an event that cannot be expanded (a zone
    /// that cannot be found, a rule or value the expander does not support) is left out and
    /// reported in `diagnostics` with its line and UID; every other event is expanded. Values
    /// read in a way of their own are reported too: DTEND before DTSTART (the two are read the
    /// other way round, as the times the event lies between), an EXDATE that is a date on a
    /// timed series (it removes the instances on that day in DTSTART's zone).
    ///
    /// - Parameters:
    ///   - from: the start of the window, seconds since 1970 UTC (included).
    ///   - to: the end of the window (excluded).
    ///   - zones: the rules of each zone the events name.
    ///   - diagnostics: where what was left out or read in a way of its own is appended.
    public func occurrences(
        from: Int64, to: Int64, zones: @escaping @Sendable (String) -> ZoneRules?, diagnostics: inout [ICalendarDiagnostic]
    ) -> [EventInstance] {
        var log = ExpansionLog(strict: false)
        defer { diagnostics += log.diagnostics }
        return (try? expand(from: from, to: to, zones: zones, log: &log)) ?? []
    }

    /// ``occurrences(from:to:zones:diagnostics:)`` with zone rules from a tz database.
    ///
    /// - Parameters:
    ///   - from: the start of the window, seconds since 1970 UTC (included).
    ///   - to: the end of the window (excluded).
    ///   - timeZones: where the zones' rules are read from.
    ///   - diagnostics: where what was left out or read in a way of its own is appended.
    public func occurrences(
        from: Int64, to: Int64, timeZones: TimeZoneDatabase, diagnostics: inout [ICalendarDiagnostic]
    ) -> [EventInstance] {
        occurrences(from: from, to: to, zones: Self.lookup(in: timeZones), diagnostics: &diagnostics)
    }

    /// Looks zones up in a database (each name is resolved once per expansion, see ``expand``).
    static func lookup(in database: TimeZoneDatabase) -> @Sendable (String) -> ZoneRules? {
        { try? database.rules(for: $0) }
    }

    /// Expands every event on its own, so that one that fails loses only itself.
    func expand(
        from: Int64, to: Int64, zones lookup: (String) -> ZoneRules?, log: inout ExpansionLog
    ) throws(RecurrenceError) -> [EventInstance] {
        var names = Self.zoneNames(of: events)
        let floatingZone = otherProperties.first { $0.name == "X-WR-TIMEZONE" }.map(\.textValue)
        if let floatingZone { names.insert(floatingZone) }
        var known: [String: ZoneRules] = [:]
        for name in names.sorted() {
            if let r = resolveZone(name, lookup, log: &log) { known[name] = r }
        }
        let rules = known
        let expander = RecurrenceExpander { rules[$0] }
        let floating = floatingZone.flatMap { rules[$0] == nil ? nil : $0 }
        var out: [EventInstance] = []
        let unknown = names.filter { rules[$0] == nil }
        for original in events {
            var e = original
            if !log.strict, !unknown.isEmpty, let tz = Self.zoneNames(of: [e]).intersection(unknown).sorted().first {
                // As Outlook and python icalendar do: a zone nobody can find is no zone at all.
                try log.note(e, "unknown TZID \(tz) (no VTIMEZONE in the feed, not an IANA or Windows zone name): its times are read as floating")
                e = e.mappingTimes { if case .zoned(let l, let z) = $0, unknown.contains(z) { .floating(l) } else { $0 } }
            }
            if let floating { e = e.mappingTimes { $0.inZone(floating) } }
            // EXDATE;VALUE=DATE on a timed series: every instance on that day goes (below).
            var excludedDays = Set<LocalDate>()
            if e.start.kindOfTime {
                for x in e.exceptionDates { if case .date(let d) = x { excludedDays.insert(d) } }
                if !excludedDays.isEmpty {
                    e.exceptionDates.removeAll { if case .date = $0 { true } else { false } }
                    try log.note(e, "EXDATE with VALUE=DATE on a series with times (RFC 5545 §3.8.5.1 wants DTSTART's kind): every instance on that day is removed")
                }
            }
            // A RECURRENCE-ID of another kind than DTSTART (a TZID time on an all-day series)
            // names the instance with that wall time, as python icalendar and Outlook read it.
            for k in e.overrides.indices {
                guard let rid = e.overrides[k].recurrenceID, let matched = rid.matchingKind(of: e.start), matched != rid else { continue }
                try log.note(e.overrides[k], "RECURRENCE-ID is \(rid.kindName) but DTSTART is \(e.start.kindName) (RFC 5545 §3.8.4.4 wants the same kind): read as the instance at that wall time")
                e.overrides[k].recurrenceID = matched
            }
            // An override older than its series (a lower SEQUENCE) for an instance the series no
            // longer has is a leftover of an earlier version: dropped, as clients do.
            if e.overrides.contains(where: { ($0.sequence ?? 0) < (e.sequence ?? 0) }) {
                var series = e
                series.overrides = []
                let calendar = Component("VCALENDAR", components: series.components(stamp: 0))
                var kept: [Event] = []
                for o in e.overrides {
                    if (o.sequence ?? 0) < (e.sequence ?? 0), let rid = o.recurrenceID, let t = try? expander.instant(rid),
                        let list = try? expander.expand(calendar, from: t, to: t + 1), list.isEmpty
                    {
                        try log.note(o, "an override with a lower SEQUENCE than its series, for an instance the series does not have: left out as a leftover of an earlier version")
                        continue
                    }
                    kept.append(o)
                }
                e.overrides = kept
            }
            // An override whose series is not in the feed stands alone, at its own time.
            let orphanID = e.recurrenceID
            e.recurrenceID = nil
            var got: [EventInstance]
            do throws(RecurrenceError) {
                let calendar = Component("VCALENDAR", components: e.components(stamp: 0))
                got = try expander.expand(calendar, from: from, to: to)
                if let orphanID {
                    // One instance, its own: a rule or RDATE on an override means nothing (§3.8.4.4).
                    let rid = try expander.instant(orphanID)
                    let own = try expander.instant(e.start)
                    got = got.filter { $0.start == own }.prefix(1).map { i in
                        var i = i
                        i.recurrenceID = rid
                        return i
                    }
                }
            } catch {
                try log.skip(e, error)
                continue
            }
            try noteUnexpandedPeriods(of: e, got, from: from, to: to, expander: expander, log: &log)
            if !excludedDays.isEmpty {
                let zone = e.start.timeZone.flatMap { rules[$0] }
                got.removeAll { i in
                    let t = i.recurrenceID ?? i.start
                    let day = zone.map { $0.localDateTime(at: t).date } ?? LocalDateTime(localSeconds: t).date
                    return excludedDays.contains(day)
                }
            }
            if got.contains(where: { $0.end < $0.start }) {
                try log.note(e, "DTEND before DTSTART (RFC 5545 §3.6.1 wants it later): read the other way round")
                for k in got.indices where got[k].end < got[k].start { (got[k].start, got[k].end) = (got[k].end, got[k].start) }
            }
            out += got
        }
        out.sort { ($0.start, $0.uid) < ($1.start, $1.uid) }
        return out
    }

    /// Never silently: an RDATE;VALUE=PERIOD (RFC 5545 §3.8.5.2) whose start is in the window
    /// but gave no instance (the expander does not read periods) is noted.
    func noteUnexpandedPeriods(
        of e: Event, _ got: [EventInstance], from: Int64, to: Int64, expander: RecurrenceExpander, log: inout ExpansionLog
    ) throws(RecurrenceError) {
        for p in e.otherProperties where p.name == "RDATE" && p.parameter("VALUE")?.value.uppercased() == "PERIOD" {
            let tz = p.parameter("TZID")?.value
            for period in p.value.split(separator: ",") {
                guard let first = period.split(separator: "/").first,
                    let v = DateTimeValue.parse(first, timeZone: tz, isDate: first.utf8.count == 8),
                    let t = try? expander.instant(v), t >= from, t < to,
                    !got.contains(where: { $0.start == t || $0.recurrenceID == t })
                else { continue }
                try log.note(e, "RDATE;VALUE=PERIOD \(period) gave no instance: periods are not expanded yet, that instance is left out")
            }
        }
    }

    /// The rules a TZID stands for: the tz database's when it is an IANA name, else the feed's
    /// VTIMEZONE, else the IANA zone of a Windows name or of a globally unique TZID's tail.
    func resolveZone(_ name: String, _ lookup: (String) -> ZoneRules?, log: inout ExpansionLog) -> ZoneRules? {
        if TimeZoneDatabase.isWellFormedName(name), let r = lookup(name) { return r }
        if let vtimezone = timeZones.first(where: { $0.property("TZID")?.value == name }) {
            do throws(RecurrenceError) {
                return try TimeZoneComponent.rules(of: vtimezone)
            } catch {
                log.diagnostics.append(ICalendarDiagnostic(line: error.line, message: error.message))
            }
        }
        if let iana = WindowsZoneNames.ianaName(for: name), let r = lookup(iana) { return r }
        if name.hasPrefix("/") {
            let parts = name.split(separator: "/")
            for k in parts.indices {
                let tail = parts[k...].joined(separator: "/")
                if TimeZoneDatabase.isWellFormedName(tail), let r = lookup(tail) { return r }
            }
        }
        return nil
    }

    /// Every zone name the events use.
    static func zoneNames(of events: [Event]) -> Set<String> {
        var out = Set<String>()
        func visit(_ e: Event) {
            for v in [e.start, e.recurrenceID].compactMap({ $0 }) + e.exceptionDates + e.recurrenceDates.map(\.start) {
                if let tz = v.timeZone { out.insert(tz) }
            }
            if case .at(let x) = e.end, let tz = x.timeZone { out.insert(tz) }
            for p in e.otherProperties where p.name == "RDATE" { if let tz = p.parameter("TZID")?.value { out.insert(tz) } }
            e.overrides.forEach(visit)
        }
        events.forEach(visit)
        return out
    }
}

/// How an expansion goes: strict (the first failure throws) or lenient (events that fail are
/// left out and noted).
struct ExpansionLog {
    let strict: Bool
    var diagnostics: [ICalendarDiagnostic] = []

    /// An event that cannot be expanded: throws when strict, else notes it.
    mutating func skip(_ e: Event, _ error: RecurrenceError) throws(RecurrenceError) {
        let line = error.line == 0 ? e.sourceLine.value : error.line
        if strict { throw RecurrenceError(line: line, message: error.message) }
        diagnostics.append(ICalendarDiagnostic(line: line, message: error.message + " (the event is left out)", uid: e.uid))
    }

    /// A value read in a way of its own; noted when lenient.
    mutating func note(_ e: Event, _ message: String) throws(RecurrenceError) {
        if !strict { diagnostics.append(ICalendarDiagnostic(line: e.sourceLine.value, message: message, uid: e.uid)) }
    }
}

extension DateTimeValue {
    /// True for a DATE-TIME (UTC, zoned or floating), false for a DATE.
    var kindOfTime: Bool {
        if case .date = self { return false }
        return true
    }

    /// This value as the kind of `start` when the kinds differ, keeping the wall time (the
    /// date for an all-day `start`); nil when it cannot be (a UTC value against a zoned start).
    func matchingKind(of start: DateTimeValue) -> DateTimeValue? {
        switch (start, self) {
        case (.date, .date), (.zoned, .zoned), (.utc, .utc), (.floating, .floating), (.zoned, .utc), (.utc, .zoned): return self
        case (.date, .zoned(let l, _)), (.date, .floating(let l)): return .date(l.date)
        case (.date, .utc(let t)): return .date(LocalDateTime(localSeconds: t).date)
        case (.zoned(let s, let tz), .date(let d)): return .zoned(LocalDateTime(date: d, time: s.time), timeZone: tz)
        case (.zoned(_, let tz), .floating(let l)): return .zoned(l, timeZone: tz)
        case (.floating(let s), .date(let d)): return .floating(LocalDateTime(date: d, time: s.time))
        case (.floating, .zoned(let l, _)): return .floating(l)
        case (.utc(let t), .date(let d)): return .utc(LocalDateTime(date: d, time: LocalDateTime(localSeconds: t).time).localSeconds)
        case (.utc, .floating(let l)): return .utc(l.localSeconds)
        case (.floating, .utc): return nil
        }
    }

    /// A floating time read in `zone`; other values unchanged.
    func inZone(_ zone: String) -> DateTimeValue {
        if case .floating(let l) = self { return .zoned(l, timeZone: zone) }
        return self
    }
}

extension Event {
    /// The event with every date or time (its overrides' too) passed through `change`.
    func mappingTimes(_ change: (DateTimeValue) -> DateTimeValue) -> Event {
        var e = self
        e.start = change(start)
        if case .at(let x) = end { e.end = .at(change(x)) }
        e.exceptionDates = exceptionDates.map(change)
        e.recurrenceID = recurrenceID.map(change)
        e.overrides = overrides.map { $0.mappingTimes(change) }
        return e
    }
}
