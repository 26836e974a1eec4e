extension RecurrenceRule {
    /// Calls `body` with the wall times the rule gives, in order, period by period from the
    /// period that holds `start` to the end of the supported years (RFC 5545 §3.3.10). Times
    /// before `start` in its first period are given too (the caller drops them), so that
    /// BYSETPOS counts whole periods. Returns when `body` returns false.
    ///
    /// Each period is a year, month, week, day, hour, minute or second of wall time, every
    /// INTERVAL of them counted from `start`'s. Within it, a day is a candidate when it passes
    /// every day-level part (BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY): an expanding part
    /// and a limiting one both amount to "the day must be one of these" inside a period; what
    /// differs is which parts default to DTSTART's when absent, and that is settled below.
    /// Days that do not exist are never candidates, so 30 February and fifth Mondays that are
    /// not there are skipped, as §3.3.10 asks.
    func walk(from start: LocalDateTime, _ body: (LocalDateTime) -> Bool) {
        let interval = min(self.interval, RecurrenceExpander.maxInterval)
        let lastYear = LocalDate.supportedYears.upperBound
        let lastDay = LocalDate.dayNumber(year: lastYear + 1, month: 1, day: 1) - 1
        var filter = DayFilter(rule: self, start: start.date)
        var candidates: [LocalDateTime] = []

        // Emits one period's candidates (sorted), after BYSETPOS; false when the walk ends.
        func flush() -> Bool {
            defer { candidates.removeAll(keepingCapacity: true) }
            if bySetPosition.isEmpty {
                for c in candidates where !body(c) { return false }
                return true
            }
            var picked: [Int] = []
            for n in bySetPosition {
                let i = n > 0 ? n - 1 : candidates.count + n
                if candidates.indices.contains(i) { picked.append(i) }
            }
            for i in Set(picked).sorted() where !body(candidates[i]) { return false }
            return true
        }

        if frequency.isSubDaily {
            walkSubDaily(from: start, interval: interval, lastDay: lastDay, filter: &filter, add: { candidates.append($0) }, flush: flush)
            return
        }
        let times = timesOfDay(start.time)
        func add(days first: Int, through last: Int) {
            var d = first
            while d <= last {
                if filter.matches(d) {
                    let date = LocalDate(dayNumber: d)
                    for t in times { candidates.append(LocalDateTime(date: date, time: t)) }
                }
                d += 1
            }
        }
        // The days of one month, whose date parts are known without converting each day number.
        func add(month: Int, of year: Int) {
            let first = LocalDate.dayNumber(year: year, month: month, day: 1)
            let length = LocalDate.daysIn(month: month, year: year)
            if let days = filter.daysOfMonth(first: first, length: length) {
                for d in days {
                    let date = LocalDate(dayNumber: d)
                    for t in times { candidates.append(LocalDateTime(date: date, time: t)) }
                }
                return
            }
            for day in 1...length where filter.matches(first + day - 1, date: (year, month, day), monthLength: length) {
                let date = LocalDate(dayNumber: first + day - 1)
                for t in times { candidates.append(LocalDateTime(date: date, time: t)) }
            }
        }
        let startDate = start.date
        switch frequency {
        case .yearly:
            var year = startDate.year
            while year <= lastYear {
                filter.beginYear(year)
                if let months = filter.months {
                    for m in months { add(month: m, of: year) }
                } else {
                    add(days: filter.yearFirst, through: filter.yearFirst + filter.yearLength - 1)
                }
                guard flush() else { return }
                year += interval
            }
        case .monthly:
            var index = startDate.year * 12 + startDate.month - 1
            while index / 12 <= lastYear {
                let (year, month) = (index / 12, index % 12 + 1)
                if filter.months?.contains(month) ?? true {
                    filter.beginYear(year)
                    add(month: month, of: year)
                    guard flush() else { return }
                }
                index += interval
            }
        case .weekly:
            var weekStartDay = startDate.dayNumber - (startDate.weekday.rawValue - weekStart.rawValue + 7) % 7
            while weekStartDay <= lastDay {
                add(days: weekStartDay, through: weekStartDay + 6)
                guard flush() else { return }
                weekStartDay += 7 * interval
            }
        default:  // daily
            var d = startDate.dayNumber
            while d <= lastDay {
                add(days: d, through: d)
                guard flush() else { return }
                d += interval
            }
        }
    }

    /// The times of day a DAILY or longer rule gives on each of its days: BYHOUR, BYMINUTE and
    /// BYSECOND expand, each defaulting to DTSTART's; sorted. A leap second (BYSECOND=60) is
    /// not a wall time and gives nothing.
    private func timesOfDay(_ start: LocalTime) -> [LocalTime] {
        var out: [LocalTime] = []
        for h in byHour.isEmpty ? [start.hour] : byHour {
            for m in byMinute.isEmpty ? [start.minute] : byMinute {
                for s in bySecond.isEmpty ? [start.second] : bySecond where s < 60 {
                    out.append(LocalTime(secondsOfDay: h * 3600 + m * 60 + s))
                }
            }
        }
        return Array(Set(out)).sorted()
    }

    /// HOURLY, MINUTELY and SECONDLY: day by day, the periods (every INTERVAL hours, minutes
    /// or seconds of wall time from DTSTART's) whose start lies on a day the day-level parts
    /// allow. BYHOUR limits all three, BYMINUTE limits MINUTELY and SECONDLY and BYSECOND
    /// SECONDLY; the parts finer than the period expand it (BYMINUTE in an HOURLY rule), each
    /// defaulting to DTSTART's.
    private func walkSubDaily(
        from start: LocalDateTime, interval: Int, lastDay: Int, filter: inout DayFilter, add: (LocalDateTime) -> Void,
        flush: () -> Bool
    ) {
        let unit: Int64 = frequency == .hourly ? 3600 : frequency == .minutely ? 60 : 1
        let step = unit * Int64(interval)
        let base = start.localSeconds - Self.floorMod(start.localSeconds, unit)
        let hours = byHour.isEmpty ? Array(0..<24) : Array(Set(byHour)).sorted()
        let minutes = byMinute.isEmpty ? nil : Array(Set(byMinute)).sorted()
        let seconds = bySecond.isEmpty ? nil : Array(Set(bySecond.filter { $0 < 60 })).sorted()
        // What each period expands to, as seconds after its start.
        var offsets: [Int64] = [0]
        switch frequency {
        case .hourly:
            offsets = []
            for m in minutes ?? [start.time.minute] {
                for s in seconds ?? [start.time.second] { offsets.append(Int64(m * 60 + s)) }
            }
        case .minutely: offsets = (seconds ?? [start.time.second]).map { Int64($0) }
        default: break
        }
        offsets.sort()
        // The stretches of a day in which the limiting parts hold, as (offset, length) in seconds.
        var stretches: [(Int64, Int64)] = []
        for h in hours {
            let hour = Int64(h * 3600)
            if frequency == .hourly || minutes == nil {
                if frequency == .secondly, let seconds {
                    for m in 0..<60 { for s in seconds { stretches.append((hour + Int64(m * 60 + s), 1)) } }
                } else {
                    stretches.append((hour, 3600))
                }
                continue
            }
            for m in minutes ?? [] {
                let minute = hour + Int64(m * 60)
                if frequency == .secondly, let seconds {
                    for s in seconds { stretches.append((minute + Int64(s), 1)) }
                } else {
                    stretches.append((minute, 60))
                }
            }
        }
        var day = start.date.dayNumber
        while day <= lastDay {
            if filter.matches(day) {
                let dayStart = Int64(day) * 86400
                for (offset, length) in stretches {
                    let lo = dayStart + offset
                    // The first period start at or after lo, on the INTERVAL grid from base.
                    let r = Self.floorMod(lo - base, step)
                    var p = r == 0 ? lo : lo + (step - r)
                    while p < lo + length {
                        for o in offsets { add(LocalDateTime(localSeconds: p + o)) }
                        guard flush() else { return }
                        p += step
                    }
                }
            }
            day += 1
        }
    }

    static func floorMod(_ a: Int64, _ b: Int64) -> Int64 {
        let r = a % b
        return r < 0 ? r + b : r
    }
}

