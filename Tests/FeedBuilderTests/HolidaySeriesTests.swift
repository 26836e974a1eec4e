import Foundation
import Testing

@testable import FeedBuilder
import ICalendar
import Timetable

/// Regression: the series style left holiday-calendar closures out (no EXDATE), so subscribers
/// of a series feed saw classes on bank holidays that the occurrences style cancelled.
@Suite struct HolidaySeriesTests {
    @Test("holiday closures are EXDATEs (or cancelled overrides) in a series, except for classes that ignore holidays", arguments: [false, true])
    func seriesHonoursHolidayCalendars(show: Bool) throws {
        var schedule = try Support.schedule("""
            {"calendar": {"id": "circl", "name": "CIRCL", "timezone": "Europe/London", "uidDomain": "circl.example",
                          "cancellations": "\(show ? "show" : "remove")"},
             "classes": [
               {"id": "mon", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 30},
               {"id": "mon-open", "title": "Open", "days": ["monday"], "start": "19:00", "durationMinutes": 30, "ignoreHolidays": true}],
             "exceptions": [{"date": "2027-05-24", "class": "mon", "moveTo": {"date": "2027-05-25"}}]}
            """)
        schedule.holidayClosures = [
            ScheduleException(holiday: "Early May bank holiday", from: LocalDate(year: 2027, month: 5, day: 3)!, to: LocalDate(year: 2027, month: 5, day: 3)!, file: "h.ics", line: 1),
            ScheduleException(holiday: "Half term", from: LocalDate(year: 2027, month: 5, day: 24)!, to: LocalDate(year: 2027, month: 6, day: 1)!, file: "h.ics", line: 9),
        ]
        let from = LocalDate(year: 2027, month: 4, day: 26)!
        let to = LocalDate(year: 2027, month: 6, day: 13)!
        func build(_ style: FeedStyle) -> [UInt8] {
            FeedBuilder(schedule: schedule, options: FeedOptions(from: from, to: to, stamp: 0, style: style)).feed(classes: [0, 1]).bytes
        }
        let series = build(.series)
        let text = String(decoding: series, as: UTF8.self)
        if show {
            #expect(text.contains("RECURRENCE-ID;TZID=Europe/London:20270503T171500"))
        } else {
            #expect(text.contains("EXDATE;TZID=Europe/London:20270503T171500\r\nEXDATE;TZID=Europe/London:20270531T171500"))
        }
        #expect(!text.contains("20270503T190000"), "the class that ignores holidays runs")
        let rules = try Support.database.rules(for: "Europe/London")
        let lo = rules.instant(for: LocalDateTime(date: from, time: LocalTime(secondsOfDay: 0)))
        let hi = rules.instant(for: LocalDateTime(date: to.adding(days: 1), time: LocalTime(secondsOfDay: 0)))
        let expanded = try SeriesAgreementTests.instances(series, lo: lo, hi: hi)
        #expect(expanded == (try SeriesAgreementTests.instances(build(.occurrences), lo: Int64.min / 2, hi: Int64.max / 2)))
        // The move beats the half-term closure: Tue 25 May runs.
        #expect(expanded.contains { $0.hasPrefix("20270525T161500Z") && !$0.contains("CANCELLED") })
    }
}
