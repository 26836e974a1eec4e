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

/// An error that says which exit status it ends a run with. ``ErrorReport`` maps every error
/// to its message and status in one place.
package protocol ExitCodeProviding: Error {
    var exitCode: ExitCode { get }
}

/// An error the command reports and exits with.
package struct CLIError: ExitCodeProviding, Equatable {
    package var code: ExitCode
    package var message: String

    package init(_ code: ExitCode, _ message: String) {
        self.code = code
        self.message = message
    }

    package var exitCode: ExitCode { code }
}
