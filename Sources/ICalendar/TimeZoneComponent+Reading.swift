extension TimeZoneComponent {
    /// The zone a VTIMEZONE read from a feed describes (RFC 5545 §3.6.5): each STANDARD and
    /// DAYLIGHT block takes effect at its DTSTART, RRULE and RDATE instants (read in its
    /// TZOFFSETFROM) with its TZOFFSETTO and TZNAME; before the earliest one, the earliest
    /// block's TZOFFSETFROM. Rules without an end run to the last supported year.
    ///
    /// For TZIDs that are not IANA names (a Windows name with Outlook's VTIMEZONE, a custom
    /// zone): ``Calendar/occurrences(from:to:timeZones:diagnostics:)`` prefers the tz
    /// database when the TZID is an IANA name.
    static func rules(of vtimezone: Component) throws(RecurrenceError) -> ZoneRules {
        guard let tzid = vtimezone.property("TZID")?.value, !tzid.isEmpty else {
            throw RecurrenceError(line: vtimezone.line, message: "VTIMEZONE without a TZID")
        }
        let horizon = Int64(LocalDate.distantFuture.dayNumber + 1) * 86400
        let expander = RecurrenceExpander { _ in nil }
        // A DTSTART written as a date (DTSTART;VALUE=DATE:20170101) is read as its midnight; a
        // yearly rule's BYHOUR/BYMINUTE (Lotus Notes writes them) sets the time of DTSTART.
        var vtimezone = vtimezone
        for k in vtimezone.components.indices {
            var block = vtimezone.components[k]
            guard let j = block.properties.firstIndex(where: { $0.name == "DTSTART" }) else { continue }
            let v = block.properties[j].value
            if v.utf8.count == 8, LocalDate(basic: v) != nil { block.properties[j].value = v + "T000000" }
            if let r = block.properties.firstIndex(where: { $0.name == "RRULE" }), let start = LocalDateTime(basic: block.properties[j].value) {
                var hour = start.time.secondsOfDay / 3600
                var minute = start.time.secondsOfDay / 60 % 60
                var parts: [Substring] = []
                for part in block.properties[r].value.split(separator: ";") {
                    let kv = part.split(separator: "=", maxSplits: 1)
                    let name = kv.first?.uppercased() ?? ""
                    if kv.count == 2, name == "BYHOUR" || name == "BYMINUTE" || name == "BYSECOND" {
                        if let n = Int(kv[1]) { if name == "BYHOUR" { hour = n } else if name == "BYMINUTE" { minute = n } }
                        continue
                    }
                    parts.append(part)
                }
                if let time = LocalTime(hour: hour, minute: minute, second: 0) {
                    block.properties[r].value = parts.joined(separator: ";")
                    block.properties[j].value = LocalDateTime(date: start.date, time: time).basicFormat
                }
            }
            vtimezone.components[k] = block
        }
        let onsets = try expander.onsets(of: vtimezone, until: horizon)
        guard !onsets.isEmpty else {
            throw RecurrenceError(line: vtimezone.line, message: "VTIMEZONE \(tzid) has no STANDARD or DAYLIGHT block")
        }
        // Before the first onset: the offset the earliest block changes from.
        var initial = ZoneOffset(seconds: onsets[0].offset, isDaylight: onsets[0].isDaylight, abbreviation: onsets[0].name)
        var earliest: LocalDateTime?
        for block in vtimezone.components where block.name == "STANDARD" || block.name == "DAYLIGHT" {
            guard let start = block.property("DTSTART").flatMap({ LocalDateTime(basic: $0.value) }),
                let from = block.property("TZOFFSETFROM").flatMap({ RecurrenceExpander.utcOffset($0.value) })
            else { continue }
            if earliest.map({ start < $0 }) ?? true {
                earliest = start
                initial = ZoneOffset(seconds: from, isDaylight: false, abbreviation: "")
            }
        }
        let changes = onsets.map { o in
            (instant: o.instant, offset: ZoneOffset(seconds: o.offset, isDaylight: o.isDaylight, abbreviation: o.name))
        }
        return ZoneRules(identifier: tzid, initial: initial, changes: changes)
    }
}
