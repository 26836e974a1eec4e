import CivilTime

/// Finds the first listed cancellation that covers a date in O(log n), however many there are
/// and however long their ranges: a schedule at the limits (``ScheduleLimits/exceptions``
/// ranges of ``ScheduleLimits/windowDays`` days) must not make every occurrence scan every
/// exception.
///
/// The range ends cut the days into segments; each segment remembers the first exception (in
/// list order) that covers it. Built in O(n log n) by painting segments in list order and
/// skipping painted ones (a union-find "next unpainted" pointer).
package struct CancellationIndex: Sendable {
    private let exceptions: [ScheduleException]
    /// Day numbers where a segment starts, ascending; the last segment runs to the end of time.
    private let starts: [Int]
    /// For each segment, the position in `exceptions` of the first one covering it, or -1.
    private let first: [Int32]

    /// - Parameter exceptions: cancellations in priority order (moves are ignored).
    package init(_ exceptions: [ScheduleException]) {
        self.exceptions = exceptions
        var points: [Int] = []
        points.reserveCapacity(exceptions.count * 2)
        for e in exceptions {
            if case .cancel(let from, let to) = e.kind, from <= to {
                points.append(from.dayNumber)
                points.append(to.dayNumber + 1)
            }
        }
        points.sort()
        var unique: [Int] = []
        unique.reserveCapacity(points.count)
        for p in points where unique.last != p { unique.append(p) }
        var first = [Int32](repeating: -1, count: unique.count)
        // next[k]: the first unpainted segment at or after k (path-halving union-find).
        var next = Array(0...unique.count)
        for (position, e) in exceptions.enumerated() {
            guard case .cancel(let from, let to) = e.kind, from <= to else { continue }
            let lo = Self.segment(containing: from.dayNumber, in: unique)
            let hi = Self.segment(containing: to.dayNumber + 1, in: unique)  // exclusive
            var k = lo
            while true {
                while next[k] != k {
                    next[k] = next[next[k]]
                    k = next[k]
                }
                guard k < hi else { break }
                first[k] = Int32(position)
                next[k] = k + 1
                k += 1
            }
        }
        self.starts = unique
        self.first = first
        coveredRanges = Self.ranges(starts: unique, first: first)
    }

    package var isEmpty: Bool { exceptions.isEmpty }

    /// The first exception in list order whose range covers `date`.
    package func first(covering date: LocalDate) -> ScheduleException? {
        firstPosition(covering: date).map { exceptions[$0] }
    }

    /// The position in the list given to `init` of the first exception whose range covers `date`.
    package func firstPosition(covering date: LocalDate) -> Int? {
        guard !starts.isEmpty else { return nil }
        let k = Self.segment(containing: date.dayNumber, in: starts)
        guard k >= 0, k < first.count, first[k] >= 0 else { return nil }
        return Int(first[k])
    }

    /// The covered days as disjoint ranges in date order (overlapping and touching ranges merged).
    package let coveredRanges: [ClosedRange<LocalDate>]

    /// The union of day ranges as disjoint ranges in date order, overlapping and touching ones
    /// merged: the ``coveredRanges`` of cancellations over these ranges, without building an
    /// index (which also finds the first exception per day, not needed for a union).
    package static func union(_ ranges: [ClosedRange<LocalDate>]) -> [ClosedRange<LocalDate>] {
        var out: [ClosedRange<LocalDate>] = []
        out.reserveCapacity(ranges.count)
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, r.lowerBound.dayNumber <= last.upperBound.dayNumber + 1 {
                if last.upperBound < r.upperBound { out[out.count - 1] = last.lowerBound...r.upperBound }
            } else {
                out.append(r)
            }
        }
        return out
    }

    private static func ranges(starts: [Int], first: [Int32]) -> [ClosedRange<LocalDate>] {
        var out: [ClosedRange<LocalDate>] = []
        var k = 0
        while k < first.count {
            guard first[k] >= 0 else {
                k += 1
                continue
            }
            let lo = starts[k]
            while k < first.count && first[k] >= 0 { k += 1 }
            // A painted segment is never the last one (every range ends at a later start).
            let hi = k < starts.count ? starts[k] - 1 : lo
            out.append(LocalDate(dayNumber: lo)...LocalDate(dayNumber: hi))
        }
        return out
    }

    /// The index of the last segment starting at or before `day`, or -1.
    private static func segment(containing day: Int, in starts: [Int]) -> Int {
        var lo = 0
        var hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }
}
