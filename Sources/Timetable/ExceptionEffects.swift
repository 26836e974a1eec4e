import CivilTime
import Timetable

/// What exceptions do to the classes members see, in words:
/// "Thu 24 Dec 2026: Hip Mobility & Stretch 19:00 cancelled".
package enum ExceptionEffects {
    /// Lines printed per exception before "... and N more".
    package static let maxLines = 60

    package static func day(_ d: LocalDate) -> String { d.humanDate }

    /// `exceptions[0]: Thu 24 Dec 2026 to Sun 3 Jan 2027, every class cancelled: Christmas closure`.
    package static func heading(_ e: ScheduleException) -> String {
        let label: String
        if case .holidayCalendar(let file, let line) = e.origin { label = "\(file):\(line)" } else { label = e.path }
        var s = label + ": "
        switch e.kind {
        case .cancel(let from, let to):
            s += day(from) + (from == to ? "" : " to " + day(to))
            if e.isFromHolidayCalendar {
                return s + ", holiday: " + (e.reason ?? ScheduleException.defaultHolidayReason)
            }
            s += ", " + (e.classID.map { "class \($0)" } ?? "every class") + " cancelled"
        case .move(let date, let toDate, let toStart):
            s += day(date) + ", class \(e.classID ?? "?") moved"
            var target: [String] = []
            if let toDate { target.append(day(toDate)) }
            if let toStart { target.append("\(toStart)") }
            s += " to " + target.joined(separator: " ")
            if let c = e.changes { s += ", " + c.description }
        case .change(let from, let to):
            s += day(from) + (from == to ? "" : " to " + day(to)) + ", class \(e.classID ?? "?") changed: " + (e.changes?.description ?? "")
        }
        if let reason = e.reason { s += ": " + reason }
        return s
    }

    /// What one exception does, occurrence by occurrence, for `exceptions list`; summarised
    /// when long (see ``EffectsReport``).
    package static func effects(of e: ScheduleException, in schedule: Schedule, engine: RecurrenceEngine) -> [String] {
        var report = EffectsReport()
        switch e.kind {
        case .cancel(let from, let to):
            let indices = e.classID.flatMap(schedule.classIndex(id:)).map { [$0] } ?? Array(schedule.classes.indices)
            var d = from
            while d <= to {
                for i in indices where schedule.classes[i].runs(on: d) {
                    let cls = schedule.classes[i]
                    // Listed day by day, each day in schedule order.
                    let key = EffectsReport.Key(date: d, start: LocalTime(secondsOfDay: 0), index: i)
                    let slot = { "\(day(d)): \(cls.title) \(cls.start)" }
                    if let m = engine.move(classIndex: i, on: d), case .move(_, let toDate, let toStart) = m.kind {
                        report.add(key, .moved) { slot() + " moved to \(day(toDate ?? d)) \(toStart ?? cls.start) by \(m.path), which comes first" }
                    } else if let c = engine.cancellation(classIndex: i, on: d) {
                        report.add(key, .cancelled) { slot() + " cancelled" + (c.path == e.path ? "" : " (also by \(label(c)))") }
                    } else if e.isFromHolidayCalendar && cls.ignoreHolidays {
                        report.add(key, .stillRuns) { slot() + " runs (\"ignoreHolidays\": true)" }
                    }
                }
                d = d.adding(days: 1)
            }
        case .move(let date, let toDate, let toStart):
            if let id = e.classID, let i = schedule.classIndex(id: id) {
                let cls = schedule.classes[i]
                return ["\(day(date)): \(cls.title) \(cls.start) moved to \(day(toDate ?? date)) \(toStart ?? cls.start)"
                    + (e.changes.map { ", " + changeWords($0, cls) } ?? "")]
            }
        case .change(let from, let to):
            if let id = e.classID, let i = schedule.classIndex(id: id), let c = e.changes {
                let cls = schedule.classes[i]
                cls.forEachScheduledDate(in: from...to) { d in
                    let key = EffectsReport.Key(date: d, start: cls.start, index: i)
                    let slot = { "\(day(d)): \(cls.title) \(cls.start)" }
                    if let x = engine.cancellation(classIndex: i, on: d), engine.move(classIndex: i, on: d) == nil {
                        report.add(key, .cancelled) { slot() + " cancelled by \(label(x)); the change does not apply" }
                    } else {
                        report.add(key, .changed) { slot() + " " + changeWords(c, cls) }
                    }
                }
            }
        }
        if report.isEmpty { return ["no class runs then; this changes nothing"] }
        return report.lines
    }

    /// How an exception is named in messages.
    package static func label(_ e: ScheduleException) -> String {
        if case .holidayCalendar(let file, let line) = e.origin { return "the holiday \"\(e.reason ?? "")\" (\(file):\(line))" }
        return e.path + (e.reason.map { " \"\($0)\"" } ?? "")
    }

    /// What members see differently between two versions of a schedule, for occurrences whose
    /// original or new date is in `from...to`. Compared class by class, so memory stays at one
    /// class's occurrences and the report's few lines (see ``EffectsReport``), however long
    /// the range and large the network.
    package static func changes(before: Schedule, after: Schedule, from: LocalDate, to: LocalDate) -> [String] {
        let oldEngine = RecurrenceEngine(schedule: before)
        let newEngine = RecurrenceEngine(schedule: after)
        var report = EffectsReport()
        for index in after.classes.indices {
            let cls = after.classes[index]
            var old: [LocalDate: Occurrence] = [:]
            if before.classes.indices.contains(index) {
                for o in oldEngine.occurrences(ofClass: index, from: from, to: to) { old[o.originalDate] = o }
            }
            var new: [LocalDate: Occurrence] = [:]
            for o in newEngine.occurrences(ofClass: index, from: from, to: to) { new[o.originalDate] = o }
            for date in Set(old.keys).union(new.keys).sorted() {
                let key = EffectsReport.Key(date: date, start: cls.start, index: index)
                let slot = { "\(day(date)): \(cls.title) \(cls.start)" }
                let a = old[date]
                let b = new[date]
                let aMoved = a?.movedFrom != nil
                let bMoved = b?.movedFrom != nil
                if let b, !b.isCancelled, b.change != a?.change, b.localStart == a?.localStart || !bMoved {
                    if let c = b.change {
                        report.add(key, .changed) { slot() + " " + changeWords(c, cls) }
                    } else if let old = a?.change {
                        report.add(key, .changed) { slot() + " back as planned (was " + changeWords(old, cls) + ")" }
                    }
                }
                if let b, bMoved, !aMoved || a?.localStart != b.localStart {
                    report.add(key, .moved) { slot() + " moved to \(day(b.date)) \(b.localStart.time)" }
                } else if let a, aMoved, !bMoved {
                    report.add(key, .movedBack) {
                        slot() + " back on its usual day and time (was moved to \(day(a.date)) \(a.localStart.time))"
                            + (b?.isCancelled == true ? ", and cancelled" : "")
                    }
                } else if let a, let b {
                    switch (a.status, b.status) {
                    case (.confirmed, .cancelled):
                        report.add(key, .cancelled) { slot() + " cancelled" }
                    case (.cancelled, .confirmed):
                        report.add(key, .reinstated) { slot() + " back on (no longer cancelled)" }
                    case (.cancelled(let r0), .cancelled(let r1)):
                        if r0 != r1 { report.add(key, .reasonChanged) { slot() + " stays cancelled, now \(quoted(r1)) (was \(quoted(r0)))" } }
                    case (.confirmed, .confirmed):
                        break
                    }
                }
            }
        }
        return report.lines
    }

    /// What members read of a change: "covered by Sam, in Studio 2, note: bring a strap".
    package static func changeWords(_ c: OccurrenceChange, _ cls: ClassDefinition) -> String {
        var parts: [String] = []
        if let i = c.instructor, i != cls.instructor { parts.append("covered by \(i)") }
        if let l = c.location, l != cls.location { parts.append("in \(l)") }
        if let t = c.title, t != cls.title { parts.append("as \"\(t)\"") }
        if let m = c.durationMinutes, m != cls.durationMinutes { parts.append("\(m) minutes") }
        if let n = c.note { parts.append("note: \(n)") }
        return parts.isEmpty ? "unchanged" : parts.joined(separator: ", ")
    }

    /// The first half of how members read a change, before its date: "Sam covers Hip Mobility
    /// & Stretch", or the class's title when the instructor stays.
    package static func changeSubject(_ c: OccurrenceChange, _ cls: ClassDefinition) -> String {
        if let i = c.instructor, i != cls.instructor { return "\(i) covers \(cls.title)" }
        return cls.title
    }

    /// The rest, after the date: "in Studio 2, as \"Hip Flow\", 45 minutes, note: bring a
    /// strap"; nil when only the instructor changes.
    package static func changeDetails(_ c: OccurrenceChange, _ cls: ClassDefinition) -> String? {
        var parts: [String] = []
        if let l = c.location, l != cls.location { parts.append("in \(l)") }
        if let t = c.title, t != cls.title { parts.append("as \"\(t)\"") }
        if let m = c.durationMinutes, m != cls.durationMinutes { parts.append("\(m) minutes") }
        if let n = c.note { parts.append("note: \(n)") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// "Sam covers Hip Mobility & Stretch on Mon 7 Dec 2026: in Studio 2".
    package static func changeSentence(_ c: OccurrenceChange, _ cls: ClassDefinition, date: LocalDate) -> String {
        changeSubject(c, cls) + " on " + day(date) + (changeDetails(c, cls).map { ": " + $0 } ?? "")
    }

    private static func quoted(_ s: String?) -> String { s.map { "\"\($0)\"" } ?? "no reason" }

    /// "Mondays at 17:15", "on 2026-12-19 at 10:00", with the window when there is one.
    package static func describeRuns(_ cls: ClassDefinition) -> String {
        var s: String
        switch cls.pattern {
        case .weekly(let days):
            s = days.map { $0.name.prefix(1).uppercased() + $0.name.dropFirst() + "s" }.joined(separator: " and ") + " at \(cls.start)"
        case .everyNWeeks, .monthly:
            s = (cls.pattern.recurrenceWords ?? "") + " at \(cls.start)"
        case .dates(let dates):
            s = "on " + dates.prefix(4).map(\.humanDate).joined(separator: ", ") + (dates.count > 4 ? ", ..." : "") + " at \(cls.start)"
        }
        if let from = cls.from { s += " from \(from.humanDate)" }
        if let until = cls.until { s += " until \(until.humanDate)" }
        return s
    }
}
