import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One round of a kill test: starts the binary, kills it with SIGKILL either at a random moment
/// or as soon as a temporary file shows up in `watched` (so some rounds surely interrupt a
/// write), and reports how the process died and whether a write was in flight.
struct KillRound {
    /// True when the process died by the signal sent, not by exiting first.
    var killedBySIGKILL: Bool
    /// True when a temporary file existed in `watched` just before the signal was sent.
    var interruptedWrite: Bool

    /// - Parameters:
    ///   - atFirstTemporaryFile: wait (up to `maximumWait`) for a temporary file before killing;
    ///     otherwise kill after `delay` microseconds.
    static func run(
        _ arguments: [String], in directory: URL, watching watched: URL,
        atFirstTemporaryFile: Bool, delay: UInt32, maximumWait: Double = 2
    ) throws -> KillRound {
        let p = Process()
        p.executableURL = ClassfeedProcess.binary
        p.arguments = arguments
        p.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["SOURCE_DATE_EPOCH"] = nil
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        if atFirstTemporaryFile {
            let deadline = Date().addingTimeInterval(maximumWait)
            while p.isRunning && !hasTemporaryFile(watched) && Date() < deadline { usleep(500) }
        } else {
            usleep(delay)
        }
        let interrupted = hasTemporaryFile(watched)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let killed = p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL
        return KillRound(killedBySIGKILL: killed, interruptedWrite: killed && interrupted)
    }

    /// How long an uninterrupted run of `arguments` takes, in microseconds: random kills are
    /// sent well within it, so that the process is still running when the signal arrives.
    static func duration(of arguments: [String], in directory: URL) throws -> UInt32 {
        // Timed as a full build: with the last run's record there, a rerun of the same schedule
        // takes the fast path and finishes in a few milliseconds, and the kills would all land
        // before any file is written.
        try? FileManager.default.removeItem(at: directory.appendingPathComponent("output/.classfeed-last-run"))
        let start = Date()
        try ClassfeedProcess.spawn(arguments, in: directory)
        return UInt32(min(Date().timeIntervalSince(start), 4) * 1_000_000)
    }

    /// True when the folder holds a temporary file of a build or an edit (`.<name>.<owner>-tmp-…`).
    static func hasTemporaryFile(_ folder: URL) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains { $0.contains("-tmp-") }
    }
}
