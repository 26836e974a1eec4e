import Foundation
import Testing

/// `classfeed exceptions` in-process on a temporary copy of the studio's schedule.
@Suite("classfeed exceptions")
struct ExceptionsCommandTests {
    /// The fixture with `line` inserted before the Christmas closure.
    static func circl(insertingException line: String) -> String {
        Studio.circlSchedule.replacingOccurrences(
            of: "    { \"from\": \"2026-12-24\"",
            with: "    \(line),\n    { \"from\": \"2026-12-24\"")
    }

    @Test("add cancels one class on one day, keeps the rest of the file, and keeps a .bak")
    func addOneClassOneDay() throws {
        let studio = try Studio()
        let before = try #require(studio.bytes("schedule.json"))
        let r = try studio.run("exceptions", "add", "2026-12-10", "--class", "hips-thursday", "--reason", "Teacher away")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            Added to schedule.json as exceptions[0]: { "date": "2026-12-10", "class": "hips-thursday", "reason": "Teacher away" }
              Thu 10 Dec 2026: Hip Mobility & Stretch 19:00 cancelled
            The previous version is in schedule.json.bak.
            Members see this after the next build: classfeed build

            """)
        #expect(r.stderr == "")
        #expect(studio.text("schedule.json") == Self.circl(
            insertingException: #"{ "date": "2026-12-10", "class": "hips-thursday", "reason": "Teacher away" }"#))
        #expect(studio.bytes("schedule.json.bak") == before)
        #expect(try studio.run("check", "--now", "2026-12-01").status == 0)
    }

    @Test("add cancels every class over an inclusive range and names each occurrence")
    func addRange() throws {
        let studio = try Studio()
        let r = try studio.run("exceptions", "add", "2027-02-15", "--to", "2027-02-21", "--reason", "Half term")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            Added to schedule.json as exceptions[1]: { "from": "2027-02-15", "to": "2027-02-21", "reason": "Half term" }
              Mon 15 Feb 2027: Hip Mobility & Stretch 17:15 cancelled
              Thu 18 Feb 2027: Hip Mobility & Stretch 19:00 cancelled
            The previous version is in schedule.json.bak.
            Members see this after the next build: classfeed build

            """)
        #expect(studio.text("schedule.json") == Studio.circlSchedule.replacingOccurrences(
            of: #""reason": "Christmas closure" }"#,
            with: #""reason": "Christmas closure" },"# + "\n" + #"    { "from": "2027-02-15", "to": "2027-02-21", "reason": "Half term" }"#))
        #expect(studio.bytes("schedule.json.bak") == Array(Studio.circlSchedule.utf8))
    }

    @Test("move moves one occurrence, and upcoming shows it moved")
    func moveOne() throws {
        let studio = try Studio()
        let r = try studio.run(
            "exceptions", "move", "--class", "hips-thursday", "2026-12-10", "--to-date", "2026-12-11", "--to-time", "18:00",
            "--reason", "Hall booked")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            Added to schedule.json as exceptions[0]: { "date": "2026-12-10", "class": "hips-thursday", "moveTo": { "date": "2026-12-11", "start": "18:00" }, "reason": "Hall booked" }
              Thu 10 Dec 2026: Hip Mobility & Stretch 19:00 moved to Fri 11 Dec 2026 18:00
            The previous version is in schedule.json.bak.
            Members see this after the next build: classfeed build

            """)
        #expect(studio.text("schedule.json") == Self.circl(
            insertingException: #"{ "date": "2026-12-10", "class": "hips-thursday", "moveTo": { "date": "2026-12-11", "start": "18:00" }, "reason": "Hall booked" }"#))
        #expect(studio.bytes("schedule.json.bak") == Array(Studio.circlSchedule.utf8))
        let up = try studio.run("upcoming", "--now", "2026-12-07T09:00:00Z", "--days", "7")
        #expect(up.stdout.contains("  Fri 11 Dec 2026  18:00  Hip Mobility & Stretch  moved from Thu 10 Dec 2026 19:00 (Hall booked)\n"))
    }

    @Test("remove undoes add and move byte for byte")
    func removeIsTheInverse() throws {
        let studio = try Studio()
        let original = Array(Studio.circlSchedule.utf8)
        #expect(try studio.run("exceptions", "add", "2026-11-30", "--class", "hips-monday").status == 0)
        let afterAdd = try #require(studio.bytes("schedule.json"))
        let r = try studio.run("exceptions", "remove", "2026-11-30", "--class", "hips-monday")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            Removed from schedule.json exceptions[0]: { "date": "2026-11-30", "class": "hips-monday" }
              Mon 30 Nov 2026: Hip Mobility & Stretch 17:15 back on (no longer cancelled)
            The previous version is in schedule.json.bak.
            Members see this after the next build: classfeed build

            """)
        #expect(studio.bytes("schedule.json") == original)
        #expect(studio.bytes("schedule.json.bak") == afterAdd)

        #expect(try studio.run("exceptions", "move", "--class", "hips-monday", "2026-12-07", "--to-time", "18:30").status == 0)
        let undo = try studio.run("exceptions", "remove", "2026-12-07", "--class", "hips-monday")
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stdout.contains("  Mon 7 Dec 2026: Hip Mobility & Stretch 17:15 back on its usual day and time (was moved to Mon 7 Dec 2026 18:30)\n"))
        #expect(studio.bytes("schedule.json") == original)

        let range = try studio.run("exceptions", "remove", "2026-12-24")
        #expect(range.status == 0, "\(range.stderr)")
        #expect(range.stdout == """
            Removed from schedule.json exceptions[0]: { "from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure" }
              Thu 24 Dec 2026: Hip Mobility & Stretch 19:00 back on (no longer cancelled)
              Mon 28 Dec 2026: Hip Mobility & Stretch 17:15 back on (no longer cancelled)
              Thu 31 Dec 2026: Hip Mobility & Stretch 19:00 back on (no longer cancelled)
            The previous version is in schedule.json.bak.
            Members see this after the next build: classfeed build

            """)
        #expect(studio.text("schedule.json")?.contains("\"exceptions\": []") == true)
        #expect(try studio.run("check", "--now", "2026-12-01").status == 0)
    }

    @Test("list shows every exception with the occurrences it affects")
    func list() throws {
        let studio = try Studio(schedule: Self.circl(
            insertingException: #"{ "date": "2026-12-10", "class": "hips-thursday", "moveTo": { "date": "2026-12-11" } }"#))
        let r = try studio.run("exceptions", "list")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            schedule.json: 2 exceptions (times in Europe/London)

            exceptions[0]: Thu 10 Dec 2026, class hips-thursday moved to Fri 11 Dec 2026
              Thu 10 Dec 2026: Hip Mobility & Stretch 19:00 moved to Fri 11 Dec 2026 19:00

            exceptions[1]: Thu 24 Dec 2026 to Sun 3 Jan 2027, every class cancelled: Christmas closure
              Thu 24 Dec 2026: Hip Mobility & Stretch 19:00 cancelled
              Mon 28 Dec 2026: Hip Mobility & Stretch 17:15 cancelled
              Thu 31 Dec 2026: Hip Mobility & Stretch 19:00 cancelled

            """)
    }

    @Test("a long edit reports a summary, the first lines and a count, and so does list")
    func longEditIsSummarised() throws {
        // 50 classes on Mondays and Thursdays for two years: 10,400 occurrences cancelled.
        let studio = try Studio(schedule: CronSafetyTests.largeSchedule(classes: 50))
        let r = try studio.run("exceptions", "add", "2027-01-01", "--to", "2028-12-31", "--reason", "long")
        #expect(r.status == 0, "\(r.stderr)")
        let firstLines = (0..<10).map { "  Mon 4 Jan 2027: Class \($0) with a reasonably long title 17:15 cancelled\n" }.joined()
        #expect(r.stdout == """
            Added to schedule.json as exceptions[0]: { "from": "2027-01-01", "to": "2028-12-31", "reason": "long" }
              cancels 10,400 occurrences of 50 classes from Mon 4 Jan 2027 to Thu 28 Dec 2028

            """ + firstLines + """
              ... and 10,390 more (see 'classfeed upcoming --from DATE --to DATE')
            The previous version is in schedule.json.bak.
            Members see this after the next build: classfeed build

            """)
        let list = try studio.run("exceptions", "list")
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.split(separator: "\n").count == 14)
        #expect(list.stdout.contains("\n  cancels 10,400 occurrences of 50 classes from Mon 4 Jan 2027 to Thu 28 Dec 2028\n"))
    }

    @Test("an edit that dies while reporting its effects leaves the schedule byte for byte as it was")
    func crashWhileReportingChangesNothing() throws {
        let studio = try Studio()
        let before = try #require(studio.bytes("schedule.json"))
        // The binary, since the stand-in for the crash is abort().
        let r = try ClassfeedProcess.spawn(
            ["exceptions", "add", "2027-02-15", "--to", "2027-02-21", "--reason", "Half term"], in: studio.folder,
            environment: ["CLASSFEED_TEST_ABORT": "after-effects-report"])
        #expect(r.status != 0)
        let untouched = studio.bytes("schedule.json") == before
        #expect(untouched)
        #expect(studio.files() == ["schedule.json"])
    }

    /// Refused edits: the exit status, a phrase of the message, and nothing changed.
    static let refused: [(args: [String], status: Int32, message: String)] = [
        (["add", "2026-12-10", "--class", "hips-thursdy"], 65, "did you mean 'hips-thursday'?"),
        (["add", "2026-12-22"], 65, "no class runs on Tue 22 Dec 2026"),
        (["add", "2026-12-22", "--class", "hips-monday"], 65, "hips-monday runs on Mondays at 17:15"),
        (["add", "2026-12-24", "--to", "2027-01-03", "--reason", "Christmas closure"], 65, "already has this exception"),
        (["add", "2026-12-28"], 65, "already cancelled by exceptions[0] \"Christmas closure\""),
        (["add", "2026-12-10", "--reason", "Tab\u{1}here"], 65, "would make schedule.json invalid"),
        (["move", "--class", "hips-thursday", "2026-12-09", "--to-time", "18:00"], 65, "does not run on Wed 9 Dec 2026"),
        (["move", "--class", "hips-thursday", "2026-12-24", "--to-date", "2026-12-23"], 65, "a cancelled class cannot be moved"),
        (["move", "--class", "hips-thursday", "2026-12-10", "--to-time", "19:00"], 65, "changes neither the day nor the time"),
        (["remove", "2026-12-28"], 65, "covers it; to remove the whole range: classfeed exceptions remove 2026-12-24"),
        (["remove", "2026-12-10", "--class", "hips-thursday"], 65, "no exception for class hips-thursday starts on Thu 10 Dec 2026"),
        (["add", "2026-13-01"], 64, "expects a date YYYY-MM-DD"),
        (["add", "2026-12-10", "--to", "2026-12-01"], 64, "is before DATE"),
        (["add", "2026-12-10", "Teacher", "away"], 64, "unexpected argument 'Teacher'"),
        (["add", "2026-12-10", "--resaon", "x"], 64, "did you mean '--reason'?"),
        (["add", "2026-12-10", "--reason", " "], 64, "--reason is empty"),
        (["move", "2026-12-10", "--to-date", "2026-12-11"], 64, "needs --class ID"),
        (["move", "--class", "hips-thursday", "2026-12-10"], 64, "needs --to-date DATE, --to-time HH:MM, or both"),
        (["move", "--class", "hips-thursday", "2026-12-10", "--to-time", "6pm"], 64, "hint: did you mean \"18:00\"?"),
        (["remove"], 64, "needs a DATE"),
        (["frobnicate"], 64, "unknown command 'exceptions frobnicate'"),
        (["add", "2026-12-10", "--schedule", "missing.json"], 66, "missing.json: no such file"),
    ]

    @Test("a refused edit exits 64, 65 or 66, says why, and changes nothing", arguments: 0..<refused.count)
    func refusedEdit(_ i: Int) throws {
        let (args, status, message) = Self.refused[i]
        let studio = try Studio()
        let files = studio.files()
        let r = try studio.run(["exceptions"] + args)
        #expect(r.status == status, "\(args): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        #expect(r.stdout == "")
        #expect(studio.bytes("schedule.json") == Array(Studio.circlSchedule.utf8))
        #expect(studio.files() == files, "no .bak and no temporary file after a refused edit")
    }

    @Test("an invalid schedule is not edited: the errors are shown and the file is untouched")
    func invalidScheduleUntouched() throws {
        let broken = Studio.circlSchedule.replacingOccurrences(of: "\"start\": \"17:15\"", with: "\"strat\": \"17:15\"")
        let studio = try Studio(schedule: broken)
        let r = try studio.run("exceptions", "add", "2026-12-10")
        #expect(r.status == 65)
        #expect(r.stderr.contains("unknown key \"strat\""))
        #expect(r.stderr.contains("did you mean \"start\"?"))
        #expect(r.stderr.contains("schedule.json has 2 errors already; fix them first"))
        #expect(studio.text("schedule.json") == broken)
        #expect(!studio.exists("schedule.json.bak"))
    }

    @Test("a schedule in another layout is rewritten in the documented one with the same content")
    func reformatKeepsContent() throws {
        // Minified, CRLF, escapes: the rewrite keeps every value.
        let odd = "{\"calendar\":{\"id\":\"circl\",\"name\":\"CIRCL \\u00e9\\/\\n\",\"timezone\":\"Europe/London\",\"uidDomain\":\"circl.example\"},\r\n"
            + "\"classes\":[{\"id\":\"hips-monday\",\"title\":\"Hip \\\"Mobility\\\"\",\"days\":[\"monday\",\"wednesday\"],\"start\":\"17:15\",\"durationMinutes\":30}],\r\n"
            + "\"exceptions\":[]}\r\n"
        let studio = try Studio(schedule: odd)
        let before = try studio.run("upcoming", "--json", "--from", "2026-11-01", "--to", "2027-03-01", "--now", "2026-11-01")
        #expect(before.status == 0, "\(before.stderr)")
        let r = try studio.run("exceptions", "add", "2026-11-30", "--reason", "Closed \"early\"")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(studio.text("schedule.json") == """
            {
              "calendar": {
                "id": "circl",
                "name": "CIRCL é/\\n",
                "timezone": "Europe/London",
                "uidDomain": "circl.example"
              },
              "classes": [
                {
                  "id": "hips-monday",
                  "title": "Hip \\"Mobility\\"",
                  "days": ["monday", "wednesday"],
                  "start": "17:15",
                  "durationMinutes": 30
                }
              ],
              "exceptions": [
                { "date": "2026-11-30", "reason": "Closed \\"early\\"" }
              ]
            }

            """)
        #expect(studio.text("schedule.json.bak") == odd)
        let after = try studio.run("upcoming", "--json", "--from", "2026-11-01", "--to", "2027-03-01", "--now", "2026-11-01")
        // Only the cancelled day differs.
        let changed = zip(before.stdout.split(separator: "\n"), after.stdout.split(separator: "\n")).filter { $0 != $1 }
        #expect(changed.count == 1)
        #expect(changed.first?.1.contains("\"status\": \"cancelled\"") == true)
        #expect(changed.first?.1.contains("\"date\": \"2026-11-30\"") == true)
    }

    @Test("every exceptions command has --help with usage and an example", arguments: ["", "list", "add", "move", "remove"])
    func help(_ sub: String) throws {
        let studio = try Studio()
        let r = try studio.run(["exceptions"] + (sub.isEmpty ? [] : [sub]) + ["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Usage: classfeed exceptions \(sub)"))
        #expect(r.stdout.contains("Example"))
        #expect(r.stdout.contains("--schedule FILE"))
    }

    @Test("a symlinked schedule is edited through the link, which stays a link")
    func symlink() throws {
        let studio = try Studio()
        try FileManager.default.moveItem(atPath: studio.schedulePath, toPath: studio.folder.appendingPathComponent("real.json").path)
        try FileManager.default.createSymbolicLink(atPath: studio.schedulePath, withDestinationPath: "real.json")
        let r = try studio.run("exceptions", "add", "2026-12-10", "--class", "hips-thursday")
        #expect(r.status == 0, "\(r.stderr)")
        let attrs = try FileManager.default.attributesOfItem(atPath: studio.schedulePath)
        #expect(attrs[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(studio.text("real.json")?.contains("\"class\": \"hips-thursday\"") == true)
        #expect(studio.bytes("real.json.bak") == Array(Studio.circlSchedule.utf8))
    }
}