/// Whether a day is a candidate of a rule: every day-level part, with DTSTART's month and day
/// standing in where §3.3.10 says they do ("information, not contained in the rule, necessary
/// to determine the various recurrence instance start time and dates are derived from the
/// Start Time").
struct DayFilter {
    /// BYMONTH, or DTSTART's month for a YEARLY rule that names no days; nil for every month.
    let months: [Int]?
    private let monthDays: [Int]
    private let yearDays: [Int]
    private let weekNumbers: [Int]
    /// Weekdays that match wherever they fall (plain BYDAY entries), as a bit set.
    private let plainWeekdays: Int
    private let ordinalDays: [RecurrenceRule.Day]
    private let ordinalsInMonth: Bool
    private let weekStart: Weekday
    private let needsDate: Bool
    /// The year being walked: its first day and length (BYYEARDAY, BYWEEKNO, yearly ordinals).
    private(set) var yearFirst = 0
    private(set) var yearLength = 365
    private var year = Int.min

    init(rule r: RecurrenceRule, start: LocalDate) {
        var monthDays = r.byMonthDay
        var months: [Int]? = r.byMonth.isEmpty ? nil : Array(Set(r.byMonth)).sorted()
        var byDay = r.byDay
        let namesNoDay = r.byWeekNumber.isEmpty && r.byYearDay.isEmpty && r.byMonthDay.isEmpty && r.byDay.isEmpty
        switch r.frequency {
        case .yearly where namesNoDay:
            monthDays = [start.day]
            if months == nil { months = [start.month] }
        case .monthly where namesNoDay:
            monthDays = [start.day]
        case .weekly where r.byDay.isEmpty:
            byDay = [.every(start.weekday)]
        default: break
        }
        self.months = months
        self.monthDays = monthDays
        self.yearDays = r.byYearDay
        self.weekNumbers = r.byWeekNumber
        var plain = 0
        for d in byDay where d.ordinal == nil { plain |= 1 << d.weekday.rawValue }
        self.plainWeekdays = plain
        self.ordinalDays = byDay.filter { $0.ordinal != nil }
        self.ordinalsInMonth = r.frequency == .monthly || !r.byMonth.isEmpty
        self.weekStart = r.weekStart
        self.needsDate = months != nil || !monthDays.isEmpty || !r.byYearDay.isEmpty || !r.byWeekNumber.isEmpty
            || !ordinalDays.isEmpty
        self.beginYear(start.year)
    }

