import Foundation
import ICalendar
import Testing

/// The README's "A whole week, written out" (issue #15), built as an owner builds it, in both
/// styles: every feed holds exactly what a member of it should see. Each feed is expanded by the
/// library's own reader and expander and compared with `upcoming --json`, filtered as the
/// feed's filter says, occurrence by occurrence.
@Suite struct StudioWeekFeedsTests {
    static let now = "2026-12-05T09:00:00Z"
    static let window = ["--from", "2026-12-01", "--to", "2027-03-31"]

    static func readmeWeek() throws -> String {
        let readme = try String(contentsOf: ClassfeedProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "### A whole week, written out"))
        let start = try #require(readme.range(of: "```json\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        return String(readme[start.upperBound..<end.lowerBound])
    }

    struct Built {
        var dir: URL
        func feed(_ name: String) throws -> String {
            try String(contentsOf: dir.appendingPathComponent("output").appendingPathComponent(name), encoding: .utf8)
        }
        /// Every instance of a feed in the window: "<UTC start> <UTC end> <summary>".
        func instances(_ name: String) throws -> [String] {
            let cal = try #require(try ICalendarReader().parse(Array(try feed(name).utf8)).first)
            let zones = TimeZoneDatabase()
            let expander = RecurrenceExpander { try? zones.rules(for: $0) }
            let lo = Int64(LocalDate(year: 2026, month: 12, day: 1)!.dayNumber) * 86400
            let hi = Int64(LocalDate(year: 2027, month: 4, day: 1)!.dayNumber) * 86400  // London is on GMT or BST: no class starts near midnight
            return try expander.expand(cal, from: lo, to: hi).map { "\(Property.utcString($0.start)) \(Property.utcString($0.end)) \($0.summary)" }.sorted()
        }
    }

    static func build(style: String) throws -> Built {
        let dir = try ClassfeedProcess.temporaryDirectory()
        try Data(try readmeWeek().utf8).write(to: dir.appendingPathComponent("schedule.json"))
        let r = InProcess.run(["build", "--style", style, "--now", now] + window, in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        return Built(dir: dir)
    }

    /// `upcoming --json` of the window, as the schedule's own account of each occurrence.
    static func upcoming(_ dir: URL, _ filter: [String] = []) throws -> [String] {
        let r = InProcess.run(["upcoming", "--json", "--now", now] + window + filter, in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        return list.filter { ($0["status"] as? String) != "cancelled" }.map {
            let start = Property.utcString(Self.instant($0["start"] as? String ?? ""))
            let end = Property.utcString(Self.instant($0["end"] as? String ?? ""))
            return "\(start) \(end) \($0["summary"] as? String ?? "")"
        }.sorted()
    }

    static func instant(_ iso: String) -> Int64 {
        let f = ISO8601DateFormatter()
        return Int64(f.date(from: iso)?.timeIntervalSince1970 ?? 0)
    }

    @Test("each feed holds exactly the occurrences its filter matches, after changes, in both styles", arguments: ["occurrences", "series"])
    func feedsFollowChanges(style: String) throws {
        let b = try Self.build(style: style)
        defer { try? FileManager.default.removeItem(at: b.dir) }
        #expect(try b.instances("circl.ics") == Self.upcoming(b.dir))
        #expect(try b.instances("circl-priya.ics") == Self.upcoming(b.dir, ["--instructor", "Priya"]))
        #expect(try b.instances("circl-sam.ics") == Self.upcoming(b.dir, ["--instructor", "Sam"]))
        #expect(try b.instances("circl-mobility.ics") == Self.upcoming(b.dir, ["--tag", "mobility"]))
        // Sam's cover of Priya's Monday class: 4, 11, 18 and 25 January 2027 at 17:15 GMT.
        let covers = ["20270104T171500Z", "20270111T171500Z", "20270118T171500Z", "20270125T171500Z"]
        let sam = try b.instances("circl-sam.ics")
        let priya = try b.instances("circl-priya.ics")
        for start in covers {
            #expect(sam.contains { $0.hasPrefix(start) }, "\(start) in Sam's feed")
            #expect(!priya.contains { $0.hasPrefix(start) }, "\(start) not in Priya's feed")
        }
        #expect(priya.contains { $0.hasPrefix("20261228T171500Z") } && priya.contains { $0.hasPrefix("20270201T171500Z") })
        // Every feed is named for members and marked as one of the schedule's feeds.
        #expect(try b.feed("circl-priya.ics").contains("\r\nNAME:CIRCL: Classes with Priya\r\n"))
        #expect(try b.feed("circl-priya.ics").contains("\r\nX-CLASSFEED-FEED:priya\r\n"))
        // Kinds of class are CATEGORIES; booking links are filled in per class (and date).
        let combined = try b.feed("circl.ics")
        #expect(combined.contains("\r\nCATEGORIES:mobility,workshop\r\n"))
        #expect(combined.contains("Changed: covered by Sam (Priya is away)."))
        if style == "series" {
            #expect(combined.contains("\r\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;WKST=MO\r\n"))
            #expect(combined.contains("\r\nRRULE:FREQ=MONTHLY;BYDAY=1SA\r\n"))
            #expect(combined.contains("\r\nURL:https://circl.example/book?class=hips-monday\r\n"))
            #expect(combined.contains("\r\nRECURRENCE-ID;TZID=Europe/London:20270104T171500\r\n"))
        } else {
            #expect(combined.contains("\r\nURL:https://circl.example/book?class=hips-monday&date=2027-01-04\r\n"))
        }
        // The page offers each feed, and says when the classes that are not weekly run.
        let page = try String(contentsOf: b.dir.appendingPathComponent("output/index.html"), encoding: .utf8)
        #expect(page.contains("circl-priya.ics") && page.contains("Classes with Priya"))
        #expect(page.contains("Every other Wednesday") && page.contains("First Saturday of the month"))
        // Built on the first Saturday itself: the next one is in January (today's may be over).
        #expect(page.contains("First Saturday of the month · next <time datetime=\"2027-01-02\">"))
        #expect(page.contains("<bdi>Sam</bdi> covers <bdi>Hip Mobility &amp; Stretch</bdi> on"))
    }

    @Test("a cover added later raises the event's SEQUENCE in every feed that has it, and a rerun changes nothing")
    func sequenceAndStability() throws {
        let dir = try ClassfeedProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let week = try Self.readmeWeek()
        // Without Sam's cover first.
        let before = week.replacingOccurrences(of: "\"instructor\": \"Sam\" }, \"reason\": \"Priya is away\"", with: "\"note\": \"Bring a strap\" }")
        #expect(before != week)
        try Data(before.utf8).write(to: dir.appendingPathComponent("schedule.json"))
        #expect(InProcess.run(["build", "--now", Self.now] + Self.window, in: dir).status == 0)
        try Data(week.utf8).write(to: dir.appendingPathComponent("schedule.json"))
        #expect(InProcess.run(["build", "--now", "2026-12-06T09:00:00Z"] + Self.window, in: dir).status == 0)
        let out = dir.appendingPathComponent("output")
        for name in ["circl.ics", "circl-hips-monday.ics", "circl-sam.ics"] {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            let event = try #require(text.components(separatedBy: "BEGIN:VEVENT").first { $0.contains("UID:hips-monday-20270104@circl.example") })
            #expect(event.contains("\r\nSEQUENCE:1\r\n") || name == "circl-sam.ics", "\(name)")
            #expect(event.contains("Instructor: Sam"), "\(name)")
        }
        let snapshot = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().map {
            try Data(contentsOf: out.appendingPathComponent($0))
        }
        #expect(InProcess.run(["build", "--now", "2026-12-06T10:00:00Z"] + Self.window, in: dir).status == 0)
        let again = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().map {
            try Data(contentsOf: out.appendingPathComponent($0))
        }
        #expect(snapshot == again)
    }

    @Test("a rerun the next day changes no byte of any feed, in either style, with or without class feeds",
          arguments: [["--style", "series"], ["--style", "series", "--no-class-feeds"], ["--no-class-feeds"]])
    func rerunIsByteStable(options: [String]) throws {
        let dir = try ClassfeedProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(try Self.readmeWeek().utf8).write(to: dir.appendingPathComponent("schedule.json"))
        #expect(InProcess.run(["build", "--now", Self.now] + Self.window + options, in: dir).status == 0)
        let out = dir.appendingPathComponent("output")
        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: out.path) where name.hasSuffix(".ics") {
                files[name] = try Data(contentsOf: out.appendingPathComponent(name))
            }
            return files
        }
        let first = try snapshot()
        #expect(first["circl-sam.ics"] != nil)
        #expect(InProcess.run(["build", "--now", "2026-12-06T09:00:00Z"] + Self.window + options, in: dir).status == 0)
        #expect(try snapshot() == first)
    }

    @Test("build --verbose says what a change changes, in the page's words")
    func verboseSaysTheChange() throws {
        let dir = try ClassfeedProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let week = try Self.readmeWeek()
        let before = week.replacingOccurrences(of: "\"instructor\": \"Sam\" }, \"reason\": \"Priya is away\"", with: "\"note\": \"Bring a strap\" }")
        try Data(before.utf8).write(to: dir.appendingPathComponent("schedule.json"))
        #expect(InProcess.run(["build", "--now", Self.now] + Self.window, in: dir).status == 0)
        try Data(week.utf8).write(to: dir.appendingPathComponent("schedule.json"))
        let r = InProcess.run(["build", "--verbose", "--now", Self.now] + Self.window, in: dir)
        #expect(r.status == 0)
        for day in ["Mon 4 Jan", "Mon 11 Jan", "Mon 18 Jan", "Mon 25 Jan"] {
            #expect(r.stdout.contains("changed: Sam covers Hip Mobility & Stretch on \(day) 17:15\n"), "\(r.stdout)")
        }
    }

    @Test("a feed removed from the schedule is emptied and says the calendar has ended")
    func removedFeed() throws {
        let dir = try ClassfeedProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let week = try Self.readmeWeek()
        try Data(week.utf8).write(to: dir.appendingPathComponent("schedule.json"))
        #expect(InProcess.run(["build", "--now", Self.now] + Self.window, in: dir).status == 0)
        let without = week.replacingOccurrences(of: ",\n    { \"id\": \"mobility\", \"name\": \"Mobility classes\", \"tag\": \"mobility\" }", with: "")
        #expect(without != week)
        try Data(without.utf8).write(to: dir.appendingPathComponent("schedule.json"))
        #expect(InProcess.run(["build", "--now", Self.now] + Self.window, in: dir).status == 0)
        let text = try String(contentsOf: dir.appendingPathComponent("output/circl-mobility.ics"), encoding: .utf8)
        #expect(text.contains("\r\nNAME:CIRCL: Mobility classes (this calendar has ended)\r\n"))
        #expect(!text.contains("BEGIN:VEVENT"))
    }
}
