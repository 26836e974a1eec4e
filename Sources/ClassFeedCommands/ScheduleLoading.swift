import CivilTime
import Timetable

/// Reads, decodes and validates a schedule file, with the tz database from `TZDIR` or the system.
struct LoadedSchedule {
    var schedule: Schedule
    var warnings: [Diagnostic]
    /// The logo file `calendar.logo` names, read and checked (nil for none or an https logo).
    var logo: LogoFile? = nil
}

enum ScheduleLoading {
    /// `TZDIR` when set and not empty, else the system's folder.
    static func zoneDirectory(_ environment: [String: String]) -> String {
        environment["TZDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? TimeZoneDatabase.systemDirectory
    }

    static func timeZoneDatabase(_ context: CommandContext) throws(CLIError) -> TimeZoneDatabase {
        let dir = zoneDirectory(context.environment)
        guard context.fileSystem.isDirectory(dir) else {
            throw CLIError(.osFile, "the time-zone database \(dir) is missing; install the tzdata package or set TZDIR")
        }
        return TimeZoneDatabase(directory: dir)
    }

    /// `--schedule -`: the schedule comes from standard input.
    static let standardInputPath = "-"
    /// How messages name standard input, as compilers do.
    static let standardInputName = "<stdin>"

    /// How messages name the schedule at `path`.
    static func label(_ path: String) -> String { path == standardInputPath ? standardInputName : path }

    /// Reads the schedule at `path`, or standard input for `-` (its holiday calendars are then
    /// relative to the current folder).
    static func load(_ path: String, _ context: CommandContext, strict: Bool) throws -> LoadedSchedule {
        let bytes = path == standardInputPath
            ? try context.fileSystem.readStandardInput(limit: ScheduleLimits.fileBytes)
            : try context.fileSystem.read(path, limit: ScheduleLimits.fileBytes)
        return try load(bytes: bytes, path: path == standardInputPath ? "" : path, label: label(path), context, strict: strict)
    }

    /// Decodes and validates schedule bytes read from `path` (or an edit's candidate for it,
    /// named `label` in messages), with its holiday calendars. `inputs`, when given, is told
    /// each zone and holiday file read (for the run record).
    static func load(
        bytes: [UInt8], path: String, label: String, _ context: CommandContext, strict: Bool, inputs: RunInputs? = nil
    ) throws -> LoadedSchedule {
        let db = try timeZoneDatabase(context)
        var (schedule, diagnostics) = try ScheduleDecoder.decode(bytes, file: label) { name throws(ZoneDataError) in
            inputs?.zoneAboutToBeRead(name)
            return try db.rules(for: name)
        }
        schedule.sourceFile = label
        diagnostics += try HolidayLoading.attach(to: &schedule, scheduleFile: path, fileSystem: context.fileSystem, inputs: inputs)
        diagnostics += ScheduleValidator.validate(schedule)
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty || (strict && !diagnostics.isEmpty) {
            throw ScheduleError(strict ? diagnostics.map { var d = $0; d.severity = .error; return d } : diagnostics)
        }
        let logo = try LogoLoading.load(schedule, scheduleFile: path, fileSystem: context.fileSystem, inputs: inputs)
        return LoadedSchedule(schedule: schedule, warnings: diagnostics, logo: logo)
    }
}
