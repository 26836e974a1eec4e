#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CivilTime
import FeedBuilder
import JSON
import Timetable

/// `classfeed exceptions list|add|move|change|remove`: closures, moved and changed classes without
/// hand-editing JSON. Every edit is checked first by the rules in ``ExceptionEdits`` (the class
/// exists, a class runs that day, it is not there already) and then by the same decoder and
/// validator `build` uses, on the schedule as it would be written; only a valid result is written, atomically, with the
/// previous version kept in `<schedule>.bak`. Anything refused changes nothing.
enum ExceptionsCommand {
    static func run(_ args: [String], _ context: CommandContext) throws -> ExitCode {
        guard let sub = args.first, !sub.hasPrefix("-") else {
            if args.first == "--help" || args.first == "-h" {
                context.out(CommandSpec.exceptions.help)
                return .ok
            }
            throw CLIError(.usage, "'classfeed exceptions' needs a command: list, add, move, change or remove (see 'classfeed exceptions --help')")
        }
        let rest = Array(args.dropFirst())
        switch sub {
        case "list": return try list(rest, context)
        case "add": return try add(rest, context)
        case "move": return try move(rest, context)
        case "change": return try change(rest, context)
        case "remove": return try remove(rest, context)
        case "help":
            context.out(help(for: rest.first))
            return .ok
        default:
            let hint = CommandSpec.suggestion(for: sub, in: CommandSpec.exceptionsSubcommands + [.helpCommand]).map { "; did you mean '\($0)'?" } ?? ""
            throw CLIError(.usage, "unknown command 'exceptions \(sub)'\(hint) (see 'classfeed exceptions --help')")
        }
    }

    static func help(for sub: String?) -> String {
        switch sub {
        case "list": CommandSpec.exceptionsList.help
        case "add": CommandSpec.exceptionsAdd.help
        case "move": CommandSpec.exceptionsMove.help
        case "change": CommandSpec.exceptionsChange.help
        case "remove": CommandSpec.exceptionsRemove.help
        default: CommandSpec.exceptions.help
        }
    }

    // MARK: - list

    private static func list(_ args: [String], _ context: CommandContext) throws -> ExitCode {
        let a = try CommandSpec.exceptionsList.parse(args)
        if a.flag("help") {
            context.out(CommandSpec.exceptionsList.help)
            return .ok
        }
        if let extra = a.positionals.first { throw CLIError(.usage, "unexpected argument '\(extra)' (see 'classfeed exceptions list --help')") }
        let path = a.value("schedule") ?? "schedule.json"
        let loaded = try ScheduleLoading.load(path, context, strict: false)
        context.diagnostics(loaded.warnings)
        let s = loaded.schedule
        let engine = RecurrenceEngine(schedule: s)
        let n = s.exceptions.count
        var out = ["\(ScheduleLoading.label(path)): \(n) exception\(n == 1 ? "" : "s") (times in \(s.calendar.timeZone))"]
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
        context.out(out.joined(separator: "\n"))
        return .ok
    }

    // MARK: - add

    private static func add(_ args: [String], _ context: CommandContext) throws -> ExitCode {
        let a = try CommandSpec.exceptionsAdd.parse(args)
        if a.flag("help") {
            context.out(CommandSpec.exceptionsAdd.help)
            return .ok
        }
        let from = try singleDate(a, command: "add")
        let to = try rangeEnd(a, from: from, command: "add")
        let reason = try reasonOption(a)
        let path = try editablePath(a)
        return try context.fileSystem.withScheduleLock(on: path) {
            var edit = try EditSession(path: path, context: context)
            let classID = a.value("class")
            try ExceptionEdits.checkCancellation(
                from: from, to: to, classID: classID, in: edit.schedule, engine: edit.engine, entryText: edit.entryText)
            let kind = ScheduleException.Kind.cancel(from: from, to: to)
            let entry = ScheduleDocument.entry(kind, classID: classID, reason: reason)
            return try edit.apply(
                verb: "Added", entry: entry, firstDate: from, window: (from, to), context: context)
        }
    }

