import CivilTime
import FeedBuilder
import Timetable

/// `classfeed build`: schedule.json in, feeds out.
enum BuildCommand {
    static let help = """
        Usage: classfeed build [--schedule FILE] [--output DIR] [--from DATE] [--to DATE]
                               [--style occurrences|series] [--strict] [--verbose] [--now TIME]

        Writes the feeds into DIR: <calendar id>.ics with every class, and
        <calendar id>-<class id>.ics for each class. Files whose content is unchanged are not
        touched. An invalid schedule writes nothing.

        Options:
          --schedule FILE   The timetable to read (default: schedule.json)
          --output DIR      Where to write the feeds (default: output)
          --from DATE       First date (YYYY-MM-DD) of the feed's window
          --to DATE         Last date (inclusive) of the feed's window
                            Default window: from the Monday 4 weeks ago, 30 weeks long
          --style STYLE     occurrences: one event per class occurrence in the window
                            series: one repeating event per weekly class (RRULE), with
                            EXDATEs and moved-class overrides; starts at the window's start
                            and runs to the class's "until"
                            Default: the schedule's calendar.style, else occurrences
          --strict          Treat warnings as errors
          --verbose         Print warnings and what was written
          --now TIME        Pretend the time is TIME (2026-11-27T09:00:00Z), for tests;
                            SOURCE_DATE_EPOCH is honoured too

        Example:
          classfeed build --schedule schedule.json --output /var/www/feeds
        """

    static func run(_ args: [String], environment env: [String: String]) throws -> Int32 {
        let a = try Arguments(
            args, valued: ["schedule", "output", "from", "to", "now", "style"], booleans: ["strict", "verbose", "help"],
            command: "build")
        if a.flag("help") {
            Output.out(help)
            return 0
        }
        if let extra = a.positionals.first { throw CLIError(.usage, "unexpected argument '\(extra)' (see 'classfeed build --help')") }
        let now = try Clock.now(option: a.value("now"), environment: env)
        let loaded = try ScheduleLoading.load(a.value("schedule") ?? "schedule.json", environment: env, strict: a.flag("strict"))
        let schedule = loaded.schedule
        let (from, to) = try Window.resolve(from: a.value("from"), to: a.value("to"), today: Window.today(at: now, in: schedule))
        var style: FeedStyle?
        if let s = a.value("style") {
            guard let v = FeedStyle(rawValue: s) else {
                throw CLIError(.usage, "--style expects 'occurrences' or 'series', got '\(s)'")
            }
            style = v
        }
        let builder = FeedBuilder(schedule: schedule, options: FeedOptions(from: from, to: to, stamp: now, style: style))
        var warnings = loaded.warnings
        warnings += ScheduleValidator.timeWarnings(builder.engine.occurrences(from: from, to: to), schedule: schedule)
        if a.flag("strict") && !warnings.isEmpty {
            throw ScheduleError(warnings.map { var d = $0; d.severity = .error; return d })
        }
        let files = builder.allFeeds()
        let output = a.value("output") ?? "output"
        try FileSystem.ensureDirectory(output)
        var written: [String] = []
        for f in files where try FileSystem.writeAtomically(f.bytes, directory: output, name: f.name) {
            written.append("\(f.name) (\(f.eventCount) events)")
        }
        if a.flag("verbose") {
            for w in warnings { Output.err(w.description) }
            Output.out("window \(from) to \(to)")
            Output.out(written.isEmpty ? "no changes" : "wrote " + written.joined(separator: ", "))
        }
        return 0
    }
}
