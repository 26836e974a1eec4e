import ICalendar
import Testing
import Timetable
@testable import FeedBuilder

@Suite("HolidayCalendarImport")
struct HolidayCalendarImportTests {
    static func read(_ lines: [String], separator: String = "\r\n") throws -> HolidayCalendarImport.Result {
        let text = (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN"] + lines + ["END:VCALENDAR"]).joined(separator: separator) + separator
        return try HolidayCalendarImport.closures(from: Array(text.utf8), file: "h.ics")
    }

    static func event(_ props: String...) -> [String] { ["BEGIN:VEVENT"] + props + ["END:VEVENT"] }

    static func days(_ r: HolidayCalendarImport.Result) -> [String] {
        r.closures.map { e in
            guard case .cancel(let f, let t) = e.kind else { return "?" }
            return "\(f)..\(t) \(e.reason ?? "-")"
        }
    }

    @Test("DTEND is exclusive, DTEND equal to DTSTART is one day, DURATION counts days and weeks, no end is one day")
    func spans() throws {
        let r = try Self.read(
            Self.event("DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261227", "SUMMARY:Closed")
                + Self.event("DTSTART;VALUE=DATE:20261231", "DTEND;VALUE=DATE:20261231", "SUMMARY:Eve")
                + Self.event("DTSTART;VALUE=DATE:20270201", "DURATION:P1W", "SUMMARY:Week")
                + Self.event("DTSTART;VALUE=DATE:20270301", "DURATION:+P2DT0H", "SUMMARY:Two")
                + Self.event("DTSTART:20270401", "SUMMARY:No VALUE parameter"))
        #expect(Self.days(r) == [
            "2026-12-24..2026-12-26 Closed", "2026-12-31..2026-12-31 Eve", "2027-02-01..2027-02-07 Week",
            "2027-03-01..2027-03-02 Two", "2027-04-01..2027-04-01 No VALUE parameter",
        ])
        #expect(r.warnings.isEmpty)
        #expect(r.closures.allSatisfy { $0.isFromHolidayCalendar })
        #expect(r.closures.first?.origin == .holidayCalendar(file: "h.ics", line: 4))
    }

    @Test("SUMMARY is unescaped and kept on one line; LF-only files are read too")
    func summaries() throws {
        let r = try Self.read(
            Self.event("DTSTART;VALUE=DATE:20261225", "SUMMARY:Christmas\\, Boxing\\; and\\nNew Year")
                + Self.event("DTSTART;VALUE=DATE:20261226"),
            separator: "\n")
        #expect(Self.days(r) == ["2026-12-25..2026-12-25 Christmas, Boxing; and New Year", "2026-12-26..2026-12-26 Public holiday"])
    }

    @Test("timed, cancelled and repeating events: ignored, skipped, or first date only, with warnings naming the line")
    func ignored() throws {
        let r = try Self.read(
            Self.event("DTSTART:20261224T120000Z", "SUMMARY:Lunch")
                + Self.event("DTSTART;VALUE=DATE:20261225", "STATUS:CANCELLED", "SUMMARY:Not off")
                + Self.event("DTSTART;VALUE=DATE:20261226", "RRULE:FREQ=YEARLY", "SUMMARY:Boxing Day")
                + Self.event("DTSTART;VALUE=DATE:20260101", "DTEND;VALUE=DATE:20260301", "SUMMARY:Long"))
        #expect(Self.days(r) == ["2026-12-26..2026-12-26 Boxing Day", "2026-01-01..2026-02-28 Long"])
        #expect(r.warnings.map(\.description) == [
            "h.ics:5:1: warning: the event \"Lunch\" starts at a time (DTSTART in UTC:20261224T120000Z), not on a whole day; only all-day events close the studio, so it is ignored\n  hint: an all-day event is written DTSTART;VALUE=DATE:YYYYMMDD",
            "h.ics:15:1: warning: the event \"Boxing Day\" repeats (RRULE), which holiday calendars do not support: only its first date, 2026-12-26, closes the studio\n  hint: use a calendar that lists each year's date, as government and Google holiday feeds do",
            "h.ics:20:1: warning: the event \"Long\" closes the studio for 59 days, 2026-01-01 to 2026-02-28\n  hint: check it: DTEND is the day after the last day off",
        ])
    }

    @Test("malformed events are errors with the line", arguments: [
        (["DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261226", "DURATION:P1D"], "h.ics:7:1: error: the event \"Public holiday\" has both DTEND and DURATION"),
        (["SUMMARY:Nothing"], "h.ics:4:1: error: the event \"Nothing\" has no DTSTART"),
        (["DTSTART;VALUE=DATE:20261225", "DURATION:-P1D"], "h.ics:6:1: error: DURATION of the all-day event"),
        (["DTSTART;VALUE=DATE:20261225", "DTEND:20261226T000000"], "h.ics:6:1: error: DTEND of the all-day event"),
        (["DTSTART;VALUE=DATE:20261232"], "h.ics:5:1: error: DTSTART of \"Public holiday\": expected a date YYYYMMDD"),
    ])
    func malformed(_ props: [String], _ message: String) throws {
        let error = #expect(throws: ScheduleError.self) {
            _ = try Self.read(["BEGIN:VEVENT"] + props + ["END:VEVENT"])
        }
        #expect(error?.description.hasPrefix(message) == true, "\(String(describing: error))")
    }

    @Test("whole-day durations", arguments: [("P1D", 1), ("P2W", 14), ("+P3D", 3), ("P1DT0H0M0S", 1), ("p1d", 1)])
    func durations(_ text: String, _ days: Int) {
        #expect(HolidayCalendarImport.wholeDays(text) == days)
    }

    @Test("part-day, zero and negative durations are refused", arguments: ["PT24H", "P0D", "-P1D", "P1DT1H", "P", "1D", "P1Y"])
    func badDurations(_ text: String) {
        #expect(HolidayCalendarImport.wholeDays(text) == nil)
    }
}
