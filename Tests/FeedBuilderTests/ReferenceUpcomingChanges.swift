@testable import FeedBuilder
import CivilTime
import Timetable

/// The first implementation of ``UpcomingChanges/list(_:from:days:)``, kept as the reference the
/// faster one is checked against (`UpcomingChangesTests`): it expands every occurrence of every
/// class in the period and keeps the cancelled and moved ones, plainly right and slow.
enum ReferenceUpcomingChanges {
    /// Changes whose occurrence (original or new date) falls in `from ..< from + days`, and
    /// which have not already happened, ordered by the first occurrence they affect.
    static func list(_ engine: RecurrenceEngine, from: LocalDate, days: Int) -> [UpcomingChange] {
        let schedule = engine.schedule
        let end = from.adding(days: max(days, 1) - 1)
        var affected: [Occurrence] = []
        var seen = Set<OccurrenceKey>()
        func add(_ o: Occurrence) {
            if seen.insert(OccurrenceKey(classIndex: o.classIndex, originalDate: o.originalDate)).inserted { affected.append(o) }
        }
        for o in engine.occurrences(from: from, to: end) where o.isCancelled || o.movedFrom != nil { add(o) }
        // A class moved from a date in the period to a later one: its usual slot is empty.
        for e in schedule.exceptions {
            guard case .move(let date, let toDate, _) = e.kind, let target = toDate, date >= from, date <= end, target > end,
                let id = e.classID, let i = schedule.classIndex(id: id)
            else { continue }
            for o in engine.occurrences(ofClass: i, from: target, to: target) where o.originalDate == date { add(o) }
        }
        affected.sort { ($0.start, $0.classIndex) < ($1.start, $1.classIndex) }

        var changes: [UpcomingChange] = []
        var closureIndex: [String: Int] = [:]
        for o in affected {
            let cls = schedule.classes[o.classIndex]
            if case .cancelled(let reason) = o.status {
                if let e = engine.cancellation(classID: cls.id, on: o.originalDate), e.classID == nil,
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
            } else {
                changes.append(
                    UpcomingChange(kind: .moved(o), reason: o.moveReason, date: min(o.originalDate, o.date), start: o.start))
            }
        }
        // Stable: changes on the same date keep the order of their first occurrence's start.
        return changes.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }

    private struct OccurrenceKey: Hashable {
        var classIndex: Int
        var originalDate: LocalDate
    }
}
