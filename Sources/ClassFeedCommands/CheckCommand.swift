import CivilTime
import FeedBuilder
import Timetable

/// `classfeed check`: validate without writing.
enum CheckCommand {
    static func run(_ args: [String], _ context: CommandContext) throws -> ExitCode {
        let a = try CommandSpec.check.parse(args)
        if a.flag("help") {
            context.out(CommandSpec.check.help)
            return .ok
        }
        if let extra = a.positionals.first { throw CLIError(.usage, "unexpected argument '\(extra)' (see 'classfeed check --help')") }
        let path = a.value("schedule") ?? "schedule.json"
        let now = try Clock.now(option: a.value("now"), environment: context.environment, clock: context.clock)
        let loaded = try ScheduleLoading.load(path, context, strict: a.flag("strict"))
        let (from, to) = try Window.resolve(from: nil, to: nil, today: Window.today(at: now, in: loaded.schedule))
        let engine = RecurrenceEngine(schedule: loaded.schedule)
        let occurrences = engine.occurrences(from: from, to: to)
        let warnings = loaded.warnings + ScheduleValidator.timeWarnings(occurrences, schedule: loaded.schedule)
        if a.flag("strict") && !warnings.isEmpty {
            throw ScheduleError(warnings.map { var d = $0; d.severity = .error; return d })
        }
        context.diagnostics(warnings)
        // Not a schedule warning (--strict passes without it, downloads work), and never cut
        // off by the schedule's own: said after them.
        context.diagnostics(PublicAddressCheck.warnings(loaded.schedule) + BrandColorCheck.warnings(loaded.schedule))
        let s = loaded.schedule
        let live = occurrences.filter { !$0.isCancelled }.count
        context.out("\(ScheduleLoading.label(path)): ok: \(s.classes.count) classes, \(s.exceptions.count) exceptions, " + (s.holidayClosures.isEmpty ? "" : "\(s.holidayClosures.count) holiday closures, ") + "\(live) occurrences from \(from.humanDate) to \(to.humanDate)"
            + (warnings.isEmpty ? "" : ", \(warnings.count) warning\(warnings.count == 1 ? "" : "s")"))
        return .ok
    }
}
