import CivilTime
import FeedBuilder
import JSON
import Timetable

/// `classfeed exceptions list|add|move|remove`: closures and moved classes without
/// hand-editing JSON. Every edit is checked first (the class exists, a class runs that day, it
/// is not there already) and then by the same decoder and validator `build` uses, on the
/// schedule as it would be written; only a valid result is written, atomically, with the
/// previous version kept in `<schedule>.bak`. Anything refused changes nothing.
enum ExceptionsCommand {
    static let help = """
        Usage: classfeed exceptions list   [--schedule FILE]
               classfeed exceptions add    DATE [--to DATE] [--class ID] [--reason TEXT] [--schedule FILE]
               classfeed exceptions move   --class ID DATE [--to-date DATE] [--to-time HH:MM] [--reason TEXT]
                                           [--schedule FILE]
               classfeed exceptions remove DATE [--class ID] [--to DATE] [--schedule FILE]

        Cancels classes (one day or a range, every class or one), moves one class, or undoes
        either, by rewriting the schedule safely: the change is checked first, an invalid result
        changes nothing, and the previous file is kept as schedule.json.bak. Dates are
        YYYY-MM-DD in the calendar's time zone.

        Run 'classfeed exceptions COMMAND --help' for each command's options.

        Examples:
          classfeed exceptions add 2026-12-24 --reason "Christmas Eve"
          classfeed exceptions list
        """

    static let listHelp = """
        Usage: classfeed exceptions list [--schedule FILE]

        Shows every exception in the schedule, and every day off from its holiday calendars,
        with the classes each one cancels or moves:
          Thu 24 Dec 2026: Hip Mobility & Stretch 19:00 cancelled

        Options:
          --schedule FILE   The timetable (default: schedule.json)

        Example:
          classfeed exceptions list --schedule /srv/studio/schedule.json
        """

    static let addHelp = """
        Usage: classfeed exceptions add DATE [--to DATE] [--class ID] [--reason TEXT] [--schedule FILE]

        Cancels the classes on DATE (or from DATE to --to, both included): every class, or only
        the class --class. Refused when no class runs then, when the same exception exists, or
        when every class then is already cancelled.

        Options:
          --to DATE         Last day of a range, inclusive (YYYY-MM-DD)
          --class ID        Cancel only this class (see the ids in schedule.json)
          --reason TEXT     Shown to members, e.g. "Christmas Eve"
          --schedule FILE   The timetable to change (default: schedule.json)

        Examples:
          classfeed exceptions add 2026-12-24 --reason "Christmas Eve"
          classfeed exceptions add 2026-12-24 --to 2027-01-03 --reason "Christmas closure"
          classfeed exceptions add 2026-11-30 --class hips-monday --reason "Teacher away"
        """

    static let moveHelp = """
        Usage: classfeed exceptions move --class ID DATE [--to-date DATE] [--to-time HH:MM] [--reason TEXT]
                                         [--schedule FILE]

        Moves the class --class that is due on DATE to another day and/or time. The class keeps
        its length and its identity in members' calendars. A move beats a public holiday from
        the holiday calendars; a class cancelled in the schedule cannot be moved.

        Options:
          --class ID        The class that moves (required)
          --to-date DATE    Its new date (default: the same day)
          --to-time HH:MM   Its new 24-hour start time (default: the usual time)
          --reason TEXT     Shown to members, e.g. "Hall booked"
          --schedule FILE   The timetable to change (default: schedule.json)

        Example:
          classfeed exceptions move --class hips-thursday 2026-12-10 --to-date 2026-12-11 --to-time 18:00
        """

    static let removeHelp = """
        Usage: classfeed exceptions remove DATE [--class ID] [--to DATE] [--schedule FILE]

        Removes the exception that starts on DATE: the one for every class, or with --class the
        one for that class (a cancellation or a move). When two exceptions start on DATE, --to
        names the last day of the one to remove. Days off from holiday calendars are not
        schedule entries: see 'classfeed exceptions list' for where they come from.

        Options:
          --class ID        Remove the exception for this class
          --to DATE         The last day of the range to remove, when several start on DATE
          --schedule FILE   The timetable to change (default: schedule.json)

        Examples:
          classfeed exceptions remove 2026-12-24
          classfeed exceptions remove 2026-12-10 --class hips-thursday
        """

