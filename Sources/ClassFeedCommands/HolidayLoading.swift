import FeedBuilder
import Timetable

/// Reads the schedule's `holidayCalendars` (paths relative to the schedule's folder) and hands
/// their all-day events to the engine as closures. A missing file exits 66, a malformed one 65,
/// each naming the file and line; nothing is written either way.
enum HolidayLoading {
    /// Fills `schedule.holidayClosures`; returns the warnings (events ignored, long closures).
    /// `inputs`, when given, is told each file's bytes as read (for the run record).
    static func attach(to schedule: inout Schedule, scheduleFile: String, fileSystem: any FileSystem, inputs: RunInputs? = nil) throws -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        var closures: [ScheduleException] = []
        for ref in schedule.holidayCalendars {
            let file = resolve(ref.path, scheduleFile: scheduleFile)
            let at = schedule.sourceFile + (ref.location.map { ":\($0)" } ?? "")
            let bytes: [UInt8]
            do {
                bytes = try fileSystem.read(file, limit: HolidayCalendarImport.maxBytes)
            } catch {
                throw CLIError(error.code, at: at, path: ref.jsonPath, "cannot read the holiday calendar: \(error.message)\n"
                    + "  hint: holiday calendar paths are relative to the schedule's folder; save the .ics file there (see docs/EXCEPTIONS.md)")
            }
            inputs?.holidayRead(file, bytes)
            let result = try HolidayCalendarImport.closures(from: bytes, file: file)
            closures += result.closures
            warnings += result.warnings
        }
        schedule.holidayClosures = closures
        return warnings
    }

    /// `holidays/x.ics` next to `/srv/studio/schedule.json` is `/srv/studio/holidays/x.ics`.
    static func resolve(_ relative: String, scheduleFile: String) -> String {
        guard let slash = scheduleFile.lastIndex(of: "/") else { return relative }
        return String(scheduleFile[...slash]) + relative
    }
}
