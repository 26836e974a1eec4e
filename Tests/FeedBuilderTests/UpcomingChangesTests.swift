import Testing

@testable import FeedBuilder
import CivilTime
import Timetable

/// ``UpcomingChanges`` expands only the days where a change can be; the reference expands every
/// occurrence of the period. On random schedules, seeded, the two lists must be equal: the same
/// changes, in the same order, with the same counts of classes each closure cancels.
@Suite struct UpcomingChangesTests {
    /// Two classes to decode (a second zone gets loaded); the rest is set on the decoded values,
    /// which reaches what validation would refuse but the engine must still handle (a weekday
    /// listed twice, two classes with one id, a move without a class, a reversed range).
    static let base = """
        {
          "calendar": {"id": "s", "name": "S", "timezone": "Europe/London", "uidDomain": "s.example"},
          "classes": [
            {"id": "a", "title": "A", "days": ["monday"], "start": "09:00", "durationMinutes": 60},
            {"id": "b", "title": "B", "days": ["monday"], "start": "09:00", "durationMinutes": 60, "timezone": "America/New_York"}
          ],
          "exceptions": [{"date": "2026-01-05", "reason": "x"}]
        }
        """

    /// Around the spring and autumn changes of both zones, so moves and classes meet gaps and
    /// repeated hours.
    static let times = ["00:30", "01:30", "02:30", "09:00", "09:00", "17:15", "23:30"]

    static func randomSchedule(_ g: inout SeededGenerator, around start: LocalDate) throws -> Schedule {
        var s = try Support.schedule(base)
        let template = s.exceptions[0]
        func date() -> LocalDate { start.adding(days: Int.random(in: -40...100, using: &g)) }
        func time() -> LocalTime { LocalTime(hhmm: times.randomElement(using: &g)!)! }
        let classCount = Int.random(in: 1...8, using: &g)
        let ids = (0..<classCount).map { "c\($0 % max(1, classCount - 1))" }  // the last two may share an id
        var classes: [ClassDefinition] = []
        for (k, id) in ids.enumerated() {
            var c = s.classes[Int.random(in: 0...1, using: &g)]
            c.id = id
            c.title = "Class \(k)"
            c.entry = EntryPosition(index: k, offset: 0)
            c.start = time()
            if Int.random(in: 0..<4, using: &g) == 0 {
                c.pattern = .dates((0..<Int.random(in: 1...4, using: &g)).map { _ in date() }.sorted())
            } else {
                c.pattern = .weekly((0..<Int.random(in: 1...3, using: &g)).map { _ in Weekday.allCases.randomElement(using: &g)! })
            }
            c.from = Bool.random(using: &g) ? date() : nil
            c.until = Bool.random(using: &g) ? date() : nil
            c.ignoreHolidays = Int.random(in: 0..<4, using: &g) == 0
            classes.append(c)
        }
        s.classes = classes
        var exceptions: [ScheduleException] = []
        for k in 0..<Int.random(in: 0...14, using: &g) {
            var e = template
            e.entry = EntryPosition(index: k, offset: 0)
            e.reason = Bool.random(using: &g) ? "Reason \(k)" : nil
            switch Int.random(in: 0..<10, using: &g) {
            case 0: e.classID = "ghost"
            case 1...4: e.classID = nil
            default: e.classID = ids.randomElement(using: &g)
            }
            let a = date()
            if Int.random(in: 0..<5, using: &g) < 3 {
                // Mostly single days and short ranges; now and then a long or reversed one.
                let length = [0, 0, 0, 2, 9, 60, -3].randomElement(using: &g)!
                e.kind = .cancel(from: a, to: a.adding(days: length))
            } else {
                let toDate: LocalDate? = Bool.random(using: &g) ? a.adding(days: Int.random(in: -10...70, using: &g)) : nil
                let toStart: LocalTime? = toDate == nil || Bool.random(using: &g) ? time() : nil
                e.kind = .move(date: a, toDate: toDate, toStart: toStart)
            }
            exceptions.append(e)
        }
        s.exceptions = exceptions
        s.holidayClosures = (0..<Int.random(in: 0...3, using: &g)).map { k in
            let a = date()
            return ScheduleException(holiday: "Holiday \(k)", from: a, to: a.adding(days: Int.random(in: 0...4, using: &g)), file: "h.ics", line: k + 1)
        }
        return s
    }

    @Test func theListIsTheReferenceListOnRandomSchedules() throws {
        var nonEmpty = 0
        for seed in 0..<400 as Range<UInt64> {
            var g = SeededGenerator(state: seed)
            // Periods that reach both DST changes of 2026 and 2027.
            let from = LocalDate(year: 2026, month: 2, day: 15)!.adding(days: Int.random(in: 0...600, using: &g))
            let schedule = try Self.randomSchedule(&g, around: from)
            let engine = RecurrenceEngine(schedule: schedule)
            let days = [1, 7, 56, 56, 90].randomElement(using: &g)!
            let fast = UpcomingChanges.list(engine, from: from, days: days)
            let reference = ReferenceUpcomingChanges.list(engine, from: from, days: days)
            #expect(fast == reference, "seed \(seed)")
            if !reference.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 150, "the random schedules should mostly have changes to compare")
    }
}