    static let subcommands = ["list", "add", "move", "remove"]

    static func run(_ args: [String], environment env: [String: String]) throws -> Int32 {
        guard let sub = args.first, !sub.hasPrefix("-") else {
            if args.first == "--help" || args.first == "-h" {
                Output.out(help)
                return 0
            }
            throw CLIError(.usage, "'classfeed exceptions' needs a command: list, add, move or remove (see 'classfeed exceptions --help')")
        }
        let rest = Array(args.dropFirst())
        switch sub {
        case "list": return try list(rest, env)
        case "add": return try add(rest, env)
        case "move": return try move(rest, env)
        case "remove": return try remove(rest, env)
        case "help":
            Output.out(help(for: rest.first))
            return 0
        default:
            let hint = closestMatch(to: sub, in: subcommands + ["help"]).map { "; did you mean '\($0)'?" } ?? ""
            throw CLIError(.usage, "unknown command 'exceptions \(sub)'\(hint) (see 'classfeed exceptions --help')")
        }
    }

    static func help(for sub: String?) -> String {
        switch sub {
        case "list": listHelp
        case "add": addHelp
        case "move": moveHelp
        case "remove": removeHelp
        default: help
        }
    }

    // MARK: - list

    private static func list(_ args: [String], _ env: [String: String]) throws -> Int32 {
        let a = try Arguments(args, valued: ["schedule"], booleans: ["help"], command: "exceptions list")
        if a.flag("help") {
            Output.out(listHelp)
            return 0
        }
        if let extra = a.positionals.first { throw CLIError(.usage, "unexpected argument '\(extra)' (see 'classfeed exceptions list --help')") }
        let path = a.value("schedule") ?? "schedule.json"
        let loaded = try ScheduleLoading.load(path, environment: env, strict: false)
        Output.diagnostics(loaded.warnings)
        let s = loaded.schedule
        let engine = RecurrenceEngine(schedule: s)
        let n = s.exceptions.count
        var out = ["\(path): \(n) exception\(n == 1 ? "" : "s") (times in \(s.calendar.timeZone))"]
        if n == 0 {
            out.append("  none yet; add one with: classfeed exceptions add 2026-12-24 --reason \"Christmas Eve\"")
        }
        for e in s.exceptions {
            out.append("")
            out.append(ExceptionEffects.heading(e))
            out += ExceptionEffects.effects(of: e, in: s, engine: engine).map { "  " + $0 }
        }
        if !s.holidayClosures.isEmpty {
            let files = s.holidayCalendars.map(\.path).joined(separator: ", ")
            let h = s.holidayClosures.count
            out.append("")
            out.append("Holiday calendars (\(files)): \(h) day\(h == 1 ? "" : "s") off, applied after the schedule's own exceptions")
            let optOut = s.classes.filter(\.ignoreHolidays).map(\.id)
            if !optOut.isEmpty { out.append("Classes that ignore holidays: " + optOut.joined(separator: ", ")) }
            for e in s.holidayClosures {
                out.append("")
                out.append(ExceptionEffects.heading(e))
                out += ExceptionEffects.effects(of: e, in: s, engine: engine).map { "  " + $0 }
            }
        }
        Output.out(out.joined(separator: "\n"))
        return 0
    }

    // MARK: - add

