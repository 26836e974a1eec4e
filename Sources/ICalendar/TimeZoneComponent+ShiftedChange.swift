extension TimeZoneComponent {
    /// A change of a zone's POSIX TZ footer whose time is below 0 or from 24:00 on (RFC 8536
    /// §3.3.1 allows -167 to 167 hours), so it falls on another day than its `Mm.w.d` date.
    ///
    /// America/Nuuk's `M3.5.0/-1` is 23:00 on the Saturday before the last Sunday of March. That
    /// is not "the last Saturday" (`BYDAY=-1SA`), which differs whenever 31 March is a Saturday
    /// (2029, 2035, 2040), nor any other one-ordinal BYDAY. The change is on weekday `d + k` of
    /// the 7 days that hold `Mm.w.d` moved by the `k` whole days, and that window is a fixed set
    /// of month days or, when it crosses a month's end, of year days (counted from the year's
    /// start before March, from its end after February, so that 29 February moves nothing):
    /// `FREQ=YEARLY;BYMONTH=3;BYDAY=SA;BYMONTHDAY=24,25,26,27,28,29,30` holds in every year.
    struct ShiftedChange: Hashable, Sendable {
        var month: Int
        /// 1...4, or 5 for the last.
        var week: Int
        /// POSIX numbering, 0 = Sunday.
        var weekday: Int
        /// Whole days from the `Mm.w.d` date to the change's local date.
        var dayShift: Int
        /// Seconds after local midnight of the change, in the offset before it.
        var timeOfDay: Int
        /// Offsets before and after the change.
        var from: Int
        var to: Int

        /// The footer's changes that need a window rule: `Mm.w.d` changes on another day.
        static func all(in rules: ZoneRules) -> [ShiftedChange] {
            guard let text = rules.posixRule, let rule = try? POSIXTimeZoneRule(text), let dst = rule.daylight,
                let on = rule.daylightStart, let off = rule.daylightEnd
            else { return [] }
            var out: [ShiftedChange] = []
            for (when, from, to) in [(on, rule.standard.seconds, dst.seconds), (off, dst.seconds, rule.standard.seconds)] {
                // Floor division: -1 h is the day before at 23:00.
                let k = when.time >= 0 ? when.time / 86400 : -((-when.time + 86399) / 86400)
                // RFC 8536 §3.3.1 bounds the time to ±167 hours, so a week either way; anything
                // further is damaged data, left to the general grouping.
                guard k != 0, (-7...7).contains(k), case .monthWeekDay(let m, let w, let d) = when.rule else { continue }
                out.append(ShiftedChange(
                    month: m, week: w, weekday: d, dayShift: k, timeOfDay: when.time - k * 86400, from: from, to: to))
            }
            return out
        }

        /// The local date of the change that year `y`'s rule makes (it may fall in `y - 1` or `y + 1`).
        func date(ruleYear y: Int) -> LocalDate {
            POSIXTimeZoneRule.DateRule.monthWeekDay(month: month, week: week, weekday: weekday)
                .date(inYear: y).adding(days: dayShift)
        }

        /// The yearly rule, on `weekday` (the changes' weekday) within the shifted window.
        func rrule(weekday: Weekday) -> String {
            let day = weekday.icalendarCode
            if let days = monthDays() {
                return "FREQ=YEARLY;BYMONTH=\(month);BYDAY=\(day);BYMONTHDAY=" + days.map(String.init).joined(separator: ",")
            }
            return "FREQ=YEARLY;BYDAY=\(day);BYYEARDAY=" + yearDays().map(String.init).joined(separator: ",")
        }

        /// The window as days of `month` that name the same days in every year, if it stays in the month.
        private func monthDays() -> [Int]? {
            if month == 2 && week == 5 {
                // The last 7 days of February, counted from its end.
                let last = -1 + dayShift
                return last <= -1 && last - 6 >= -28 ? Array((last - 6)...last) : nil
            }
            let length = month == 2 ? 28 : LocalDate.daysIn(month: month, year: 2001)
            let first = (week == 5 ? length - 6 : 7 * week - 6) + dayShift
            return first >= 1 && first + 6 <= length ? Array(first...(first + 6)) : nil
        }

        /// The window as days of the year that name the same days in every year: counted from
        /// the start for a window based in January or February's first four weeks, from the end
        /// otherwise; a day pushed over the year's edge is counted from the other edge.
        private func yearDays() -> [Int] {
            let fromStart = month == 1 || (month == 2 && week != 5)
            let length = month == 2 ? 28 : LocalDate.daysIn(month: month, year: 2001)
            let firstDay = week == 5 ? length - 6 : 7 * week - 6
            // Day of a common year (2001), 1-based.
            let dayOfYear = LocalDate.dayNumber(year: 2001, month: month, day: firstDay) - LocalDate.dayNumber(year: 2001, month: 1, day: 1) + 1
            let base = fromStart ? dayOfYear : dayOfYear - 366
            var out: [Int] = []
            for i in 0..<7 {
                let v = base + dayShift + i
                if fromStart { out.append(v >= 1 ? v : v - 1) } else { out.append(v <= -1 ? v : v + 1) }
            }
            return out.sorted()
        }
    }
}
