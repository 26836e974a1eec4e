extension Calendar {
    /// The instances of every event that start in `from..<to` (seconds since 1970 UTC), sorted
    /// by start: recurrence rules expanded by ``RecurrenceExpander``, EXDATEs removed,
    /// overrides in place of the instances they replace.
    ///
    /// Times follow RFC 5545 §3.3.5 where calendar clients differ:
    /// - Each instance has DTSTART's wall time in DTSTART's zone, whatever the offset that day:
    ///   a 17:15 class in London is at 17:15 in winter and in summer.
    /// - A wall time the clocks skip (spring forward) is "interpreted using the UTC offset
    ///   before the gap": shifted forward by the gap, 02:30 becomes 03:30.
    /// - A wall time the clocks repeat (fall back) means its first occurrence.
    /// - DURATION's hours, minutes and seconds are exact (`PT1H` is 3,600 s even across a
    ///   change); its days are calendar days (`P1D` ends at the same wall time the next day).
    /// - All-day and floating values are read as UTC.
    ///
    /// - Parameters:
    ///   - from: the start of the window, seconds since 1970 UTC (included).
    ///   - to: the end of the window (excluded).
    ///   - zones: the rules of each zone the events name.
    public func occurrences(
        from: Int64, to: Int64, zones: @escaping @Sendable (String) -> ZoneRules?
    ) throws(RecurrenceError) -> [EventInstance] {
        var vcalendar = Component("VCALENDAR")
        for e in events { vcalendar.components += e.components(stamp: 0) }
        return try RecurrenceExpander(zones: zones).expand(vcalendar, from: from, to: to)
    }

    /// ``occurrences(from:to:zones:)`` with zone rules from a tz database, each zone read once.
    ///
    /// - Parameters:
    ///   - from: the start of the window, seconds since 1970 UTC (included).
    ///   - to: the end of the window (excluded).
    ///   - timeZones: where the zones' rules are read from.
    public func occurrences(from: Int64, to: Int64, timeZones: TimeZoneDatabase) throws(RecurrenceError) -> [EventInstance] {
        // Each zone is read once, not once per instance.
        var known: [String: ZoneRules] = [:]
        for tz in Self.zoneNames(of: events) { known[tz] = try? timeZones.rules(for: tz) }
        let rules = known
        return try occurrences(from: from, to: to) { rules[$0] }
    }

    /// Every zone name the events use.
    static func zoneNames(of events: [Event]) -> Set<String> {
        var out = Set<String>()
        func visit(_ e: Event) {
            for v in [e.start, e.recurrenceID].compactMap({ $0 }) + e.exceptionDates + e.recurrenceDates.map(\.start) {
                if let tz = v.timeZone { out.insert(tz) }
            }
            if case .at(let x) = e.end, let tz = x.timeZone { out.insert(tz) }
            e.overrides.forEach(visit)
        }
        events.forEach(visit)
        return out
    }
}
