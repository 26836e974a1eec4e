import CivilTime

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
        var seen: [String: Int] = [:]  // the first class with each id
        for (i, c) in schedule.classes.enumerated() {
            if let first = seen[c.id] {
                error(c.entry, c.path + ".id", "duplicate class id \"\(c.id)\" (also used by \(schedule.classes[first].path))",
                      hint: "every class needs its own id: it is part of each event's UID and feed file name")
            } else {
                seen[c.id] = i
            }
        }
        let ids = schedule.classes.map(\.id)
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() where indexByID[id] == nil { indexByID[id] = i }
        // Exceptions are usually written grouped by class (or by date, a few classes a day):
        // the last id found settles most lookups without hashing it again.
        var lastFound: (id: String, index: Int)?
        // Only moves consult the engine: a schedule without moves never pays for its indexes.
        var engineStorage: RecurrenceEngine?
        // The first exception (by index) with each key: the one named in messages.
        var moved: [CancellationKey: Int] = [:]
        var cancellationKeys: [CancellationKey: Int] = [:]
        cancellationKeys.reserveCapacity(schedule.exceptions.count)
        var unknownClasses = 0
        // Fields are read in place: copying each exception and class would retain their strings.
        schedule.classes.withUnsafeBufferPointer { classes in
            schedule.exceptions.withUnsafeBufferPointer { exceptions in
                // The class of the exception being checked, copied once for a run of exceptions
                // of the same class rather than once for each.
                var current: (index: Int, cls: ClassDefinition)?
                for ei in exceptions.indices {
                    var e: ScheduleException { exceptions[ei] }  // whole, for messages only
                    var classIndex: Int?
                    if let id = exceptions[ei].classID {
                        if let last = lastFound, last.id == id {
                            classIndex = last.index
                        } else if let i = indexByID[id] {
                            classIndex = i
                            lastFound = (id, i)
                        } else {
                            // Hints cost a spelling comparison with every id: only for the first few,
                            // so thousands of bad entries cannot take minutes (or gigabytes of text).
                            unknownClasses += 1
                            let known = "known classes: " + ids.prefix(10).joined(separator: ", ") + (ids.count > 10 ? ", ..." : "")
                            let hint = unknownClasses > 20 ? nil : closestMatch(to: id, in: ids).map { "did you mean \"\($0)\"?" } ?? known
                            error(e.entry, e.path + ".class", "no class has the id \"\(id)\"", hint: hint)
                            continue
                        }
                    }
                    if let classIndex, current?.index != classIndex { current = (classIndex, classes[classIndex]) }
                    switch exceptions[ei].kind {
                    case .cancel(let from, let to):
                        let key = CancellationKey(classIndex: classIndex, from: from.dayNumber, to: to.dayNumber)
                        if let first = cancellationKeys[key] {
                            warning(e.entry, e.path, "duplicates \(exceptions[first].path)", hint: "remove one of them")
                        } else {
                            cancellationKeys[key] = ei  // the first one listed is the one named
                        }
                        if classIndex != nil, current?.cls.runs(in: from...to) == false, let cls = current?.cls {
                            let when = from == to ? "on \(from.weekday.name) \(from)" : "between \(from) and \(to)"
                            warning(e.entry, e.path, "class \"\(cls.id)\" never runs \(when), so this exception changes nothing",
                                    hint: "check the date and the class id")
                        }
                    case .move(let date, let toDate, let toStart):
                        guard let classIndex else { continue }  // a move without "class" was reported by the decoder
                        let cls = classes[classIndex]
                        guard cls.runs(on: date) else {
                            error(e.entry, e.path + ".date", "class \"\(cls.id)\" has no occurrence on \(date.weekday.name) \(date) to move",
                                  hint: describeRuns(cls))
                            continue
                        }
                        let key = CancellationKey(classIndex: classIndex, from: date.dayNumber, to: date.dayNumber)
                        if let first = moved[key] {
                            error(e.entry, e.path, "the \(date) occurrence of \"\(cls.id)\" is already moved by \(exceptions[first].path)",
                                  hint: "keep one move per occurrence")
                            continue
                        }
                        moved[key] = ei
                        let engine = engineStorage ?? RecurrenceEngine(schedule: schedule)
                        engineStorage = engine
                        if let c = engine.cancellation(classID: cls.id, on: date, includingHolidays: false) {
                            error(e.entry, e.path, "cannot move the \(date) occurrence of \"\(cls.id)\": \(c.path) cancels it",
                                  hint: "remove the cancellation or the move")
                            continue
                        }
                        let target = toDate ?? date
                        if target == date && (toStart == nil || toStart == cls.start) {
                            warning(e.entry, e.path + ".moveTo", "the move does not change the date or the time")
                        }
                        if let c = engine.cancellation(classID: cls.id, on: target) {
                            warning(e.entry, e.path + ".moveTo", "moves onto \(target), which \(c.path) closes; the move stands",
                                    hint: "members will see this class on a closed day: check the date")
                        } else if target != date, cls.runs(on: target), engine.move(classID: cls.id, on: target) == nil {
                            warning(e.entry, e.path + ".moveTo", "moves onto \(target), when \"\(cls.id)\" already runs",
                                    hint: "members will see the class twice that day")
                        }
                    }
                }
            }
        }
        return out
    }

    /// Where an entry is written, when the schedule was read from a file.
    private static func locate(_ entry: EntryPosition?, _ locator: inout SourceLocator?) -> SourceLocation? {
        guard let entry else { return nil }
        return locator?.location(ofOffset: Int(entry.offset))
    }

    /// Identifies an exception's class and dates, to find duplicates. The class is its index
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
        case .dates(let dates): s = "it runs on " + dates.prefix(5).map(\.description).joined(separator: ", ") + (dates.count > 5 ? ", ..." : "")
        }
        if let from = cls.from { s += " from \(from)" }
        if let until = cls.until { s += " until \(until)" }
        return s
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
                ? "\(scheduled) does not exist on \(o.date.weekday.name) \(o.date) in \(zone) (the clocks go forward); the class is shown at \(o.localStart.time)"
                : "\(scheduled) happens twice on \(o.date.weekday.name) \(o.date) in \(zone) (the clocks go back); the class is shown at the first"
            out.append(Diagnostic(.warning, file: schedule.sourceFile, location: locate(cls.entry, &locator), path: cls.path + ".start", message: msg,
                                  hint: "choose a start time outside the night of the clock change"))
        }
        return out
    }
}