    private static func add(_ args: [String], _ env: [String: String]) throws -> Int32 {
        let a = try Arguments(args, valued: ["schedule", "to", "class", "reason"], booleans: ["help"], command: "exceptions add")
        if a.flag("help") {
            Output.out(addHelp)
            return 0
        }
        let from = try singleDate(a, command: "add")
        var to = from
        if let t = a.value("to") {
            to = try date(t, option: "--to", command: "add")
            guard to >= from else {
                throw CLIError(.usage, "--to (\(to)) is before DATE (\(from)); the range runs from DATE to --to, both included")
            }
            guard to.dayNumber - from.dayNumber <= ScheduleLimits.windowDays else {
                throw CLIError(.usage, "the range \(from) to \(to) is longer than \(ScheduleLimits.windowDays) days")
            }
        }
        let reason = try reasonOption(a)
        let path = a.value("schedule") ?? "schedule.json"
        return try ScheduleFileEditing.withLock(on: path) {
            var edit = try EditSession(path: path, env: env)
            let s = edit.schedule
            var indices = Array(s.classes.indices)
            if let id = a.value("class") { indices = [try edit.classIndex(id)] }
            let classID = a.value("class")
            let when = from == to ? "on \(ExceptionEffects.day(from))" : "from \(ExceptionEffects.day(from)) to \(ExceptionEffects.day(to))"
            // A class must run then.
            var running: [(LocalDate, Int)] = []
            var d = from
            while d <= to {
                for i in indices where s.classes[i].runs(on: d) { running.append((d, i)) }
                d = d.adding(days: 1)
            }
            guard !running.isEmpty else {
                let who = classID.map { "class \($0) does not run" } ?? "no class runs"
                throw CLIError(.dataError, "\(who) \(when), so there is nothing to cancel; \(path) was not changed\n"
                    + "  hint: " + indices.map { "\(s.classes[$0].id) runs on \(ExceptionEffects.describeRuns(s.classes[$0]))" }.joined(separator: "; "))
            }
            // The same exception is there already.
            for e in s.exceptions where e.classID == classID {
                if case .cancel(let f, let t) = e.kind, f == from, t == to {
                    throw CLIError(.dataError, "\(path) already has this exception: \(e.path) \(edit.entryText(e)); \(path) was not changed\n"
                        + "  hint: to change its reason, remove it ('classfeed exceptions remove \(from)\(classID.map { " --class \($0)" } ?? "")') and add it again")
                }
            }
            // A moved class cannot also be cancelled (the schedule format forbids it).
            for (day, i) in running {
                if let m = edit.engine.move(classID: s.classes[i].id, on: day) {
                    throw CLIError(.dataError, "\(ExceptionEffects.day(day)): \(s.classes[i].id) is moved by \(m.path) \(edit.entryText(m)), and a moved class cannot also be cancelled; \(path) was not changed\n"
                        + "  hint: remove the move first: classfeed exceptions remove \(day) --class \(s.classes[i].id)")
                }
            }
            // Every class then is cancelled by the schedule already: the entry would change nothing.
            let covering = running.compactMap { edit.engine.cancellation(classID: s.classes[$0.1].id, on: $0.0, includingHolidays: false) }
            if covering.count == running.count, let first = covering.first {
                let by = Set(covering.map(\.path)).sorted().map { p in covering.first { $0.path == p }.map(ExceptionEffects.label) ?? p }
                throw CLIError(.dataError, "every class \(when) is already cancelled by \(by.joined(separator: " and ")); \(path) was not changed\n"
                    + "  hint: to give a different reason, remove \(first.path) and add it again; 'classfeed exceptions list' shows it")
            }
            let kind = ScheduleException.Kind.cancel(from: from, to: to)
            let entry = ScheduleDocument.entry(kind, classID: classID, reason: reason)
            return try edit.apply(
                verb: "Added", entry: entry, firstDate: from, window: (from, to), env: env)
        }
    }

    // MARK: - move

