import ClassFeedCommands
import Foundation

/// A command run in this process, its output captured: the model is swift-argument-parser's
/// `AssertExecuteCommand`, without spawning anything.
struct CommandRun: Equatable {
    var status: ExitCode
    var stdout: String
    var stderr: String

    init(status: ExitCode, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Runs `classfeed ARGS` in an empty folder at a fixed time.
    init(_ args: String...) { self.init(arguments: args) }

    /// Runs `classfeed ARGS` against `fileSystem` at `now`, with the system's tz database.
    init(_ args: [String], in fileSystem: InMemoryFileSystem, now: Int64 = 1_795_770_000) {
        fileSystem.addDirectory("/usr/share/zoneinfo")
        let out = Captured()
        let err = Captured()
        status = CLI.run(
            arguments: args, environment: ["TZDIR": "/usr/share/zoneinfo"], fileSystem: fileSystem, clock: FixedClock(now),
            standardOutput: TextOutput { out.append($0) }, standardError: TextOutput { err.append($0) })
        stdout = out.text
        stderr = err.text
    }

    init(arguments args: [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("classfeed-commands-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = Captured()
        let err = Captured()
        status = CLI.run(
            arguments: args, environment: ["TZDIR": "/usr/share/zoneinfo"], fileSystem: POSIXFileSystem(workingDirectory: folder.path),
            clock: FixedClock(1_795_770_000), standardOutput: TextOutput { out.append($0) }, standardError: TextOutput { err.append($0) })
        stdout = out.text
        stderr = err.text
    }

    final class Captured: @unchecked Sendable {
        private let lock = NSLock()
        private var chunks = ""

        func append(_ s: String) {
            lock.lock()
            chunks += s
            lock.unlock()
        }

        var text: String {
            lock.lock()
            defer { lock.unlock() }
            return chunks
        }
    }
}

/// Files beside these tests.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func text(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
    }
}
