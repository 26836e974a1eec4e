import CivilTime
import Testing

@testable import Timetable

/// Messages that once misled: each is asserted verbatim.
@Suite struct MessageRegressionTests {
    @Test func anImpossibleDateSaysItIsNotADate() {
        let json = ScheduleFixture.json(exceptions: [#"{"date": "2026-02-30", "reason": "x"}"#])
        #expect(ScheduleFixture.diagnostics(json).contains { $0.contains("exceptions[0].date: \"2026-02-30\" is not a date in the calendar (check the month and the day)") })
    }

    @Test func anUnknownZoneIsNamedOnce() {
        let json = ScheduleFixture.json(calendar: ScheduleFixture.calendar(zone: "Europe/Londn"))
        let d = ScheduleFixture.diagnostics(json).joined(separator: "\n")
        #expect(d.contains("calendar.timezone: unknown time zone \"Europe/Londn\" (no file /usr/share/zoneinfo/Europe/Londn)"))
    }

    @Test func aLeapSecondCopyOfAZoneNamesTheZoneToUse() {
        let json = ScheduleFixture.json(calendar: ScheduleFixture.calendar(zone: "right/Europe/London"))
        let d = ScheduleFixture.diagnostics(json)
        #expect(d.contains(
            "schedule.json:2:61: error: calendar.timezone: \"right/Europe/London\" is not an IANA time zone name (the right/ copies count leap seconds and put every change 27 seconds late)\n  hint: use \"Europe/London\""),
            "\(d)")
    }

    @Test func aMissingClosingQuoteSaysSo() {
        let d = ScheduleFixture.diagnostics("{\"calendar\": {\"id\": \"circl,\n  \"name\": \"x\"}}")
        #expect(d == ["schedule.json:1:28: error: line break inside a string: is its closing quote (\") missing? (a line break in text is written \\n)"])
    }

    @Test func aSingleQuotedKeySaysSo() {
        let d = ScheduleFixture.diagnostics("{'calendar': {}}")
        #expect(d == ["schedule.json:1:2: error: keys must use double quotes (\"), not single quotes"])
    }

    @Test func aMovedOccurrenceInAGapNamesTheMovesTime() throws {
        let json = ScheduleFixture.json(exceptions: [
            #"{"date": "2026-03-23", "class": "hips-monday", "moveTo": {"date": "2026-03-29", "start": "01:30"}}"#
        ])
        let schedule = try ScheduleFixture.schedule(json)
        let occurrences = RecurrenceEngine(schedule: schedule).occurrences(
            from: LocalDate(year: 2026, month: 3, day: 1)!, to: LocalDate(year: 2026, month: 4, day: 30)!)
        let warnings = ScheduleValidator.timeWarnings(occurrences, schedule: schedule).map(\.message)
        #expect(warnings == ["01:30 does not exist on Sun 29 Mar 2026 in Europe/London (the clocks go forward); the class is shown at 02:30"])
    }
}
