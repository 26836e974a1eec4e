import ClassFeedCommands
import Foundation

/// A `classfeed` command run in this process, as `main.swift` runs it but with the outside
/// world given and standard output and error captured: nothing is spawned, so a test costs
/// milliseconds. The model is swift-argument-parser's `AssertExecuteCommand`.
package struct InProcessRun: Equatable {
    package var status: ExitCode
    package var stdout: String
    package var stderr: String

    package init(status: ExitCode, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Runs `classfeed ARGUMENTS` with this environment, file system and clock.
    package init(_ arguments: [String], environment: [String: String], fileSystem: any FileSystem, clock: any WallClock) {
        let out = CapturedText()
        let err = CapturedText()
        status = CLI.run(
            arguments: arguments, environment: environment, fileSystem: fileSystem, clock: clock,
            standardOutput: TextOutput { out.append($0) }, standardError: TextOutput { err.append($0) })
        stdout = out.text
        stderr = err.text
    }

}

/// Text written by a command, collected under a lock (for tests that wire `TextOutput`s
/// themselves, such as one that claims to be a terminal).
package final class CapturedText: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks = ""

    package init() {}

    package func append(_ s: String) {
        lock.lock()
        chunks += s
        lock.unlock()
    }

    package var text: String {
        lock.lock()
        defer { lock.unlock() }
        return chunks
    }
}
