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
