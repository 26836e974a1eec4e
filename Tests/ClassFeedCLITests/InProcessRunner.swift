import ClassFeedCommands
import Foundation
import TestSupport

/// Runs `classfeed` commands in this process, as `main.swift` would but with the studio folder
/// as the file system's working directory and standard output and error captured: no process
/// is spawned, so a test costs milliseconds. Only tests of signals, locks across processes,
/// hangs and the exit status of the real binary spawn it (``Studio/spawn(_:timeout:)``,
/// ``ClassfeedProcess/spawn(_:in:environment:)``).
enum InProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The environment a spawned run would see: this process's, without `SOURCE_DATE_EPOCH`
    /// (which would fix "now") and with `overrides` applied.
    static func environment(_ overrides: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["SOURCE_DATE_EPOCH"] = nil
        env["NO_COLOR"] = nil
        for (k, v) in overrides { env[k] = v }
        return env
    }

    static func run(_ arguments: [String], in folder: URL, environment overrides: [String: String] = [:]) -> Result {
        let r = InProcessRun(
            arguments, environment: environment(overrides), fileSystem: POSIXFileSystem(workingDirectory: folder.path),
            clock: SystemClock())
        return Result(status: r.status.rawValue, stdout: r.stdout, stderr: r.stderr)
    }
}
