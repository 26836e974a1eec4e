import CivilTime

/// Expands a schedule into occurrences over a window of local dates.
///
/// Civil time first, instants last: dates are walked as `LocalDate`s, the class's start time is
/// attached, and only then is the wall time resolved in the class's zone (RFC 5545 §3.3.5: a
/// time in a gap is shifted forward by the gap; a repeated time means the first). The end is
/// start + duration, exactly. An occurrence belongs to its nominal local date for windows,
/// cancellations and moves.
package struct RecurrenceEngine: Sendable {
    package let schedule: Schedule
    /// Moves by class id and original date.
    private let moves: [String: [LocalDate: ScheduleException]]
    /// The classes that ignore holiday calendars.
    private let ignoresHolidays: Set<String>
    /// Cancellations that apply to every class, those per class id, and closures from holiday
    /// calendars, indexed by date: a lookup never scans every exception.
    private let globalIndex: CancellationIndex
    private let classIndex: [String: CancellationIndex]
    private let holidayIndex: CancellationIndex

    package init(schedule: Schedule) {
        self.schedule = schedule
        var global: [ScheduleException] = []
        var perClass: [String: [ScheduleException]] = [:]
        var moves: [String: [LocalDate: ScheduleException]] = [:]
        for e in schedule.exceptions {
            switch e.kind {
            case .cancel:
                if let c = e.classID { perClass[c, default: []].append(e) } else { global.append(e) }
            case .move(let date, _, _):
                if let c = e.classID, moves[c]?[date] == nil { moves[c, default: [:]][date] = e }
            }
        }
        self.moves = moves
        ignoresHolidays = Set(schedule.classes.filter(\.ignoreHolidays).map(\.id))
        globalIndex = CancellationIndex(global)
        classIndex = perClass.mapValues { CancellationIndex($0) }
        holidayIndex = CancellationIndex(schedule.holidayClosures)
    }

    /// The cancellation that covers a class on an original date, if any (the first listed wins;
    /// the schedule's own exceptions before holiday calendars).
    ///
    /// - Parameter includingHolidays: false to consider only schedule.json's exceptions. An
    ///   explicit move in the schedule beats a holiday calendar: the moved class runs.
    package func cancellation(classID: String, on date: LocalDate, includingHolidays: Bool = true) -> ScheduleException? {
        if let e = classIndex[classID]?.first(covering: date) { return e }
        if let e = globalIndex.first(covering: date) { return e }
        if includingHolidays && !ignoresHolidays.contains(classID) { return holidayIndex.first(covering: date) }
        return nil
    }

    package func move(classID: String, on date: LocalDate) -> ScheduleException? { moves[classID]?[date] }

    /// Every occurrence of every class whose nominal date is in `from...to`, cancelled ones
    /// included (flagged), ordered by class (schedule order) then start.
    package func occurrences(from: LocalDate, to: LocalDate) -> [Occurrence] {
        var all: [Occurrence] = []
        for i in schedule.classes.indices { all.append(contentsOf: occurrences(ofClass: i, from: from, to: to)) }
        return all
    }

    /// The occurrences of one class whose nominal date is in `from...to`, ordered by start.
    package func occurrences(ofClass index: Int, from: LocalDate, to: LocalDate) -> [Occurrence] {
        let cls = schedule.classes[index]
        guard let zone = schedule.zones[schedule.zoneName(ofClass: index)] else { return [] }
        var out: [Occurrence] = []
        let lo = max(from, cls.from ?? from)
        let hi = min(to, cls.until ?? to)
        let classMoves = moves[cls.id]
        func add(_ date: LocalDate) {
            if classMoves?[date] != nil { return }  // emitted at its target below
            out.append(make(cls, index, zone, original: date, date: date, time: cls.start, move: nil))
        }
        if lo <= hi {
            switch cls.pattern {
            case .weekly(let days):
                for day in days {
                    var d = lo.adding(days: (day.rawValue - lo.weekday.rawValue + 7) % 7)
                    while d <= hi {
                        add(d)
                        d = d.adding(days: 7)
                    }
                }
            case .dates(let dates):
                for d in dates where d >= lo && d <= hi { add(d) }
            }
        }
        for (original, e) in classMoves ?? [:] {
            guard case .move(_, let toDate, let toStart) = e.kind, cls.runs(on: original) else { continue }
            let target = toDate ?? original
            if target >= from && target <= to {
                out.append(make(cls, index, zone, original: original, date: target, time: toStart ?? cls.start, move: e))
            }
        }
        out.sort { ($0.start, $0.originalDate) < ($1.start, $1.originalDate) }
        return out
    }

    /// The occurrences of a class that an exception touches (cancelled or moved), whose original
    /// date is on or after `from`, ordered by original date. A series feed states these as
    /// EXDATEs and overrides; the rest follow from the rule.
    package func exceptionalOccurrences(ofClass index: Int, from: LocalDate) -> [Occurrence] {
        let cls = schedule.classes[index]
        guard let zone = schedule.zones[schedule.zoneName(ofClass: index)] else { return [] }
        // Collected, then sorted and deduplicated (ranges of different sources can overlap): a
        // handful of dates per class, for which hashing into a Set cost more than sorting.
        var dates: [LocalDate] = []
        let lo = max(from, cls.from ?? from)
        // Over the union of the ranges, visiting only the class's own dates: overlapping
        // closures of many years cost what they cancel, not ranges x days.
        var ranges = (classIndex[cls.id]?.coveredRanges ?? []) + globalIndex.coveredRanges
        if !ignoresHolidays.contains(cls.id) { ranges += holidayIndex.coveredRanges }  // holiday calendars close series too
        for r in ranges where r.upperBound >= lo {
            dates += cls.scheduledDates(in: max(r.lowerBound, lo)...r.upperBound)
        }
        for (original, _) in moves[cls.id] ?? [:] where original >= lo && cls.runs(on: original) { dates.append(original) }
        dates.sort()
        var unique: [LocalDate] = []
        unique.reserveCapacity(dates.count)
        for d in dates where unique.last != d { unique.append(d) }
        return unique.map { original in
            if let e = moves[cls.id]?[original], case .move(_, let toDate, let toStart) = e.kind {
                return make(cls, index, zone, original: original, date: toDate ?? original, time: toStart ?? cls.start, move: e)
            }
            return make(cls, index, zone, original: original, date: original, time: cls.start, move: nil)
        }
    }

    /// Occurrences moved from before `originalBefore` to a date on or after `targetFrom`.
    package func movedOccurrences(ofClass index: Int, originalBefore: LocalDate, targetFrom: LocalDate) -> [Occurrence] {
        let cls = schedule.classes[index]
        guard let zone = schedule.zones[schedule.zoneName(ofClass: index)] else { return [] }
        var out: [Occurrence] = []
        for (original, e) in moves[cls.id] ?? [:] where original < originalBefore && cls.runs(on: original) {
            guard case .move(_, let toDate, let toStart) = e.kind, (toDate ?? original) >= targetFrom else { continue }
            let o = make(cls, index, zone, original: original, date: toDate ?? original, time: toStart ?? cls.start, move: e)
            if !o.isCancelled { out.append(o) }
        }
        return out.sorted { $0.start < $1.start }
    }

    private func make(
        _ cls: ClassDefinition, _ index: Int, _ zone: ZoneRules, original: LocalDate, date: LocalDate, time: LocalTime,
        move: ScheduleException?
    ) -> Occurrence {
        let wall = LocalDateTime(date: date, time: time)
        let resolution = zone.resolve(wall)
        let start = resolution.instant
        var status = Occurrence.Status.confirmed
        // Cancellations apply to the original date; an explicit move stands even onto a closed date.
        if let c = cancellation(classID: cls.id, on: original, includingHolidays: move == nil) { status = .cancelled(reason: c.reason) }
        var gap = false
        var ambiguous = false
        switch resolution {
        case .gap: gap = true
        case .ambiguous: ambiguous = true
        case .unique: break
        }
        return Occurrence(
            classIndex: index, originalDate: original, date: date,
            localStart: zone.localDateTime(at: start), start: start,
            end: start + Int64(cls.durationMinutes) * 60, status: status,
            movedFrom: move == nil ? nil : LocalDateTime(date: original, time: cls.start), moveReason: move?.reason,
            startWasInGap: gap, startWasAmbiguous: ambiguous, scheduledTime: move == nil ? nil : time)
    }
}
