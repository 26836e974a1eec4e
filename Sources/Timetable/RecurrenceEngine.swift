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
    /// The exceptions naming each class, by index into `schedule.classes`: the lookups for each
    /// occurrence are array accesses, not hashing of class ids (a network expands tens of
    /// thousands).
    private let classExceptions: ClassExceptions
    /// Each class's zone rules, by index.
    private let zones: [ZoneRules?]
    /// Cancellations that apply to every class and closures from holiday calendars, indexed by
    /// date: a lookup never scans every exception.
    private let globalIndex: CancellationIndex
    private let holidayIndex: CancellationIndex

    package init(schedule: Schedule) {
        self.schedule = schedule
        classExceptions = ClassExceptions(schedule)
        zones = schedule.classes.indices.map { schedule.zones[schedule.zoneName(ofClass: $0)] }
        var global: [ScheduleException] = []
        for e in schedule.exceptions where e.classID == nil {
            if case .cancel = e.kind { global.append(e) }
        }
        globalIndex = CancellationIndex(global)
        holidayIndex = CancellationIndex(schedule.holidayClosures)
    }

    /// The cancellation that covers a class on an original date, if any (the first listed wins;
    /// the schedule's own exceptions before holiday calendars).
    ///
    /// - Parameter includingHolidays: false to consider only schedule.json's exceptions. An
    ///   explicit move in the schedule beats a holiday calendar: the moved class runs.
    package func cancellation(classID: String, on date: LocalDate, includingHolidays: Bool = true) -> ScheduleException? {
        if let i = classExceptions.indexByID[classID] {
            return cancellation(classIndex: i, on: date, includingHolidays: includingHolidays)
        }
        // No such class (an exception being checked before it is added): its own entries, then
        // the calendar-wide ones.
        if let e = schedule.exceptions.first(where: { $0.classID == classID && $0.covers(date, classID: classID) }) { return e }
        if let e = globalIndex.first(covering: date) { return e }
        return includingHolidays ? holidayIndex.first(covering: date) : nil
    }

    /// ``cancellation(classID:on:includingHolidays:)`` by index into `schedule.classes`.
    package func cancellation(classIndex i: Int, on date: LocalDate, includingHolidays: Bool = true) -> ScheduleException? {
        if let position = classExceptions.firstCancellation(ofClass: i, covering: date) { return schedule.exceptions[position] }
        if let e = globalIndex.first(covering: date) { return e }
        if includingHolidays && !classExceptions.ignoresHolidays(ofClass: i) { return holidayIndex.first(covering: date) }
        return nil
    }

    /// The `change` entries of a class covering an original date, in list order (the move's own
    /// change is not among them).
    package func changes(classID: String, on date: LocalDate) -> [ScheduleException] {
        let entries: [ScheduleException]
        if let i = classExceptions.indexByID[classID] {
            entries = classExceptions.changes(ofClass: i).map { schedule.exceptions[$0] }
        } else {
            entries = schedule.exceptions.filter { $0.classID == classID }
        }
        return entries.filter { e in
            guard case .change(let a, let b) = e.kind, e.changes != nil else { return false }
            return a <= date && date <= b
        }
    }

    package func move(classID: String, on date: LocalDate) -> ScheduleException? {
        if let i = classExceptions.indexByID[classID] { return classExceptions.moves(ofClass: i)[date] }
        return schedule.exceptions.first {
            guard $0.classID == classID, case .move(let d, _, _) = $0.kind else { return false }
            return d == date
        }
    }

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
        guard let zone = zones[index] else { return [] }
        let moves = classExceptions.moves(ofClass: index)
        var out: [Occurrence] = []
        let lo = max(from, cls.from ?? from)
        let hi = min(to, cls.until ?? to)
        if lo <= hi {
            // The dates first, then the occurrences: a closure that made them captured the
            // engine, which the compiler copied (a retain of every field) on each call, about
            // 1,900 instructions, most of the cost of a call for the day or two that the
            // subscribe page's changes list asks about. Knowing the count also sizes `out` once.
            var dates: [LocalDate] = []
            cls.forEachScheduledDate(in: lo...hi) { dates.append($0) }
            out.reserveCapacity(dates.count + moves.count)
            for date in dates where moves.isEmpty || moves[date] == nil {  // a moved one is emitted at its target below
                out.append(make(cls, index, zone, original: date, date: date, time: cls.start, move: nil))
            }
        }
        for (original, e) in moves {
            guard case .move(_, let toDate, let toStart) = e.kind, cls.runs(on: original) else { continue }
            let target = toDate ?? original
            if target >= from && target <= to {
                out.append(make(cls, index, zone, original: original, date: target, time: toStart ?? cls.start, move: e))
            }
        }
        out.sort { ($0.start, $0.originalDate) < ($1.start, $1.originalDate) }
        return out
    }

    /// The original dates, on or after `from`, of a class's occurrences that an exception touches
    /// (cancelled, moved or changed), in order. A series feed states these as EXDATEs and overrides; the
    /// rest follow from the rule. A date that no move names is always a cancelled one, which is
    /// all an EXDATE needs to know; ``occurrence(ofClass:originalDate:)`` makes the others.
    package func exceptionalDates(ofClass index: Int, from: LocalDate) -> [LocalDate] {
        let cls = schedule.classes[index]
        // Collected, then sorted and deduplicated (ranges of different sources can overlap): a
        // handful of dates per class, for which hashing into a Set cost more than sorting.
        var dates: [LocalDate] = []
        let lo = max(from, cls.from ?? from)
        // Over the covered ranges of each source, visiting only the class's own dates:
        // overlapping closures of many years cost what they cancel, not ranges x days.
        func collect(_ r: ClosedRange<LocalDate>) {
            guard r.upperBound >= lo else { return }
            if r.lowerBound == r.upperBound {
                // One day, as most cancellations are: is the class on it?
                if cls.runs(on: r.lowerBound) { dates.append(r.lowerBound) }
                return
            }
            cls.forEachScheduledDate(in: max(r.lowerBound, lo)...r.upperBound) { dates.append($0) }
        }
        classExceptions.forEachCancelledRange(ofClass: index, collect)
        for r in globalIndex.coveredRanges { collect(r) }
        if !classExceptions.ignoresHolidays(ofClass: index) {
            for r in holidayIndex.coveredRanges { collect(r) }  // holiday calendars close series too
        }
        if classExceptions.hasMoves(ofClass: index) {
            for (original, _) in classExceptions.moves(ofClass: index) where original >= lo && cls.runs(on: original) {
                dates.append(original)
            }
        }
        for position in classExceptions.changes(ofClass: index) {
            if case .change(let a, let b) = schedule.exceptions[position].kind, b >= lo {
                cls.forEachScheduledDate(in: max(a, lo)...b) { dates.append($0) }
            }
        }
        dates.sort()
        var unique: [LocalDate] = []
        unique.reserveCapacity(dates.count)
        for d in dates where unique.last != d { unique.append(d) }
        return unique
    }

    /// The occurrence of a class scheduled on `originalDate` (a date it runs on), moved and
    /// cancelled as the exceptions say; nil when the schedule lacks the class's zone rules.
    package func occurrence(ofClass index: Int, originalDate original: LocalDate) -> Occurrence? {
        let cls = schedule.classes[index]
        guard let zone = zones[index] else { return nil }
        if let e = move(classIndex: index, on: original), case .move(_, let toDate, let toStart) = e.kind {
            return make(cls, index, zone, original: original, date: toDate ?? original, time: toStart ?? cls.start, move: e)
        }
        return make(cls, index, zone, original: original, date: original, time: cls.start, move: nil)
    }

    /// True when some `change` entry names class `index`.
    package func hasChanges(classIndex index: Int) -> Bool { classExceptions.hasChanges(ofClass: index) }

    /// True when a `change` entry covers class `index`'s occurrence on an original date.
    package func isChanged(classIndex index: Int, on date: LocalDate) -> Bool {
        classExceptions.changes(ofClass: index).contains { position in
            guard case .change(let a, let b) = schedule.exceptions[position].kind else { return false }
            return a <= date && date <= b
        }
    }

    /// The move of class `index`'s occurrence on an original date, if any.
    package func move(classIndex index: Int, on date: LocalDate) -> ScheduleException? {
        classExceptions.hasMoves(ofClass: index) ? classExceptions.moves(ofClass: index)[date] : nil
    }

    /// Occurrences moved from before `originalBefore` to a date on or after `targetFrom`.
    package func movedOccurrences(ofClass index: Int, originalBefore: LocalDate, targetFrom: LocalDate) -> [Occurrence] {
        let cls = schedule.classes[index]
        guard let zone = zones[index], classExceptions.hasMoves(ofClass: index) else { return [] }
        var out: [Occurrence] = []
        for (original, e) in classExceptions.moves(ofClass: index) where original < originalBefore && cls.runs(on: original) {
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
        // Changes: the move's own, then each `change` entry covering the original date, the first
        // listed winning a field (the validator reports two that disagree).
        var change = move?.changes
        if classExceptions.hasChanges(ofClass: index) {
            for position in classExceptions.changes(ofClass: index) {
                let e = schedule.exceptions[position]
                guard case .change(let a, let b) = e.kind, a <= original, original <= b, let c = e.changes else { continue }
                change = change.map { $0.merged(with: c).change } ?? c
            }
        }
        let minutes = change?.durationMinutes ?? cls.durationMinutes
        var status = Occurrence.Status.confirmed
        // Cancellations apply to the original date; an explicit move stands even onto a closed date.
        if let c = cancellation(classIndex: index, on: original, includingHolidays: move == nil) { status = .cancelled(reason: c.reason) }
        var gap = false
        var ambiguous = false
        switch resolution {
        case .gap: gap = true
        case .ambiguous: ambiguous = true
        case .unique: break
        }
        // Made whole in one initialiser: assigning `change` afterwards copied the occurrence twice.
        return Occurrence(
            classIndex: index, originalDate: original, date: date,
            localStart: zone.localDateTime(at: start), start: start,
            end: start + Int64(minutes) * 60, status: status,
            movedFrom: move == nil ? nil : LocalDateTime(date: original, time: cls.start), moveReason: move?.reason,
            startWasInGap: gap, startWasAmbiguous: ambiguous, scheduledTime: move == nil ? nil : time, change: change)
    }
}
