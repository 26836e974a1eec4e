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
        let schedulePath = a.value("schedule") ?? "schedule.json"
        let scheduleBytes = try context.fileSystem.read(schedulePath, limit: ScheduleLimits.fileBytes)
        let output = a.value("output") ?? "output"
        let fileSystem = context.fileSystem
        let classFeeds = !a.flag("no-class-feeds")
        let page = !a.flag("no-page")

        // The fast path (issue 19): when the record of the last run says nothing that shapes
        // the files differs, nothing is expanded or written. Decided holding the lock, so that
        // no run is writing meanwhile; taken early only where an earlier build left a record
        // (and so the lock file), so that a first or refused run still writes nothing.
        var lock: OutputFolderLock?
        defer { lock?.release() }
        let digest = ContentDigest.hex(scheduleBytes)
        var current = RunRecord.Current(
            executable: fileSystem.executableIdentity(), schedulePath: schedulePath, scheduleDigest: "",
            zoneDirectory: ScheduleLoading.zoneDirectory(context.environment),
            options: RunRecord.options(style: style?.rawValue, classFeeds: classFeeds, page: page),
            fromOption: a.value("from"), toOption: a.value("to"), now: now, page: page, output: output)
        var decision = RunRecord.Decision.full("--dry-run compares every event")
        if !dryRun {
            decision = .full("no record of an earlier run (\(output)/\(RunRecord.fileName))")
            if fileSystem.stamp(output + "/" + RunRecord.fileName) != nil {
                lock = try fileSystem.lockOutput(output, timeout: lockTimeout)
                current.scheduleDigest = digest
                decision = RunRecord.decide(current, fileSystem: fileSystem)
            }
        }
        switch decision {
        case .skip(let record):
            return try skip(record, a, context, scheduleBytes: scheduleBytes, path: schedulePath, output: output)
        case .pageOnly(let record, let today):
            if let done = try pageOnly(record, today: today, style: style, now: now, current, a, context, scheduleBytes: scheduleBytes) {
                return done
            }
            decision = .full("the date changed and the page could not be read back")
        case .full: break
        }

        let inputs = RunInputs(zoneDirectory: current.zoneDirectory)
        let loaded = try ScheduleLoading.load(
            bytes: scheduleBytes, path: schedulePath, label: schedulePath, context, strict: a.flag("strict"), inputs: inputs)
        let schedule = loaded.schedule
        let (from, to) = try Window.resolve(from: a.value("from"), to: a.value("to"), today: Window.today(at: now, in: schedule))
        let eventBound = try OccurrenceBudget.check(schedule, from: from, to: to, style: style ?? schedule.calendar.style)
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
        let owner = verbose || context.standardOutput.isTerminal ? PublicAddressCheck.warnings(schedule) + BrandColorCheck.warnings(schedule) : []
        // A person at a terminal sees the schedule's warnings (a feed filter that matches nothing
        // publishes an empty feed); cron, not a terminal, stays silent.
        if verbose || dryRun || context.standardOutput.isTerminal { context.diagnostics(warnings) }
        context.diagnostics(owner)

        if !dryRun { try fileSystem.ensureDirectory(output) }
        // Also removes the temporary files of builds that were killed mid-write.
        if !dryRun && lock == nil { lock = try fileSystem.lockOutput(output, timeout: lockTimeout) }
        // The folder as this build finds it, listed once, under the lock: no other run adds to
        // it until the record is written. Nil when it cannot be listed: then every file is looked for.
        let present = fileSystem.names(in: output).map(Set.init)
        if case .full(let why) = decision, verbose && !dryRun { context.out("full build: \(why)") }
        // The old record stays until the new one replaces it: a file this run replaces gets a new
        // stamp, so the record can never vouch for it, and a run that fails leaves the folder as it was.

        // What subscribers have now, for revision stamps: read class by class as the feeds are built.
        let combinedName = schedule.calendar.id + ".ics"
        let loader = HistoryLoader(directory: output, combinedName: combinedName, fileSystem: fileSystem, present: present)
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
        // The combined feed's revisions, saved beside it for the next full run (RevisionIndex).
        let revisionLog = dryRun ? nil : RevisionLog(expectedEvents: eventBound)
        options.revisionLog = revisionLog
        let builder = FeedBuilder(schedule: schedule, options: options)
        let combined = builder.fileName(classIndex: nil)
        let sink = fileSystem.feedSink(directory: output, dryRun: dryRun)
        // The change log (only when asked) reads the previous combined feed and the new one as it streams past.
        let changeLog = verbose || dryRun ? ChangeLogSink(builder: builder, previous: output + "/" + combined, now: now, fileSystem: fileSystem, forwardingTo: sink) : nil
        let names = FeedNamesSink(forwardingTo: changeLog ?? sink)
        let newestRevision = builder.write(to: names, classFeeds: classFeeds)
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
        if classFeeds {
            written += try RetiredFeeds.retire(in: output, present: present ?? Set(fileSystem.names(in: output) ?? []), builder: builder, fileSystem: fileSystem).map { "\($0) (class removed: no events)" }
        }
        let today = Window.today(at: now, in: schedule)
        if page, let logo = loaded.logo {
            // Before the page that shows it, written the same way: whole or not at all.
            if try fileSystem.replaceIfChanged(logo.bytes, directory: output, name: logo.name) {
                written.append(logo.name)
            }
        }
        if page {
            written += LogoLoading.retire(in: output, keeping: loaded.logo?.name, fileSystem: fileSystem).map { "\($0) (logo removed: not on the page)" }
        }
        if page {
            var subscribePage = SubscribePage(builder: builder, today: today)
            subscribePage.classFeeds = classFeeds
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
        var record = RunRecord(
            executable: current.executable ?? "", time: now, schedule: RunRecord.Input(name: schedulePath, digest: digest),
            holidays: inputs.holidays, zoneDirectory: current.zoneDirectory, zones: inputs.zones.sorted { $0.name < $1.name },
            calendarZone: schedule.calendar.timeZone, options: current.options, style: builder.style.rawValue, from: from, to: to,
            today: page ? today : nil, listedPrefix: classFeeds ? schedule.calendar.id : nil)
        // The stamps the record takes of the files, reused by the revisions index.
        var stamps: [String: FileStamp] = [:]
        if current.executable != nil {
            defer { for o in record.outputs { stamps[o.name] = o.stamp } }
            RunRecord.write(
                &record, feeds: names.names + (page ? loaded.logo.map { [$0.name] } ?? [] : []), page: page, present: present,
                fileSystem: fileSystem, output: output)
        }
        if let revisionLog {
            RevisionIndex.write(revisionLog, feedName: combined, directory: output, fileSystem: fileSystem, known: stamps)
        }
        if verbose {
            context.out("window \(from) to \(to), \(builder.style.rawValue) style")
            context.out(written.isEmpty ? "no files changed" : "wrote " + written.joined(separator: ", "))
        }
        // A person at a terminal gets a summary; cron (not a terminal) gets silence.
        if verbose || context.standardOutput.isTerminal {
            let page = !a.flag("no-page")
            let expected = [combined] + (classFeeds ? schedule.classes.indices.map { builder.fileName(classIndex: $0) } : [])
                + builder.extraFeedFileNames + (page ? [SubscribePage.fileName] + (loaded.logo.map { [$0.name] } ?? []) : [])
            let summary = BuildSummary(
                builder: builder, from: from, to: to, today: Window.today(at: now, in: schedule), expected: expected, written: written, page: page)
            for line in summary.lines(listingFiles: !verbose) { context.out(line) }
        }
        return .ok
    }

    /// The fast path: the record says this run would write the files already there. With
    /// `--strict` or `--verbose` the schedule is still read and checked, for its warnings.
    private static func skip(
        _ record: RunRecord, _ a: Arguments, _ context: CommandContext, scheduleBytes: [UInt8], path: String, output: String
    ) throws -> ExitCode {
        let verbose = a.flag("verbose")
        if verbose || a.flag("strict") {
            let loaded = try ScheduleLoading.load(bytes: scheduleBytes, path: path, label: path, context, strict: a.flag("strict"))
            try diagnose(loaded, record, a, context)
        }
        leaveMarker(a, context, output: output)
        if verbose {
            context.out("nothing changed since the last run at \(RunRecord.timeText(record.time)); nothing rebuilt")
            context.out("window \(record.from) to \(record.to), \(record.style) style")
            context.out("no files changed")
        } else if context.standardOutput.isTerminal {
            // A person gets a word; cron, not a terminal, gets silence.
            context.out("no files changed: nothing changed since the last run at \(RunRecord.timeText(record.time))")
        }
        return .ok
    }

    /// Only the date changed since the record: the page is rebuilt for `today` (from the
    /// schedule, with no expansion of the window and no feed read back), the feeds are left
    /// as they are. The page is exactly the full path's: its "last updated" comes from the
    /// previous page, which the record vouches for. Returns nil (take the full path) when the
    /// previous page cannot be read back.
    private static func pageOnly(
        _ last: RunRecord, today: LocalDate, style: FeedStyle?, now: Int64, _ current: RunRecord.Current, _ a: Arguments,
        _ context: CommandContext, scheduleBytes: [UInt8]
    ) throws -> ExitCode? {
        let output = current.output, fileSystem = context.fileSystem
        guard case .bytes(let previous) = fileSystem.readPrevious(output + "/" + SubscribePage.fileName, limit: SubscribePage.maxPreviousBytes)
        else { return nil }
        let inputs = RunInputs(zoneDirectory: current.zoneDirectory)
        let loaded = try ScheduleLoading.load(
            bytes: scheduleBytes, path: current.schedulePath, label: current.schedulePath, context, strict: a.flag("strict"), inputs: inputs)
        if a.flag("verbose") || a.flag("strict") { try diagnose(loaded, last, a, context) }
        let builder = FeedBuilder(schedule: loaded.schedule, options: FeedOptions(from: last.from, to: last.to, stamp: now, style: style))
        var subscribePage = SubscribePage(builder: builder, today: today)
        subscribePage.classFeeds = !a.flag("no-class-feeds")
        let wrote = try fileSystem.replaceIfChanged(
            subscribePage.page(previous: previous, newestRevision: nil, now: now), directory: output, name: SubscribePage.fileName)
        leaveMarker(a, context, output: output)
        var record = last
        record.time = now
        record.today = today
        if inputs.holidays == last.holidays && inputs.zones.sorted(by: { $0.name < $1.name }) == last.zones {
            RunRecord.write(&record, feeds: last.outputs.map(\.name), page: true, fileSystem: fileSystem, output: output)
        } else {
            // A zone or holiday file changed while this run read it: the feeds are older than it.
            fileSystem.remove(directory: output, name: RunRecord.fileName)
        }
        if a.flag("verbose") {
            context.out("the date changed since the last run at \(RunRecord.timeText(last.time)); rebuilt the page for \(today) only")
            context.out("window \(last.from) to \(last.to), \(last.style) style")
            context.out(wrote ? "wrote \(SubscribePage.fileName)" : "no files changed")
        }
        return .ok
    }

    /// The schedule's warnings, as the full path gives them: printed with `--verbose`, an
    /// error with `--strict`.
    private static func diagnose(_ loaded: LoadedSchedule, _ record: RunRecord, _ a: Arguments, _ context: CommandContext) throws {
        var warnings = loaded.warnings
        warnings += ScheduleValidator.timeWarnings(RecurrenceEngine(schedule: loaded.schedule), from: record.from, to: record.to)
        if a.flag("strict") && !warnings.isEmpty {
            throw ScheduleError(warnings.map { var d = $0; d.severity = .error; return d })
        }
        if a.flag("verbose") { context.diagnostics(warnings) }
    }

    /// The class feeds' marker as the full path leaves it (the files it would compare are the ones there).
    private static func leaveMarker(_ a: Arguments, _ context: CommandContext, output: String) {
        if a.flag("no-class-feeds") {
            context.fileSystem.touch(directory: output, name: HistoryLoader.classFeedsBehindMarker)
        } else {
            context.fileSystem.remove(directory: output, name: HistoryLoader.classFeedsBehindMarker)
        }
    }
}
