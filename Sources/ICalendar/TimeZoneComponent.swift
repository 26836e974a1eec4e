/// Builds a VTIMEZONE (RFC 5545 §3.6.5) from tz database rules.
///
/// The blocks are derived from the zone's real transitions, not from "the offset today": every
/// offset change within the requested span is covered, with the tz database's abbreviations in
/// TZNAME. Transitions that repeat yearly on the same weekday rule become one block with
/// `RRULE:FREQ=YEARLY;BYMONTH=m;BYDAY=nSU` (one ordinal BYDAY: the only form Outlook reads,
/// MS-OXCICAL §2.1.3.1.1.19), closed with a UTC UNTIL where the rule changed. A zone without
/// daylight time still gets its STANDARD block.
///
/// A footer change stated at a time below 0 or from 24:00 on (America/Nuuk's `M3.5.0/-1`,
/// Africa/Cairo's `M10.5.4/24`) falls on another day than its `Mm.w.d` date, and no one-ordinal
/// BYDAY holds for it in every year; it gets a rule on the shifted window of days instead
/// (`BYDAY=SA;BYMONTHDAY=24,...,30`, see `ShiftedChange`). Outlook does not read that form, but
/// the one-ordinal form it does read would put a week an hour off in some years for every client.
public enum TimeZoneComponent {
    /// A VTIMEZONE for `rules` that is exact for every instant in `span` (seconds since the epoch).
    public static func make(_ rules: ZoneRules, covering span: ClosedRange<Int64>) -> Component {
        let year: Int64 = 366 * 86400
        var list = Array(rules.transitions(from: span.lowerBound - year, to: span.upperBound + year))
        if list.first.map({ $0.instant > span.lowerBound }) ?? true,
            let before = rules.transition(atOrBefore: span.lowerBound)
        {
            list.insert(before, at: 0)
        }
        let shape = Shape(shifts: ShiftedChange.all(in: rules))
        var blocks: [Component] = []
        if list.isEmpty || list[0].instant > span.lowerBound {
            // The offset in force at the span's start has no transition to anchor it: state it
            // as a STANDARD block from 1970 (or the first transition's "before" offset).
            let o = list.first?.before ?? rules.initial
            blocks.append(
                block(
                    daylight: o.isDaylight, start: LocalDateTime(localSeconds: 0), from: o.seconds, to: o.seconds,
                    name: o.abbreviation, rrule: nil))
        }
        for group in shape.groups(list) {
            let first = group.members[0]
            let start = LocalDateTime(localSeconds: first.instant + Int64(first.before.seconds))
            var rrule: String?
            if group.members.count > 1 {
                if let shift = group.key.shift {
                    rrule = shift.rrule(weekday: start.date.weekday)
                } else {
                    let byday = (group.isLast ? "-1" : String(group.nth)) + start.date.weekday.icalendarCode
                    rrule = "FREQ=YEARLY;BYMONTH=\(start.date.month);BYDAY=\(byday)"
                }
                // A rule that stopped inside the span's horizon is closed with UNTIL; one that
                // carries on past it (its next transition follows the pattern) stays open.
                if let last = group.members.last, last.instant <= span.upperBound,
                    !shape.continues(group, rules.transitions(from: last.instant + 1, to: Int64.max).first { shape.key($0) == shape.key(last) })
                {
                    rrule! += ";UNTIL=" + Property.utcString(last.instant)
                }
            }
            blocks.append(
                block(
                    daylight: first.after.isDaylight, start: start, from: first.before.seconds,
                    to: first.after.seconds, name: first.after.abbreviation, rrule: rrule))
        }
        var tz = Component("VTIMEZONE", properties: [Property("TZID", raw: rules.identifier)])
        tz.components = blocks
        return tz
    }

    private struct Key: Hashable {
        var daylight: Bool
        var from: Int
        var to: Int
        var name: String
        /// The month of the change; 0 for a shifted change, whose month can vary.
        var month: Int
        var weekday: Weekday
        var timeOfDay: Int
        /// The footer change this transition is an instance of, when it falls on another day
        /// than its `Mm.w.d` date.
        var shift: ShiftedChange?
    }

    private struct Group {
        var key: Key
        var members: [ZoneTransition]
        var lastYear: Int
        var isLast: Bool
        var nth: Int
    }