    private static func move(_ args: [String], _ env: [String: String]) throws -> Int32 {
        let a = try Arguments(
            args, valued: ["schedule", "class", "to-date", "to-time", "reason"], booleans: ["help"], command: "exceptions move")
        if a.flag("help") {
            Output.out(moveHelp)
            return 0
        }
        let date = try singleDate(a, command: "move")
        guard let id = a.value("class") else {
            throw CLIError(.usage, "'exceptions move' needs --class ID: the class that moves (see 'classfeed exceptions move --help')")
        }
        let toDate = try a.value("to-date").map { v throws(CLIError) in try self.date(v, option: "--to-date", command: "move") }
        var toTime: LocalTime?
        if let t = a.value("to-time") {
            guard let v = LocalTime(hhmm: t) else {
                var hint = ""
                if t.lowercased().hasSuffix("am") || t.lowercased().hasSuffix("pm") { hint = "; use the 24-hour clock: 7pm is 19:00" }
                else if t.count == 4, t.dropFirst().first == ":" { hint = "; write two digits for the hour: 0\(t)" }
                throw CLIError(.usage, "--to-time expects a 24-hour time HH:MM such as 18:00, got '\(t)'\(hint)")
            }
            toTime = v
        }
        guard toDate != nil || toTime != nil else {
            throw CLIError(.usage, "'exceptions move' needs --to-date DATE, --to-time HH:MM, or both: where the class moves to")
        }
        let reason = try reasonOption(a)
        let path = a.value("schedule") ?? "schedule.json"
        return try ScheduleFileEditing.withLock(on: path) {
            var edit = try EditSession(path: path, env: env)
            let s = edit.schedule
            let cls = s.classes[try edit.classIndex(id)]
            guard cls.runs(on: date) else {
                throw CLIError(.dataError, "class \(id) does not run on \(ExceptionEffects.day(date)), so there is nothing to move; \(path) was not changed\n"
                    + "  hint: \(id) runs on \(ExceptionEffects.describeRuns(cls))")
            }
            if let m = edit.engine.move(classID: id, on: date) {
                throw CLIError(.dataError, "the \(ExceptionEffects.day(date)) class of \(id) is already moved by \(m.path) \(edit.entryText(m)); \(path) was not changed\n"
                    + "  hint: to move it elsewhere, remove that move first: classfeed exceptions remove \(date) --class \(id)")
            }
            if let c = edit.engine.cancellation(classID: id, on: date, includingHolidays: false) {
                throw CLIError(.dataError, "the \(ExceptionEffects.day(date)) class of \(id) is cancelled by \(ExceptionEffects.label(c)), and a cancelled class cannot be moved; \(path) was not changed\n"
                    + "  hint: remove or shorten that cancellation first (classfeed exceptions list shows it)")
            }
            if (toDate ?? date) == date && (toTime ?? cls.start) == cls.start {
                throw CLIError(.dataError, "the move changes neither the day nor the time: \(id) already runs on \(ExceptionEffects.day(date)) at \(cls.start); \(path) was not changed")
            }
            if let h = edit.engine.cancellation(classID: id, on: date), h.isFromHolidayCalendar {
                Output.err("note: \(ExceptionEffects.day(date)) is \(ExceptionEffects.label(h)); the move takes the class out of the holiday, so it runs at its new time")
            }
            let kind = ScheduleException.Kind.move(date: date, toDate: toDate, toStart: toTime)
            let entry = ScheduleDocument.entry(kind, classID: id, reason: reason)
            let target = toDate ?? date
            return try edit.apply(verb: "Added", entry: entry, firstDate: date, window: (min(date, target), max(date, target)), env: env)
        }
    }

    // MARK: - remove

