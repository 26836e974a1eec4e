import TestSupport
import Foundation
import Testing

@testable import FeedBuilder
import ICalendar
import Timetable

/// A seeded generator (SplitMix64): the same seed gives the same schedules on every machine.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The series style and the occurrences style must describe the same classes: expanding the
/// series feed (RRULE, EXDATE, RECURRENCE-ID) gives exactly the occurrences feed's events.
@Suite struct SeriesAgreementTests {
    static let zones = [
        "Europe/London", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata",
        "Pacific/Chatham", "America/Sao_Paulo",
    ]
    /// Start times that include each zone's gap and repeated hours.
    static let times = ["00:30", "01:00", "01:30", "02:00", "02:15", "02:30", "02:45", "03:00", "03:30", "09:00", "17:15", "19:00", "23:30"]

    struct Case {
        var json: String
        var from: LocalDate
        var to: LocalDate
        var zone: String
    }

    static func randomCase(seed: UInt64) -> Case {
        var g = SeededGenerator(state: seed)
        let zone = zones[Int.random(in: 0..<zones.count, using: &g)]
        let from = LocalDate(year: 2026, month: 8, day: 1)!.adding(days: Int.random(in: 0..<120, using: &g))
        let to = from.adding(days: Int.random(in: 60...320, using: &g))
        func date(_ lo: Int, _ hi: Int) -> LocalDate { from.adding(days: Int.random(in: lo...hi, using: &g)) }
        let span = to.dayNumber - from.dayNumber
        var classes: [String] = []
        var runs: [(id: String, days: [Weekday]?, dates: [LocalDate]?, from: LocalDate?, until: LocalDate?)] = []
        for c in 0..<Int.random(in: 1...4, using: &g) {
            let id = "c\(c)"
            var fields = ["\"id\": \"\(id)\"", "\"title\": \"Class \(c), with; text\"",
                          "\"start\": \"\(times[Int.random(in: 0..<times.count, using: &g)])\"",
                          "\"durationMinutes\": \(Int.random(in: 1...240, using: &g))"]
            var days: [Weekday]?
            var dates: [LocalDate]?
            var needsFrom = false
            switch Int.random(in: 0..<7, using: &g) {
            case 0:
                dates = Array(Set((0..<Int.random(in: 1...4, using: &g)).map { _ in date(-10, span + 10) })).sorted()
                fields.append("\"dates\": [" + dates!.map { "\"\($0)\"" }.joined(separator: ", ") + "]")
            case 1:
                // Monthly: one to three nth weekdays, the fifth and the last among them.
                let ordinals = ["first", "second", "third", "fourth", "fifth", "last"]
                let picks = Set((0..<Int.random(in: 1...3, using: &g)).map { _ in
                    ordinals.randomElement(using: &g)! + " " + Weekday.allCases.randomElement(using: &g)!.name
                })
                fields.append("\"monthly\": [" + picks.sorted().map { "\"\($0)\"" }.joined(separator: ", ") + "]")
            case 2:
                days = Array(Set((0..<Int.random(in: 1...2, using: &g)).map { _ in Weekday.allCases.randomElement(using: &g)! })).sorted()
                fields.append("\"days\": [" + days!.map { "\"\($0.name)\"" }.joined(separator: ", ") + "]")
                fields.append("\"every\": \(Int.random(in: 2...3, using: &g))")
                needsFrom = true
            default:
                days = Array(Set((0..<Int.random(in: 1...3, using: &g)).map { _ in Weekday.allCases.randomElement(using: &g)! })).sorted()
                fields.append("\"days\": [" + days!.map { "\"\($0.name)\"" }.joined(separator: ", ") + "]")
            }
            var cf: LocalDate?
            var cu: LocalDate?
            if needsFrom || Bool.random(using: &g) { cf = date(-20, span / 2); fields.append("\"from\": \"\(cf!)\"") }
            if Bool.random(using: &g) { cu = date(span / 2, span + 20); fields.append("\"until\": \"\(cu!)\"") }
            classes.append("{" + fields.joined(separator: ", ") + "}")
            runs.append((id, days, dates, cf, cu))
        }
        // When each class runs, as the schedule says it (every N weeks and monthly included).
        let defined = try? Support.schedule(
            #"{"calendar": {"id": "p", "name": "P", "timezone": "\#(zone)", "uidDomain": "p.example"}, "classes": [\#(classes.joined(separator: ","))]}"#)
        func runsOn(_ r: (id: String, days: [Weekday]?, dates: [LocalDate]?, from: LocalDate?, until: LocalDate?), _ d: LocalDate) -> Bool {
            defined?.classes.first { $0.id == r.id }?.runs(on: d) ?? false
        }
        var exceptions: [String] = []
        var cancelled: [(String?, LocalDate, LocalDate)] = []
        for _ in 0..<Int.random(in: 0...4, using: &g) {
            let a = date(-5, span + 5)
            let b = Bool.random(using: &g) ? a : a.adding(days: Int.random(in: 1...20, using: &g))
            let cls: String? = Bool.random(using: &g) ? runs.randomElement(using: &g)!.id : nil
            var e = a == b ? "\"date\": \"\(a)\"" : "\"from\": \"\(a)\", \"to\": \"\(b)\""
            if let cls { e += ", \"class\": \"\(cls)\"" }
            if Bool.random(using: &g) { e += ", \"reason\": \"Reason, \\\\ with; escapes\"" }
            exceptions.append("{" + e + "}")
            cancelled.append((cls, a, b))
        }
        var moved = Set<String>()
        for _ in 0..<Int.random(in: 0...4, using: &g) {
            let r = runs.randomElement(using: &g)!
            // Find an occurrence that runs, is not cancelled and not yet moved.
            for _ in 0..<30 {
                let d = date(-3, span + 3)
                guard runsOn(r, d), !moved.contains("\(r.id) \(d)"),
                    !cancelled.contains(where: { ($0.0 == nil || $0.0 == r.id) && d >= $0.1 && d <= $0.2 })
                else { continue }
                moved.insert("\(r.id) \(d)")
                var target: [String] = []
                let kind = Int.random(in: 0..<3, using: &g)
                if kind != 1 { target.append("\"date\": \"\(d.adding(days: Int.random(in: -8...8, using: &g)))\"") }
                if kind != 0 { target.append("\"start\": \"\(times[Int.random(in: 0..<times.count, using: &g)])\"") }
                exceptions.append("{\"date\": \"\(d)\", \"class\": \"\(r.id)\", \"moveTo\": {" + target.joined(separator: ", ") + "}}")
                break
            }
        }
        // Changes of a date or a range: another title (the summary), length or teacher.
        var changed = Set<String>()
        for _ in 0..<Int.random(in: 0...3, using: &g) {
            let r = runs.randomElement(using: &g)!
            for _ in 0..<30 {
                let a = date(-3, span + 3)
                let b = Bool.random(using: &g) ? a : a.adding(days: Int.random(in: 1...30, using: &g))
                var d = a
                var open = false
                var clash = false
                while d <= b {
                    if runsOn(r, d) {
                        if changed.contains("\(r.id) \(d)") { clash = true }
                        if !moved.contains("\(r.id) \(d)") && !cancelled.contains(where: { ($0.0 == nil || $0.0 == r.id) && d >= $0.1 && d <= $0.2 }) { open = true }
                    }
                    d = d.adding(days: 1)
                }
                guard open, !clash else { continue }
                d = a
                while d <= b { changed.insert("\(r.id) \(d)"); d = d.adding(days: 1) }
                let change = [
                    "\"title\": \"Changed \(Int.random(in: 1...9, using: &g)); with, text\"",
                    "\"durationMinutes\": \(Int.random(in: 241...300, using: &g))",
                    "\"instructor\": \"Cover \(Int.random(in: 1...9, using: &g))\"",
                ].shuffled(using: &g).prefix(Int.random(in: 1...3, using: &g)).joined(separator: ", ")
                let when = a == b ? "\"date\": \"\(a)\"" : "\"from\": \"\(a)\", \"to\": \"\(b)\""
                exceptions.append("{\(when), \"class\": \"\(r.id)\", \"change\": {\(change)}}")
                break
            }
        }
        let policy = Bool.random(using: &g) ? "show" : "remove"
        let json = """
            {"calendar": {"id": "p", "name": "P", "timezone": "\(zone)", "uidDomain": "p.example", "cancellations": "\(policy)"},
             "classes": [\(classes.joined(separator: ",\n"))],
             "exceptions": [\(exceptions.joined(separator: ",\n"))]}
            """
        return Case(json: json, from: from, to: to, zone: zone)
    }

    static func instances(_ bytes: [UInt8], lo: Int64, hi: Int64) throws -> [String] {
        let cal = try #require(try ICalendarReader().parse(bytes).first)
        let expander = RecurrenceExpander { name in try? Support.database.rules(for: name) }
        return try expander.expand(cal, from: lo, to: hi).map {
            "\(Property.utcString($0.start)) \(Property.utcString($0.end)) \($0.status ?? "-") \($0.summary)"
        }.sorted()
    }

    @Test(arguments: 0..<PropertyRounds.of(120))
    func seriesAndOccurrencesAgree(seed: Int) throws {
        let c = Self.randomCase(seed: UInt64(seed) &* 7919 &+ 17)
        let schedule = try Support.schedule(c.json)
        let rules = try Support.database.rules(for: c.zone)
        let lo = rules.instant(for: LocalDateTime(date: c.from, time: LocalTime(secondsOfDay: 0)))
        let hi = rules.instant(for: LocalDateTime(date: c.to.adding(days: 1), time: LocalTime(secondsOfDay: 0)))
        for feed in [nil, 0] as [Int?] {
            func build(_ style: FeedStyle) -> [UInt8] {
                let b = FeedBuilder(schedule: schedule, options: FeedOptions(from: c.from, to: c.to, stamp: 0, style: style))
                return feed == nil ? b.feed(classes: Array(schedule.classes.indices)).bytes : b.feed(classIndex: 0).bytes
            }
            let occurrences = try Self.instances(build(.occurrences), lo: Int64.min / 2, hi: Int64.max / 2)
            let series = try Self.instances(build(.series), lo: lo, hi: hi)
            #expect(series == occurrences, "seed \(seed), \(feed == nil ? "combined" : "class") feed, schedule:\n\(c.json)")
            // The engine itself agrees with what the feed says.
            let engine = RecurrenceEngine(schedule: schedule)
            let cancellations = schedule.calendar.cancellations
            let expected = (feed == nil ? Array(schedule.classes.indices) : [0]).flatMap {
                engine.occurrences(ofClass: $0, from: c.from, to: c.to)
            }.filter { !$0.isCancelled || cancellations == .show }
            #expect(expected.count == occurrences.count, "seed \(seed)")
        }
    }
}
