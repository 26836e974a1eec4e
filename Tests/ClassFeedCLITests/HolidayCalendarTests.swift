import Foundation
import ICalendar
import Testing

@Suite("holiday calendars")
struct HolidayCalendarTests {
    static func crlf(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\r\n") + "\r\n").utf8) }

    /// A half term written with an exclusive DTEND, repairs written with DURATION, and a lunch
    /// that starts at a time (ignored with a warning: only all-day events count).
    static let testCalendar = crlf([
        "BEGIN:VCALENDAR",  // 1
        "VERSION:2.0",
        "PRODID:-//ClassFeed tests//EN",
        "BEGIN:VEVENT",  // 4
        "UID:half-term@test.example",
        "DTSTAMP:20260101T000000Z",
        "DTSTART;VALUE=DATE:20270215",
        "DTEND;VALUE=DATE:20270219",
        "SUMMARY:Half term\\, studio closed",
        "END:VEVENT",
        "BEGIN:VEVENT",  // 11
        "UID:repairs@test.example",
        "DTSTAMP:20260101T000000Z",
        "DTSTART;VALUE=DATE:20270301",
        "DURATION:P4D",
        "SUMMARY:Floor repairs",
        "END:VEVENT",
        "BEGIN:VEVENT",  // 18
        "UID:lunch@test.example",
        "DTSTAMP:20260101T000000Z",
        "DTSTART;TZID=Europe/London:20270308T120000",  // 21
        "DTEND;TZID=Europe/London:20270308T130000",
        "SUMMARY:Staff lunch",
        "END:VEVENT",
        "END:VCALENDAR",
    ])

    static func schedule(calendars: String = #"["holidays/test.ics"]"#, thursdayIgnoresHolidays: Bool = false) -> String {
        var s = Studio.circlSchedule.replacingOccurrences(
            of: "  \"exceptions\": [", with: "  \"holidayCalendars\": \(calendars),\n  \"exceptions\": [")
        if thursdayIgnoresHolidays {
            s = s.replacingOccurrences(of: "\"days\": [\"thursday\"],", with: "\"days\": [\"thursday\"],\n      \"ignoreHolidays\": true,")
        }
        return s
    }

    @Test("all-day events cancel every class on each day they cover; a TZID event is ignored with a warning")
    func importsAllDayEvents() throws {
        let studio = try Studio(schedule: Self.schedule())
        try studio.write("holidays/test.ics", bytes: Self.testCalendar)
        let r = try studio.run("upcoming", "--now", "2027-02-14T09:00:00Z", "--days", "28")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            Classes from Sun 14 Feb 2027 to Sat 13 Mar 2027 (times in Europe/London)
              Mon 15 Feb 2027  17:15  Hip Mobility & Stretch  cancelled: Half term, studio closed
              Thu 18 Feb 2027  19:00  Hip Mobility & Stretch  cancelled: Half term, studio closed
              Mon 22 Feb 2027  17:15  Hip Mobility & Stretch
              Thu 25 Feb 2027  19:00  Hip Mobility & Stretch
              Mon  1 Mar 2027  17:15  Hip Mobility & Stretch  cancelled: Floor repairs
              Thu  4 Mar 2027  19:00  Hip Mobility & Stretch  cancelled: Floor repairs
              Mon  8 Mar 2027  17:15  Hip Mobility & Stretch
              Thu 11 Mar 2027  19:00  Hip Mobility & Stretch

            """)
        let check = try studio.run("check", "--now", "2027-02-14")
        #expect(check.status == 0)
        #expect(check.stderr == """
            holidays/test.ics:21:1: warning: the event "Staff lunch" starts at a time (DTSTART;TZID=Europe/London:20270308T120000), not on a whole day; only all-day events close the studio, so it is ignored
              hint: an all-day event is written DTSTART;VALUE=DATE:YYYYMMDD
            schedule.json: warning: calendar.publicURL: not set: members can only download one-time copies, which never update
              hint: set it to the https address of the folder that serves output/, e.g. "https://circl.example/feeds/"

            """)
        #expect(try studio.run("check", "--strict", "--now", "2027-02-14").status == 65)
    }

    @Test("a class with ignoreHolidays runs on holidays; exceptions list shows where each day off comes from")
    func ignoreHolidays() throws {
        let studio = try Studio(schedule: Self.schedule(thursdayIgnoresHolidays: true))
        try studio.write("holidays/test.ics", bytes: Self.testCalendar)
        let r = try studio.run("upcoming", "--now", "2027-02-14T09:00:00Z", "--days", "7")
        #expect(r.stdout.contains("  Mon 15 Feb 2027  17:15  Hip Mobility & Stretch  cancelled: Half term, studio closed\n"))
        #expect(r.stdout.contains("  Thu 18 Feb 2027  19:00  Hip Mobility & Stretch\n"))
        let list = try studio.run("exceptions", "list")
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.hasSuffix("""
            Holiday calendars (holidays/test.ics): 2 days off, applied after the schedule's own exceptions
            Classes that ignore holidays: hips-thursday

            holidays/test.ics:4: Mon 15 Feb 2027 to Thu 18 Feb 2027, holiday: Half term, studio closed
              Mon 15 Feb 2027: Hip Mobility & Stretch 17:15 cancelled
              Thu 18 Feb 2027: Hip Mobility & Stretch 19:00 runs ("ignoreHolidays": true)

            holidays/test.ics:11: Mon 1 Mar 2027 to Thu 4 Mar 2027, holiday: Floor repairs
              Mon 1 Mar 2027: Hip Mobility & Stretch 17:15 cancelled
              Thu 4 Mar 2027: Hip Mobility & Stretch 19:00 runs ("ignoreHolidays": true)

            """))
    }

    @Test("a move in the schedule beats a holiday; a holiday is not a schedule entry to remove")
    func moveBeatsHoliday() throws {
        let studio = try Studio(schedule: Self.schedule())
        try studio.write("holidays/test.ics", bytes: Self.testCalendar)
        let before = try #require(studio.bytes("schedule.json"))
        let refused = try studio.run("exceptions", "remove", "2027-02-15")
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("holiday calendars are not schedule entries"))
        #expect(studio.bytes("schedule.json") == before)

        let r = try studio.run("exceptions", "move", "--class", "hips-monday", "2027-02-15", "--to-date", "2027-02-20")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("  Mon 15 Feb 2027: Hip Mobility & Stretch 17:15 moved to Sat 20 Feb 2027 17:15\n"))
        #expect(r.stderr.contains("the move takes the class out of the holiday"))
        let up = try studio.run("upcoming", "--now", "2027-02-14T09:00:00Z", "--days", "7", "--class", "hips-monday")
        #expect(up.stdout.contains("  Sat 20 Feb 2027  17:15  Hip Mobility & Stretch  moved from Mon 15 Feb 2027 17:15\n"))
    }

    /// Broken holiday setups: status, message, and no feed written.
    static let broken: [(calendars: String, file: [UInt8]?, status: Int32, message: String)] = [
        (#"["holidays/missing.ics"]"#, nil, 66,
         "schedule.json:27:24: error: holidayCalendars[0]: cannot read the holiday calendar: holidays/missing.ics: no such file"),
        (#"["/etc/holidays.ics"]"#, nil, 65, "\"/etc/holidays.ics\" is an absolute path"),
        (#"["../holidays.ics"]"#, nil, 65, "leaves the schedule's folder"),
        (#"["holidays/test.ics"]"#, crlf(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:2026122", "END:VEVENT", "END:VCALENDAR"]), 65,
         "holidays/test.ics:3:1: error: DTSTART of \"Public holiday\": expected a date YYYYMMDD"),
        (#"["holidays/test.ics"]"#, crlf(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261225", "SUMMARY:Christmas"]), 65,
         "holidays/test.ics:4:1: error: BEGIN:VEVENT at line 2 is never closed"),
        (#"["holidays/test.ics"]"#, Array("<!DOCTYPE html>\n<html>".utf8), 65, "a saved web page or an error page is not"),
        (#"["holidays/test.ics"]"#, crlf(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261224", "END:VEVENT", "END:VCALENDAR"]), 65,
         "holidays/test.ics:4:1: error: DTEND (2026-12-24) of \"Public holiday\" is before its DTSTART (2026-12-25)"),
        (#"["holidays/test.ics"]"#, crlf(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261225", "DURATION:PT2H", "END:VEVENT", "END:VCALENDAR"]), 65,
         "expected whole days or weeks such as P1D or P1W, found \"PT2H\""),
        (#"["holidays/test.ics"]"#, [UInt8](repeating: 0x20, count: 3 << 20), 65, "the limit is 2097152 bytes"),
    ]

    @Test("a missing or malformed holiday calendar is an error with file and line, and nothing is written", arguments: 0..<broken.count)
    func brokenCalendar(_ i: Int) throws {
        let (calendars, file, status, message) = Self.broken[i]
        let studio = try Studio(schedule: Self.schedule(calendars: calendars))
        if let file { try studio.write("holidays/test.ics", bytes: file) }
        let r = try studio.run("build", "--output", "feeds", "--now", "2026-12-01")
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!studio.exists("feeds/circl.ics"))
        let add = try studio.run("exceptions", "add", "2026-12-10")
        #expect(add.status == status)
        #expect(studio.bytes("schedule.json") == Array(Self.schedule(calendars: calendars).utf8))
    }

    @Test("the shipped England and Wales calendar is valid RFC 5545 with the 2026-2027 bank holidays")
    func shippedCalendar() throws {
        let url = Studio.packageRoot.appendingPathComponent("holidays/england-and-wales.ics")
        let bytes = [UInt8](try Data(contentsOf: url))
        // CRLF everywhere, and no line longer than 75 octets (RFC 5545 §3.1).
        var lineStart = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            #expect(i > 0 && bytes[i - 1] == 0x0D, "bare LF at byte \(i)")
            #expect(i - 1 - lineStart <= 75, "line at byte \(lineStart) is longer than 75 octets")
            lineStart = i + 1
        }
        #expect(lineStart == bytes.count, "the file ends with CRLF")
        let calendars = try ICalendarReader().parse(bytes)
        #expect(calendars.map(\.name) == ["VCALENDAR"])
        let calendar = try #require(calendars.first)
        #expect(calendar.property("VERSION")?.value == "2.0")
        #expect(calendar.property("PRODID") != nil)
        let events = calendar.components(named: "VEVENT")
        var seen: [(String, String)] = []
        for e in events {
            let start = try #require(e.property("DTSTART"))
            let end = try #require(e.property("DTEND"))
            #expect(start.parameter("VALUE")?.value == "DATE")
            let first = try #require(LocalDate(basic: start.value))
            #expect(LocalDate(basic: end.value) == first.adding(days: 1))
            #expect(e.property("DTSTAMP") != nil)
            #expect(e.property("UID")?.value == "\(start.value)-england-and-wales@holidays.classfeed.example")
            seen.append(("\(first) \(first.weekday.shortName)", e.property("SUMMARY")?.textValue ?? ""))
        }
        #expect(seen.map { "\($0.0) \($0.1)" } == [
            "2026-01-01 Thu New Year’s Day",
            "2026-04-03 Fri Good Friday",
            "2026-04-06 Mon Easter Monday",
            "2026-05-04 Mon Early May bank holiday",
            "2026-05-25 Mon Spring bank holiday",
            "2026-08-31 Mon Summer bank holiday",
            "2026-12-25 Fri Christmas Day",
            "2026-12-28 Mon Boxing Day (substitute day)",
            "2027-01-01 Fri New Year’s Day",
            "2027-03-26 Fri Good Friday",
            "2027-03-29 Mon Easter Monday",
            "2027-05-03 Mon Early May bank holiday",
            "2027-05-31 Mon Spring bank holiday",
            "2027-08-30 Mon Summer bank holiday",
            "2027-12-27 Mon Christmas Day (substitute day)",
            "2027-12-28 Tue Boxing Day (substitute day)",
        ])
    }

    @Test("the shipped calendar works from a schedule: Easter Monday 2027 cancels the Monday class")
    func shippedCalendarInUse() throws {
        let studio = try Studio(schedule: Self.schedule(calendars: #"["holidays/england-and-wales.ics"]"#))
        let shipped = [UInt8](try Data(contentsOf: Studio.packageRoot.appendingPathComponent("holidays/england-and-wales.ics")))
        try studio.write("holidays/england-and-wales.ics", bytes: shipped)
        let r = try studio.run("upcoming", "--now", "2027-03-28T09:00:00Z", "--days", "7")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "")
        #expect(r.stdout.contains("  Mon 29 Mar 2027  17:15  Hip Mobility & Stretch  cancelled: Easter Monday\n"))
    }
}
