import Timetable

/// The outside world a command sees besides its arguments: the environment, the file system,
/// the clock and the two output streams. `main.swift` passes the real ones; tests pass their own.
struct CommandContext {
    var environment: [String: String]
    var fileSystem: any FileSystem
    var clock: any WallClock
    var standardOutput: TextOutput
    var standardError: TextOutput

    /// A line on standard output.
    func out(_ s: String) { standardOutput.write(s + "\n") }
    /// A line on standard error.
    func err(_ s: String) { standardError.write(s + "\n") }

    /// Diagnostics on standard error, as ``Diagnostic/report(_:omittedErrors:limit:)`` shows
    /// them: errors first, at most 20, then a count of the rest.
    func diagnostics(_ list: [Diagnostic], omittedErrors: Int = 0) {
        let lines = Diagnostic.report(list, omittedErrors: omittedErrors)
        if !lines.isEmpty { err(lines.joined(separator: "\n")) }
    }
}
