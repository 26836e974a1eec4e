import CivilTime
import JSON

/// Checks that need the whole schedule: unique ids, exceptions that name real classes, moves of
/// occurrences that exist. Suspicious but legal input is a warning.
package enum ScheduleValidator {
    package static func validate(_ schedule: Schedule) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let file = schedule.sourceFile
        var locator = schedule.source.map(SourceLocator.init)
        func error(_ entry: EntryPosition?, _ path: String, _ msg: String, hint: String? = nil) {
            out.append(Diagnostic(.error, file: file, location: locate(entry, &locator), path: path, message: msg, hint: hint))
        }
        func warning(_ entry: EntryPosition?, _ path: String, _ msg: String, hint: String? = nil) {
            out.append(Diagnostic(.warning, file: file, location: locate(entry, &locator), path: path, message: msg, hint: hint))
        }
        // The first class with each id: the one exceptions name, and the one later duplicates
        // are reported against.
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(schedule.classes.count)
        for i in schedule.classes.indices {  // read in place: a copy of each class would retain its strings
            let first = Self.firstIndex(&indexByID[schedule.classes[i].id], else: i)
            if first != i {
                let c = schedule.classes[i]
                error(c.entry, c.path + ".id", "duplicate class id \"\(c.id)\" (also used by \(schedule.classes[first].path))",
                      hint: "every class needs its own id: it is part of each event's UID and feed file name")
            }
        }
        let ids = schedule.classes.map(\.id)
        // Only moves consult the engine: a schedule without moves never pays for its indexes.
        var engineStorage: RecurrenceEngine?
        // The first move (by index) of each occurrence: the one named in messages.
        var moved: [CancellationKey: Int] = [:]
        var unknownClasses = 0
        let classRefs = Self.classReferences(schedule.exceptions, indexByID: indexByID)
        // Cancellations that repeat an earlier one, in the order they are listed.
        let repeats = Self.repeatedCancellations(schedule.exceptions, classRefs)
        var nextRepeat = 0
        // Fields are read in place: copying each exception and class would retain their strings.
        let classes = schedule.classes, exceptions = schedule.exceptions
        // The class of the exception being checked, copied once for a run of exceptions
        // of the same class rather than once for each.
        var current: (index: Int, cls: ClassDefinition)?
        // The first change (entry and values) of each changed occurrence, by class and original day.
        var changedBy: [CancellationKey: (entry: Int, change: OccurrenceChange)] = [:]
        var conflicts: Set<[Int]> = []
        func engine() -> RecurrenceEngine {
            let engine = engineStorage ?? RecurrenceEngine(schedule: schedule)
            engineStorage = engine
            return engine
        }
        /// Records `change` on an occurrence; two entries that give one field different values are an error.
        func noteChange(_ ei: Int, _ change: OccurrenceChange, classIndex: Int, date: LocalDate) {
            let key = CancellationKey(classIndex: classIndex, from: date.dayNumber, to: date.dayNumber)
            guard let first = changedBy[key] else {
                changedBy[key] = (ei, change)
                return
            }
            let (merged, conflict) = first.change.merged(with: change)
            changedBy[key] = (first.entry, merged)
            guard let conflict, conflicts.insert([first.entry, ei]).inserted else { return }
            let a = first.change.fields.first { $0.key == conflict }?.value ?? ""
            let b = change.fields.first { $0.key == conflict }?.value ?? ""
            let e = exceptions[ei]
            error(e.entry, e.path + ".change.\(conflict)",
                  "\(exceptions[first.entry].path) and \(e.path) both change the \(date.humanDate) occurrence of \"\(classes[classIndex].id)\": \(conflict) \"\(a)\" and \"\(b)\"",
                  hint: "keep one \(conflict) for that date: shorten one range, or remove one of them")
        }
        for ei in exceptions.indices {
            var e: ScheduleException { exceptions[ei] }  // whole, for messages only
            var classIndex: Int?
            switch classRefs[ei] {
            case .every: break
            case .known(let i): classIndex = i
            case .unknown:
                let id = exceptions[ei].classID ?? ""
                // Hints cost a spelling comparison with every id: only for the first few,
                // so thousands of bad entries cannot take minutes (or gigabytes of text).
                unknownClasses += 1
                let known = "known classes: " + ids.prefix(10).joined(separator: ", ") + (ids.count > 10 ? ", ..." : "")
                let hint = unknownClasses > 20 ? nil : closestMatch(to: id, in: ids).map { "did you mean \"\($0)\"?" } ?? known
                error(e.entry, e.path + ".class", "no class has the id \"\(id)\"", hint: hint)
                continue
            }
            if let classIndex, current?.index != classIndex { current = (classIndex, classes[classIndex]) }
            switch exceptions[ei].kind {
            case .cancel(let from, let to):
                if nextRepeat < repeats.count, repeats[nextRepeat].index == ei {
                    warning(e.entry, e.path, "duplicates \(exceptions[repeats[nextRepeat].first].path)", hint: "remove one of them")
                    nextRepeat += 1
                }
                if classIndex != nil, current?.cls.runs(in: from...to) == false, let cls = current?.cls {
                    let when = from == to ? "on \(from.humanDate)" : "between \(from.humanDate) and \(to.humanDate)"
                    warning(e.entry, e.path, "class \"\(cls.id)\" never runs \(when), so this exception changes nothing",
                            hint: "check the date and the class id")
                }
            case .move(let date, let toDate, let toStart):
                guard let classIndex else { continue }  // a move without "class" was reported by the decoder
                let cls = classes[classIndex]
                guard cls.runs(on: date) else {
                    error(e.entry, e.path + ".date", "class \"\(cls.id)\" has no occurrence on \(date.humanDate) to move",
                          hint: describeRuns(cls))
                    continue
                }
                if let c = exceptions[ei].changes {
                    if c.differences(from: cls).isEmpty {
                        error(e.entry, e.path + ".change", "the change changes nothing: \"\(cls.id)\" already has \(c.description)",
                              hint: "give another instructor, location, title, note or length, or leave \"change\" out")
                    }
                    noteChange(ei, c, classIndex: classIndex, date: date)
                }
                let key = CancellationKey(classIndex: classIndex, from: date.dayNumber, to: date.dayNumber)
                if let first = moved[key] {
                    error(e.entry, e.path, "the \(date.humanDate) occurrence of \"\(cls.id)\" is already moved by \(exceptions[first].path)",
                          hint: "keep one move per occurrence")
                    continue
                }
                moved[key] = ei
                let engine = engine()
                if let c = engine.cancellation(classID: cls.id, on: date, includingHolidays: false) {
                    error(e.entry, e.path, "cannot move the \(date.humanDate) occurrence of \"\(cls.id)\": \(c.path) cancels it",
                          hint: "remove the cancellation or the move")
                    continue
                }
                let target = toDate ?? date
                if target == date && (toStart == nil || toStart == cls.start) {
                    warning(e.entry, e.path + ".moveTo", "the move does not change the date or the time")
                }
                if let c = engine.cancellation(classID: cls.id, on: target) {
                    warning(e.entry, e.path + ".moveTo", "moves onto \(target.humanDate), which \(c.path) closes; the move stands",
                            hint: "members will see this class on a closed day: check the date")
                } else if target != date, cls.runs(on: target), engine.move(classID: cls.id, on: target) == nil {
                    warning(e.entry, e.path + ".moveTo", "moves onto \(target.humanDate), when \"\(cls.id)\" already runs",
                            hint: "members will see the class twice that day")
                }
            case .change(let from, let to):
                // A change without "class" or "change" was reported by the decoder.
                guard let classIndex, let c = exceptions[ei].changes else { continue }
                let cls = classes[classIndex]
                let when = from == to ? "on \(from.humanDate)" : "between \(from.humanDate) and \(to.humanDate)"
                if c.differences(from: cls).isEmpty {
                    error(e.entry, e.path + ".change", "the change changes nothing: \"\(cls.id)\" already has \(c.description)",
                          hint: "give another instructor, location, title, note or length, or remove the entry")
                    continue
                }
                var dates: [LocalDate] = []
                cls.forEachScheduledDate(in: from...to) { dates.append($0) }
                guard !dates.isEmpty else {
                    error(e.entry, e.path + (from == to ? ".date" : ""), "class \"\(cls.id)\" has no occurrence \(when) to change",
                          hint: describeRuns(cls))
                    continue
                }
                let engine = engine()
                var cancelledBy: ScheduleException?
                var open = 0
                for d in dates.sorted() {
                    if engine.move(classIndex: classIndex, on: d) == nil, let x = engine.cancellation(classIndex: classIndex, on: d, includingHolidays: false) {
                        cancelledBy = cancelledBy ?? x
                    } else {
                        open += 1
                        noteChange(ei, c, classIndex: classIndex, date: d)
                    }
                }
                if open == 0, let x = cancelledBy {
                    error(e.entry, e.path, "cannot change the \(from == to ? "\(from.humanDate) occurrence" : "occurrences \(when)") of \"\(cls.id)\": \(x.path) cancels \(from == to ? "it" : "them")",
                          hint: "remove the cancellation or the change")
                }
            }
        }
        out += feedDiagnostics(schedule, locator: &locator)
        return out
    }

    /// `feeds`: ids that would collide, and filters that match nothing (with a hint when a
    /// name is close to one the schedule uses).
    private static func feedDiagnostics(_ schedule: Schedule, locator: inout SourceLocator?) -> [Diagnostic] {
        guard !schedule.feeds.isEmpty else { return [] }
        var out: [Diagnostic] = []
        let file = schedule.sourceFile
        let classIDs = schedule.classes.map(\.id)
        var instructors: [String] = []
        var locations: [String] = []
        var tags: [String] = []
        func add(_ value: String?, to list: inout [String]) {
            if let value, !list.contains(value) { list.append(value) }
        }
        for c in schedule.classes {
            add(c.instructor, to: &instructors)
            add(c.location, to: &locations)
            for t in c.tags { add(t, to: &tags) }
        }
        for e in schedule.exceptions {
            add(e.changes?.instructor, to: &instructors)
            add(e.changes?.location, to: &locations)
        }
        var seen: [String: Int] = [:]
        let membership = FeedMembership(schedule)
        for f in schedule.feeds {
            let at = locate(f.entry, &locator)
            func report(_ severity: Diagnostic.Severity, _ path: String, _ message: String, hint: String? = nil) {
                out.append(Diagnostic(severity, file: file, location: at, path: path, message: message, hint: hint))
            }
            if let first = seen[f.id] {
                report(.error, f.path + ".id", "duplicate feed id \"\(f.id)\" (also used by feeds[\(first)])",
                       hint: "every feed needs its own id: it names the file \(schedule.calendar.id)-\(f.id).ics")
                continue
            }
            seen[f.id] = f.index
            if classIDs.contains(f.id) {
                report(.error, f.path + ".id", "the feed id \"\(f.id)\" is also a class id; both feeds would be \(schedule.calendar.id)-\(f.id).ics",
                       hint: "choose another id, e.g. \"\(f.id)-feed\"")
                continue
            }
            // A value the schedule never uses: a typo, most likely.
            func unknown(_ key: String, _ value: String?, _ known: [String]) -> Bool {
                guard let value, !known.contains(value) else { return false }
                let hint = closestMatch(to: value, in: known).map { "did you mean \"\($0)\"?" }
                    ?? (known.isEmpty ? "no class has \(key == "classes" ? "that id" : "a \"\(key)\"")" : "known: " + known.prefix(10).joined(separator: ", "))
                report(.warning, f.path + "." + key, "no class has the \(key == "classes" ? "id" : key) \"\(value)\"; the feed has no events", hint: hint)
                return true
            }
            var reported = unknown("instructor", f.instructor, instructors)
            reported = unknown("location", f.location, locations) || reported
            reported = unknown("tag", f.tag, tags) || reported
            for id in f.classes ?? [] { reported = unknown("classes", id, classIDs) || reported }
            if !reported, !schedule.classes.indices.contains(where: { membership.feed(f, mayInclude: $0) }) {
                report(.warning, f.path, "no class matches \(f.filterDescription); the feed has no events",
                       hint: "every filter given must match: check them together")
            }
        }
        return out
    }

    /// The class an exception names, as found by its id.
    private enum ClassReference {
        /// No `class`: every class.
        case every
        /// The index of the first class with the id.
        case known(Int)
        /// No class has the id.
        case unknown
    }

    private static func classReferences(_ exceptions: [ScheduleException], indexByID: [String: Int]) -> [ClassReference] {
        var refs: [ClassReference] = []
        refs.reserveCapacity(exceptions.count)
        // Exceptions are usually written grouped by class (or by date, a few classes a day):
        // the last id found settles most lookups without hashing it again.
        var lastFound: (id: String, index: Int)?
        for e in exceptions.indices {
            guard let id = exceptions[e].classID else {
                refs.append(.every)
                continue
            }
            if let last = lastFound, last.id == id {
                refs.append(.known(last.index))
            } else if let i = indexByID[id] {
                refs.append(.known(i))
                lastFound = (id, i)
            } else {
                refs.append(.unknown)
            }
        }
        return refs
    }

    /// The cancellations with the same class and dates as one listed before them, in the order
    /// they are listed, each with the first such (the one messages name). Found by sorting
    /// rather than hashing: tens of thousands of exceptions sort faster than they hash, and
    /// most files list them in order already.
    private static func repeatedCancellations(
        _ exceptions: [ScheduleException], _ refs: [ClassReference]
    ) -> [(index: Int, first: Int)] {
        // (class, first day, last day, index); every class sorts as -1.
        var keys: [(Int, Int, Int, Int)] = []
        keys.reserveCapacity(exceptions.count)
        for e in exceptions.indices {
            guard case .cancel(let from, let to) = exceptions[e].kind else { continue }
            switch refs[e] {
            case .every: keys.append((-1, from.dayNumber, to.dayNumber, e))
            case .known(let c): keys.append((c, from.dayNumber, to.dayNumber, e))
            case .unknown: continue  // reported as unknown, and not compared
            }
        }
        keys.sort { $0 < $1 }
        var repeats: [(index: Int, first: Int)] = []
        var first = 0
        for k in keys.indices.dropFirst() {
            if keys[k].0 == keys[first].0 && keys[k].1 == keys[first].1 && keys[k].2 == keys[first].2 {
                repeats.append((keys[k].3, keys[first].3))
            } else {
                first = k
            }
        }
        repeats.sort { $0.index < $1.index }
        return repeats
    }

    /// The value in `slot`, after storing `value` there if it was empty: finds or inserts a
    /// dictionary's entry in one lookup.
    private static func firstIndex(_ slot: inout Int?, else value: Int) -> Int {
        if let first = slot { return first }
        slot = value
        return value
    }

    /// Where an entry is written, when the schedule was read from a file.
    private static func locate(_ entry: EntryPosition?, _ locator: inout SourceLocator?) -> SourceLocation? {
        guard let entry else { return nil }
        return locator?.location(ofOffset: Int(entry.offset))
    }

    /// Identifies a moved occurrence's class and dates, to find a second move. The class is its index
    /// (the first class with the id), which hashes far faster than the id and names the same
    /// class; nil for an exception of every class.
    private struct CancellationKey: Hashable {
        var classIndex: Int?
        var from: Int
        var to: Int

        /// One word fed to the hasher instead of four: equality still compares every field, so
        /// keys that mix to the same word merely share a bucket.
        func hash(into hasher: inout Hasher) {
            hasher.combine((classIndex ?? -1) &* 0x1_0000_0000 ^ from &* 0x1_0000 ^ to)
        }
    }

    private static func describeRuns(_ cls: ClassDefinition) -> String {
        var s: String
        switch cls.pattern {
        case .weekly(let days): s = "it runs on " + days.map { $0.name + "s" }.joined(separator: " and ")
        case .everyNWeeks, .monthly: s = "it runs " + (cls.pattern.recurrenceWords ?? "")
        case .dates(let dates): s = "it runs on " + dates.prefix(5).map(\.humanDate).joined(separator: ", ") + (dates.count > 5 ? ", ..." : "")
        }
        if let from = cls.from { s += " from \(from.humanDate)" }
        if let until = cls.until { s += " until \(until.humanDate)" }
        return s
    }

    /// The same warnings for every class's occurrences in `from...to`, expanded one class at a
    /// time: a network's whole window at once is hundreds of thousands of occurrences held
    /// together (22 MB on the 2,000-class network, as much again as the build itself).
    package static func timeWarnings(_ engine: RecurrenceEngine, from: LocalDate, to: LocalDate) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for i in engine.schedule.classes.indices {
            out += timeWarnings(engine.occurrences(ofClass: i, from: from, to: to), schedule: engine.schedule)
        }
        return out
    }

    /// Warnings for occurrences whose start time does not exist or happens twice that day.
    package static func timeWarnings(_ occurrences: [Occurrence], schedule: Schedule) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var reported = Set<String>()
        var locator = schedule.source.map(SourceLocator.init)
        for o in occurrences where o.startWasInGap || o.startWasAmbiguous {
            let cls = schedule.classes[o.classIndex]
            let key = "\(cls.id) \(o.date)"
            guard reported.insert(key).inserted else { continue }
            let zone = schedule.zoneName(ofClass: o.classIndex)
            // A moved occurrence's time is the move's, not the class's.
            let scheduled = o.scheduledTime ?? cls.start
            let msg = o.startWasInGap
                ? "\(scheduled) does not exist on \(o.date.humanDate) in \(zone) (the clocks go forward); the class is shown at \(o.localStart.time)"
                : "\(scheduled) happens twice on \(o.date.humanDate) in \(zone) (the clocks go back); the class is shown at the first"
            out.append(Diagnostic(.warning, file: schedule.sourceFile, location: locate(cls.entry, &locator), path: cls.path + ".start", message: msg,
                                  hint: "choose a start time outside the night of the clock change"))
        }
        return out
    }
}