    /// The last date of a range edit: `--to`, or DATE itself; a `--to` before DATE or more than
    /// the longest window after it is a usage error.
    private static func rangeEnd(_ a: Arguments, from: LocalDate, command: String) throws(CLIError) -> LocalDate {
        guard let t = a.value("to") else { return from }
        let to = try date(t, option: "--to", command: command)
        guard to >= from else {
            throw CLIError(.usage, "--to (\(to)) is before DATE (\(from)); the range runs from DATE to --to, both included")
        }
        guard to.dayNumber - from.dayNumber <= ScheduleLimits.windowDays else {
            throw CLIError(.usage, "the range \(from) to \(to) is longer than \(ScheduleLimits.windowDays) days")
        }
        return to
    }

    // MARK: - move

    private static func move(_ args: [String], _ context: CommandContext) throws -> ExitCode {
        let a = try CommandSpec.exceptionsMove.parse(args)
        if a.flag("help") {
            context.out(CommandSpec.exceptionsMove.help)
            return .ok
        }
        let date = try singleDate(a, command: "move")
        guard let id = a.value("class") else {
            throw CLIError(.usage, "'exceptions move' needs --class ID: the class that moves (see 'classfeed exceptions move --help')")
        }
        let toDate = try a.value("to-date").map { v throws(CLIError) in try self.date(v, option: "--to-date", command: "move") }
        var toTime: LocalTime?
        if let t = a.value("to-time") {
            guard let v = LocalTime(hhmm: t) else {
                throw CLIError(.usage, "--to-time expects a 24-hour time HH:MM such as 18:00, got '\(t)'" + hintLine(ValueHint.time(t)))
            }
            toTime = v
        }
        guard toDate != nil || toTime != nil else {
            throw CLIError(.usage, "'exceptions move' needs --to-date DATE, --to-time HH:MM, or both: where the class moves to")
        }
        let reason = try reasonOption(a)
        let path = try editablePath(a)
        return try context.fileSystem.withScheduleLock(on: path) {
            var edit = try EditSession(path: path, context: context)
            if let note = try ExceptionEdits.checkMove(
                classID: id, date: date, toDate: toDate, toTime: toTime, in: edit.schedule, engine: edit.engine, entryText: edit.entryText)
            {
                context.err(note)
            }
            let kind = ScheduleException.Kind.move(date: date, toDate: toDate, toStart: toTime)
            let entry = ScheduleDocument.entry(kind, classID: id, reason: reason)
            let target = toDate ?? date
            return try edit.apply(verb: "Added", entry: entry, firstDate: date, window: (min(date, target), max(date, target)), context: context)
        }
    }

    // MARK: - change

    /// The options of `exceptions change` that say what changes, in schedule.json's order.
    static let changeOptions = ["instructor", "location", "title", "note", "duration"]

    private static func change(_ args: [String], _ context: CommandContext) throws -> ExitCode {
        let a = try CommandSpec.exceptionsChange.parse(args)
        if a.flag("help") {
            context.out(CommandSpec.exceptionsChange.help)
            return .ok
        }
        let from = try singleDate(a, command: "change")
        guard let id = a.value("class") else {
            throw CLIError(.usage, "'exceptions change' needs --class ID: the class that changes (see 'classfeed exceptions change --help')")
        }
        let to = try rangeEnd(a, from: from, command: "change")
        var minutes: Int?
        if let m = a.value("duration") {
            guard let n = Int(m), (1...1440).contains(n) else {
                throw CLIError(.usage, "--duration expects a whole number of minutes from 1 to 1440, got '\(m)'")
            }
            minutes = n
        }
        let changes = OccurrenceChange(
            instructor: try text(a, "instructor"), location: try text(a, "location"), title: try text(a, "title"), note: try text(a, "note"),
            durationMinutes: minutes)
        let reason = try reasonOption(a)
        let path = try editablePath(a)
        guard !changes.isEmpty else {
            throw CLIError(.dataError, "'exceptions change' needs at least one of --instructor, --location, --title, --note or --duration: "
                + "what changes; \(path) was not changed")
        }
        return try context.fileSystem.withScheduleLock(on: path) {
            var edit = try EditSession(path: path, context: context)
            let notes = try ExceptionEdits.checkChange(
                classID: id, from: from, to: to, change: changes, in: edit.schedule, engine: edit.engine, entryText: edit.entryText)
            for note in notes { context.err(note) }
            let kind = ScheduleException.Kind.change(from: from, to: to)
            let entry = ScheduleDocument.entry(kind, classID: id, reason: reason, changes: changes)
            return try edit.apply(verb: "Added", entry: entry, firstDate: from, window: (from, to), context: context)
        }
    }

