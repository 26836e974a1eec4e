import CivilTime
import Timetable

/// The rules of editing a schedule's exceptions, as pure functions of the schedule: what may be
/// added, moved or removed, and why not. The command line reads arguments and files and calls
/// these; `build` reads the same schedule model. Messages name the schedule by its
/// `sourceFile`, which the edit read.
///
/// Each check runs on the schedule as it is; the result of the edit is then checked again by
/// the same decoder and validator `build` uses, before anything is written.
package enum ExceptionEdits {
    /// The index of a class, or a refusal that suggests the closest id.
    package static func classIndex(_ id: String, in schedule: Schedule) throws(ExceptionEditRefusal) -> Int {
        if let i = schedule.classIndex(id: id) { return i }
        let ids = schedule.classes.map(\.id)
        let hint = closestMatch(to: id, in: ids).map { "did you mean '\($0)'? " } ?? ""
        throw ExceptionEditRefusal(
            "no class has the id '\(id)'; \(schedule.sourceFile) was not changed\n  hint: \(hint)the classes are: \(ids.joined(separator: ", "))")
    }

    /// Checks a cancellation of every class (or `classID`'s) from `from` to `to`, in this order:
    /// a class must run then; the same exception must not be there already; a moved class
    /// cannot also be cancelled (the schedule format forbids it); and an entry that changes
    /// nothing (every class then already cancelled by the schedule) is refused.
    ///
    /// One pass over the range, counting rather than listing: a long range of a network is
    /// millions of occurrences.
    ///
    /// - Parameter entryText: an exception as written in the file, for messages.
    package static func checkCancellation(
        from: LocalDate, to: LocalDate, classID: String?, in s: Schedule, engine: RecurrenceEngine,
        entryText: (ScheduleException) -> String
    ) throws(ExceptionEditRefusal) {
        let path = s.sourceFile
        let indices = try classID.map { id throws(ExceptionEditRefusal) in [try classIndex(id, in: s)] } ?? Array(s.classes.indices)
        let day = ExceptionEffects.day
        let when = from == to ? "on \(day(from))" : "from \(day(from)) to \(day(to))"
        var running = 0
        var firstMove: (day: LocalDate, index: Int, move: ScheduleException)?
        var covered = 0
        var coveringByPath: [String: ScheduleException] = [:]
        var firstCovering: ScheduleException?
        var d = from
        while d <= to {
            for i in indices where s.classes[i].runs(on: d) {
                running += 1
                if firstMove == nil, let m = engine.move(classIndex: i, on: d) { firstMove = (d, i, m) }
                if let c = engine.cancellation(classIndex: i, on: d, includingHolidays: false) {
                    covered += 1
                    if firstCovering == nil { firstCovering = c }
                    if coveringByPath[c.path] == nil { coveringByPath[c.path] = c }
                }
            }
            d = d.adding(days: 1)
        }
        guard running > 0 else {
            let who = classID.map { "class \($0) does not run" } ?? "no class runs"
            throw ExceptionEditRefusal("\(who) \(when), so there is nothing to cancel; \(path) was not changed\n"
                + "  hint: " + indices.map { "\(s.classes[$0].id) runs on \(ExceptionEffects.describeRuns(s.classes[$0]))" }.joined(separator: "; "))
        }
        for e in s.exceptions where e.classID == classID {
            if case .cancel(let f, let t) = e.kind, f == from, t == to {
                throw ExceptionEditRefusal("\(path) already has this exception: \(e.path) \(entryText(e)); \(path) was not changed\n"
                    + "  hint: to change its reason, remove it ('classfeed exceptions remove \(from)\(classID.map { " --class \($0)" } ?? "")\(scheduleOption(s))') and add it again")
            }
        }
        if let (moved, i, m) = firstMove {
            throw ExceptionEditRefusal("\(day(moved)): \(s.classes[i].id) is moved by \(m.path) \(entryText(m)), and a moved class cannot also be cancelled; \(path) was not changed\n"
                + "  hint: remove the move first: classfeed exceptions remove \(moved) --class \(s.classes[i].id)\(scheduleOption(s))")
        }
        if covered == running, let first = firstCovering {
            let by = coveringByPath.keys.sorted().map { coveringByPath[$0].map(ExceptionEffects.label) ?? $0 }
            throw ExceptionEditRefusal("every class \(when) is already cancelled by \(by.joined(separator: " and ")); \(path) was not changed\n"
                + "  hint: to give a different reason, remove \(first.path) and add it again; 'classfeed exceptions list' shows it")
        }
    }

    /// Checks a move of class `id`'s `date` occurrence to `toDate` and/or `toTime`: the class
    /// runs that day, is not moved or cancelled by the schedule already, and the move changes
    /// something. Returns a note when the day is a holiday the move takes the class out of.
    package static func checkMove(
        classID id: String, date: LocalDate, toDate: LocalDate?, toTime: LocalTime?, in s: Schedule, engine: RecurrenceEngine,
        entryText: (ScheduleException) -> String
    ) throws(ExceptionEditRefusal) -> String? {
        let path = s.sourceFile
        let day = ExceptionEffects.day
        let cls = s.classes[try classIndex(id, in: s)]
        guard cls.runs(on: date) else {
            throw ExceptionEditRefusal("class \(id) does not run on \(day(date)), so there is nothing to move; \(path) was not changed\n"
                + "  hint: \(id) runs on \(ExceptionEffects.describeRuns(cls))")
        }
        if let m = engine.move(classID: id, on: date) {
            throw ExceptionEditRefusal("the \(day(date)) class of \(id) is already moved by \(m.path) \(entryText(m)); \(path) was not changed\n"
                + "  hint: to move it elsewhere, remove that move first: classfeed exceptions remove \(date) --class \(id)\(scheduleOption(s))")
        }
        if let c = engine.cancellation(classID: id, on: date, includingHolidays: false) {
            throw ExceptionEditRefusal("the \(day(date)) class of \(id) is cancelled by \(ExceptionEffects.label(c)), and a cancelled class cannot be moved; \(path) was not changed\n"
                + "  hint: remove or shorten that cancellation first (classfeed exceptions list shows it)")
        }
        if (toDate ?? date) == date && (toTime ?? cls.start) == cls.start {
            throw ExceptionEditRefusal("the move changes neither the day nor the time: \(id) already runs on \(day(date)) at \(cls.start); \(path) was not changed")
        }
        if let h = engine.cancellation(classID: id, on: date), h.isFromHolidayCalendar {
            return "note: \(day(date)) is \(ExceptionEffects.label(h)); the move takes the class out of the holiday, so it runs at its new time"
        }
        return nil
    }

    /// Checks a change of class `id`'s occurrences from `from` to `to` (one date when equal): the
    /// class has an occurrence then; the change differs from what the class says anyway; some
    /// occurrence is not cancelled (a move beats a holiday, as in the engine); no change already
    /// on one of those occurrences gives a field another value; and the schedule does not say
    /// all of it already. The same rules as ``ScheduleValidator``'s, which checks the result
    /// again, worded for the command line. Returns notes (cancelled occurrences the change skips).
    package static func checkChange(
        classID id: String, from: LocalDate, to: LocalDate, change: OccurrenceChange, in s: Schedule, engine: RecurrenceEngine,
        entryText: (ScheduleException) -> String
    ) throws(ExceptionEditRefusal) -> [String] {
        let path = s.sourceFile
        let day = ExceptionEffects.day
        let index = try classIndex(id, in: s)
        let cls = s.classes[index]
        let when = from == to ? "on \(day(from))" : "from \(day(from)) to \(day(to))"
        var dates: [LocalDate] = []
        cls.forEachScheduledDate(in: from...to) { dates.append($0) }
        dates.sort()
        guard !dates.isEmpty else {
            throw ExceptionEditRefusal("class \(id) does not run \(when), so there is nothing to change; \(path) was not changed\n"
                + "  hint: \(id) runs \(runsWords(cls))")
        }
        if change.differences(from: cls).isEmpty {
            throw ExceptionEditRefusal("the change changes nothing: \(id) already has \(change.description); \(path) was not changed\n"
                + "  hint: give another instructor, location, title, note or length")
        }
        var open: [(date: LocalDate, existing: [ScheduleException])] = []
        var cancelled: [(date: LocalDate, by: ScheduleException)] = []
        for d in dates {
            let move = engine.move(classIndex: index, on: d)
            if move == nil, let c = engine.cancellation(classIndex: index, on: d) {
                cancelled.append((d, c))
                continue
            }
            var existing = engine.changes(classID: id, on: d)
            if let move, move.changes != nil { existing.insert(move, at: 0) }
            open.append((d, existing))
        }
        if open.isEmpty, let first = cancelled.first {
            let what = dates.count == 1 ? "the \(day(first.date)) class of \(id) is" : "every class of \(id) \(when) is"
            throw ExceptionEditRefusal("\(what) cancelled by \(ExceptionEffects.label(first.by)), and a cancelled class cannot be changed; \(path) was not changed\n"
                + "  hint: remove or shorten that cancellation first (classfeed exceptions list shows it)")
        }
        try checkAgainstExisting(
            open, id: id, change: change, wanted: change.differences(from: cls), path: path, in: s, entryText: entryText)
        guard let first = cancelled.first else { return [] }
        let more = cancelled.count > 1 ? " (and \(cancelled.count - 1) more cancelled)" : ""
        return ["note: \(day(first.date)): \(id) is cancelled by \(ExceptionEffects.label(first.by))\(more); "
            + "the change applies to the other \(open.count == 1 ? "occurrence" : "\(open.count) occurrences")"]
    }

    /// The refusals of ``checkChange`` that compare with the schedule's changes: a field given another value on the same occurrence, or nothing new (`wanted`: the
    /// fields that differ from the class's own).
    private static func checkAgainstExisting(
        _ open: [(date: LocalDate, existing: [ScheduleException])], id: String, change: OccurrenceChange, wanted: OccurrenceChange,
        path: String, in s: Schedule, entryText: (ScheduleException) -> String
    ) throws(ExceptionEditRefusal) {
        let day = ExceptionEffects.day
        var allSaid = true
        var sayingIt: ScheduleException?
        for (d, existing) in open {
            var said = OccurrenceChange()
            for e in existing {
                guard let c = e.changes else { continue }
                let (_, conflict) = c.merged(with: change)
                if let conflict {
                    let old = c.fields.first { $0.key == conflict }?.value ?? ""
                    let new = change.fields.first { $0.key == conflict }?.value ?? ""
                    throw ExceptionEditRefusal("\(day(d)): \(e.path) \(entryText(e)) already gives the \(conflict) of \(id) as \"\(old)\", not \"\(new)\"; \(path) was not changed\n"
                        + "  hint: remove that entry first (" + removeCommand(e, in: s) + "), or leave \(day(d)) out")
                }
                said = said.merged(with: c).change
                if sayingIt == nil, c.fields.contains(where: { f in wanted.fields.contains { $0.key == f.key && $0.value == f.value } }) {
                    sayingIt = e
                }
            }
            if said.merged(with: wanted).change != said { allSaid = false }
        }
        if allSaid, let e = sayingIt {
            throw ExceptionEditRefusal("\(path) already says this: \(e.path) \(entryText(e)); \(path) was not changed\n"
                + "  hint: to change its reason, remove it (" + removeCommand(e, in: s) + ") and add it again")
        }
    }

    /// ` --schedule FILE` when the schedule is not the default `schedule.json`: a command in a
    /// hint must edit the file the owner named.
    static func scheduleOption(_ s: Schedule) -> String {
        let file = s.sourceFile
        if file == "schedule.json" { return "" }
        let plain = file.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !"'\"\\$`;&|<>()*?[]{}~#!".utf8.contains($0) }
        if plain { return " --schedule " + file }
        // Single-quoted for the shell, a quote inside written as '\''.
        return " --schedule '" + file.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    /// `classfeed exceptions remove 2027-01-04 --class hips-monday`, for an entry naming a class.
    private static func removeCommand(_ e: ScheduleException, in s: Schedule) -> String {
        let start: LocalDate
        switch e.kind {
        case .cancel(let f, _), .change(let f, _): start = f
        case .move(let d, _, _): start = d
        }
        return "classfeed exceptions remove \(start)" + (e.classID.map { " --class \($0)" } ?? "") + scheduleOption(s)
    }

    /// "on Mondays at 17:15", "every 2 weeks on Mondays at 17:15", "on 2026-12-19 at 10:00".
    private static func runsWords(_ cls: ClassDefinition) -> String {
        let words = ExceptionEffects.describeRuns(cls)
        if case .weekly = cls.pattern { return "on " + words }
        return words
    }

    /// The exceptions a removal takes out (those for `classID`, or for every class, that start
    /// on `date`, and end on `to` when given), and the window whose occurrences it affects.
    package static func removal(
        date: LocalDate, to: LocalDate?, classID: String?, in s: Schedule, entryText: (ScheduleException) -> String
    ) throws(ExceptionEditRefusal) -> (indices: Set<Int>, window: (LocalDate, LocalDate)) {
        let path = s.sourceFile
        let day = ExceptionEffects.day
        func span(_ e: ScheduleException) -> (LocalDate, LocalDate) {
            switch e.kind {
            case .cancel(let f, let t), .change(let f, let t): (f, t)
            case .move(let d, _, _): (d, d)
            }
        }
        let matches = s.exceptions.indices.filter { i in
            let e = s.exceptions[i]
            let (f, t) = span(e)
            return f == date && e.classID == classID && (to == nil || t == to)
        }
        guard !matches.isEmpty else {
            var hints: [String] = []
            for e in s.exceptions {
                let (f, t) = span(e)
                guard f <= date && date <= t else { continue }
                let cmd = "classfeed exceptions remove \(f)" + (e.classID.map { " --class \($0)" } ?? "") + (to != nil && f != t ? " --to \(t)" : "")
                    + scheduleOption(s)
                if f == date {
                    hints.append("\(e.path) \(entryText(e)) starts then; to remove it: \(cmd)")
                } else if classID == nil || e.classID == nil || e.classID == classID {
                    hints.append("\(e.path) \(entryText(e)) covers it; to remove the whole range: \(cmd)")
                }
            }
            if let id = classID, s.classIndex(id: id) == nil {
                let near = closestMatch(to: id, in: s.classes.map(\.id)).map { "did you mean '\($0)'? " } ?? ""
                hints.insert("no class has the id '\(id)'; \(near)known classes: \(s.classes.map(\.id).joined(separator: ", "))", at: 0)
            }
            for h in s.holidayClosures where h.covers(date, classID: classID ?? "") {
                hints.append("\(day(date)) is \(ExceptionEffects.label(h)): holiday calendars are not schedule entries; to keep a class on holidays, set \"ignoreHolidays\": true on it")
            }
            let which = classID.map { "for class \($0) " } ?? "for every class "
            throw ExceptionEditRefusal("no exception \(which)starts on \(day(date))\(to.map { " and ends on \(day($0))" } ?? ""); \(path) was not changed"
                + hints.map { "\n  hint: " + $0 }.joined())
        }
        let texts = matches.map { entryText(s.exceptions[$0]) }
        if Set(texts).count > 1 {
            throw ExceptionEditRefusal(
                ambiguous: "\(matches.count) exceptions start on \(day(date)): "
                    + matches.map { "\(s.exceptions[$0].path) \(entryText(s.exceptions[$0]))" }.joined(separator: ", ")
                    + "; say which with --to DATE (its last day); \(path) was not changed")
        }
        var lo = date
        var hi = date
        for i in matches {
            let (_, t) = span(s.exceptions[i])
            hi = max(hi, t)
            if case .move(_, let toDate?, _) = s.exceptions[i].kind {
                lo = min(lo, toDate)
                hi = max(hi, toDate)
            }
        }
        return (Set(matches), (lo, hi))
    }
}

/// Why an edit of the exceptions was refused: the schedule does not allow it (`isAmbiguous`
/// false: the data is the problem, exit 65), or the command did not say which entry it meant
/// (true: the command line is the problem, exit 64).
package struct ExceptionEditRefusal: Error, Equatable, CustomStringConvertible {
    package var message: String
    package var isAmbiguous: Bool

    init(_ message: String) {
        self.message = message
        isAmbiguous = false
    }

    init(ambiguous message: String) {
        self.message = message
        isAmbiguous = true
    }

    package var description: String { message }
}
