import CivilTime
import FeedBuilder
import Timetable

extension ScheduleError: ExitCodeProviding {
    /// An invalid schedule: 65 (EX_DATAERR).
    package var exitCode: ExitCode { .dataError }
}

extension ExceptionEditRefusal: ExitCodeProviding {
    /// A refused edit: 65 (EX_DATAERR), or 64 (EX_USAGE) when the command did not say which
    /// exception it meant.
    package var exitCode: ExitCode { isAmbiguous ? .usage : .dataError }
}

extension ZoneDataError: ExitCodeProviding {
    /// Zone data that cannot be used is a fault of the system's tz database: 72 (EX_OSFILE).
    /// The decoder reports a schedule's zones as diagnostics, so this is the status of a zone
    /// error that reaches the command line on its own.
    package var exitCode: ExitCode { .osFile }
}