    /// A text option's value; an empty one is a usage error rather than a change to "".
    private static func text(_ a: Arguments, _ name: String) throws(CLIError) -> String? {
        guard let v = a.value(name) else { return nil }
        guard v.contains(where: { !$0.isWhitespace }) else {
            throw CLIError(.usage, "--\(name) is empty; write what members will see, or leave the option out")
        }
        return v
    }

    // MARK: - remove

    private static func remove(_ args: [String], _ context: CommandContext) throws -> ExitCode {
        let a = try CommandSpec.exceptionsRemove.parse(args)
        if a.flag("help") {
            context.out(CommandSpec.exceptionsRemove.help)
            return .ok
        }
        let date = try singleDate(a, command: "remove")
        let to = try a.value("to").map { v throws(CLIError) in try self.date(v, option: "--to", command: "remove") }
        let classID = a.value("class")
        let path = try editablePath(a)
        return try context.fileSystem.withScheduleLock(on: path) {
            var edit = try EditSession(path: path, context: context)
            let (indices, window) = try ExceptionEdits.removal(
                date: date, to: to, classID: classID, in: edit.schedule, entryText: edit.entryText)
            return try edit.applyRemoval(indices, window: window, context: context)
        }
    }

    // MARK: - Arguments

    private static func singleDate(_ a: Arguments, command: String) throws(CLIError) -> LocalDate {
        guard let first = a.positionals.first else {
            throw CLIError(.usage, "'exceptions \(command)' needs a DATE such as 2026-12-24 (see 'classfeed exceptions \(command) --help')")
        }
        if a.positionals.count > 1 {
            throw CLIError(.usage, "unexpected argument '\(a.positionals[1])'; 'exceptions \(command)' takes one DATE"
                + (command == "add" || command == "change" ? " (a range is DATE --to DATE)" : "") + "; put text with spaces in quotes")
        }
        return try date(first, option: "DATE", command: command)
    }

    private static func date(_ s: String, option: String, command: String) throws(CLIError) -> LocalDate {
        guard let d = LocalDate(iso: s), LocalDate.supportedYears.contains(d.year) else {
            throw CLIError(
                .usage, "\(option) expects a date YYYY-MM-DD such as 2026-12-24, got '\(s)' (see 'classfeed exceptions \(command) --help')"
                    + hintLine(ValueHint.date(s)))
        }
        return d
    }

