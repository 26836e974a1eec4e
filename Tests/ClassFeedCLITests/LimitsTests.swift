import Foundation
import Testing

/// Every documented limit (docs/HARDENING.md), hit through the command line (in-process): a clear message
/// naming the limit and exit status 65, and nothing written. Plus schedules just inside the
/// limits built to the worst they allow, which must finish promptly, not hang.
@Suite("limits")
struct LimitsTests {
    static func schedule(classes: [String], exceptions: [String] = [], calendarExtra: String = "") -> String {
        """
        {"calendar": {"id": "big", "name": "Big", "timezone": "Europe/London", "uidDomain": "big.example"\(calendarExtra)},
         "classes": [\(classes.joined(separator: ",\n"))],
         "exceptions": [\(exceptions.joined(separator: ",\n"))]}
        """
    }

    static func weekly(_ id: String, days: String = #""monday""#, extra: String = "") -> String {
        #"{"id": "\#(id)", "title": "Class \#(id)", "days": [\#(days)], "start": "17:15", "durationMinutes": 30\#(extra)}"#
    }

    static let everyDay = #""monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday""#

    /// Runs `args` on the schedule and expects exit 65, `message` on stderr and no output folder.
    func expectRefused(_ json: String, _ args: [String] = ["build"], message: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let studio = try Studio(schedule: json)
        let started = Date()
        let r = try studio.run(args)
        #expect(r.status == 65, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(message), "\(r.stderr.prefix(2000))", sourceLocation: sourceLocation)
        #expect(!studio.exists("output/big.ics"), sourceLocation: sourceLocation)
        #expect(Date().timeIntervalSince(started) < 60, "refused promptly", sourceLocation: sourceLocation)
    }

    @Test("a schedule file over 8 MiB is refused before it is parsed")
    func fileSize() throws {
        let json = Self.schedule(classes: [Self.weekly("a")]) + String(repeating: " ", count: 8 << 20)
        try expectRefused(json, message: "classfeed: error: schedule.json: the file is \(json.utf8.count) bytes; the limit is 8388608 bytes")
    }

    @Test("JSON nested deeper than 16 levels is a syntax error, not a stack overflow")
    func nesting() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        try expectRefused(#"{"calendar": "# + deep + "}", message: "nesting deeper than 16 levels")
    }

    @Test("more than 1,000 classes")
    func classes() throws {
        try expectRefused(Self.schedule(classes: (0...5000).map { Self.weekly("c\($0)") }),
                          message: "classes: 5001 classes; the limit is 5000")
    }