    mutating func beginYear(_ y: Int) {
        guard y != year else { return }
        year = y
        yearFirst = LocalDate.dayNumber(year: y, month: 1, day: 1)
        yearLength = LocalDate.isLeap(y) ? 366 : 365
    }

    /// True when day number `d` passes every day-level part. `date` and `monthLength`, when the
    /// caller knows them, save converting the day number.
    mutating func matches(_ d: Int, date: (year: Int, month: Int, day: Int)? = nil, monthLength: Int? = nil) -> Bool {
        let weekday = LocalDate(dayNumber: d).weekday
        let weekdayMatches = plainWeekdays & (1 << weekday.rawValue) != 0
        if plainWeekdays != 0, !weekdayMatches, ordinalDays.isEmpty { return false }
        guard needsDate else { return plainWeekdays == 0 || weekdayMatches }
        let c = date ?? LocalDate(dayNumber: d).components
        beginYear(c.year)
        if let months, !months.contains(c.month) { return false }
        let monthLength = monthLength ?? LocalDate.daysIn(month: c.month, year: c.year)
        if !monthDays.isEmpty, !monthDays.contains(where: { $0 > 0 ? $0 == c.day : monthLength + 1 + $0 == c.day }) {
            return false
        }
        let dayOfYear = d - yearFirst + 1
        if !yearDays.isEmpty, !yearDays.contains(where: { $0 > 0 ? $0 == dayOfYear : yearLength + 1 + $0 == dayOfYear }) {
            return false
        }
        if !weekNumbers.isEmpty, !weekNumberMatches(d) { return false }
        if plainWeekdays == 0, ordinalDays.isEmpty { return true }
        if weekdayMatches { return true }
        // The nth weekday of the month (MONTHLY, or YEARLY with BYMONTH) or of the year.
        let first = ordinalsInMonth ? d - c.day + 1 : yearFirst
        let length = ordinalsInMonth ? monthLength : yearLength
        let fromStart = (d - first) / 7 + 1
        let fromEnd = -((first + length - 1 - d) / 7 + 1)
        return ordinalDays.contains { $0.weekday == weekday && ($0.ordinal == fromStart || $0.ordinal == fromEnd) }
    }