    /// How transitions are keyed and grouped into yearly rules, knowing the footer's shifted changes.
    private struct Shape {
        let shifts: [ShiftedChange]

        /// The shifted change `t` is an instance of, and the year whose rule it is.
        private func shifted(_ t: ZoneTransition) -> (ShiftedChange, year: Int)? {
            guard !shifts.isEmpty else { return nil }
            let local = LocalDateTime(localSeconds: t.instant + Int64(t.before.seconds))
            for s in shifts where s.timeOfDay == local.time.secondsOfDay && s.from == t.before.seconds && s.to == t.after.seconds {
                for y in (local.date.year - 1)...(local.date.year + 1) where s.date(ruleYear: y) == local.date {
                    return (s, y)
                }
            }
            return nil
        }

        func key(_ t: ZoneTransition) -> Key {
            let local = LocalDateTime(localSeconds: t.instant + Int64(t.before.seconds))
            let shift = shifted(t)?.0
            return Key(
                daylight: t.after.isDaylight, from: t.before.seconds, to: t.after.seconds,
                name: t.after.abbreviation, month: shift == nil ? local.date.month : 0, weekday: local.date.weekday,
                timeOfDay: local.time.secondsOfDay, shift: shift)
        }

        func position(_ t: ZoneTransition) -> (year: Int, nth: Int, isLast: Bool) {
            if let (_, year) = shifted(t) { return (year, 0, false) }
            let d = LocalDateTime(localSeconds: t.instant + Int64(t.before.seconds)).date
            let c = d.components
            return (c.year, (c.day - 1) / 7 + 1, c.day + 7 > LocalDate.daysIn(month: c.month, year: c.year))
        }

        func continues(_ g: Group, _ next: ZoneTransition?) -> Bool {
            guard let t = next else { return false }
            let p = position(t)
            return key(t) == g.key && p.year == g.lastYear + 1
                && (g.key.shift != nil || (g.isLast && p.isLast) || (g.nth > 0 && p.nth == g.nth))
        }

        /// Partitions transitions into runs that one yearly rule describes.
        func groups(_ list: [ZoneTransition]) -> [Group] {
            var done: [Group] = []
            var open: [Key: Group] = [:]
            var order: [Key] = []
            for t in list {
                let k = key(t)
                let p = position(t)
                if var g = open[k], continues(g, t) {
                    g.isLast = g.isLast && p.isLast
                    if g.nth != p.nth { g.nth = 0 }
                    g.members.append(t)
                    g.lastYear = p.year
                    open[k] = g
                    continue
                }
                if let g = open[k] { done.append(g) } else { order.append(k) }
                open[k] = Group(key: k, members: [t], lastYear: p.year, isLast: p.isLast, nth: p.nth)
            }
            for k in order { if let g = open[k] { done.append(g) } }
            // A group whose pattern is neither "last", a fixed ordinal nor a shifted footer change
            // cannot be one RRULE: split it.
            var result: [Group] = []
            for g in done {
                if g.key.shift != nil || g.isLast || g.nth > 0 || g.members.count == 1 {
                    result.append(g)
                } else {
                    for m in g.members {
                        let p = position(m)
                        result.append(Group(key: g.key, members: [m], lastYear: p.year, isLast: p.isLast, nth: p.nth))
                    }
                }
            }
            return result.sorted { $0.members[0].instant < $1.members[0].instant }
        }
    }

    private static func block(
        daylight: Bool, start: LocalDateTime, from: Int, to: Int, name: String, rrule: String?
    ) -> Component {
        var c = Component(daylight ? "DAYLIGHT" : "STANDARD")
        c.properties.append(Property("DTSTART", raw: start.basicFormat))
        c.properties.append(Property("TZOFFSETFROM", raw: offsetString(from)))
        c.properties.append(Property("TZOFFSETTO", raw: offsetString(to)))
        if let rrule { c.properties.append(Property("RRULE", raw: rrule)) }
        if !name.isEmpty { c.properties.append(Property("TZNAME", text: name)) }
        return c
    }

    /// `+HHMM` or `+HHMMSS` (UTC-OFFSET, §3.3.14). "-0000" is not allowed, so zero is "+0000".
    public static func offsetString(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let a = abs(seconds)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var s = sign + two(a / 3600) + two(a / 60 % 60)
        if a % 60 != 0 { s += two(a % 60) }
        return s
    }
}
