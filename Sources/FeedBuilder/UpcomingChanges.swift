import CivilTime
import Timetable

/// One change members should know about: a closure of the whole studio, one cancelled class,
/// or one moved class.
package struct UpcomingChange: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        /// A calendar-wide cancellation: no classes from `from` to `to` (inclusive, as written
        /// in the schedule), which cancels `cancelledClasses` occurrences in the period shown.
        case closure(from: LocalDate, to: LocalDate, cancelledClasses: Int)
        /// One class occurrence cancelled by an exception naming its class.
        case cancelled(Occurrence)
        /// One class occurrence moved to another date or time (`movedFrom` is set; `change` may
        /// be set too).
        case moved(Occurrence)
        /// One class occurrence on its usual day and time with another instructor, room, title,
        /// note or length (`change` is set).
        case changed(Occurrence)
    }

    package var kind: Kind
    package var reason: String?
    /// The earliest date it affects (a moved class: the earlier of its old and new dates), and
    /// the start of the first occurrence it affects: the order of the list.
    package var date: LocalDate
    package var start: Int64
}

/// The cancellations, closures, moved and changed classes of the coming weeks, as the subscribe page
/// lists them. Depends on the date only through what falls inside the period, so the list (and
/// the page) stays the same from one day to the next unless a change enters or leaves it.
package enum UpcomingChanges {
    /// Changes whose occurrence (original or new date) falls in `from ..< from + days`, and
    /// which have not already happened, ordered by the first occurrence they affect.
    package static func list(_ engine: RecurrenceEngine, from: LocalDate, days: Int) -> [UpcomingChange] {
        let schedule = engine.schedule
        let end = from.adding(days: max(days, 1) - 1)
        // Every cancelled or moved occurrence of the period, class by class, each class's in
        // order of start: what `engine.occurrences(from:to:)` gives, filtered. But expanding
        // every occurrence of every class to keep the few with a change cost most of a big
        // network's page, so only the days where a change can be are expanded (`Candidates`).
        let candidates = Candidates(schedule, from: from, to: end)
        var affected: [Occurrence] = []
        for i in schedule.classes.indices {
            let ranges = candidates.ranges(classID: schedule.classes[i].id, ignoresHolidays: schedule.classes[i].ignoreHolidays)
            guard let first = ranges.first else { continue }
            var found = engine.occurrences(ofClass: i, from: first.lowerBound, to: first.upperBound)
            for r in ranges.dropFirst() { found += engine.occurrences(ofClass: i, from: r.lowerBound, to: r.upperBound) }
            found.removeAll { !$0.isCancelled && $0.movedFrom == nil && $0.change == nil }
            // The engine's order for the whole period (start, then original date), which the
            // ranges' results one after the other need not be in.
            if ranges.count > 1 { found.sort { ($0.start, $0.originalDate) < ($1.start, $1.originalDate) } }
            // Each original date once: the engine gives one occurrence per original date, but
            // a weekday listed twice gives that day's twice, equal and so side by side.
            for o in found where affected.last.map({ $0.classIndex != i || $0.originalDate != o.originalDate }) ?? true {
                affected.append(o)
            }
        }
        // A class moved from a date in the period to a later one: its usual slot is empty.
        // Never one of the above (those are on a day of the period); two exceptions can move
        // the same class and date, hence the set.
        var movedOut = Set<OccurrenceKey>()
        for (i, date, target) in candidates.movedOut(schedule) {
            for o in engine.occurrences(ofClass: i, from: target, to: target) where o.originalDate == date {
                if movedOut.insert(OccurrenceKey(classIndex: i, originalDate: date)).inserted { affected.append(o) }
            }
        }
        // By start and class, ties in the order found (what the stable `sort` of the occurrences
        // gave); keys are sorted rather than the occurrences, which are large to move.
        let order = affected.indices.map { (start: affected[$0].start, classIndex: affected[$0].classIndex, position: $0) }
            .sorted { ($0.start, $0.classIndex, $0.position) < ($1.start, $1.classIndex, $1.position) }

        var changes: [UpcomingChange] = []
        changes.reserveCapacity(affected.count)
        var closureIndex: [String: Int] = [:]
        for key in order {
            let o = affected[key.position]
            if case .cancelled(let reason) = o.status {
                // A closure is a cancellation of every class (or a holiday calendar's); the
                // lookup is skipped where none can cover the date (the candidates know the
                // period's only).
                let mayBeClosure = o.originalDate < from || o.originalDate > end || candidates.mayClose(o.originalDate)
                if mayBeClosure, let e = engine.cancellation(classID: schedule.classes[o.classIndex].id, on: o.originalDate),
                    e.classID == nil,
                    case .cancel(let a, let b) = e.kind
                {
                    if let k = closureIndex[e.path], case .closure(let a, let b, let n) = changes[k].kind {
                        changes[k].kind = .closure(from: a, to: b, cancelledClasses: n + 1)
                    } else {
                        closureIndex[e.path] = changes.count
                        changes.append(
                            UpcomingChange(
                                kind: .closure(from: a, to: b, cancelledClasses: 1), reason: e.reason, date: o.originalDate,
                                start: o.start))
                    }
                } else {
                    changes.append(UpcomingChange(kind: .cancelled(o), reason: reason, date: o.originalDate, start: o.start))
                }
            } else if o.movedFrom != nil {
                changes.append(
                    UpcomingChange(kind: .moved(o), reason: o.moveReason ?? o.changeReason, date: min(o.originalDate, o.date), start: o.start))
            } else {
                changes.append(UpcomingChange(kind: .changed(o), reason: o.changeReason, date: o.date, start: o.start))
            }
        }
        // Stable: changes on the same date keep the order of their first occurrence's start.
        return changes.indices.map { (day: changes[$0].date.dayNumber, position: $0) }
            .sorted { ($0.day, $0.position) < ($1.day, $1.position) }.map { changes[$0.position] }
    }

    /// The days of the period where a class can have a change: those a cancellation covers
    /// (the class's own, the calendar-wide ones, holiday calendars unless it ignores them) and
    /// those a move of the class lands on. A superset is harmless (the engine decides what is
    /// cancelled or moved on those days); a day missing would lose a change.
    struct Candidates {
        /// Cancellations of every class, clipped to the period.
        private var shared: [ClosedRange<LocalDate>] = []
        /// Holiday calendars' closures, clipped to the period.
        private var holidays: [ClosedRange<LocalDate>] = []
        /// By class id: its cancellations clipped to the period, and the days in the period its
        /// moves land on (keyed by id: exceptions name classes by id, so classes sharing an id share them, as in the engine).
        private var byClass: [String: [ClosedRange<LocalDate>]] = [:]
        /// Moves from a date of the period to a date after it: class id, date, new date.
        private var movesOut: [(classID: String, date: LocalDate, target: LocalDate)] = []

        init(_ schedule: Schedule, from: LocalDate, to: LocalDate) {
            func clipped(_ a: LocalDate, _ b: LocalDate) -> ClosedRange<LocalDate>? {
                let lo = max(a, from), hi = min(b, to)
                return lo <= hi ? lo...hi : nil
            }
            // By index: iterating the exceptions copied each one (tens of thousands), to read
            // the dates of the few in the period.
            let exceptions = schedule.exceptions
            byClass.reserveCapacity(schedule.classes.count)  // about one key per class at most
            for k in exceptions.indices {
                switch exceptions[k].kind {
                case .cancel(let a, let b):
                    guard let r = clipped(a, b) else { continue }
                    if let id = exceptions[k].classID { byClass[id, default: []].append(r) } else { shared.append(r) }
                case .move(let date, let toDate, _):
                    // A move without a class moves nothing (the engine ignores it).
                    guard let id = exceptions[k].classID else { continue }
                    if let r = clipped(toDate ?? date, toDate ?? date) { byClass[id, default: []].append(r) }
                    if let target = toDate, date >= from, date <= to, target > to { movesOut.append((id, date, target)) }
                case .change(let a, let b):
                    guard let id = exceptions[k].classID, let r = clipped(a, b) else { continue }
                    byClass[id, default: []].append(r)
                }
            }
            for e in schedule.holidayClosures {
                if case .cancel(let a, let b) = e.kind, let r = clipped(a, b) { holidays.append(r) }
            }
        }

        /// The moves out of the period in schedule order, with the class's index (the first class
        /// of that id, as `Schedule.classIndex(id:)` finds it).
        func movedOut(_ schedule: Schedule) -> [(classIndex: Int, date: LocalDate, target: LocalDate)] {
            movesOut.compactMap { m in schedule.classIndex(id: m.classID).map { ($0, m.date, m.target) } }
        }

        /// Whether a cancellation of every class or a holiday closure may cover a date of the period.
        func mayClose(_ date: LocalDate) -> Bool {
            shared.contains { $0.contains(date) } || holidays.contains { $0.contains(date) }
        }

        /// Disjoint ranges in date order covering every day the class can have a change on.
        func ranges(classID: String, ignoresHolidays: Bool) -> [ClosedRange<LocalDate>] {
            let own = byClass[classID] ?? []
            if shared.isEmpty && (ignoresHolidays || holidays.isEmpty) && own.count <= 1 { return own }  // the usual case
            var all = shared + own
            if !ignoresHolidays { all += holidays }
            return all.count <= 1 ? all : CancellationIndex.union(all)
        }
    }

    private struct OccurrenceKey: Hashable {
        var classIndex: Int
        var originalDate: LocalDate
    }
}