    /// The days of a month (day numbers, sorted) when only BYMONTHDAY and BYDAY decide them, as
    /// in VTIMEZONE rules and most feeds (`BYMONTH=3;BYDAY=-1SU`, `BYDAY=2MO`, `BYMONTHDAY=-1`):
    /// found directly rather than day by day. Nil when another part must be checked per day.
    func daysOfMonth(first: Int, length: Int) -> [Int]? {
        guard yearDays.isEmpty, weekNumbers.isEmpty, ordinalDays.isEmpty || ordinalsInMonth else { return nil }
        let firstWeekday = LocalDate(dayNumber: first).weekday.rawValue
        // Whether day `day` (1-based) of the month is one of BYDAY's.
        func byDayHolds(_ day: Int) -> Bool {
            if plainWeekdays == 0 && ordinalDays.isEmpty { return true }
            let weekday = (firstWeekday - 1 + day - 1) % 7 + 1  // ISO: Monday 1 ... Sunday 7
            if plainWeekdays & (1 << weekday) != 0 { return true }
            let fromStart = (day - 1) / 7 + 1
            let fromEnd = -((length - day) / 7 + 1)
            return ordinalDays.contains { $0.weekday.rawValue == weekday && ($0.ordinal == fromStart || $0.ordinal == fromEnd) }
        }
        var days: [Int] = []
        if !monthDays.isEmpty {
            for n in monthDays {
                let day = n > 0 ? n : length + 1 + n
                if day >= 1, day <= length, byDayHolds(day) { days.append(day) }
            }
        } else if plainWeekdays != 0 || !ordinalDays.isEmpty {
            for w in 1...7 {
                let firstMatch = (w - firstWeekday + 7) % 7 + 1
                for day in stride(from: firstMatch, through: length, by: 7) where byDayHolds(day) { days.append(day) }
            }
        } else {
            return nil
        }
        days.sort()
        var out: [Int] = []
        out.reserveCapacity(days.count)
        for day in days where out.last != first + day - 1 { out.append(first + day - 1) }
        return out
    }

    /// The first day of week 1 of `year`: the week (starting on WKST) that holds 4 January.
    private func firstWeekStart(_ year: Int) -> Int {
        let jan4 = LocalDate.dayNumber(year: year, month: 1, day: 4)
        return jan4 - (LocalDate(dayNumber: jan4).weekday.rawValue - weekStart.rawValue + 7) % 7
    }

    /// BYWEEKNO: the week `d` falls in, counted in the week-numbering year it belongs to.
    private func weekNumberMatches(_ d: Int) -> Bool {
        var y = year
        var w1 = firstWeekStart(y)
        if d < w1 {
            y -= 1
            w1 = firstWeekStart(y)
        } else if d >= firstWeekStart(y + 1) {
            y += 1
            w1 = firstWeekStart(y)
        }
        let week = (d - w1) / 7 + 1
        let weeks = (firstWeekStart(y + 1) - w1) / 7
        return weekNumbers.contains { $0 > 0 ? $0 == week : weeks + 1 + $0 == week }
    }
}
