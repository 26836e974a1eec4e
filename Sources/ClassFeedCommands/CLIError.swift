/// An error the command reports and exits with.
package struct CLIError: ExitCodeProviding, Equatable {
    package var code: ExitCode
    package var message: String
    /// Whether ``message`` starts with a place in a file (`schedule.json:27:24: error: ...`),
    /// written as schedule diagnostics are rather than after `classfeed: error:`.
    package var isLocated = false

    package init(_ code: ExitCode, _ message: String) {
        self.code = code
        self.message = message
    }

    /// An error at a place in a file, worded as every diagnostic is:
    /// `file:line:column: error: path: message`.
    ///
    /// - Parameter place: `schedule.json:27:24`, or the file alone when the position is unknown.
    package init(_ code: ExitCode, at place: String, path: String, _ message: String) {
        self.code = code
        self.message = place + ": error: " + (path.isEmpty ? "" : path + ": ") + message
        isLocated = true
    }

    package var exitCode: ExitCode { code }
}

extension CLIError {
    /// The output folder's parent is missing: the error says which folder and how to make it.
    static func outputFolderMissing(_ path: String, reason: String) -> CLIError {
        CLIError(.cannotCreate, "cannot create the output folder \(path): \(reason)\n  hint: create it first: mkdir -p \(shellQuoted(path))")
    }

    /// `path` as a shell reads it back: as it is when it holds only safe characters, else in
    /// single quotes.
    static func shellQuoted(_ path: String) -> String {
        let safe = path.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "/._-+~:@%,".unicodeScalars.contains($0)
        }
        if safe && !path.isEmpty && !path.hasPrefix("~") { return path }
        return "'" + path.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}

/// A hint on the line after a command-line error, as schedule diagnostics show theirs; empty
/// when there is none.
func hintLine(_ hint: String?) -> String { hint.map { "\n  hint: " + $0 } ?? "" }