    @Test("more than 10,000 exceptions")
    func exceptions() throws {
        let list = (0...50_000).map { #"{"date": "2027-01-\#(String(format: "%02d", $0 % 28 + 1))", "reason": "r\#($0)"}"# }
        try expectRefused(Self.schedule(classes: [Self.weekly("a")], exceptions: list),
                          message: "exceptions: 50001 exceptions; the limit is 50000")
    }

    @Test("text over 4,000 characters, an id over 64 characters, over 1,000 dates in a class")
    func lengths() throws {
        try expectRefused(Self.schedule(classes: [#"{"id": "a", "title": "\#(String(repeating: "é", count: 4001))", "days": ["monday"], "start": "17:15", "durationMinutes": 30}"#]),
                          message: "classes[0].title: the title is 4001 characters long; the limit is 4000")
        try expectRefused(Self.schedule(classes: [Self.weekly(String(repeating: "a", count: 65))]),
                          message: "classes[0].id: expected an id made of lowercase letters, digits and '-' (at most 64")
        let dates = (0...1000).map { "\"\(2027 + $0 / 300)-0\($0 % 9 + 1)-\(String(format: "%02d", $0 % 28 + 1))\"" }
        try expectRefused(Self.schedule(classes: [#"{"id": "a", "title": "A", "dates": [\#(dates.joined(separator: ", "))], "start": "17:15", "durationMinutes": 30}"#]),
                          message: "classes[0].dates: 1001 dates; the limit is 1000")
    }

    @Test("a closure longer than 7,320 days")
    func closureLength() throws {
        try expectRefused(Self.schedule(classes: [Self.weekly("a")], exceptions: [#"{"from": "2026-01-01", "to": "2046-12-31"}"#]),
                          message: "exceptions[0].to: the range is longer than 7320 days")
    }

    @Test("a build window longer than 7,320 days is a usage error (64): it is the command line, not the schedule")
    func windowLength() throws {
        let studio = try Studio(schedule: Self.schedule(classes: [Self.weekly("a")]))
        let r = try studio.run("build", "--from", "2026-01-01", "--to", "2047-01-01")
        #expect(r.status == 64)
        #expect(r.stderr == "classfeed: error: the window 2026-01-01 to 2047-01-01 is longer than 7320 days\n")
        #expect(!studio.exists("output"))
    }

    @Test("--now outside 1970-2199 (as SOURCE_DATE_EPOCH) is a usage error (64) and nothing is written")
    func nowOutOfRange() throws {
        // Unbounded, 9999-12-31T23:59:59Z wrote DTSTART;TZID=Europe/London:100000622T190000 and
        // 0000-01-01 wrote -00011129T171500, both with exit 0.
        let studio = try Studio(schedule: Self.schedule(classes: [Self.weekly("a")]))
        let range = "1970-01-01T00:00:00Z to 2199-12-31T23:59:59Z"
        for now in ["9999-12-31T23:59:59Z", "0000-01-01", "1969-12-31T23:59:59Z", "2200-01-01"] {
            for args in [["build"], ["build", "--style", "series"], ["upcoming"], ["check"]] {
                let r = try studio.run(args + ["--now", now])
                #expect(r.status == 64, "\(args) --now \(now): \(r.stderr)")
                #expect(r.stderr == "classfeed: error: --now must be from \(range), got '\(now)'\n")
                #expect(r.stdout.isEmpty)
            }
        }
        #expect(studio.files() == ["schedule.json"], "nothing written")
        let r = try ClassfeedProcess.run(["build"], in: studio.folder, environment: ["SOURCE_DATE_EPOCH": "7258118400"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, from 0 to 7258118399 (\(range))"), "\(r.stderr)")
        #expect(studio.files() == ["schedule.json"], "nothing written")
    }

    @Test("--now at either end of its range builds, and every date written has a four-digit year")
    func nowAtTheBounds() throws {
        let studio = try Studio(schedule: Self.schedule(classes: [Self.weekly("a", extra: #", "until": "2199-12-31""#)]))
        for now in ["1970-01-01", "2199-12-31T23:59:59Z"] {
            for style in ["occurrences", "series"] {
                let out = "out-\(style)-\(now.prefix(4))"
                let r = try studio.run("build", "--now", now, "--style", style, "--output", out)
                #expect(r.status == 0, "\(r.stderr)")
                let text = try #require(studio.text(out + "/big.ics"))
                let values = text.components(separatedBy: "\r\n").filter {
                    ["DTSTART", "DTEND", "DTSTAMP", "LAST-MODIFIED", "EXDATE", "RECURRENCE-ID"].contains($0.prefix { $0 != ";" && $0 != ":" })
                }.map { $0.split(separator: ":", maxSplits: 1).last ?? "" }
                #expect(!values.isEmpty)
                for v in values {
                    #expect(v.wholeMatch(of: #/(19[0-9]{2}|2[01][0-9]{2}|2200)[01][0-9][0-3][0-9]T[0-2][0-9][0-5][0-9][0-5][0-9]Z?/#) != nil, "\(style) --now \(now): \(v)")
                }
            }
        }
    }

    @Test("more than 5,000,000 events in a feed, in either style, is refused before building")
    func occurrencesPerFeed() throws {
        // 700 daily classes over 20 years: about 5.1 million events.
        let daily = (0..<700).map { Self.weekly("c\($0)", days: Self.everyDay) }
        try expectRefused(Self.schedule(classes: daily), ["build", "--from", "2026-01-01", "--to", "2045-12-31"],
                          message: "error: the feed from 2026-01-01 to 2045-12-31 would hold more than 5000000 events, the limit\n  hint: shorten the window with --from and --to")
        try expectRefused(Self.schedule(classes: daily), ["upcoming", "--from", "2026-01-01", "--to", "2045-12-31"],
                          message: "would hold more than 5000000 events, the limit")
        // The series style writes one event per class, but a 20-year closure is an EXDATE for
        // each of its dates.
        try expectRefused(Self.schedule(classes: daily, exceptions: [#"{"from": "2027-01-01", "to": "2046-12-31"}"#]),
                          ["build", "--style", "series", "--now", "2026-11-27T09:00:00Z"],
                          message: "would hold more than 5000000 events, the limit")
        // Just inside: 100 daily classes over the default window build.
        let studio = try Studio(schedule: Self.schedule(classes: Array(daily.prefix(100))))
        let r = try studio.run("build", "--now", "2026-11-27T09:00:00Z", "--no-class-feeds")
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test("a holiday calendar with more than 10,000 events")
    func holidayEvents() throws {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN"]
        for i in 0...10_000 {
            let d = LocalDay.basic(2027, i)
            lines += ["BEGIN:VEVENT", "UID:\(i)@h", "DTSTART;VALUE=DATE:\(d)", "SUMMARY:H\(i)", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        let json = Self.schedule(classes: [Self.weekly("a")]).replacingOccurrences(
            of: #""classes":"#, with: #""holidayCalendars": ["h.ics"], "classes":"#)
        let studio = try Studio(schedule: json)
        try studio.write("h.ics", lines.joined(separator: "\r\n") + "\r\n")
        let r = try studio.run("build")
        #expect(r.status == 65)
        #expect(r.stderr.contains("h.ics:1:1: error: 10001 events; the limit is 10000"), "\(r.stderr)")
        #expect(!studio.exists("output/big.ics"))
    }

    /// The worst schedule the limits allow for the pairing of classes with exceptions: 1,000
    /// classes and 10,000 closures of 20 years each, half of them naming a class. Before the
    /// cancellation index every occurrence scanned every closure, and the validator and the
    /// series walked every closure day by day.
    @Test("a schedule at the class and exception limits checks and builds promptly")
    func worstCaseWithinLimits() throws {
        let classes = (0..<1000).map { Self.weekly("c\($0)", days: $0 % 2 == 0 ? #""monday""# : Self.everyDay) }
        let exceptions = (0..<10_000).map { i -> String in
            let from = LocalDay.iso(2026, i % 300)
            let to = LocalDay.iso(2026, i % 300 + 7300)
            return i % 2 == 0 ? #"{"from": "\#(from)", "to": "\#(to)"}"# : #"{"from": "\#(from)", "to": "\#(to)", "class": "c\#(i % 1000)"}"#
        }
        let studio = try Studio(schedule: Self.schedule(classes: classes, exceptions: exceptions))
        let started = Date()
        let check = try studio.run("check", "--now", "2026-11-27T09:00:00Z")
        #expect(check.status == 0, "\(check.stderr.prefix(2000))")
        let build = try studio.run("build", "--now", "2026-11-27T09:00:00Z")
        #expect(build.status == 0, "\(build.stderr.prefix(2000))")
        #expect(studio.text("output/big.ics")?.hasSuffix("END:VCALENDAR\r\n") == true)
        #expect(Date().timeIntervalSince(started) < 120, "took \(Date().timeIntervalSince(started)) s")
    }
}

/// Dates for generated schedules without a calendar library.
enum LocalDay {
    static func components(_ year: Int, _ offset: Int) -> (Int, Int, Int) {
        var y = year
        var d = offset
        func leap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
        while d >= (leap(y) ? 366 : 365) {
            d -= leap(y) ? 366 : 365
            y += 1
        }
        let months = [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var m = 0
        while d >= months[m] {
            d -= months[m]
            m += 1
        }
        return (y, m + 1, d + 1)
    }

    /// `YYYY-MM-DD`, `offset` days after 1 January of `year`.
    static func iso(_ year: Int, _ offset: Int) -> String {
        let (y, m, d) = components(year, offset)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// `YYYYMMDD`.
    static func basic(_ year: Int, _ offset: Int) -> String { iso(year, offset).replacingOccurrences(of: "-", with: "") }
}
