/// Exit statuses, from sysexits(3), so cron jobs and scripts can act on them.
package enum ExitCode: Int32, Sendable {
    case ok = 0
    /// The command line was wrong.
    case usage = 64
    /// The schedule (or a holiday calendar) is invalid.
    case dataError = 65
    /// The schedule file does not exist or cannot be read.
    case noInput = 66
    /// A required system file (the time-zone database) is missing.
    case osFile = 72
    /// The output folder or a feed cannot be created.
    case cannotCreate = 73
    /// Reading or writing failed part-way (disk full, I/O error).
    case ioError = 74
    /// Another run holds the lock; try again later.
    case tempFail = 75
}
