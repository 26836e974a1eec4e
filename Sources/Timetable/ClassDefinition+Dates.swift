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
