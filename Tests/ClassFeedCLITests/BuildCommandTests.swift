import Foundation
import ICalendar
import Testing

/// `classfeed build` end to end, in-process: a schedule in a folder, feeds out, exit codes.
@Suite struct BuildCommandTests {
    static let schedule = """
        {
          "calendar": {"id": "circl", "name": "CIRCL", "timezone": "Europe/London", "uidDomain": "circl.example"},
          "classes": [
            {"id": "hips-monday", "title": "Hip Mobility & Stretch", "days": ["monday"], "start": "17:15", "durationMinutes": 30},
            {"id": "hips-thursday", "title": "Hip Mobility & Stretch", "days": ["thursday"], "start": "19:00", "durationMinutes": 30}
          ],
          "exceptions": [{"from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure"}]
        }
        """

    func workspace(_ json: String = schedule) throws -> URL {
        let dir = try ClassfeedProcess.temporaryDirectory()
        try Data(json.utf8).write(to: dir.appendingPathComponent("schedule.json"))
        return dir
    }

    func modificationDate(_ url: URL) throws -> Date {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
    }

    @Test func buildWritesTheCombinedAndPerClassFeedsQuietly() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ClassfeedProcess.run(["build", "--from", "2026-11-30", "--to", "2027-01-10", "--now", "2026-11-27T09:00:00Z"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty && r.stderr.isEmpty, "a successful run prints nothing (cron mails any output)")
        let out = dir.appendingPathComponent("output")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names == ["circl-hips-monday.ics", "circl-hips-thursday.ics", "circl.ics", "index.html"])
        let bytes = try Data(contentsOf: out.appendingPathComponent("circl.ics"))
        let cal = try #require(try ICalendarReader().parse(Array(bytes)).first)
        let starts = cal.components(named: "VEVENT").compactMap { $0.property("DTSTART")?.value }.sorted()
        // Mondays 30 Nov - 21 Dec and Thursdays 3 - 17 Dec, then closed until 3 Jan, then 4 and 7 Jan.
        #expect(starts == [
            "20261130T171500", "20261203T190000", "20261207T171500", "20261210T190000", "20261214T171500",
            "20261217T190000", "20261221T171500", "20270104T171500", "20270107T190000",
        ])
    }

    @Test func noArgumentsMeansBuildScheduleJsonIntoOutput() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ClassfeedProcess.run([], in: dir)
        #expect(r.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("output/circl.ics").path))
    }

    @Test func anUnchangedRebuildLeavesFilesUntouched() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["build", "--now", "2026-11-27T09:00:00Z"]
        try ClassfeedProcess.run(args, in: dir)
        let feed = dir.appendingPathComponent("output/circl.ics")
        let before = try Data(contentsOf: feed)
        let mtime = try modificationDate(feed)
        Thread.sleep(forTimeInterval: 0.05)
        let r = try ClassfeedProcess.run(args, in: dir)
        #expect(r.status == 0)
        #expect(try Data(contentsOf: feed) == before)
        #expect(try modificationDate(feed) == mtime)
    }

    @Test func anInvalidScheduleExits65AndLeavesExistingFeedsAlone() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try ClassfeedProcess.run(["build", "--now", "2026-11-27T09:00:00Z"], in: dir)
        let feed = dir.appendingPathComponent("output/circl.ics")
        let before = try Data(contentsOf: feed)
        let mtime = try modificationDate(feed)
        let broken = Self.schedule.replacingOccurrences(of: "\"17:15\"", with: "\"5:15pm\"")
        try Data(broken.utf8).write(to: dir.appendingPathComponent("schedule.json"))
        let r = try ClassfeedProcess.run(["build", "--now", "2026-12-01T09:00:00Z"], in: dir)
        #expect(r.status == 65)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("schedule.json:4:91: error: classes[0].start: expected a 24-hour time \"HH:MM\" such as \"17:15\", found \"5:15pm\""))
        #expect(r.stderr.contains("hint: did you mean \"17:15\"?"))
        #expect(r.stderr.hasSuffix("classfeed: 1 error in the schedule; nothing was written\n"))
        #expect(try Data(contentsOf: feed) == before)
        #expect(try modificationDate(feed) == mtime)
    }

    @Test func exitCodesFollowSysexits() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try ClassfeedProcess.run(["build", "--frm", "2026-01-01"], in: dir).status == 64)
        #expect(try ClassfeedProcess.run(["bild"], in: dir).stderr.contains("did you mean 'build'?"))
        #expect(try ClassfeedProcess.run(["build", "--schedule", "missing.json"], in: dir).status == 66)
        try Data("".utf8).write(to: dir.appendingPathComponent("empty.json"))
        let empty = try ClassfeedProcess.run(["check", "--schedule", "empty.json"], in: dir)
        #expect(empty.status == 65)
        #expect(empty.stderr.contains("empty.json:1:1: error: the file is empty; expected a JSON object"))
        // The output path is a file, not a folder: cannot create.
        try Data("x".utf8).write(to: dir.appendingPathComponent("notadir"))
        #expect(try ClassfeedProcess.run(["build", "--output", "notadir"], in: dir).status == 73)
        #expect(try ClassfeedProcess.run(["build", "--output", "no/such/parent"], in: dir).status == 73)
    }

    @Test func checkReportsWithoutWriting() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ClassfeedProcess.run(["check", "--now", "2026-11-27T09:00:00Z"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout == "schedule.json: ok: 2 classes, 1 exceptions, 57 occurrences from Mon 26 Oct 2026 to Sun 23 May 2027\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("output").path))
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let json = Self.schedule.replacingOccurrences(of: "[\"monday\"]", with: "[\"monday\", \"monday\"]")
        let dir = try workspace(json)
        defer { try? FileManager.default.removeItem(at: dir) }
        let lenient = try ClassfeedProcess.run(["check"], in: dir)
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("warning: classes[0].days[1]: \"monday\" is listed twice"))
        let strict = try ClassfeedProcess.run(["build", "--strict"], in: dir)
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("error: classes[0].days[1]: \"monday\" is listed twice"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("output").path))
    }

    @Test func helpIsAvailableForEveryCommand() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        for args in [["--help"], ["build", "--help"], ["check", "--help"], ["upcoming", "--help"], ["help", "build"]] {
            let r = try ClassfeedProcess.run(args, in: dir)
            #expect(r.status == 0, "\(args)")
            #expect(r.stdout.contains("Usage: classfeed"), "\(args)")
        }
    }
}
