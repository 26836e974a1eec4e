import Foundation
import ICalendarFoundation
import Testing

@Suite("Date and TimeZone to and from the library's values")
struct FoundationConversionTests {
    static let database = TimeZoneDatabase()
    static let london = TimeZone(identifier: "Europe/London")!

    @Test func aDateIsWholeSecondsSince1970RoundedDown() {
        #expect(Date(instant: 1_796_000_000).timeIntervalSince1970 == 1_796_000_000)
        #expect(Date(timeIntervalSince1970: 1_796_000_000.75).instant == 1_796_000_000)
        #expect(Date(timeIntervalSince1970: -0.5).instant == -1)
        #expect(Date.distantFuture.instant > 0 && Date.distantPast.instant < 0)
    }

    @Test func anEventStartsAtTheWallTimeOfADateInAZone() throws {
        // 30 Nov 2026 17:15 UTC is 17:15 in London (GMT); 1 Jul 2027 16:15 UTC is 17:15 BST.
        let winter = Date(instant: 1_796_058_900)
        #expect(try DateTimeValue.local(winter, in: Self.london) == .local(2026, 11, 30, 17, 15, in: "Europe/London"))
        let summer = Date(instant: 1_814_458_500)
        #expect(try DateTimeValue.local(summer, in: Self.london) == .local(2027, 7, 1, 17, 15, in: "Europe/London"))
        // The same instant is a different day in Tokyo.
        let tokyo = TimeZone(identifier: "Asia/Tokyo")!
        #expect(try DateTimeValue.allDay(Date(instant: 1_796_058_900), in: tokyo) == .allDay(2026, 12, 1))
        #expect(DateTimeValue.utc(winter) == .utc(1_796_058_900))
    }

    @Test func aZoneWithoutAnIANANameIsRefused() {
        let error = #expect(throws: CalendarError.self) {
            try DateTimeValue.local(Date(instant: 0), in: TimeZone(secondsFromGMT: 3600)!)
        }
        #expect(error?.message.contains("IANA") == true)
    }

    @Test func instancesStartAtTheDatesTheEventWasBuiltFrom() throws {
        let start = Date(instant: 1_796_058_900)  // Monday 30 Nov 2026, 17:15 in London
        let weekly = try RecurrenceRule(.weekly, end: .count(20))
        let event = try Event(
            uid: "hips@stillpoint.example", start: .local(start, in: Self.london), end: .duration(CalendarDuration(exactly: 1800)),
            summary: "Hips", recurrenceRule: weekly)
        let calendar = ICalendar.Calendar(events: [event])
        let read = try ICalendar.Calendar(parsing: calendar.serialized(stamp: 0, timeZones: Self.database))
        let instances = try read.occurrences(from: start, to: start.addingTimeInterval(200 * 86400), timeZones: Self.database)
        #expect(instances.count == 20)
        #expect(instances.first?.startDate == start)
        #expect(instances.first?.recurrenceIDDate == start)
        #expect(instances.allSatisfy { $0.endDate.timeIntervalSince($0.startDate) == 1800 })
        // Every instance is at 17:15 on the wall clock, in winter and in summer time alike.
        let rules = try Self.database.rules(for: Self.london)
        #expect(instances.allSatisfy { LocalDateTime($0.startDate, in: rules).time == LocalTime(hour: 17, minute: 15)! })
        #expect(TimeZone(rules)?.identifier == "Europe/London")
    }

    @Test func aValueIsReadBackAsADate() throws {
        // 01:30 on 28 Mar 2027 does not exist in London: shifted forward to 02:30 BST, 01:30 UTC.
        let gap = try DateTimeValue.local(2027, 3, 28, 1, 30, in: "Europe/London")
        #expect(try gap.date() == Date(instant: 1_806_197_400))
        #expect(try DateTimeValue.allDay(2027, 3, 28).date() == Date(instant: 1_806_192_000))
        #expect(try DateTimeValue.allDay(2027, 3, 28).date(floatingIn: TimeZone(identifier: "Asia/Tokyo")) == Date(instant: 1_806_159_600))
        #expect(throws: CalendarError.self) { try DateTimeValue.zoned(LocalDateTime(localSeconds: 0), timeZone: "Nowhere/Land").date() }
        #expect(CalendarDuration(exactly: 5400) == .minutes(90))
    }
}
