import Foundation
import Testing

/// `classfeed exceptions change` (a cover, another room, title, note or length for one date or
/// a range), and how `list`, `remove` and `upcoming` show changes; in-process on a temporary
/// copy of the studio's schedule.
@Suite("classfeed exceptions change")
struct ExceptionsChangeCommandTests {
    /// The studio's schedule with Priya teaching the Monday class in Studio 1, tagged.
    static let priyaSchedule = Studio.circlSchedule.replacingOccurrences(
        of: "\"days\": [\"monday\"],\n",
        with: "\"days\": [\"monday\"],\n      \"instructor\": \"Priya\",\n      \"location\": \"Studio 1\",\n"
            + "      \"tags\": [\"mobility\", \"beginner\"],\n")

    /// `priyaSchedule` with `lines` added after the Christmas closure.
    static func priya(appending lines: String...) -> String {
        let closure = #"{ "from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure" }"#
        return priyaSchedule.replacingOccurrences(of: closure, with: ([closure] + lines).joined(separator: ",\n    "))
    }

    static let cover = #"{ "date": "2027-01-04", "class": "hips-monday", "change": { "instructor": "Sam" }, "reason": "Priya away" }"#

    @Test("change one date: the entry, the effect, the file and its .bak")
    func changeOneDate() throws {
        let studio = try Studio(schedule: Self.priyaSchedule)
        let r = try studio.run("exceptions", "change", "--class", "hips-monday", "2027-01-04", "--instructor", "Sam", "--reason", "Priya away")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            Added to schedule.json as exceptions[1]: \(Self.cover)
              Mon 4 Jan 2027: Hip Mobility & Stretch 17:15 covered by Sam
            The previous version is in schedule.json.bak.
            Members see this after the next build: classfeed build

            """)
        #expect(r.stderr == "")
        #expect(studio.text("schedule.json") == Self.priya(appending: Self.cover))
        #expect(studio.bytes("schedule.json.bak") == Array(Self.priyaSchedule.utf8))
        #expect(try studio.run("check", "--strict", "--now", "2026-12-01").status == 0)
    }

    @Test("change a range with every option, in schedule.json's key order")
    func changeRange() throws {
        let studio = try Studio(schedule: Self.priyaSchedule)
        let r = try studio.run(
            "exceptions", "change", "2027-01-11", "--class", "hips-monday", "--to", "2027-01-25", "--duration", "45", "--note", "Bring a strap",
            "--title", "Hip Flow", "--location", "Studio 2", "--instructor", "Sam")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            Added to schedule.json as exceptions[1]: { "from": "2027-01-11", "to": "2027-01-25", "class": "hips-monday", "change": { "instructor": "Sam", "location": "Studio 2", "title": "Hip Flow", "note": "Bring a strap", "durationMinutes": 45 } }
              Mon 11 Jan 2027: Hip Mobility & Stretch 17:15 covered by Sam, in Studio 2, as "Hip Flow", 45 minutes, note: Bring a strap
              Mon 18 Jan 2027: Hip Mobility & Stretch 17:15 covered by Sam, in Studio 2, as "Hip Flow", 45 minutes, note: Bring a strap
              Mon 25 Jan 2027: Hip Mobility & Stretch 17:15 covered by Sam, in Studio 2, as "Hip Flow", 45 minutes, note: Bring a strap
            The previous version is in schedule.json.bak.
            Members see this after the next build: classfeed build

            """)
    }

    @Test("a range over a closure changes the classes that run and says which it skips")
    func rangeOverClosure() throws {
        let studio = try Studio(schedule: Self.priyaSchedule)
        let r = try studio.run("exceptions", "change", "--class", "hips-monday", "2026-12-21", "--to", "2027-01-04", "--location", "Studio 2")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            Added to schedule.json as exceptions[0]: { "from": "2026-12-21", "to": "2027-01-04", "class": "hips-monday", "change": { "location": "Studio 2" } }
              Mon 21 Dec 2026: Hip Mobility & Stretch 17:15 in Studio 2
              Mon 4 Jan 2027: Hip Mobility & Stretch 17:15 in Studio 2
            The previous version is in schedule.json.bak.
            Members see this after the next build: classfeed build

            """)
        #expect(r.stderr == """
            note: Mon 28 Dec 2026: hips-monday is cancelled by exceptions[0] "Christmas closure"; the change applies to the other 2 occurrences

            """)
    }

    @Test("list shows change entries and what they do")
    func list() throws {
        let studio = try Studio(schedule: Self.priya(appending: Self.cover).replacingOccurrences(
            of: "    { \"from\": \"2026-12-24\"",
            with: #"    { "from": "2026-12-21", "to": "2027-01-04", "class": "hips-monday", "change": { "location": "Studio 2", "note": "Bring a strap" } },"#
                + "\n    { \"from\": \"2026-12-24\""))
        let r = try studio.run("exceptions", "list")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            schedule.json: 3 exceptions (times in Europe/London)

            exceptions[0]: Mon 21 Dec 2026 to Mon 4 Jan 2027, class hips-monday changed: location Studio 2, note Bring a strap
              Mon 21 Dec 2026: Hip Mobility & Stretch 17:15 in Studio 2, note: Bring a strap
              Mon 28 Dec 2026: Hip Mobility & Stretch 17:15 cancelled by exceptions[1] "Christmas closure"; the change does not apply
              Mon 4 Jan 2027: Hip Mobility & Stretch 17:15 in Studio 2, note: Bring a strap

            exceptions[1]: Thu 24 Dec 2026 to Sun 3 Jan 2027, every class cancelled: Christmas closure
              Thu 24 Dec 2026: Hip Mobility & Stretch 19:00 cancelled
              Mon 28 Dec 2026: Hip Mobility & Stretch 17:15 cancelled
              Thu 31 Dec 2026: Hip Mobility & Stretch 19:00 cancelled

            exceptions[2]: Mon 4 Jan 2027, class hips-monday changed: instructor Sam: Priya away
              Mon 4 Jan 2027: Hip Mobility & Stretch 17:15 covered by Sam

            """)
    }

    @Test("remove takes a change out, byte for byte, and says the class is back as planned")
    func removeUndoesChange() throws {
        let studio = try Studio(schedule: Self.priyaSchedule)
        #expect(try studio.run("exceptions", "change", "--class", "hips-monday", "2027-01-04", "--instructor", "Sam", "--reason", "Priya away").status == 0)
        let r = try studio.run("exceptions", "remove", "2027-01-04", "--class", "hips-monday")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            Removed from schedule.json exceptions[1]: \(Self.cover)
              Mon 4 Jan 2027: Hip Mobility & Stretch 17:15 back as planned (was covered by Sam)
            The previous version is in schedule.json.bak.
            Members see this after the next build: classfeed build

            """)
        #expect(studio.bytes("schedule.json") == Array(Self.priyaSchedule.utf8))

        #expect(try studio.run("exceptions", "change", "--class", "hips-monday", "2027-01-04", "--to", "2027-01-25", "--location", "Studio 2").status == 0)
        let inside = try studio.run("exceptions", "remove", "2027-01-11", "--class", "hips-monday")
        #expect(inside.status == 65)
        #expect(inside.stderr.contains("covers it; to remove the whole range: classfeed exceptions remove 2027-01-04 --class hips-monday"))
        let range = try studio.run("exceptions", "remove", "2027-01-04", "--class", "hips-monday", "--to", "2027-01-25")
        #expect(range.status == 0, "\(range.stderr)")
        #expect(range.stdout.contains("  Mon 25 Jan 2027: Hip Mobility & Stretch 17:15 back as planned (was in Studio 2)\n"))
        #expect(studio.bytes("schedule.json") == Array(Self.priyaSchedule.utf8))
    }

    // MARK: - upcoming

    /// Priya's Monday class: covered by Sam on 4 Jan, moved and in Studio 2 on 11 Jan.
    static let week = priya(
        appending: cover,
        #"{ "date": "2027-01-11", "class": "hips-monday", "moveTo": { "start": "18:00" }, "change": { "location": "Studio 2" }, "reason": "Hall booked" }"#)

    @Test("upcoming marks covers, other rooms and moved classes that change too")
    func upcomingShowsChanges() throws {
        let studio = try Studio(schedule: Self.week)
        let r = try studio.run("upcoming", "--now", "2027-01-01T09:00:00Z", "--days", "14")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            Classes from Fri 1 Jan 2027 to Thu 14 Jan 2027 (times in Europe/London)
              Mon  4 Jan 2027  17:15  Hip Mobility & Stretch  covered by Sam (Priya away)
              Thu  7 Jan 2027  19:00  Hip Mobility & Stretch
              Mon 11 Jan 2027  18:00  Hip Mobility & Stretch  moved from Mon 11 Jan 2027 17:15 (Hall booked); in Studio 2
              Thu 14 Jan 2027  19:00  Hip Mobility & Stretch

            """)
    }

    @Test("--instructor, --location and --tag filter each occurrence after its changes")
    func upcomingFilters() throws {
        let studio = try Studio(schedule: Self.week)
        let args = ["upcoming", "--now", "2027-01-01T09:00:00Z", "--days", "21"]
        let header = "Classes from Fri 1 Jan 2027 to Thu 21 Jan 2027 (times in Europe/London)\n"
        let sam = try studio.run(args + ["--instructor", "Sam"])
        #expect(sam.status == 0, "\(sam.stderr)")
        #expect(sam.stdout == header + "  Mon  4 Jan 2027  17:15  Hip Mobility & Stretch  covered by Sam (Priya away)\n")
        let priya = try studio.run(args + ["--instructor", "Priya"])
        #expect(priya.stdout == header + """
              Mon 11 Jan 2027  18:00  Hip Mobility & Stretch  moved from Mon 11 Jan 2027 17:15 (Hall booked); in Studio 2
              Mon 18 Jan 2027  17:15  Hip Mobility & Stretch

            """)
        let room = try studio.run(args + ["--location", "Studio 1"])
        #expect(room.stdout == header + """
              Mon  4 Jan 2027  17:15  Hip Mobility & Stretch  covered by Sam (Priya away)
              Mon 18 Jan 2027  17:15  Hip Mobility & Stretch

            """)
        let tagged = try studio.run(args + ["--tag", "beginner", "--location", "Studio 2"])
        #expect(tagged.stdout == header
            + "  Mon 11 Jan 2027  18:00  Hip Mobility & Stretch  moved from Mon 11 Jan 2027 17:15 (Hall booked); in Studio 2\n")
        let none = try studio.run(args + ["--tag", "mobility", "--class", "hips-thursday"])
        #expect(none.stdout == header + "  no classes\n")
    }

    @Test("an unknown instructor, location or tag is a usage error with the closest known one")
    func upcomingUnknownFilter() throws {
        let studio = try Studio(schedule: Self.week)
        for (option, value, message) in [
            ("--instructor", "Sma", "no class or change has the instructor 'Sma'; did you mean 'Sam'? (known: Priya, Sam)"),
            ("--location", "studio 2", "no class or change has the location 'studio 2'; did you mean 'Studio 2'? (known: Studio 1, Studio 2)"),
            ("--tag", "beginers", "no class or change has the tag 'beginers'; did you mean 'beginner'? (known: beginner, mobility)"),
        ] {
            let r = try studio.run("upcoming", "--now", "2027-01-01T09:00:00Z", option, value)
            #expect(r.status == 64)
            #expect(r.stderr == "classfeed: error: \(message)\n")
            #expect(r.stdout == "")
        }
    }

    @Test("--json adds the changed fields' values, what changed, and the tags")
    func upcomingJSON() throws {
        let studio = try Studio(schedule: Self.week.replacingOccurrences(
            of: #""change": { "instructor": "Sam" }"#, with: #""change": { "instructor": "Sam", "title": "Hip Flow", "durationMinutes": 45, "note": "Bring a strap" }"#))
        let r = try studio.run("upcoming", "--json", "--now", "2027-01-01T09:00:00Z", "--days", "11", "--class", "hips-monday")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            [
              {"uid": "hips-monday-20270104@circl.example", "class": "hips-monday", "title": "Hip Flow", "summary": "\(try Self.summary(r.stdout, 0))", "status": "confirmed", "start": "2027-01-04T17:15:00Z", "end": "2027-01-04T18:00:00Z", "timezone": "Europe/London", "localStart": "2027-01-04T17:15", "date": "2027-01-04", "originalDate": "2027-01-04", "changed": ["instructor", "title", "note", "durationMinutes"], "instructor": "Sam", "note": "Bring a strap", "durationMinutes": 45, "changeReason": "Priya away", "tags": ["mobility", "beginner"]},
              {"uid": "hips-monday-20270111@circl.example", "class": "hips-monday", "title": "Hip Mobility & Stretch", "summary": "\(try Self.summary(r.stdout, 1))", "status": "confirmed", "start": "2027-01-11T18:00:00Z", "end": "2027-01-11T18:30:00Z", "timezone": "Europe/London", "localStart": "2027-01-11T18:00", "date": "2027-01-11", "originalDate": "2027-01-11", "movedFrom": "2027-01-11T17:15", "moveReason": "Hall booked", "changed": ["location"], "location": "Studio 2", "changeReason": "Hall booked", "tags": ["mobility", "beginner"]}
            ]

            """)
    }

    /// The `summary` of the `n`th object: the feed's SUMMARY, which the feed builder words (not
    /// this command's concern).
    static func summary(_ json: String, _ n: Int) throws -> String {
        let lines = json.split(separator: "\n").filter { $0.hasPrefix("  {") }
        let line = String(lines[n])
        let start = try #require(line.range(of: #""summary": ""#))
        let end = try #require(line.range(of: #"", "status""#))
        return String(line[start.upperBound..<end.lowerBound])
    }

    // MARK: - Refusals

    /// Refused changes: the exit status, the message (a phrase of it), and nothing changed.
    static let refused: [(args: [String], status: Int32, message: String)] = [
        (["--class", "hips-monday", "2027-01-04"], 65,
         "'exceptions change' needs at least one of --instructor, --location, --title, --note or --duration: what changes; schedule.json was not changed"),
        (["--class", "hips-mondy", "2027-01-04", "--instructor", "Sam"], 65,
         "no class has the id 'hips-mondy'; schedule.json was not changed\n  hint: did you mean 'hips-monday'? the classes are: hips-monday, hips-thursday"),
        (["--class", "hips-monday", "2027-01-05", "--instructor", "Sam"], 65,
         "class hips-monday does not run on Tue 5 Jan 2027, so there is nothing to change; schedule.json was not changed\n  hint: hips-monday runs on Mondays at 17:15"),
        (["--class", "hips-monday", "2027-01-05", "--to", "2027-01-10", "--instructor", "Sam"], 65,
         "class hips-monday does not run from Tue 5 Jan 2027 to Sun 10 Jan 2027"),
        (["--class", "hips-monday", "2027-01-04", "--instructor", "Priya", "--location", "Studio 1", "--duration", "30"], 65,
         "the change changes nothing: hips-monday already has instructor Priya, location Studio 1, 30 minutes; schedule.json was not changed"),
        (["--class", "hips-monday", "2026-12-28", "--instructor", "Sam"], 65,
         "the Mon 28 Dec 2026 class of hips-monday is cancelled by exceptions[0] \"Christmas closure\", and a cancelled class cannot be changed; schedule.json was not changed"),
        (["--class", "hips-thursday", "2026-12-24", "--to", "2027-01-03", "--instructor", "Sam"], 65,
         "every class of hips-thursday from Thu 24 Dec 2026 to Sun 3 Jan 2027 is cancelled by exceptions[0]"),
        (["--class", "hips-monday", "2027-01-04", "--duration", "0"], 64, "--duration expects a whole number of minutes from 1 to 1440, got '0'"),
        (["--class", "hips-monday", "2027-01-04", "--duration", "1441"], 64, "--duration expects a whole number of minutes from 1 to 1440, got '1441'"),
        (["--class", "hips-monday", "2027-01-04", "--duration", "45m"], 64, "got '45m'"),
        (["--class", "hips-monday", "2027-01-04", "--instructor", " "], 64, "--instructor is empty"),
        (["2027-01-04", "--instructor", "Sam"], 64, "'exceptions change' needs --class ID"),
        (["--class", "hips-monday", "--instructor", "Sam"], 64, "'exceptions change' needs a DATE"),
        (["--class", "hips-monday", "2027-01-04", "--to", "2027-01-01", "--instructor", "Sam"], 64, "is before DATE"),
        (["--class", "hips-monday", "2027-01-04", "--instructr", "Sam"], 64, "did you mean '--instructor'?"),
        (["--class", "hips-monday", "2027-01-04", "--instructor", "Sam", "--title", "Tab\u{1}here"], 65, "would make schedule.json invalid"),
    ]

    @Test("a refused change exits 64 or 65, says why, and changes nothing", arguments: 0..<refused.count)
    func refusedChange(_ i: Int) throws {
        let (args, status, message) = Self.refused[i]
        let studio = try Studio(schedule: Self.priyaSchedule)
        let files = studio.files()
        let r = try studio.run(["exceptions", "change"] + args)
        #expect(r.status == status, "\(args): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        #expect(r.stdout == "")
        #expect(studio.bytes("schedule.json") == Array(Self.priyaSchedule.utf8))
        #expect(studio.files() == files, "no .bak and no temporary file after a refused change")
    }

    /// Refusals that depend on the changes already in the schedule.
    static let refusedAgainstExisting: [(args: [String], message: String)] = [
        (["--class", "hips-monday", "2027-01-04", "--instructor", "Alex"],
         "Mon 4 Jan 2027: exceptions[1] \(cover) already gives the instructor of hips-monday as \"Sam\", not \"Alex\"; schedule.json was not changed\n"
            + "  hint: remove that entry first (classfeed exceptions remove 2027-01-04 --class hips-monday), or leave Mon 4 Jan 2027 out"),
        (["--class", "hips-monday", "2027-01-04", "--to", "2027-01-18", "--location", "Studio 3"],
         "Mon 11 Jan 2027: exceptions[2] { \"date\": \"2027-01-11\", \"class\": \"hips-monday\", \"moveTo\": { \"start\": \"18:00\" }, \"change\": { \"location\": \"Studio 2\" }, \"reason\": \"Hall booked\" } already gives the location of hips-monday as \"Studio 2\", not \"Studio 3\""),
        (["--class", "hips-monday", "2027-01-04", "--instructor", "Sam", "--reason", "Another reason"],
         "schedule.json already says this: exceptions[1] \(cover); schedule.json was not changed\n"
            + "  hint: to change its reason, remove it (classfeed exceptions remove 2027-01-04 --class hips-monday) and add it again"),
    ]

    @Test("a change that contradicts or repeats one in the schedule is refused", arguments: 0..<refusedAgainstExisting.count)
    func contradictingOrRepeating(_ i: Int) throws {
        let (args, message) = Self.refusedAgainstExisting[i]
        let studio = try Studio(schedule: Self.week)
        let r = try studio.run(["exceptions", "change"] + args)
        #expect(r.status == 65, "\(args): \(r.stderr)")
        #expect(r.stderr.hasPrefix("classfeed: error: " + message), "\(args): \(r.stderr)")
        #expect(r.stdout == "")
        #expect(studio.bytes("schedule.json") == Array(Self.week.utf8))
        #expect(!studio.exists("schedule.json.bak"))
    }

    @Test("the same field with the same value over part of a range is not a conflict")
    func agreeingOverlapIsWritten() throws {
        let studio = try Studio(schedule: Self.week)
        let r = try studio.run("exceptions", "change", "--class", "hips-monday", "2027-01-04", "--to", "2027-01-18", "--instructor", "Sam")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("  Mon 11 Jan 2027: Hip Mobility & Stretch 17:15 covered by Sam, in Studio 2\n"))
        #expect(r.stdout.contains("  Mon 18 Jan 2027: Hip Mobility & Stretch 17:15 covered by Sam\n"))
        #expect(!r.stdout.contains("Mon 4 Jan 2027"))
    }

    // MARK: - docs/EXCEPTIONS.md

    @Test("the example in docs/EXCEPTIONS.md is what the command prints")
    func documentedExample() throws {
        let doc = try String(contentsOf: ClassfeedProcess.packageRoot.appendingPathComponent("docs/EXCEPTIONS.md"), encoding: .utf8)
        let section = try #require(doc.range(of: "### Change: `exceptions change"))
        let start = try #require(doc.range(of: "```\n", range: section.upperBound..<doc.endIndex))
        let end = try #require(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
        let block = doc[start.upperBound..<end.lowerBound]
        let studio = try Studio()
        // Each "$ classfeed ..." line, run in turn on the studio's schedule, prints the lines after it.
        for run in block.components(separatedBy: "$ classfeed ").dropFirst() {
            let lines = run.split(separator: "\n", omittingEmptySubsequences: false)
            let r = try studio.run(Self.words(String(lines[0])))
            #expect(r.status == 0, "\(lines[0]): \(r.stderr)")
            var expected = lines.dropFirst().joined(separator: "\n")
            while expected.hasSuffix("\n") { expected.removeLast() }
            #expect(r.stdout == expected + "\n", "\(lines[0])")
        }
    }

    /// The words of a documented command line: spaces separate them, double quotes group them.
    static func words(_ line: String) -> [String] {
        var out: [String] = []
        var word = ""
        var quoted = false
        var started = false
        for c in line {
            if c == "\"" {
                quoted.toggle()
                started = true
            } else if c == " " && !quoted {
                if started { out.append(word) }
                word = ""
                started = false
            } else {
                word.append(c)
                started = true
            }
        }
        if started { out.append(word) }
        return out
    }
}
