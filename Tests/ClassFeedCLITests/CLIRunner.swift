import Foundation
import Testing

/// Runs `classfeed` commands in a temporary studio folder: in this process (``Studio/run(_:timeout:)``),
/// or as the built binary, as a person or cron would (``Studio/spawn(_:timeout:)``).
///
/// The binary is `CLASSFEED_BIN` when set, else the one beside this test bundle (`swift test`
/// builds every product first), else `.build/debug/classfeed` under the package root.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
    /// True when the run was killed for taking longer than its timeout (a hang).
    var timedOut = false
}

/// A temporary folder holding a schedule (and whatever else a test puts there), removed when
/// the value goes away.
final class Studio: @unchecked Sendable {  // immutable after init; runs share nothing else
    let folder: URL
    let scratch: URL

    init(schedule: String = Studio.circlSchedule) throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("classfeed-tests-\(UUID().uuidString)")
        folder = scratch.appendingPathComponent("studio")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write("schedule.json", schedule)
    }

    deinit { try? FileManager.default.removeItem(at: scratch) }

    var schedulePath: String { folder.appendingPathComponent("schedule.json").path }

    func write(_ name: String, _ text: String) throws {
        try write(name, bytes: Array(text.utf8))
    }

    func write(_ name: String, bytes: [UInt8]) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func bytes(_ name: String) -> [UInt8]? {
        (try? Data(contentsOf: folder.appendingPathComponent(name))).map { [UInt8]($0) }
    }

    func text(_ name: String) -> String? { bytes(name).map { String(decoding: $0, as: UTF8.self) } }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) }

    /// Files in the studio folder, sorted (to prove a refused edit left nothing behind).
    func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// `classfeed ARGS` with the studio folder as the working directory, in this process.
    func run(_ args: String...) throws -> CLIRun { try run(args) }

    /// In this process; with `timeout` (a test of a hang), the built binary instead, so that a
    /// run that hangs can be killed.
    func run(_ args: [String], timeout: Double? = nil) throws -> CLIRun {
        if let timeout { return try spawn(args, timeout: timeout) }
        let r = InProcess.run(args, in: folder)
        return CLIRun(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    /// `classfeed ARGS` run by the built binary, as a person or cron would.
    ///
    /// With `timeout`, a run still going after that many seconds is killed and reported as
    /// `timedOut`, so a test of a hang fails instead of hanging the suite.
    func spawn(_ args: [String], timeout: Double? = nil) throws -> CLIRun {
        let p = Process()
        p.executableURL = Studio.binary
        p.arguments = args
        p.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["SOURCE_DATE_EPOCH"] = nil
        env["NO_COLOR"] = nil
        p.environment = env
        let out = scratch.appendingPathComponent("stdout-\(UUID().uuidString)")
        let err = scratch.appendingPathComponent("stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        p.standardOutput = outHandle
        p.standardError = errHandle
        p.standardInput = FileHandle.nullDevice
        try p.run()
        var timedOut = false
        if let timeout {
            let deadline = Date().addingTimeInterval(timeout)
            while p.isRunning && Date() < deadline { usleep(20_000) }
            if p.isRunning {
                timedOut = true
                kill(p.processIdentifier, SIGKILL)
            }
        }
        p.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        return CLIRun(
            status: p.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self),
            timedOut: timedOut)
    }

    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["CLASSFEED_BIN"], !path.isEmpty { return URL(fileURLWithPath: path) }
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent().appendingPathComponent("classfeed")) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("classfeed"))
        for b in Bundle.allBundles { candidates.append(b.bundleURL.deletingLastPathComponent().appendingPathComponent("classfeed")) }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/classfeed"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[candidates.count - 1]
    }()

    /// The studio's timetable as issue 2 describes it, in the documented formatting; fixed here so
    /// that the tests do not move when the real schedule.json is edited.
    static let circlSchedule = """
        {
          "calendar": {
            "id": "circl",
            "name": "CIRCL",
            "timezone": "Europe/London",
            "uidDomain": "circl.example",
            "description": "Hip mobility and stretch classes. Book your classes online.",
            "url": "https://circl.example/book",
            "bookingLabel": "Book your classes"
          },
          "classes": [
            {
              "id": "hips-monday",
              "title": "Hip Mobility & Stretch",
              "days": ["monday"],
              "start": "17:15",
              "durationMinutes": 30
            },
            {
              "id": "hips-thursday",
              "title": "Hip Mobility & Stretch",
              "days": ["thursday"],
              "start": "19:00",
              "durationMinutes": 30
            }
          ],
          "exceptions": [
            { "from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure" }
          ]
        }

        """
}
