import TestSupport
import Testing

@testable import FeedBuilder
import CivilTime
import ICalendar
import Timetable

/// ``ChangeLog`` reads both feeds event by event, keeping a fingerprint per instance; the
/// reference parses them whole. On random pairs of schedules, seeded, in both styles and both
/// cancellation policies, the two logs must be equal line for line; and a long log is
/// summarised in a bounded number of lines.
@Suite struct ChangeLogTests {
    static let base = """
        {
          "calendar": {"id": "s", "name": "S", "timezone": "Europe/London", "uidDomain": "s.example"},
          "classes": [{"id": "a", "title": "A", "days": ["monday"], "start": "09:00", "durationMinutes": 60}],
          "exceptions": [{"date": "2026-01-05", "reason": "x"}]
        }
        """
    static let times = ["00:30", "01:30", "09:00", "17:15", "19:00", "23:30"]

    /// Two versions of one timetable: the same classes (now and then one renamed, lengthened or
    /// at another time) with different picks from one pool of cancellations and moves.
    static func randomPair(_ g: inout SeededGenerator, around start: LocalDate) throws -> (Schedule, Schedule) {
        var s = try Support.schedule(base)
        let template = s.exceptions[0]
        let cls = s.classes[0]
        func date() -> LocalDate { start.adding(days: Int.random(in: -20...120, using: &g)) }
        func time() -> LocalTime { LocalTime(hhmm: times.randomElement(using: &g)!)! }
        let count = Int.random(in: 1...6, using: &g)
        s.classes = (0..<count).map { k in
            var c = cls
            c.id = "c\(k)"
            c.title = "Class \(k)"
            c.entry = EntryPosition(index: k, offset: 0)
            c.start = time()
            c.pattern = .weekly((0..<Int.random(in: 1...3, using: &g)).map { _ in Weekday.allCases.randomElement(using: &g)! })
            c.until = Int.random(in: 0..<4, using: &g) == 0 ? date() : nil
            return c
        }
        var pool: [ScheduleException] = []
        for k in 0..<Int.random(in: 0...12, using: &g) {
            var e = template
            e.entry = EntryPosition(index: k, offset: 0)
            e.reason = Bool.random(using: &g) ? "Reason \(k)" : nil
            let a = date()
            if Int.random(in: 0..<5, using: &g) < 3 {
                e.classID = Bool.random(using: &g) ? nil : "c\(Int.random(in: 0..<count, using: &g))"
                e.kind = .cancel(from: a, to: a.adding(days: [0, 0, 3, 9, 40].randomElement(using: &g)!))
            } else {
                e.classID = "c\(Int.random(in: 0..<count, using: &g))"
                let toDate: LocalDate? = Bool.random(using: &g) ? a.adding(days: Int.random(in: -5...20, using: &g)) : nil
                e.kind = .move(date: a, toDate: toDate, toStart: toDate == nil || Bool.random(using: &g) ? time() : nil)
            }
            pool.append(e)
        }
        var old = s
        var new = s
        old.exceptions = pool.filter { _ in Bool.random(using: &g) }
        new.exceptions = pool.filter { _ in Bool.random(using: &g) }
        for i in new.classes.indices where Int.random(in: 0..<6, using: &g) == 0 {
            switch Int.random(in: 0..<3, using: &g) {
            case 0: new.classes[i].title += " (new)"
            case 1: new.classes[i].durationMinutes += 15
            default: new.classes[i].start = time()
            }
        }
        if Int.random(in: 0..<8, using: &g) == 0 { new.classes.removeLast() }
        let policy = CancellationPolicy.allCases.randomElement(using: &g)!
        old.calendar.cancellations = policy
        new.calendar.cancellations = policy
        return (old, new)
    }

    @Test func theLogIsTheReferenceLogOnRandomSchedules() throws {
        var nonEmpty = 0
        for seed in 0..<UInt64(PropertyRounds.of(200)) {
            var g = SeededGenerator(state: seed)
            let from = LocalDate(year: 2026, month: 2, day: 15)!.adding(days: Int.random(in: 0...500, using: &g))
            let (old, new) = try Self.randomPair(&g, around: from)
            let style = FeedStyle.allCases.randomElement(using: &g)!
            let to = from.adding(days: 90)
            let now = Int64(from.adding(days: Int.random(in: -5...40, using: &g)).dayNumber) * 86400 + 9 * 3600
            let oldFeed = FeedBuilder(schedule: old, options: FeedOptions(from: from, to: to, stamp: now - 86400, style: style))
                .allFeeds()[0].bytes
            let builder = FeedBuilder(schedule: new, options: FeedOptions(from: from, to: to, stamp: now, style: style))
            let newFeed = builder.allFeeds()[0].bytes
            let reference = ReferenceChangeLog(builder: builder).changes(old: oldFeed, new: newFeed, now: now)
            var log = ChangeLog(builder: builder, now: now)
            log.limit = .max
            // In uneven chunks, as files and the writer hand them over.
            var rest = oldFeed[...]
            while !rest.isEmpty {
                let n = min(rest.count, Int.random(in: 1...4096, using: &g))
                log.addPrevious(Array(rest.prefix(n)))
                rest = rest.dropFirst(n)
            }
            log.finishPrevious()
            rest = newFeed[...]
            while !rest.isEmpty {
                let n = min(rest.count, Int.random(in: 1...4096, using: &g))
                log.addNew(Array(rest.prefix(n)))
                rest = rest.dropFirst(n)
            }
            log.finishNew()
            #expect(log.lines() == reference, "seed \(seed), \(style)")
            if !reference.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > PropertyRounds.of(200) / 2, "the random pairs should mostly have changes to compare")
    }

    @Test func aLongLogIsASummaryTheFirstLinesAndACount() throws {
        var s = try Support.schedule(Self.base)
        var closure = s.exceptions[0]
        closure.kind = .cancel(from: LocalDate(year: 2027, month: 3, day: 1)!, to: LocalDate(year: 2027, month: 3, day: 31)!)
        closure.reason = "March closure"
        let cls = s.classes[0]
        s.classes = (0..<200).map { k in
            var c = cls
            c.id = "c\(k)"
            c.title = "Class \(k)"
            c.entry = EntryPosition(index: k, offset: 0)
            return c
        }
        s.exceptions = []
        let from = LocalDate(year: 2027, month: 1, day: 1)!
        let to = LocalDate(year: 2027, month: 12, day: 31)!
        let now = Int64(from.dayNumber) * 86400
        let before = FeedBuilder(schedule: s, options: FeedOptions(from: from, to: to, stamp: now))
        s.exceptions = [closure]
        let after = FeedBuilder(schedule: s, options: FeedOptions(from: from, to: to, stamp: now))
        let lines = ChangeLog.changes(builder: after, old: before.allFeeds()[0].bytes, new: after.allFeeds()[0].bytes, now: now)
        // 200 Monday classes, five Mondays in March 2027; ties in time are listed by text.
        #expect(lines == ["cancelled 1,000 events from Mon 1 Mar 2027 to Mon 29 Mar 2027"]
            + (0..<200).map { "cancelled Mon 1 Mar 09:00 Class \($0) (March closure)" }.sorted().prefix(10)
            + ["... and 990 more"])
        // A first build: every event is new (52 Mondays in 2027, less the five closed ones).
        let first = ChangeLog.changes(builder: after, old: nil, new: after.allFeeds()[0].bytes, now: now)
        #expect(first.first == "added 9,400 events from Mon 4 Jan 2027 to Mon 27 Dec 2027")
        #expect(first.count == 12)
    }
}
