import Timetable

/// The one place that turns a failure into what the user reads on standard error and the exit
/// status cron sees (swift-argument-parser's `MessageInfo` is the model): a pure function,
/// tested as values.
package struct ErrorReport: Equatable {
    /// The lines written to standard error, each ending a line.
    package var lines: [String]
    package var exitCode: ExitCode

    package init(lines: [String], exitCode: ExitCode) {
        self.lines = lines
        self.exitCode = exitCode
    }

    package init(_ error: any Error) {
        switch error {
        case let e as CLIError:
            self.init(lines: [e.isLocated ? e.message : "classfeed: error: \(e.message)"], exitCode: e.exitCode)
        case let e as ScheduleError:
            let n = e.errorCount
            self.init(
                lines: Diagnostic.report(e.diagnostics, omittedErrors: e.omittedErrors)
                    + ["classfeed: \(n) error\(n == 1 ? "" : "s") in the schedule; nothing was written"],
                exitCode: e.exitCode)
        case let e as any ExitCodeProviding:
            self.init(lines: ["classfeed: error: \(e)"], exitCode: e.exitCode)
        default:
            // Every error the commands throw states its status; one that does not is a failure
            // nobody planned for, reported as an I/O error (74) rather than hidden.
            self.init(lines: ["classfeed: error: \(error)"], exitCode: .ioError)
        }
    }

    /// The text written to standard error.
    package var text: String { lines.map { $0 + "\n" }.joined() }
}
