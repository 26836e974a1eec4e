import ClassFeedCommands
import Foundation
import TestSupport

/// A command run in this process, its output captured (``InProcessRun``, shared with the CLI
/// tests), here against an in-memory file system or an empty temporary folder at a fixed time.
typealias CommandRun = InProcessRun

extension InProcessRun {
    /// Runs `classfeed ARGS` in an empty folder at a fixed time.
    init(_ args: String...) { self.init(arguments: args) }

    /// Runs `classfeed ARGS` against `fileSystem` at `now`, with the system's tz database.
    init(_ args: [String], in fileSystem: InMemoryFileSystem, now: Int64 = 1_795_770_000) {
        fileSystem.addDirectory("/usr/share/zoneinfo")
        self.init(args, environment: ["TZDIR": "/usr/share/zoneinfo"], fileSystem: fileSystem, clock: FixedClock(now))
    }

    init(arguments args: [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("classfeed-commands-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        self.init(
            args, environment: ["TZDIR": "/usr/share/zoneinfo"], fileSystem: POSIXFileSystem(workingDirectory: folder.path),
            clock: FixedClock(1_795_770_000))
    }
}

/// Files beside these tests.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func text(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
    }
}
