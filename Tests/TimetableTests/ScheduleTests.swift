import CivilTime
import Testing

@testable import Timetable

private func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

@Suite("Schedule")
struct ScheduleTests {
    @Test("a class runs on its weekdays or dates, inside from...until inclusive")
    func runsOn() throws {
        let s = try ScheduleFixture.schedule(
            ScheduleFixture.json(classes: [
                #"{ "id": "weekly", "title": "W", "days": ["monday", "thursday"], "start": "17:15", "durationMinutes": 30, "from": "2026-01-05", "until": "2026-02-26" }"#,
                #"{ "id": "oneoff", "title": "O", "dates": ["2026-12-19"], "start": "10:00", "durationMinutes": 30 }"#,
            ]))
        let weekly = s.classes[0]
        #expect(weekly.runs(on: d("2026-01-05")))
        #expect(weekly.runs(on: d("2026-02-26")))
        #expect(!weekly.runs(on: d("2026-01-01")))  // a Thursday before "from"
        #expect(!weekly.runs(on: d("2026-03-02")))  // a Monday after "until"
        #expect(!weekly.runs(on: d("2026-01-06")))  // a Tuesday
        #expect(s.classes[1].runs(on: d("2026-12-19")))
        #expect(!s.classes[1].runs(on: d("2026-12-20")))
        #expect(s.classIndex(id: "oneoff") == 1)
        #expect(s.classIndex(id: "nope") == nil)
    }

    @Test("a cancellation covers its inclusive range, for its class or for all")
    func covers() throws {
        let s = try ScheduleFixture.schedule(
            ScheduleFixture.json(
                classes: [ScheduleFixture.hipsMonday, ScheduleFixture.hipsThursday],
                exceptions: [
                    #"{ "from": "2026-12-24", "to": "2027-01-03" }"#,
                    #"{ "date": "2026-11-30", "class": "hips-monday" }"#,
                    #"{ "date": "2026-12-10", "class": "hips-thursday", "moveTo": { "start": "18:00" } }"#,
                ]))
        let range = s.exceptions[0]
        #expect(range.covers(d("2026-12-24"), classID: "hips-thursday"))
        #expect(range.covers(d("2027-01-03"), classID: "hips-monday"))
        #expect(!range.covers(d("2026-12-23"), classID: "hips-monday"))
        #expect(!range.covers(d("2027-01-04"), classID: "hips-monday"))
        let single = s.exceptions[1]
        #expect(single.covers(d("2026-11-30"), classID: "hips-monday"))
        #expect(!single.covers(d("2026-11-30"), classID: "hips-thursday"))
        #expect(!s.exceptions[2].covers(d("2026-12-10"), classID: "hips-thursday"))  // a move cancels nothing
    }

    @Test("a class may name its own zone; its times are resolved there")
    func classZone() throws {
        let s = try ScheduleFixture.schedule(
            ScheduleFixture.json(classes: [
                ScheduleFixture.hipsMonday,
                #"{ "id": "nyc", "title": "NYC", "days": ["monday"], "start": "17:15", "durationMinutes": 30, "timezone": "America/New_York" }"#,
            ]))
        #expect(s.zoneName(ofClass: 0) == "Europe/London")
        #expect(s.zoneName(ofClass: 1) == "America/New_York")
        #expect(s.zones.keys.sorted() == ["America/New_York", "Europe/London"])
        let got = RecurrenceEngine(schedule: s).occurrences(from: d("2026-11-30"), to: d("2026-11-30"))
        let day = Int64(d("2026-11-30").dayNumber) * 86400
        #expect(got.map(\.start) == [day + 17 * 3600 + 15 * 60, day + 22 * 3600 + 15 * 60])
    }
}