    /// The schedule an edit rewrites: a file, never standard input.
    private static func editablePath(_ a: Arguments) throws(CLIError) -> String {
        let path = a.value("schedule") ?? "schedule.json"
        guard path != ScheduleLoading.standardInputPath else {
            throw CLIError(.usage, "--schedule - reads standard input, which an edit cannot rewrite; name the schedule file, e.g. --schedule schedule.json")
        }
        return path
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

    init(path: String, context: CommandContext) throws {
        self.path = path
        bytes = try context.fileSystem.read(path, limit: ScheduleLimits.fileBytes)
        let loaded: LoadedSchedule
        do {
            loaded = try ScheduleLoading.load(bytes: bytes, path: path, label: path, context, strict: false)
        } catch let e as ScheduleError {
            context.diagnostics(e.diagnostics, omittedErrors: e.omittedErrors)
            throw CLIError(.dataError, "\(path) has \(e.errorCount) error\(e.errorCount == 1 ? "" : "s") already; "
                + "fix \(e.errorCount == 1 ? "it" : "them") first (classfeed check lists them); \(path) was not changed")
        }
        schedule = loaded.schedule
        warnings = loaded.warnings
        engine = RecurrenceEngine(schedule: schedule)
        do {
            document = try ScheduleDocument(bytes: bytes)
        } catch {
            throw CLIError(.dataError, at: "\(path):\(error.location)", path: "", error.message)
        }
        guard document.exceptions.count == schedule.exceptions.count else {
            throw CLIError(.dataError, "\(path): could not match the exceptions in the file with the decoded ones; \(path) was not changed")
        }
    }

    /// The entry as written in the file.
    func entryText(_ e: ScheduleException) -> String {
        guard let i = Int(e.path.dropFirst("exceptions[".count).dropLast()), document.exceptions.indices.contains(i) else { return "" }
        return ScheduleDocument.text(of: document.exceptions[i])
    }

    mutating func apply(verb: String, entry: JSONNode, firstDate: LocalDate, window: (LocalDate, LocalDate), context: CommandContext) throws -> ExitCode {
        let index = document.insertException(entry, firstDate: firstDate)
        let candidate = try check(context: context, newEntryPath: "exceptions[\(index)]")
        var out = ["\(verb) to \(path) as exceptions[\(index)]: \(ScheduleDocument.text(of: entry))"]
        out += effects(of: candidate, window: window, context: context).map { "  " + $0 }
        out.append("The previous version is in \(path).bak.")
        out.append(nextBuild)
        if let warning = try context.fileSystem.replaceSchedule(path, old: bytes, with: candidate.bytes) { context.err(warning) }
        context.out(out.joined(separator: "\n"))
        return .ok
    }

    mutating func applyRemoval(_ indices: Set<Int>, window: (LocalDate, LocalDate), context: CommandContext) throws -> ExitCode {
        let removed = indices.sorted().map { "exceptions[\($0)]: " + ScheduleDocument.text(of: document.exceptions[$0]) }
        document.removeExceptions(at: indices)
        let candidate = try check(context: context, newEntryPath: nil)
        var out = removed.map { "Removed from \(path) \($0)" }
        out += effects(of: candidate, window: window, context: context).map { "  " + $0 }
        out.append("The previous version is in \(path).bak.")
        out.append(nextBuild)
        if let warning = try context.fileSystem.replaceSchedule(path, old: bytes, with: candidate.bytes) { context.err(warning) }
        context.out(out.joined(separator: "\n"))
        return .ok
    }

    /// The last line of an edit: members' calendars only change when the feeds are built again.
    var nextBuild: String {
        "Members see this after the next build: classfeed build" + (path == "schedule.json" ? "" : " --schedule " + CLIError.shellQuoted(path))
    }

    /// The new file's bytes and the schedule they decode to, checked but not yet written.
    struct Candidate {
        var bytes: [UInt8]
        var schedule: Schedule
    }

    /// What the edit does to members' classes. Computed before the file is replaced, with
    /// everything else that can fail (a long report was gigabytes once, and the process died
    /// after writing), so a failure leaves the schedule as it was.
    private func effects(of candidate: Candidate, window: (LocalDate, LocalDate), context: CommandContext) -> [String] {
        let lines = ExceptionEffects.changes(before: schedule, after: candidate.schedule, from: window.0, to: window.1)
        // Tests stand in for a crash while reporting (an allocation failure, a kill) here.
        if context.environment["CLASSFEED_TEST_ABORT"] == "after-effects-report" { abort() }
        return lines
    }

    /// Checks the candidate exactly as `build` would read it; writes nothing.
    private func check(context: CommandContext, newEntryPath: String?) throws -> Candidate {
        let candidate = document.bytes
        let label = "\(path) (after this change)"
        let loaded: LoadedSchedule
        do {
            loaded = try ScheduleLoading.load(bytes: candidate, path: path, label: label, context, strict: false)
        } catch let e as ScheduleError {
            context.diagnostics(e.diagnostics, omittedErrors: e.omittedErrors)
            throw CLIError(.dataError, "this change would make \(path) invalid, so it was not changed")
        }
        if let newEntryPath {
            for w in loaded.warnings where w.path == newEntryPath || w.path.hasPrefix(newEntryPath + ".") {
                var d = w
                d.file = path
                d.location = nil
                context.err(d.description)
            }
        }
        return Candidate(bytes: candidate, schedule: loaded.schedule)
    }
}
