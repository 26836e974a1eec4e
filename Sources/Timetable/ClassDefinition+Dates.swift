import CivilTime

extension ClassDefinition {
    /// Calls `body` with each date in `range` (clamped to the class's `from`/`until`) the class
    /// is scheduled on, before exceptions: a weekly class's dates weekday by weekday, a one-off
    /// class's in their listed order. Work is proportional to the dates visited.
    package func forEachScheduledDate(in range: ClosedRange<LocalDate>, _ body: (LocalDate) -> Void) {
        guard let r = clamped(range) else { return }
        switch pattern {
        case .weekly(let days):
            let firstWeekday = r.lowerBound.weekday.rawValue
            for day in days {
                var d = r.lowerBound.adding(days: (day.rawValue - firstWeekday + 7) % 7)
                while d <= r.upperBound {
                    body(d)
                    d = d.adding(days: 7)
                }
            }
        case .everyNWeeks(let days, let interval, let anchor):
            let firstWeekday = r.lowerBound.weekday.rawValue
            for day in days {
                var d = r.lowerBound.adding(days: (day.rawValue - firstWeekday + 7) % 7)
                // Forward to the first week that is on: weeks since the anchor a multiple of interval.
                let index = ClassPattern.weekIndex(of: d, anchor: anchor)
                let behind = ((index % interval) + interval) % interval
                if behind != 0 { d = d.adding(days: 7 * (interval - behind)) }
                while d <= r.upperBound {
                    body(d)
                    d = d.adding(days: 7 * interval)
                }
            }
        case .monthly(let days):
            var (year, month, _) = r.lowerBound.components
            while let first = LocalDate(year: year, month: month, day: 1), first <= r.upperBound {
                for day in days {
                    if let d = day.date(year: year, month: month), r.contains(d) { body(d) }
                }
                month += 1
                if month > 12 { month = 1; year += 1 }
            }
        case .dates(let dates):
            for d in dates where r.contains(d) { body(d) }
        }
    }

    /// How many dates ``forEachScheduledDate(in:_:)`` visits, in O(1) for a weekly class.
    package func scheduledCount(in range: ClosedRange<LocalDate>) -> Int {
        guard let r = clamped(range) else { return 0 }
        switch pattern {
        case .weekly(let days):
            let n = r.upperBound.dayNumber - r.lowerBound.dayNumber + 1
            var count = n / 7 * days.count
            var d = r.lowerBound.adding(days: n / 7 * 7)
            while d <= r.upperBound {
                if days.contains(d.weekday) { count += 1 }
                d = d.adding(days: 1)
            }
            return count
        case .everyNWeeks(let days, let interval, _):
            // Whole runs of `interval` weeks hold each weekday once; the rest is counted.
            let n = r.upperBound.dayNumber - r.lowerBound.dayNumber + 1
            let span = 7 * interval
            var count = n / span * days.count
            let rest = r.lowerBound.adding(days: n / span * span)
            if rest <= r.upperBound { forEachScheduledDate(in: rest...r.upperBound) { _ in count += 1 } }
            return count
        case .monthly:
            // At most a few dates a month: counted.
            var count = 0
            forEachScheduledDate(in: r) { _ in count += 1 }
            return count
        case .dates(let dates):
            return dates.reduce(0) { $0 + (r.contains($1) ? 1 : 0) }
        }
    }

    /// True when the class is scheduled on some date in `range` (at most seven dates looked at).
    package func runs(in range: ClosedRange<LocalDate>) -> Bool {
        guard let r = clamped(range) else { return false }
        switch pattern {
        case .weekly(let days):
            var d = r.lowerBound
            for _ in 0..<7 where d <= r.upperBound {
                if days.contains(d.weekday) { return true }
                d = d.adding(days: 1)
            }
            return false
        case .everyNWeeks(_, let interval, _):
            // Some date in the first `interval` weeks of the range, if it is that long.
            let end = Swift.min(r.upperBound, r.lowerBound.adding(days: 7 * interval - 1))
            var found = false
            forEachScheduledDate(in: r.lowerBound...end) { _ in found = true }
            return found
        case .monthly:
            // Some date in the first year of the range: every listed day but a fifth weekday is in
            // each month, and a fifth weekday is in several months of every year.
            let end = Swift.min(r.upperBound, r.lowerBound.adding(days: 366))
            var found = false
            forEachScheduledDate(in: r.lowerBound...end) { _ in found = true }
            return found
        case .dates(let dates):
            return dates.contains { r.contains($0) }
        }
    }

    private func clamped(_ range: ClosedRange<LocalDate>) -> ClosedRange<LocalDate>? {
        let lo = Swift.max(range.lowerBound, from ?? range.lowerBound)
        let hi = Swift.min(range.upperBound, until ?? range.upperBound)
        return lo <= hi ? lo...hi : nil
    }
}
