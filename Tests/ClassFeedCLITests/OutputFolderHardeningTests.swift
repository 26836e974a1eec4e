import Foundation
import ICalendar
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The second hardening round (issue 13): whatever lies in the output folder or where the
/// schedule points, a run never hangs, never traps, never reads without bound, and revisions never
/// go backwards (docs/HARDENING.md, "Second round").
@Suite("output folder hardening")
struct OutputFolderHardeningTests {
    static let now = "2026-11-27T09:00:00Z"

    func fifo(_ studio: Studio, _ name: String) throws {
        let path = studio.folder.appendingPathComponent(name).path
        try? FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o644) == 0, "mkfifo \(name)")
    }

    func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    @Test("a FIFO as the schedule fails at once (66) for check, build and exception edits, instead of hanging")
    func fifoSchedule() throws {
        let studio = try Studio()
        try fifo(studio, "f.json")
        for args in [["check", "--schedule", "f.json"], ["build", "--schedule", "f.json"],
                     ["exceptions", "add", "2026-12-07", "--schedule", "f.json"], ["upcoming", "--schedule", "f.json"]] {
            let r = try studio.run(args, timeout: 20)
            #expect(!r.timedOut, "\(args) hung")
            #expect(r.status == 66, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("f.json is a named pipe (FIFO), not a regular file"), "\(r.stderr)")
        }
    }

    @Test("a file under /proc (size 0 until read) is read for what it holds, not called empty",
          .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status")))
    func procFile() throws {
        let studio = try Studio()
        let r = try studio.run(["check", "--schedule", "/proc/self/status"], timeout: 20)
        #expect(r.status == 65, "\(r.stderr)")
        #expect(!r.stderr.contains("empty"), "\(r.stderr)")
        #expect(r.stderr.contains("/proc/self/status:1:1: error:"), "\(r.stderr)")
    }

    @Test("a FIFO as a holiday calendar fails at once (66) naming it")
    func fifoHolidayCalendar() throws {
        let studio = try Studio(schedule: Studio.circlSchedule.replacingOccurrences(
            of: "  \"exceptions\": [", with: "  \"holidayCalendars\": [\"holidays.ics\"],\n  \"exceptions\": ["))
        try fifo(studio, "holidays.ics")
        let r = try studio.run(["check"], timeout: 20)
        #expect(!r.timedOut)
        #expect(r.status == 66, "\(r.stderr)")
        #expect(r.stderr.contains("holidays.ics is a named pipe (FIFO), not a regular file"), "\(r.stderr)")
    }

    @Test("a FIFO, a link to a FIFO or a link to /dev/zero in the output folder is replaced, with a warning; the run ends")
    func specialFilesInTheOutputFolder() throws {
        let studio = try Studio()
        #expect(try studio.run("build", "--now", Self.now).status == 0)
        try fifo(studio, "output/index.html")
        try fifo(studio, "elsewhere.fifo")
        try FileManager.default.removeItem(atPath: studio.folder.appendingPathComponent("output/circl-hips-monday.ics").path)
        try FileManager.default.createSymbolicLink(
            atPath: studio.folder.appendingPathComponent("output/circl-hips-monday.ics").path,
            withDestinationPath: studio.folder.appendingPathComponent("elsewhere.fifo").path)
        try FileManager.default.removeItem(atPath: studio.folder.appendingPathComponent("output/circl.ics").path)
        try FileManager.default.createSymbolicLink(atPath: studio.folder.appendingPathComponent("output/circl.ics").path, withDestinationPath: "/dev/zero")
        let r = try studio.run(["build", "--now", Self.now], timeout: 30)
        #expect(!r.timedOut, "the build hung")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("output/index.html is a named pipe (FIFO), not a regular file; it will be replaced"), "\(r.stderr)")
        #expect(r.stderr.contains("output/circl.ics is a symbolic link"), "\(r.stderr)")
        for name in ["index.html", "circl.ics", "circl-hips-monday.ics", "circl-hips-thursday.ics"] {
            #expect(isRegularFile(studio.folder.appendingPathComponent("output/" + name).path), "\(name)")
        }
        #expect(studio.text("output/circl.ics")?.hasSuffix("END:VCALENDAR\r\n") == true)
        // The next run is ordinary again: nothing to say, nothing rewritten.
        let again = try studio.run(["build", "--now", Self.now], timeout: 30)
        #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
    }

    @Test("SEQUENCE:9223372036854775807 in the previous feeds is a warning and a fresh start, not a trap that repeats forever")
    func hugeSequence() throws {
        let studio = try Studio()
        #expect(try studio.run("build", "--now", Self.now).status == 0)
        for name in ["output/circl.ics", "output/circl-hips-monday.ics"] {
            let text = try #require(studio.text(name))
            let r = try #require(text.range(of: "SEQUENCE:0"))
            try studio.write(name, text.replacingCharacters(in: r, with: "SEQUENCE:9223372036854775807"))
        }
        try studio.write("schedule.json", Studio.circlSchedule.replacingOccurrences(of: "\"Hip Mobility & Stretch\",\n      \"days\": [\"monday\"]", with: "\"Hips\",\n      \"days\": [\"monday\"]"))
        for round in 0..<2 {
            let r = try studio.run(["build", "--now", "2026-11-28T09:00:00Z"], timeout: 60)
            #expect(r.status == 0, "round \(round): \(r.stderr)")
            if round == 0 { #expect(r.stderr.contains("SEQUENCE must be a whole number from 0 to 2147483647"), "\(r.stderr)") }
        }
        for name in ["output/circl.ics", "output/circl-hips-monday.ics"] {
            let bytes = try #require(studio.bytes(name))
            let cal = try #require(try ICalendarReader().parse(bytes).first)
            for e in cal.components(named: "VEVENT") {
                let sequence = try #require(e.property("SEQUENCE"))
                let n = try #require(Int(sequence.value))
                #expect((0...2_147_483_647).contains(n))
            }
        }
    }

    /// Runs the binary with posix_spawn and reads its own peak RSS from wait4 (no other
    /// process's, as RUSAGE_CHILDREN would mix in the other tests running in parallel). A run
    /// still going after `timeout` seconds is killed (status -1).
    func peakRSS(_ args: [String], in folder: URL, timeout: Double = 60) throws -> (status: Int32, kilobytes: Int) {
        let argv = ([Studio.binary.path] + args).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cwd = FileManager.default.currentDirectoryPath
        // posix_spawn has no portable chdir: run from the folder and restore.
        var pid = pid_t()
        let spawned: Int32 = folder.path.withCString { chdir($0) } == 0 ? posix_spawn(&pid, argv[0]!, &actions, nil, argv, environ) : -1
        _ = cwd.withCString { chdir($0) }
        try #require(spawned == 0)
        var status: Int32 = 0
        var usage = rusage()
        let deadline = Date().addingTimeInterval(timeout)
        var killed = false
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid || (r < 0 && errno != EINTR) { break }
            if !killed && Date() > deadline {
                kill(pid, SIGKILL)
                killed = true
            }
            usleep(10_000)
        }
        if killed { return (-1, Int(usage.ru_maxrss)) }
        #if canImport(Darwin)
            let kb = Int(usage.ru_maxrss) / 1024
        #else
            let kb = Int(usage.ru_maxrss)
        #endif
        return ((status >> 8) & 0xFF, kb)
    }

    @Test("a 1 GB zero-filled previous feed and a 3 GB page cost a build no memory: peak within 10 MB of a clean build's")
    func damagedOutputCostsNoMemory() throws {
        let studio = try Studio()
        let clean = try peakRSS(["build", "--now", Self.now, "--no-class-feeds"], in: studio.folder)
        #expect(clean.status == 0)
        // Sparse files: zeros without the disk space.
        for (name, size) in [("output/circl.ics", UInt64(1) << 30), ("output/index.html", UInt64(3) << 30)] {
            let url = studio.folder.appendingPathComponent(name)
            try FileManager.default.removeItem(at: url)
            FileManager.default.createFile(atPath: url.path, contents: nil)
            let h = try FileHandle(forWritingTo: url)
            try h.truncate(atOffset: size)
            try h.close()
        }
        let damaged = try peakRSS(["build", "--now", Self.now, "--no-class-feeds"], in: studio.folder)
        #expect(damaged.status == 0)
        #expect(damaged.kilobytes <= clean.kilobytes + 10_240, "clean \(clean.kilobytes) KB, damaged \(damaged.kilobytes) KB")
        #expect(studio.text("output/circl.ics")?.hasPrefix("BEGIN:VCALENDAR\r\n") == true)
        #expect((try FileManager.default.attributesOfItem(atPath: studio.folder.appendingPathComponent("output/index.html").path)[.size] as? Int ?? 0) < 1 << 20)
    }

    func revision(_ studio: Studio, _ file: String, uid: String) throws -> (sequence: Int, stamp: String) {
        let bytes = try #require(studio.bytes(file))
        let cal = try #require(try ICalendarReader().parse(bytes).first)
        let e = try #require(cal.components(named: "VEVENT").first { $0.property("UID")?.value == uid })
        return (Int(e.property("SEQUENCE")?.value ?? "") ?? -1, e.property("DTSTAMP")?.value ?? "")
    }

    @Test("SEQUENCE and DTSTAMP never go back, whichever feeds earlier runs wrote (--no-class-feeds leaves class feeds stale)")
    func revisionsNeverGoBack() throws {
        let studio = try Studio()
        let uid = "hips-thursday-20261210@circl.example"
        #expect(try studio.run("build", "--now", "2026-11-27T09:00:00Z").status == 0)
        #expect(try studio.run("exceptions", "move", "--class", "hips-thursday", "2026-12-10", "--to-time", "18:00").status == 0)
        #expect(try studio.run("build", "--no-class-feeds", "--now", "2026-11-28T09:00:00Z").status == 0)
        #expect(try studio.run("exceptions", "remove", "2026-12-10", "--class", "hips-thursday").status == 0)
        #expect(try studio.run("exceptions", "move", "--class", "hips-thursday", "2026-12-10", "--to-time", "18:30").status == 0)
        #expect(try studio.run("build", "--no-class-feeds", "--now", "2026-11-29T09:00:00Z").status == 0)
        let before = try revision(studio, "output/circl.ics", uid: uid)
        #expect(before.sequence == 2)
        #expect(before.stamp == "20261129T090000Z")
        #expect(try revision(studio, "output/circl-hips-thursday.ics", uid: uid).sequence == 0, "the class feed was left alone")
        #expect(studio.exists("output/.classfeed-class-feeds-behind"), "the --no-class-feeds runs said the class feeds are behind")
        let r = try studio.run("build", "--verbose", "--now", "2026-11-29T10:00:00Z")
        #expect(r.status == 0, "\(r.stderr)")
        for file in ["output/circl.ics", "output/circl-hips-thursday.ics"] {
            let after = try revision(studio, file, uid: uid)
            #expect(after.sequence == 2, "\(file)")
            #expect(after.stamp == "20261129T090000Z", "\(file)")
        }
        #expect(!studio.exists("output/.classfeed-class-feeds-behind"), "caught up: the next run reads the class feeds alone")
    }

    @Test("the feed of a class removed from the schedule is emptied and says the class has ended; deleting it retires it for good")
    func removedClassFeed() throws {
        let studio = try Studio()
        #expect(try studio.run("build", "--now", Self.now).status == 0)
        // The schedule without its Thursday class.
        let thursday = """
            ,
                {
                  "id": "hips-thursday",
                  "title": "Hip Mobility & Stretch",
                  "days": ["thursday"],
                  "start": "19:00",
                  "durationMinutes": 30
                }
            """
        let json = Studio.circlSchedule.replacingOccurrences(of: thursday, with: "")
        try #require(json != Studio.circlSchedule)
        try studio.write("schedule.json", json)
        let r = try studio.run("build", "--now", "2026-11-28T09:00:00Z")
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = try #require(studio.bytes("output/circl-hips-thursday.ics"))
        let cal = try #require(try ICalendarReader().parse(bytes).first)
        #expect(cal.components(named: "VEVENT").count == 0)
        #expect(cal.property("NAME")?.textValue == "CIRCL: Hip Mobility & Stretch, Thursdays 19:00 (this class has ended)")
        #expect(studio.text("output/circl.ics")?.contains("hips-thursday") == false)
        // Byte-stable from then on, and gone for good once deleted.
        #expect(try studio.run("build", "--now", "2026-11-29T09:00:00Z").status == 0)
        #expect(studio.bytes("output/circl-hips-thursday.ics") == bytes)
        try FileManager.default.removeItem(atPath: studio.folder.appendingPathComponent("output/circl-hips-thursday.ics").path)
        #expect(try studio.run("build", "--now", "2026-11-30T09:00:00Z").status == 0)
        #expect(!studio.exists("output/circl-hips-thursday.ics"))
    }

    @Test("another calendar's feeds with a similar name in the same folder are left alone")
    func otherCalendarsFeedsAreLeftAlone() throws {
        let studio = try Studio()
        let other = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ClassFeed//ClassFeed 1.0//EN\r\nNAME:CIRCL Kids\r\nEND:VCALENDAR\r\n"
        try studio.write("output/circl-kids.ics", other)
        #expect(try studio.run("build", "--now", Self.now).status == 0)
        #expect(studio.text("output/circl-kids.ics") == other)
    }

    @Test("an edit keeps the schedule's owner, group and mode, and its .bak's", .enabled(if: getuid() == 0, "needs root to give files away"))
    func editKeepsOwnership() throws {
        let studio = try Studio()
        #expect(chown(studio.schedulePath, 4321, 4322) == 0)
        #expect(chmod(studio.schedulePath, 0o600) == 0)
        let r = try studio.run("exceptions", "add", "2026-12-07", "--reason", "Staff training")
        #expect(r.status == 0, "\(r.stderr)")
        for path in [studio.schedulePath, studio.schedulePath + ".bak"] {
            var st = stat()
            #expect(stat(path, &st) == 0)
            #expect(st.st_uid == 4321 && st.st_gid == 4322, "\(path): \(st.st_uid):\(st.st_gid)")
            #expect(st.st_mode & 0o7777 == 0o600, "\(path)")
        }
    }

    @Test("a killed edit's temporary file with the very PID of the next edit (containers repeat PIDs) neither blocks it nor stays",
          .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare"), "needs root and unshare(1)"))
    func leftoverWithTheSamePID() throws {
        let studio = try Studio()
        // In a new PID namespace the edit is PID 1, as in a container. What earlier versions and
        // this one would leave after being killed there:
        for name in [".schedule.json.tmp-1", ".schedule.json.bak.tmp-1", ".schedule.json.edit-tmp-1-x", ".schedule.json.bak.edit-tmp-1-y"] {
            try studio.write(name, "leftover")
        }
        try studio.write("notes.tmp-1", "not ours")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        p.arguments = ["--pid", "--fork", Studio.binary.path, "exceptions", "add", "2026-12-07", "--reason", "Staff training"]
        p.currentDirectoryURL = studio.folder
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(studio.text("schedule.json")?.contains("Staff training") == true)
        #expect(studio.files() == ["notes.tmp-1", "schedule.json", "schedule.json.bak"])
    }

    @Test("with the output in the schedule's folder, builds never delete an edit's temporary file in flight")
    func buildsAndEditsShareAFolder() throws {
        let studio = try Studio()
        let stop = ManagedAtomicFlag()
        let builder = Thread {
            while !stop.isSet { _ = try? studio.run("build", "--output", ".", "--no-page") }
        }
        builder.start()
        defer { stop.set() }
        let failures = Failures()
        // Mondays and Thursdays, when the studio's classes run.
        let dates = (0..<20).flatMap { week in [0, 3].map { LocalDate(year: 2027, month: 2, day: 1)!.adding(days: 7 * week + $0).description } }
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for (k, date) in dates.enumerated() where k % 4 == worker {
                let r = (try? studio.run("exceptions", "add", date, "--reason", "r\(k)")) ?? CLIRun(status: -1, stdout: "", stderr: "did not run")
                if r.status != 0 && r.status != 75 { failures.add("\(date): \(r.status) \(r.stderr)") }
            }
        }
        stop.set()
        while builder.isExecuting { usleep(10_000) }
        #expect(failures.all.isEmpty, "\(failures.all)")
    }
}

/// What concurrent runs report, gathered under a lock.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    var all: [String] { lock.withLock { list } }
    func add(_ s: String) { lock.withLock { list.append(s) } }
}

/// A flag one thread sets and another polls.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
