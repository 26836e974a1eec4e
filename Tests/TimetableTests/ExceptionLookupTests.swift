import TestSupport
import CivilTime
import Testing

@testable import Timetable

private let base = LocalDate(iso: "2026-01-01")!
private let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

/// A random schedule: weekly classes (some sharing an id, some with `from`/`until`), per-class
/// cancellations from none to well past ``ClassExceptions/scanLimit`` per class (single days and
/// ranges, some overlapping), calendar-wide closures, exceptions naming no class of the
/// schedule, and moves. Decoded but not validated: the engine must be right for what the
/// decoder accepts.
private func randomSchedule(_ rng: inout SeededRandom) throws -> Schedule {
    func date(_ offset: Int) -> String { base.adding(days: offset).description }
    let classCount = Int.random(in: 1...8, using: &rng)
    var ids: [String] = []
    var classes: [String] = []
    for i in 0..<classCount {
        let id = i > 0 && Int.random(in: 0..<6, using: &rng) == 0 ? ids[0] : "c\(i)"
        ids.append(id)
        let days = weekdays.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng))
        var extra = ""
        if Bool.random(using: &rng) { extra += #", "from": "\#(date(Int.random(in: 0...200, using: &rng)))""# }
        if Bool.random(using: &rng) { extra += #", "until": "\#(date(Int.random(in: 250...700, using: &rng)))""# }
        classes.append(
            #"{ "id": "\#(id)", "title": "T", "days": [\#(days.map { "\"\($0)\"" }.joined(separator: ", "))], "start": "10:00", "durationMinutes": 30\#(extra) }"#)
    }
    var exceptions: [String] = []
    for n in 0..<Int.random(in: 0...120, using: &rng) {
        let day = Int.random(in: 0...700, using: &rng)
        let who: String
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: who = ""  // every class
        case 1: who = #", "class": "ghost""#  // no such class
        default: who = #", "class": "\#(ids.randomElement(using: &rng)!)""#
        }
        switch Int.random(in: 0..<8, using: &rng) {
        case 0, 1:
            exceptions.append(#"{ "from": "\#(date(day))", "to": "\#(date(day + Int.random(in: 0...40, using: &rng)))"\#(who), "reason": "r\#(n)" }"#)
        case 2 where !who.isEmpty:
            exceptions.append(#"{ "date": "\#(date(day))"\#(who), "moveTo": { "date": "\#(date(day + 1))" }, "reason": "m\#(n)" }"#)
        default:
            exceptions.append(#"{ "date": "\#(date(day))"\#(who), "reason": "r\#(n)" }"#)
        }
    }
    let json = ScheduleFixture.json(classes: classes, exceptions: exceptions)
    return try ScheduleDecoder.decode(Array(json.utf8), file: "schedule.json", zones: ScheduleFixture.loadZone).0
}

/// What the engine's lookups mean, by scanning every exception in list order.
private func referenceCancellation(_ s: Schedule, classID id: String, on date: LocalDate) -> ScheduleException? {
    s.exceptions.first { $0.classID == id && $0.covers(date, classID: id) }
        ?? s.exceptions.first { $0.classID == nil && $0.covers(date, classID: id) }
}

@Suite("Exception lookups")
struct ExceptionLookupTests {
    @Test("the engine's cancellation and move lookups agree with a scan of every exception, scanned or indexed")
    func lookupsAgreeWithScan() throws {
        var rng = SeededRandom(state: 0xC1A5_5FEED)
        var indexedClasses = 0
        for _ in 0..<PropertyRounds.of(50) {
            let s = try randomSchedule(&rng)
            let engine = RecurrenceEngine(schedule: s)
            for (i, cls) in s.classes.enumerated() {
                let own = s.exceptions.filter { e in
                    guard e.classID == cls.id, case .cancel(let a, let b) = e.kind else { return false }
                    return a <= b
                }
                if own.count > ClassExceptions.scanLimit { indexedClasses += 1 }
                for offset in stride(from: -3, through: 745, by: 1) {
                    let date = base.adding(days: offset)
                    let expected = referenceCancellation(s, classID: cls.id, on: date)?.path
                    #expect(engine.cancellation(classIndex: i, on: date)?.path == expected, "\(cls.id) \(date)")
                    #expect(engine.cancellation(classID: cls.id, on: date)?.path == expected)
                }
            }
            for offset in 0...745 {
                let date = base.adding(days: offset)
                #expect(engine.cancellation(classID: "ghost", on: date)?.path == referenceCancellation(s, classID: "ghost", on: date)?.path)
                for id in Set(s.classes.map(\.id)) {
                    let expected = s.exceptions.first { e in
                        guard e.classID == id, case .move(let d, _, _) = e.kind else { return false }
                        return d == date
                    }
                    #expect(engine.move(classID: id, on: date)?.path == expected?.path)
                }
            }
        }
        #expect(indexedClasses > 0, "the indexed path was exercised \(indexedClasses) times")
    }

    @Test("a series' exceptional dates are exactly the scheduled dates a cancellation or move touches, and unmoved ones are cancelled")
    func exceptionalOccurrencesAreComplete() throws {
        var rng = SeededRandom(state: 0x5E_41E5)
        for _ in 0..<PropertyRounds.of(150) {
            let s = try randomSchedule(&rng)
            let engine = RecurrenceEngine(schedule: s)
            let from = base.adding(days: Int.random(in: 0...100, using: &rng))
            for (i, cls) in s.classes.enumerated() {
                guard case .weekly(let days) = cls.pattern else { continue }
                var expected: [LocalDate] = []
                var d = max(from, cls.from ?? from)
                let last = min(base.adding(days: 800), cls.until ?? base.adding(days: 800))
                while d <= last {
                    if days.contains(d.weekday),
                        referenceCancellation(s, classID: cls.id, on: d) != nil || engine.move(classID: cls.id, on: d) != nil
                    {
                        expected.append(d)
                    }
                    d = d.adding(days: 1)
                }
                let got = engine.exceptionalDates(ofClass: i, from: from).compactMap { engine.occurrence(ofClass: i, originalDate: $0) }
                #expect(got.map(\.originalDate) == expected, "\(cls.id) from \(from)")
                for o in got where engine.move(classID: cls.id, on: o.originalDate) == nil {
                    #expect(o.isCancelled)
                }
            }
        }
    }

    @Test("the quick event bound is never below the exact count, in both styles")
    func budgetBoundIsAnUpperBound() throws {
        var rng = SeededRandom(state: 0xB0_D6E7)
        for _ in 0..<PropertyRounds.of(300) {
            var s = try randomSchedule(&rng)
            // The bound assumes what the validator guarantees before any build: unique class ids.
            var seen = Set<String>()
            s.classes = s.classes.filter { seen.insert($0.id).inserted }
            let from = base.adding(days: Int.random(in: -30...300, using: &rng))
            let to = from.adding(days: Int.random(in: 0...900, using: &rng))
            for style in FeedStyle.allCases {
                let exact = OccurrenceBudget.count(s, from: from, to: to, style: style)
                let bound = OccurrenceBudget.upperBound(s, from: from, to: to, style: style)
                #expect(bound >= exact, "\(style) \(from)...\(to): bound \(bound) < count \(exact)")
            }
        }
    }
}
