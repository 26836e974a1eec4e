import ClassFeedCommands
import Testing

/// `classfeed init` against the in-memory file system: what it writes, what it refuses, and
/// which time zone it chooses.
@Suite struct InitCommandTests {
    static let now = "2026-11-27T09:00:00Z"

    func run(_ args: [String], in fs: InMemoryFileSystem, environment: [String: String] = [:]) -> CommandRun {
        fs.addDirectory("/usr/share/zoneinfo")
        var env = environment
        env["TZDIR"] = "/usr/share/zoneinfo"
        return CommandRun(["init", "--now", Self.now] + args, environment: env, fileSystem: fs, clock: FixedClock(1_795_770_000))
    }

    @Test func writesAStarterThatCheckAcceptsAndPrintsThreeSteps() {
        let fs = InMemoryFileSystem()
        let r = run(["--name", "Still Point Yoga", "--timezone", "Europe/London"], in: fs)
        #expect(r.status == .ok, "\(r.stderr)")
        #expect(r.stderr == "")
        #expect(fs.text("schedule.json") == """
            {
              "calendar": {
                "id": "still-point-yoga",
                "name": "Still Point Yoga",
                "timezone": "Europe/London",
                "uidDomain": "still-point-yoga.example"
              },
              "classes": [
                {
                  "id": "example-class",
                  "title": "Example class",
                  "days": ["monday"],
                  "start": "18:00",
                  "durationMinutes": 60
                }
              ],
              "exceptions": [
                { "from": "2026-12-24", "to": "2027-01-01", "reason": "Winter break" }
              ]
            }

            """)
        #expect(r.stdout == """
            wrote schedule.json: "Still Point Yoga", feed still-point-yoga.ics, time zone Europe/London
              with one example class (Example class, Mondays 18:00, an hour) and one example closure (Winter break, Thu 24 Dec 2026 to Fri 1 Jan 2027)

            Next steps:
              1. Edit schedule.json: your classes and closures instead of the examples; "uidDomain", a domain of yours
                 (never change it once members subscribe); "publicURL", the https:// folder the feeds will be served from.
              2. Check it: classfeed check
              3. Write the feeds and the subscribe page into the folder your web server serves:
                 classfeed build --output /var/www/feeds

            """)
        let check = CommandRun(["check", "--strict", "--now", Self.now], in: fs)
        #expect(check.status == .ok, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("schedule.json: ok: 1 classes, 1 exceptions, "), "\(check.stdout)")
        // The example closure cancels something: the Mondays of the winter break.
        let list = CommandRun(["exceptions", "list"], in: fs)
        #expect(list.stdout.contains("Mon 28 Dec 2026: Example class 18:00 cancelled"), "\(list.stdout)")
    }

    @Test("the starter is in the layout edits write: the first edit changes only its own line")
    func theFirstEditAddsOneLine() throws {
        let fs = InMemoryFileSystem()
        #expect(run([], in: fs).status == .ok)
        let before = try #require(fs.text("schedule.json"))
        let r = CommandRun(["exceptions", "add", "2026-12-07", "--reason", "Staff training"], in: fs)
        #expect(r.status == .ok, "\(r.stderr)")
        let after = try #require(fs.text("schedule.json"))
        let added = #"    { "date": "2026-12-07", "reason": "Staff training" },"#
        #expect(after == before.replacingAll(#"  "exceptions": ["# + "\n", with: #"  "exceptions": ["# + "\n" + added + "\n"))
    }

    @Test func refusesToOverwriteAndChangesNothing() {
        let fs = InMemoryFileSystem(files: ["schedule.json": Array("{}".utf8)])
        let r = run(["--name", "Other"], in: fs)
        #expect(r.status == .cannotCreate)
        #expect(r.stdout == "")
        #expect(r.stderr == """
            classfeed: error: schedule.json already exists; classfeed init never overwrites a schedule, and did not change it
              hint: edit it and run 'classfeed check'; to start afresh, run init in an empty folder or name another file with --schedule

            """)
        #expect(fs.text("schedule.json") == "{}")
        // Nor a folder, nor a link, even one that points nowhere.
        fs.addDirectory("folder.json")
        #expect(run(["--schedule", "folder.json"], in: fs).status == .cannotCreate)
        fs.addLink("link.json", to: "/nowhere/schedule.json")
        #expect(run(["--schedule", "link.json"], in: fs).status == .cannotCreate)
        #expect(fs.bytes("link.json") == nil)
    }

    @Test func anotherFileNameIsUsedInTheSteps() {
        let fs = InMemoryFileSystem()
        let r = run(["--schedule", "my studio.json"], in: fs)
        #expect(r.status == .ok, "\(r.stderr)")
        #expect(r.stdout.contains("2. Check it: classfeed check --schedule 'my studio.json'\n"), "\(r.stdout)")
        #expect(r.stdout.contains("classfeed build --schedule 'my studio.json' --output /var/www/feeds\n"), "\(r.stdout)")
        #expect(fs.text("my studio.json")?.contains(#""name": "My Studio""#) == true)
        let missing = run(["--schedule", "nowhere/schedule.json"], in: fs)
        #expect(missing.status == .cannotCreate)
        #expect(missing.stderr.contains("hint: create it first: mkdir -p nowhere"), "\(missing.stderr)")
    }

    @Test("the id is made from the name, or given and checked like calendar.id",
          arguments: [
            ("Still Point Yoga", "still-point-yoga"), ("  CIRCL  ", "circl"), ("Café & Co. 2", "caf-co-2"),
            ("ÉÉÉ", "studio"), (String(repeating: "ab ", count: 40), String(repeating: "ab-", count: 21) + "a"),
          ])
    func idFromTheName(_ name: String, _ id: String) {
        let fs = InMemoryFileSystem()
        let r = run(["--name", name], in: fs)
        #expect(r.status == .ok, "\(r.stderr)")
        #expect(fs.text("schedule.json")?.contains(#""id": "\#(id)","#) == true, "\(fs.text("schedule.json") ?? "")")
    }

    @Test func aBadIdOrNameIsAUsageError() {
        let fs = InMemoryFileSystem()
        let id = run(["--id", "Still Point"], in: fs)
        #expect(id.status == .usage)
        #expect(id.stderr == """
            classfeed: error: --id expects lowercase letters, digits and '-' (at most 64, not starting with '-'), got 'Still Point'
              hint: did you mean --id still-point?

            """)
        #expect(run(["--name", " "], in: fs).stderr == "classfeed: error: --name needs the calendar's name, e.g. --name \"Still Point Yoga\"\n")
        #expect(run(["--name", "Two\nlines"], in: fs).stderr.contains("control character (U+000A)"))
        #expect(run(["Still", "Point"], in: fs).stderr.contains("hint: a name with spaces needs quotes"))
        #expect(fs.names(in: ".") == [])
    }

    @Test("--timezone is checked as calendar.timezone is, with the same hints",
          arguments: [
            ("Europe/Londn", #"--timezone: unknown time zone "Europe/Londn""#),
            ("posix/Europe/London", #"hint: use "Europe/London""#),
            ("localtime", "is this machine's local time setting"),
            ("../etc/passwd", "is not an IANA time zone name"),
          ])
    func zoneIsValidated(_ zone: String, _ message: String) {
        let fs = InMemoryFileSystem()
        let r = run(["--timezone", zone], in: fs)
        #expect(r.status == .usage)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(fs.names(in: ".") == [])
    }

    @Test("without --timezone: TZ, then /etc/localtime, then /etc/timezone; UTC and POSIX rules are passed over",
          arguments: [
            (["TZ": "America/New_York"], nil, nil, "America/New_York (from TZ)"),
            (["TZ": ":Australia/Sydney"], nil, nil, "Australia/Sydney (from TZ)"),
            (["TZ": "GMT0BST,M3.5.0/1,M10.5.0"], "/usr/share/zoneinfo/Asia/Kolkata", nil, "Asia/Kolkata (this machine's, from /etc/localtime)"),
            ([:], "../usr/share/zoneinfo/posix/Pacific/Chatham", nil, "Pacific/Chatham (this machine's, from /etc/localtime)"),
            ([:], nil, "Europe/Berlin\n", "Europe/Berlin (this machine's, from /etc/timezone)"),
            (["TZ": "UTC"], "/usr/share/zoneinfo/Etc/UTC", "Etc/UTC\n",
             "Europe/London (the default: this machine is on UTC, rarely a studio's time; choose yours with --timezone)"),
            ([:], nil, nil, "Europe/London (the default: this machine names no time zone; choose yours with --timezone)"),
          ] as [([String: String], String?, String?, String)])
    func defaultZone(_ environment: [String: String], _ localtime: String?, _ timezoneFile: String?, _ said: String) {
        let fs = InMemoryFileSystem()
        if let localtime { fs.addLink("/etc/localtime", to: localtime) }
        if let timezoneFile { fs.write("/etc/timezone", timezoneFile) }
        let r = run([], in: fs, environment: environment)
        #expect(r.status == .ok, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("wrote schedule.json: \"My Studio\", feed my-studio.ics, time zone \(said)\n"), "\(r.stdout)")
        let zone = said.prefix { $0 != " " }
        #expect(fs.text("schedule.json")?.contains(#""timezone": "\#(zone)","#) == true)
    }

    @Test("the example closure is the next winter break still to come, in the studio's zone")
    func closureYear() {
        for (now, from) in [("2026-01-01T12:00:00Z", "2026-12-24"), ("2026-12-23T12:00:00Z", "2026-12-24"), ("2026-12-24T12:00:00Z", "2027-12-24")] {
            let fs = InMemoryFileSystem()
            #expect(run(["--now", now], in: fs).status == .ok)
            #expect(fs.text("schedule.json")?.contains(#"{ "from": "\#(from)""#) == true, "\(now)")
        }
        // 23 Dec 11:00 UTC is already 24 Dec in Auckland.
        let fs = InMemoryFileSystem()
        #expect(run(["--now", "2026-12-23T11:00:00Z", "--timezone", "Pacific/Auckland"], in: fs).status == .ok)
        #expect(fs.text("schedule.json")?.contains(#"{ "from": "2027-12-24""#) == true)
    }
}

extension String {
    /// Every `target` replaced (without Foundation, as the commands do).
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        var parts: [String] = []
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            parts.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        parts.append(String(rest))
        return parts.joined(separator: replacement)
    }
}
