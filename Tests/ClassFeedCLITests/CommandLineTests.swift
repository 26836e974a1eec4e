import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the command line itself refuses before any command runs (docs/HARDENING.md, "Bad input").
@Suite struct CommandLineTests {
    /// Runs the binary with arguments given as raw bytes, which `Process` cannot pass (it takes
    /// Swift strings, always valid Unicode). Output goes to files in the studio's scratch folder.
    static func runRaw(_ args: [[UInt8]], studio: Studio) throws -> CLIRun {
        let out = studio.scratch.appendingPathComponent("raw-stdout").path
        let err = studio.scratch.appendingPathComponent("raw-stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let binary = Studio.binary.path
        let argv: [UnsafeMutablePointer<CChar>?] = ([Array(binary.utf8)] + args).map { bytes in
            let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (k, b) in bytes.enumerated() { p[k] = CChar(bitPattern: b) }
            p[bytes.count] = 0
            return p
        } + [nil]
        defer { for p in argv { p?.deallocate() } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, binary, &actions, nil, argv, environ)
        try #require(rc == 0, "posix_spawn: \(rc)")
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7F == 0
        return CLIRun(
            status: exited ? (status >> 8) & 0xFF : -1,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    @Test func anArgumentThatIsNotUTF8IsAUsageErrorAndNothingIsWritten() throws {
        let studio = try Studio()
        let before = try #require(studio.bytes("schedule.json"))
        let args: [[UInt8]] = [
            Array("exceptions".utf8), Array("add".utf8), Array("2026-12-07".utf8), Array("--reason".utf8),
            Array("Closed ".utf8) + [0xFF, 0xFE], Array("--schedule".utf8), Array(studio.schedulePath.utf8),
        ]
        let r = try Self.runRaw(args, studio: studio)
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.contains("argument 5 'Closed \\xFF\\xFE' (after '--reason') is not valid UTF-8"), "\(r.stderr)")
        #expect(!r.stderr.contains("\u{FFFD}"))
        let unchanged = studio.bytes("schedule.json") == before
        #expect(unchanged, "schedule.json was changed")
        #expect(studio.files() == ["schedule.json"], "no .bak, no temporary file")
    }

    @Test func anInvalidCommandNameIsEscapedToo() throws {
        let studio = try Studio()
        let r = try Self.runRaw([[0x63, 0xC3, 0x28, 0x1B]], studio: studio)
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.contains("argument 1 'c\\xC3(\\x1B' is not valid UTF-8"), "\(r.stderr)")
    }

    @Test func anOptionValueThatStartsWithTwoDashesIsAUsageError() throws {
        let studio = try Studio()
        let r = try studio.run("build", "--output", "--now", "2026-11-27T09:00:00Z")
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.contains("option '--output' needs a value; to use '--now' as the value write --output=--now"), "\(r.stderr)")
        #expect(studio.files() == ["schedule.json"], "no folder named --now")
        let reason = try studio.run("exceptions", "add", "2026-12-07", "--reason", "--schedule", "schedule.json")
        #expect(reason.status == 64, "\(reason)")
        #expect(reason.stderr.contains("option '--reason' needs a value; to use '--schedule' as the value write --reason=--schedule"))
    }

    @Test func aValueWrittenWithAnEqualsSignMayStartWithTwoDashes() throws {
        let studio = try Studio()
        let r = try studio.run("build", "--output=--now", "--now", "2026-11-27T09:00:00Z")
        #expect(r.status == 0, "\(r)")
        #expect(studio.exists("--now/circl.ics"))
        // A single dash is a value, but not a folder name a build writes into (by convention it
        // means standard output, which cannot hold several files).
        let dash = try studio.run("build", "--output", "-", "--now", "2026-11-27T09:00:00Z")
        #expect(dash.status == 64, "\(dash)")
        #expect(!studio.exists("-"))
    }
}