    private static func remove(_ args: [String], _ env: [String: String]) throws -> Int32 {
        let a = try Arguments(args, valued: ["schedule", "class", "to"], booleans: ["help"], command: "exceptions remove")
        if a.flag("help") {
            Output.out(removeHelp)
            return 0
        }
        let date = try singleDate(a, command: "remove")
        let to = try a.value("to").map { v throws(CLIError) in try self.date(v, option: "--to", command: "remove") }
        let classID = a.value("class")
        let path = a.value("schedule") ?? "schedule.json"
        return try ScheduleFileEditing.withLock(on: path) {
            var edit = try EditSession(path: path, env: env)
            let s = edit.schedule
            func span(_ e: ScheduleException) -> (LocalDate, LocalDate) {
                switch e.kind {
                case .cancel(let f, let t): (f, t)
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
                    if f == date {
                        hints.append("\(e.path) \(edit.entryText(e)) starts then; to remove it: \(cmd)")
                    } else if classID == nil || e.classID == nil || e.classID == classID {
                        hints.append("\(e.path) \(edit.entryText(e)) covers it; to remove the whole range: \(cmd)")
                    }
                }
                if let id = classID, s.classIndex(id: id) == nil {
                    let near = closestMatch(to: id, in: s.classes.map(\.id)).map { "did you mean '\($0)'? " } ?? ""
                    hints.insert("no class has the id '\(id)'; \(near)known classes: \(s.classes.map(\.id).joined(separator: ", "))", at: 0)
                }
                for h in s.holidayClosures where h.covers(date, classID: classID ?? "") {
                    hints.append("\(ExceptionEffects.day(date)) is \(ExceptionEffects.label(h)): holiday calendars are not schedule entries; to keep a class on holidays, set \"ignoreHolidays\": true on it")
                }
                let which = classID.map { "for class \($0) " } ?? "for every class "
                throw CLIError(.dataError, "no exception \(which)starts on \(ExceptionEffects.day(date))\(to.map { " and ends on \(ExceptionEffects.day($0))" } ?? ""); \(path) was not changed"
                    + hints.map { "\n  hint: " + $0 }.joined())
            }
            let texts = matches.map { edit.entryText(s.exceptions[$0]) }
            if Set(texts).count > 1 {
                throw CLIError(.usage, "\(matches.count) exceptions start on \(ExceptionEffects.day(date)): "
                    + matches.map { "\(s.exceptions[$0].path) \(edit.entryText(s.exceptions[$0]))" }.joined(separator: ", ")
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
            return try edit.applyRemoval(Set(matches), window: (lo, hi), env: env)
        }
    }

    // MARK: - Arguments

    private static func singleDate(_ a: Arguments, command: String) throws(CLIError) -> LocalDate {
        guard let first = a.positionals.first else {
            throw CLIError(.usage, "'exceptions \(command)' needs a DATE such as 2026-12-24 (see 'classfeed exceptions \(command) --help')")
        }
        if a.positionals.count > 1 {
            throw CLIError(.usage, "unexpected argument '\(a.positionals[1])'; 'exceptions \(command)' takes one DATE"
                + (command == "add" ? " (a range is DATE --to DATE)" : "") + "; put text with spaces in quotes")
        }
        return try date(first, option: "DATE", command: command)
    }

    private static func date(_ s: String, option: String, command: String) throws(CLIError) -> LocalDate {
        guard let d = LocalDate(iso: s), LocalDate.supportedYears.contains(d.year) else {
            throw CLIError(.usage, "\(option) expects a date YYYY-MM-DD such as 2026-12-24, got '\(s)' (see 'classfeed exceptions \(command) --help')")
        }
        return d
    }

    private static func reasonOption(_ a: Arguments) throws(CLIError) -> String? {
        guard let r = a.value("reason") else { return nil }
        guard r.contains(where: { !$0.isWhitespace }) else {
            throw CLIError(.usage, "--reason is empty; write the reason members will see, or leave the option out")
        }
        return r
    }
}

/// One edit of a schedule file: the bytes as read, the schedule they decode to, and the
/// candidate checked by the same decoder and validator `build` uses before anything is written.
struct EditSession {
    let path: String
    let bytes: [UInt8]
    let schedule: Schedule
    let warnings: [Diagnostic]
    let engine: RecurrenceEngine
    var document: ScheduleDocument

    init(path: String, env: [String: String]) throws {
        self.path = path
        bytes = try FileSystem.read(path, limit: ScheduleLimits.fileBytes)
        let loaded: LoadedSchedule
        do {
            loaded = try ScheduleLoading.load(bytes: bytes, path: path, label: path, environment: env, strict: false)
        } catch let e as ScheduleError {
            Output.diagnostics(e.diagnostics, omittedErrors: e.omittedErrors)
            throw CLIError(.dataError, "\(path) has \(e.errorCount) error\(e.errorCount == 1 ? "" : "s") already; "
                + "fix \(e.errorCount == 1 ? "it" : "them") first (classfeed check lists them); \(path) was not changed")
        }
        schedule = loaded.schedule
        warnings = loaded.warnings
        engine = RecurrenceEngine(schedule: schedule)
        do {
            document = try ScheduleDocument(bytes: bytes)
        } catch {
            throw CLIError(.dataError, "\(path):\(error.location): \(error.message)")
        }
        guard document.exceptions.count == schedule.exceptions.count else {
            throw CLIError(.dataError, "\(path): could not match the exceptions in the file with the decoded ones; \(path) was not changed")
        }
    }

    /// The index of a class, or a did-you-mean error.
    func classIndex(_ id: String) throws(CLIError) -> Int {
        if let i = schedule.classIndex(id: id) { return i }
        let ids = schedule.classes.map(\.id)
        let hint = closestMatch(to: id, in: ids).map { "did you mean '\($0)'? " } ?? ""
        throw CLIError(.dataError, "no class has the id '\(id)'; \(path) was not changed\n  hint: \(hint)the classes are: \(ids.joined(separator: ", "))")
    }

    /// The entry as written in the file.
    func entryText(_ e: ScheduleException) -> String {
        guard let i = Int(e.path.dropFirst("exceptions[".count).dropLast()), document.exceptions.indices.contains(i) else { return "" }
        return ScheduleDocument.text(of: document.exceptions[i])
    }

    mutating func apply(verb: String, entry: JSONNode, firstDate: LocalDate, window: (LocalDate, LocalDate), env: [String: String]) throws -> Int32 {
        let index = document.insertException(entry, firstDate: firstDate)
        let after = try commit(env: env, newEntryPath: "exceptions[\(index)]")
        var out = ["\(verb) to \(path) as exceptions[\(index)]: \(ScheduleDocument.text(of: entry))"]
        out += ExceptionEffects.changes(before: schedule, after: after, from: window.0, to: window.1).map { "  " + $0 }
        out.append("The previous version is in \(path).bak.")
        Output.out(out.joined(separator: "\n"))
        return 0
    }

    mutating func applyRemoval(_ indices: Set<Int>, window: (LocalDate, LocalDate), env: [String: String]) throws -> Int32 {
        let removed = indices.sorted().map { "exceptions[\($0)]: " + ScheduleDocument.text(of: document.exceptions[$0]) }
        document.removeExceptions(at: indices)
        let after = try commit(env: env, newEntryPath: nil)
        var out = removed.map { "Removed from \(path) \($0)" }
        out += ExceptionEffects.changes(before: schedule, after: after, from: window.0, to: window.1).map { "  " + $0 }
        out.append("The previous version is in \(path).bak.")
        Output.out(out.joined(separator: "\n"))
        return 0
    }

    /// Checks the candidate exactly as `build` would read it, then writes it.
    private func commit(env: [String: String], newEntryPath: String?) throws -> Schedule {
        let candidate = document.bytes
        let label = "\(path) (after this change)"
        let loaded: LoadedSchedule
        do {
            loaded = try ScheduleLoading.load(bytes: candidate, path: path, label: label, environment: env, strict: false)
        } catch let e as ScheduleError {
            Output.diagnostics(e.diagnostics, omittedErrors: e.omittedErrors)
            throw CLIError(.dataError, "this change would make \(path) invalid, so it was not changed")
        }
        if let newEntryPath {
            for w in loaded.warnings where w.path == newEntryPath || w.path.hasPrefix(newEntryPath + ".") {
                var d = w
                d.file = path
                d.location = nil
                Output.err(d.description)
            }
        }
        if let warning = try ScheduleFileEditing.replace(path, old: bytes, with: candidate) { Output.err(warning) }
        return loaded.schedule
    }
}
