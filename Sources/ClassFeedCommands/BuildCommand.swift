import CivilTime
import FeedBuilder
import ICalendar
import Timetable

/// `classfeed build`: schedule.json in, feeds out, safely enough to run from cron forever.
enum BuildCommand {
    static func run(_ args: [String], _ context: CommandContext) throws -> ExitCode {
        let a = try CommandSpec.build.parse(args)
        if a.flag("help") {
            context.out(CommandSpec.build.help)
            return .ok
        }
        if let extra = a.positionals.first { throw CLIError(.usage, "unexpected argument '\(extra)' (see 'classfeed build --help')") }
        if a.value("output") == "-" {
            throw CLIError(.usage, "--output - would be a folder named '-': a build writes several files into a folder; name it, e.g. --output output")
        }
        var style: FeedStyle?
        if let s = a.value("style") {
            guard let v = FeedStyle(rawValue: s) else { throw CLIError(.usage, "--style expects 'occurrences' or 'series', got '\(s)'") }
            style = v
        }
        var lockTimeout = 10.0
        if let t = a.value("lock-timeout") {
            guard let v = Double(t), v >= 0, v <= 3600 else { throw CLIError(.usage, "--lock-timeout expects seconds from 0 to 3600, got '\(t)'") }
            lockTimeout = v
        }
        let verbose = a.flag("verbose")
        let dryRun = a.flag("dry-run")
        let now = try Clock.now(option: a.value("now"), environment: context.environment, clock: context.clock)
        let loaded = try ScheduleLoading.load(a.value("schedule") ?? "schedule.json", context, strict: a.flag("strict"))
        let schedule = loaded.schedule
        let (from, to) = try Window.resolve(from: a.value("from"), to: a.value("to"), today: Window.today(at: now, in: schedule))
        try OccurrenceBudget.check(schedule, from: from, to: to, style: style ?? schedule.calendar.style)
        var options = FeedOptions(from: from, to: to, stamp: now, style: style)
        var warnings = loaded.warnings
        if verbose || dryRun || a.flag("strict") {
            // Only shown with these options; expanding the window twice is not free for a large network.
            warnings += ScheduleValidator.timeWarnings(RecurrenceEngine(schedule: schedule), from: from, to: to)
        }
        if a.flag("strict") && !warnings.isEmpty {
            throw ScheduleError(warnings.map { var d = $0; d.severity = .error; return d })
        }
        // What the owner must do for members to subscribe: said to a person, never to cron.
        let owner = verbose || context.standardOutput.isTerminal ? PublicAddressCheck.warnings(schedule) : []
        // A person at a terminal sees the schedule's warnings (a feed filter that matches nothing
        // publishes an empty feed); cron, not a terminal, stays silent.
        if verbose || dryRun || context.standardOutput.isTerminal { context.diagnostics(warnings) }
        context.diagnostics(owner)

        let output = a.value("output") ?? "output"
        let fileSystem = context.fileSystem
        if !dryRun { try fileSystem.ensureDirectory(output) }
        // Also removes the temporary files of builds that were killed mid-write.
        let lock = dryRun ? nil : try fileSystem.lockOutput(output, timeout: lockTimeout)
        defer { lock?.release() }

        // What subscribers have now, for revision stamps: read class by class as the feeds are built.
        let combinedName = schedule.calendar.id + ".ics"
        let loader = HistoryLoader(directory: output, combinedName: combinedName, fileSystem: fileSystem)
        let classFeeds = !a.flag("no-class-feeds")
        let marker = HistoryLoader.classFeedsBehindMarker
        if !classFeeds {
            options.history = loader.combinedHistory()
        } else {
            // The class feeds alone suffice, unless a --no-class-feeds run left them behind.
            if case .absent = fileSystem.readPrevious(output + "/" + marker, limit: 4096) {} else {
                options.history = loader.combinedHistory()
            }
            options.classHistory = { loader.history(forFile: $0) }
        }
        // A class written date by date for one of the schedule's feeds has events of its own there.
        options.feedHistory = { loader.history(forFile: $0) }
        let builder = FeedBuilder(schedule: schedule, options: options)
        let combined = builder.fileName(classIndex: nil)
        let sink = fileSystem.feedSink(directory: output, dryRun: dryRun)
        // The change log (only when asked) reads the previous combined feed and the new one as it streams past.
        let changeLog = verbose || dryRun ? ChangeLogSink(builder: builder, previous: output + "/" + combined, now: now, fileSystem: fileSystem, forwardingTo: sink) : nil
        let newestRevision = builder.write(to: changeLog ?? sink, classFeeds: classFeeds)
        if !classFeeds && !dryRun {
            // Before the combined feed is committed, whose folder flush makes the marker durable too.
            fileSystem.touch(directory: output, name: marker)
        }
        try sink.close()
        if classFeeds && !dryRun { fileSystem.remove(directory: output, name: marker) }
        for w in loader.warnings { context.err(w) }
        if verbose || dryRun {
            let changes = changeLog?.lines() ?? []
            for c in changes { context.out(c) }
            if changes.isEmpty { context.out("no changes members will see") }
        }
        if dryRun { return .ok }
        var written = sink.written.map { "\($0.name) (\($0.events) events)" }
        if !a.flag("no-class-feeds") {
            written += try RetiredFeeds.retire(in: output, builder: builder, fileSystem: fileSystem).map { "\($0) (class removed: no events)" }
        }
        if !a.flag("no-page") {
            var subscribePage = SubscribePage(builder: builder, today: Window.today(at: now, in: schedule))
            subscribePage.classFeeds = !a.flag("no-class-feeds")
            var previousPage: [UInt8]?
            switch fileSystem.readPrevious(output + "/" + SubscribePage.fileName, limit: SubscribePage.maxPreviousBytes) {
            case .absent: break
            case .bytes(let b): previousPage = b
            case .damaged(let why): context.err("classfeed: warning: \(output)/\(SubscribePage.fileName) \(why); it will be replaced")
            }
            let page = subscribePage.page(previous: previousPage, newestRevision: newestRevision, now: now)
            if try fileSystem.replaceIfChanged(page, directory: output, name: SubscribePage.fileName) {
                written.append(SubscribePage.fileName)
            }
        }
        if verbose {
            context.out("window \(from) to \(to), \(builder.style.rawValue) style")
            context.out(written.isEmpty ? "no files changed" : "wrote " + written.joined(separator: ", "))
        }
        // A person at a terminal gets a summary; cron (not a terminal) gets silence.
        if verbose || context.standardOutput.isTerminal {
            let page = !a.flag("no-page")
            let expected = [combined] + (classFeeds ? schedule.classes.indices.map { builder.fileName(classIndex: $0) } : [])
                + builder.extraFeedFileNames + (page ? [SubscribePage.fileName] : [])
            let summary = BuildSummary(
                builder: builder, from: from, to: to, today: Window.today(at: now, in: schedule), expected: expected, written: written, page: page)
            for line in summary.lines(listingFiles: !verbose) { context.out(line) }
        }
        return .ok
    }
}
