/// An error that says which exit status it ends a run with. ``ErrorReport`` maps every error
/// to its message and status in one place.
package protocol ExitCodeProviding: Error {
    var exitCode: ExitCode { get }
}
