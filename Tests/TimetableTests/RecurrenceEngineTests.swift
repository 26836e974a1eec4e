import CivilTime
import Foundation
import Testing

@testable import Timetable

private func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

private func wall(_ date: String, _ time: String) -> LocalDateTime {
    LocalDateTime(date: LocalDate(iso: date)!, time: LocalTime(hhmm: time)!)
}

private func utc(_ y: Int, _ mo: Int, _ day: Int, _ h: Int = 0, _ mi: Int = 0) -> Int64 {
    Int64(LocalDate.dayNumber(year: y, month: mo, day: day)) * 86400 + Int64(h * 3600 + mi * 60)
}

/// RFC 5545 §3.3.5 computed from Foundation's offsets, independently of ZoneRules.
private struct IndependentZone {
    enum Resolution: Equatable {
        case unique(Int64)
        case gap(shifted: Int64, gap: Int)
        case ambiguous(first: Int64)
    }

    let tz: TimeZone
    init(_ name: String) throws { tz = try #require(TimeZone(identifier: name)) }

    func offset(_ t: Int64) -> Int { tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))) }

    func resolve(_ l: LocalDateTime) -> Resolution {
        let ls = l.localSeconds
        let before = offset(ls - 2 * 86400)
        let after = offset(ls + 2 * 86400)
        let valid = Set([before, after, offset(ls)]).filter { offset(ls - Int64($0)) == $0 }.map { ls - Int64($0) }.sorted()
        switch valid.count {
        case 0: return .gap(shifted: ls - Int64(before), gap: after - before)
        case 1: return .unique(valid[0])
        default: return .ambiguous(first: valid[0])
        }
    }
}

private let zonesUnderTest = [
    "Europe/London", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata",
    "Pacific/Chatham", "America/Sao_Paulo",
]

/// Start times around every one of those zones' changes (00:00-03:45), and ordinary ones.
private let startTimes = ["00:00", "00:30", "01:00", "01:30", "01:45", "02:00", "02:15", "02:30", "02:45", "03:00", "03:15", "03:45", "12:00", "17:15", "23:30"]
private let durations = [30, 60, 1, 90, 1440]

/// A schedule with one class per weekday and start time, all in `zone`.
private func everySlotSchedule(zone: String) throws -> Schedule {
    var classes: [String] = []
    for day in Weekday.allCases {
        for (i, time) in startTimes.enumerated() {
            classes.append(
                #"{ "id": "c-\#(day.name)-\#(i)", "title": "C", "days": ["\#(day.name)"], "start": "\#(time)", "durationMinutes": \#(durations[i % durations.count]) }"#)
        }
    }
    return try ScheduleFixture.schedule(ScheduleFixture.json(calendar: ScheduleFixture.calendar(zone: zone), classes: classes))
}

/// The London fixture used by the exception tests.
private func studioSchedule() throws -> Schedule {
    try ScheduleFixture.schedule(
        ScheduleFixture.json(
            classes: [
                ScheduleFixture.hipsMonday, ScheduleFixture.hipsThursday,
                #"{ "id": "special", "title": "Special", "dates": ["2026-12-19", "2026-12-24", "2027-01-10"], "start": "10:00", "durationMinutes": 90 }"#,
            ],
            exceptions: [
                #"{ "date": "2026-11-30", "class": "hips-monday", "reason": "Instructor ill" }"#,
                #"{ "from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure" }"#,
                #"{ "date": "2026-12-10", "class": "hips-thursday", "moveTo": { "date": "2026-12-11", "start": "18:00" }, "reason": "Hall booked" }"#,
                #"{ "date": "2026-12-17" }"#,
                #"{ "date": "2026-11-26", "class": "hips-thursday", "moveTo": { "start": "20:00" } }"#,
                #"{ "from": "2027-02-01", "to": "2027-02-28", "class": "hips-monday", "reason": "Half term" }"#,
                #"{ "date": "2026-11-19", "class": "hips-thursday", "moveTo": { "date": "2026-12-02" } }"#,
            ]))
}

/// `date status [local start]` lines, for comparing whole expansions at a glance.
private func summary(_ occurrences: [Occurrence], _ s: Schedule) -> [String] {
    occurrences.map { o in
        var line = "\(s.classes[o.classIndex].id) \(o.originalDate)"
        if o.date != o.originalDate || o.movedFrom != nil { line += "->\(o.localStart)" }
        switch o.status {
        case .confirmed: break
        case .cancelled(let reason): line += " cancelled(\(reason ?? "-"))"
        }
        return line
    }
}

@Suite("RecurrenceEngine")
struct RecurrenceEngineTests {
    @Test("every week of 2025-2028: right weekday, 7-day steps, RFC 5545 instants, exact durations", arguments: zonesUnderTest)
    func everyWeek(zone: String) throws {
        let s = try everySlotSchedule(zone: zone)
        let engine = RecurrenceEngine(schedule: s)
        let independent = try IndependentZone(zone)
        let from = d("2025-01-01")
        let to = d("2028-12-31")
        var problems: [String] = []
        var gaps = 0
        var overlaps = 0
        for (index, cls) in s.classes.enumerated() {
            guard case .weekly(let days) = cls.pattern, let day = days.first else {
                problems.append("\(cls.id) is not weekly")
                continue
            }
            // Expected dates, by walking every day of the window.
            var expectedDates: [LocalDate] = []
            var date = from
            while date <= to {
                if date.weekday == day { expectedDates.append(date) }
                date = date.adding(days: 1)
            }
            let got = engine.occurrences(ofClass: index, from: from, to: to)
            if got.map(\.date) != expectedDates { problems.append("\(cls.id): dates differ") }
            for (a, b) in zip(got, got.dropFirst()) where b.date.dayNumber - a.date.dayNumber != 7 {
                problems.append("\(cls.id): \(a.date) -> \(b.date) is not 7 days")
            }
            for o in got {
                let scheduled = LocalDateTime(date: o.date, time: cls.start)
                if o.originalDate != o.date || o.status != .confirmed || o.movedFrom != nil || o.classIndex != index {
                    problems.append("\(cls.id) \(o.date): identity or status wrong")
                }
                if o.end - o.start != Int64(cls.durationMinutes) * 60 {
                    problems.append("\(cls.id) \(o.date): lasts \(o.end - o.start) s, not \(cls.durationMinutes) min")
                }
                switch independent.resolve(scheduled) {
                case .unique(let t):
                    if o.start != t || o.localStart != scheduled || o.startWasInGap || o.startWasAmbiguous {
                        problems.append("\(cls.id) \(o.date): \(o.localStart) at \(o.start), expected \(scheduled) at \(t)")
                    }
                case .gap(let t, let gap):
                    gaps += 1
                    let shifted = LocalDateTime(localSeconds: scheduled.localSeconds + Int64(gap))
                    if o.start != t || o.localStart != shifted || !o.startWasInGap {
                        problems.append("\(cls.id) \(o.date): gap time \(o.localStart) at \(o.start), expected \(shifted) at \(t)")
                    }
                case .ambiguous(let first):
                    overlaps += 1
                    if o.start != first || o.localStart != scheduled || !o.startWasAmbiguous {
                        problems.append("\(cls.id) \(o.date): repeated time at \(o.start), expected the first, \(first)")
                    }
                }
            }
            if problems.count > 10 { break }
        }
        #expect(problems.isEmpty, "\(zone): \(problems.prefix(10))")
        // The zones with daylight time really exercised both cases.
        let hasDaylightTime = !["Asia/Kolkata", "America/Sao_Paulo"].contains(zone)
        #expect((gaps > 0) == hasDaylightTime, "\(zone): \(gaps) gap occurrences")
        #expect((overlaps > 0) == hasDaylightTime, "\(zone): \(overlaps) repeated-time occurrences")
    }

    @Test("a 60-minute class across a clock change lasts exactly 60 minutes")
    func durationAcrossChange() throws {
        let s = try ScheduleFixture.schedule(
            ScheduleFixture.json(classes: [#"{ "id": "early", "title": "Early", "days": ["sunday"], "start": "00:30", "durationMinutes": 60 }"#]))
        let engine = RecurrenceEngine(schedule: s)
        let london = try #require(s.zones["Europe/London"])
        let spring = try #require(engine.occurrences(from: d("2026-03-29"), to: d("2026-03-29")).first)
        #expect(spring.start == utc(2026, 3, 29, 0, 30))
        #expect(spring.end == utc(2026, 3, 29, 1, 30))
        #expect(london.localDateTime(at: spring.end) == wall("2026-03-29", "02:30"))  // 60 minutes later, on a BST clock
        let autumn = try #require(engine.occurrences(from: d("2026-10-25"), to: d("2026-10-25")).first)
        #expect(autumn.start == utc(2026, 10, 24, 23, 30))
        #expect(autumn.end - autumn.start == 3600)
        #expect(london.localDateTime(at: autumn.end) == wall("2026-10-25", "01:30"))  // the first 01:30, still BST
    }

    @Test("from and until are inclusive, for weekly and one-off classes")
    func fromUntilInclusive() throws {
        let s = try ScheduleFixture.schedule(
            ScheduleFixture.json(classes: [
                #"{ "id": "a", "title": "A", "days": ["monday"], "start": "17:15", "durationMinutes": 30, "from": "2026-01-05", "until": "2026-01-26" }"#,
                #"{ "id": "b", "title": "B", "days": ["monday"], "start": "17:15", "durationMinutes": 30, "from": "2026-01-06", "until": "2026-01-25" }"#,
                #"{ "id": "c", "title": "C", "days": ["monday"], "start": "17:15", "durationMinutes": 30, "from": "2026-01-12", "until": "2026-01-12" }"#,
                #"{ "id": "d", "title": "D", "dates": ["2026-01-01", "2026-06-01", "2027-01-01"], "start": "09:00", "durationMinutes": 30, "from": "2026-03-01" }"#,
                #"{ "id": "e", "title": "E", "dates": ["2026-06-01", "2026-01-01"], "start": "09:00", "durationMinutes": 30 }"#,
            ]))
        let engine = RecurrenceEngine(schedule: s)
        let all = engine.occurrences(from: d("2025-01-01"), to: d("2027-12-31"))
        func dates(_ id: String) -> [String] { all.filter { s.classes[$0.classIndex].id == id }.map(\.date.description) }
        #expect(dates("a") == ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"])
        #expect(dates("b") == ["2026-01-12", "2026-01-19"])
        #expect(dates("c") == ["2026-01-12"])
        #expect(dates("d") == ["2026-06-01", "2027-01-01"])
        #expect(dates("e") == ["2026-01-01", "2026-06-01"])
        // The window is inclusive too, at both ends.
        #expect(engine.occurrences(ofClass: 0, from: d("2026-01-12"), to: d("2026-01-19")).map(\.date.description) == ["2026-01-12", "2026-01-19"])
        #expect(engine.occurrences(ofClass: 0, from: d("2026-01-13"), to: d("2026-01-18")).isEmpty)
        #expect(engine.occurrences(ofClass: 0, from: d("2026-02-01"), to: d("2026-01-01")).isEmpty)
        // A one-off class keeps its own time and duration.
        let oneOff = try #require(engine.occurrences(ofClass: 4, from: d("2026-06-01"), to: d("2026-06-01")).first)
        #expect(oneOff.localStart == wall("2026-06-01", "09:00"))
        #expect(oneOff.start == utc(2026, 6, 1, 8))
    }

    @Test("cancellations (single, range, class-specific) are flagged with their reason; moves carry their identity")
    func exceptions() throws {
        let s = try studioSchedule()
        let engine = RecurrenceEngine(schedule: s)
        let got = summary(engine.occurrences(from: d("2026-11-23"), to: d("2027-01-10")), s)
        #expect(got == [
            "hips-monday 2026-11-23",
            "hips-monday 2026-11-30 cancelled(Instructor ill)",
            "hips-monday 2026-12-07",
            "hips-monday 2026-12-14",
            "hips-monday 2026-12-21",
            "hips-monday 2026-12-28 cancelled(Christmas closure)",
            "hips-monday 2027-01-04",
            "hips-thursday 2026-11-26->2026-11-26T20:00",
            "hips-thursday 2026-11-19->2026-12-02T19:00",
            "hips-thursday 2026-12-03",
            "hips-thursday 2026-12-10->2026-12-11T18:00",
            "hips-thursday 2026-12-17 cancelled(-)",
            "hips-thursday 2026-12-24 cancelled(Christmas closure)",
            "hips-thursday 2026-12-31 cancelled(Christmas closure)",
            "hips-thursday 2027-01-07",
            "special 2026-12-19",
            "special 2026-12-24 cancelled(Christmas closure)",
            "special 2027-01-10",
        ])
        let halfTerm = summary(engine.occurrences(from: d("2027-02-01"), to: d("2027-02-07")), s)
        #expect(halfTerm == ["hips-monday 2027-02-01 cancelled(Half term)", "hips-thursday 2027-02-04"])
        #expect(engine.cancellation(classID: "hips-thursday", on: d("2027-02-01")) == nil)
        #expect(engine.cancellation(classID: "hips-monday", on: d("2027-02-01"))?.reason == "Half term")
        #expect(engine.cancellation(classID: "special", on: d("2027-01-03"))?.reason == "Christmas closure")
        #expect(engine.cancellation(classID: "special", on: d("2027-01-04")) == nil)
    }

    @Test("a moved class keeps its duration, its original date and the reason, and is windowed by its new date")
    func moves() throws {
        let s = try studioSchedule()
        let engine = RecurrenceEngine(schedule: s)
        let thursday = try #require(s.classIndex(id: "hips-thursday"))
        let moved = try #require(engine.occurrences(ofClass: thursday, from: d("2026-12-11"), to: d("2026-12-11")).first)
        #expect(moved.originalDate == d("2026-12-10"))
        #expect(moved.date == d("2026-12-11"))
        #expect(moved.localStart == wall("2026-12-11", "18:00"))
        #expect(moved.start == utc(2026, 12, 11, 18))
        #expect(moved.end - moved.start == 30 * 60)
        #expect(moved.movedFrom == wall("2026-12-10", "19:00"))
        #expect(moved.moveReason == "Hall booked")
        #expect(moved.status == .confirmed)
        // Its original date no longer has it.
        #expect(engine.occurrences(ofClass: thursday, from: d("2026-12-10"), to: d("2026-12-10")).isEmpty)
        // Moved in from before the window: present, with its identity.
        let early = engine.occurrences(ofClass: thursday, from: d("2026-12-01"), to: d("2026-12-02"))
        #expect(early.map(\.originalDate) == [d("2026-11-19")])
        #expect(engine.occurrences(ofClass: thursday, from: d("2026-11-19"), to: d("2026-11-19")).isEmpty)
        #expect(engine.move(classID: "hips-thursday", on: d("2026-12-10")) != nil)
        #expect(engine.move(classID: "hips-monday", on: d("2026-12-10")) == nil)
    }

    @Test("a cancellation applies to the original date: a class moved onto a closed day stands, one moved off a closed day is not saved")
    func cancellationFollowsOriginalDate() throws {
        let s = try ScheduleFixture.schedule(
            ScheduleFixture.json(
                classes: [ScheduleFixture.hipsMonday],
                exceptions: [
                    #"{ "date": "2026-12-25", "reason": "Christmas" }"#,
                    #"{ "date": "2026-11-30", "class": "hips-monday", "moveTo": { "date": "2026-12-25" } }"#,
                ]))
        let engine = RecurrenceEngine(schedule: s)
        let o = try #require(engine.occurrences(from: d("2026-12-25"), to: d("2026-12-25")).first)
        #expect(o.status == .confirmed)
        #expect(o.originalDate == d("2026-11-30"))
    }

    @Test("a move into a DST gap is shifted forward like any other start")
    func moveIntoGap() throws {
        let s = try ScheduleFixture.schedule(
            ScheduleFixture.json(
                classes: [ScheduleFixture.hipsMonday],
                exceptions: [#"{ "date": "2026-03-23", "class": "hips-monday", "moveTo": { "date": "2026-03-29", "start": "01:30" } }"#]))
        let o = try #require(RecurrenceEngine(schedule: s).occurrences(from: d("2026-03-29"), to: d("2026-03-29")).first)
        #expect(o.startWasInGap)
        #expect(o.localStart == wall("2026-03-29", "02:30"))
        #expect(o.start == utc(2026, 3, 29, 1, 30))
        #expect(o.end - o.start == 30 * 60)
        #expect(o.date == d("2026-03-29"))
    }

    @Test("a gap that pushes the instant past midnight keeps the nominal date for windows and cancellations (America/Nuuk)")
    func nominalDateAcrossMidnight() throws {
        // Nuuk springs forward at 23:00 on the Saturday before the last Sunday of March (-02 -> -01):
        // a Saturday 23:30 class that day really starts at Sunday 00:30.
        let json = ScheduleFixture.json(
            calendar: ScheduleFixture.calendar(zone: "America/Nuuk"),
            classes: [#"{ "id": "late", "title": "Late", "days": ["saturday"], "start": "23:30", "durationMinutes": 60 }"#],
            exceptions: [#"{ "date": "2027-03-27", "reason": "Closed" }"#, #"{ "date": "2028-03-26", "reason": "Closed" }"#])
        let s = try ScheduleFixture.schedule(json)
        let engine = RecurrenceEngine(schedule: s)
        let o = try #require(engine.occurrences(from: d("2026-03-28"), to: d("2026-03-28")).first)
        #expect(o.date == d("2026-03-28"))
        #expect(o.originalDate == d("2026-03-28"))
        #expect(o.localStart == wall("2026-03-29", "00:30"))
        #expect(o.start == utc(2026, 3, 29, 1, 30))
        #expect(o.end - o.start == 3600)
        #expect(o.startWasInGap)
        // Windowed by the nominal Saturday, not the Sunday it lands on.
        #expect(engine.occurrences(from: d("2026-03-29"), to: d("2026-03-29")).isEmpty)
        // Cancelled by the Saturday's closure (2027), not by the Sunday's (2028-03-26 closes the Sunday after the gap).
        let cancelled = try #require(engine.occurrences(from: d("2027-03-27"), to: d("2027-03-27")).first)
        #expect(cancelled.isCancelled)
        #expect(cancelled.localStart == wall("2027-03-28", "00:30"))
        let notCancelled = try #require(engine.occurrences(from: d("2028-03-25"), to: d("2028-03-25")).first)
        #expect(notCancelled.status == .confirmed)
        #expect(notCancelled.localStart == wall("2028-03-26", "00:30"))
        // In the autumn the same wall time happens twice; the first is taken.
        let autumn = try #require(engine.occurrences(from: d("2026-10-24"), to: d("2026-10-24")).first)
        #expect(autumn.startWasAmbiguous)
        #expect(autumn.start == utc(2026, 10, 25, 0, 30))
    }

    @Test("a whole skipped day (Pacific/Apia, 2011-12-30) shifts the class by 24 hours and keeps its date")
    func skippedDay() throws {
        let s = try ScheduleFixture.schedule(
            ScheduleFixture.json(
                calendar: ScheduleFixture.calendar(zone: "Pacific/Apia"),
                classes: [#"{ "id": "friday", "title": "Friday", "days": ["friday"], "start": "12:00", "durationMinutes": 45 }"#]))
        let got = RecurrenceEngine(schedule: s).occurrences(from: d("2011-12-23"), to: d("2012-01-06"))
        #expect(got.map(\.date.description) == ["2011-12-23", "2011-12-30", "2012-01-06"])
        #expect(got.map(\.localStart.description) == ["2011-12-23T12:00", "2011-12-31T12:00", "2012-01-06T12:00"])
        #expect(got[1].start == utc(2011, 12, 30, 22))
        #expect(got[1].startWasInGap)
        #expect(got[2].start - got[1].start == 6 * 86400)  // a week of dates, a day of which never happened
    }

    @Test("occurrences come in schedule order by class, then by start")
    func ordering() throws {
        let s = try ScheduleFixture.schedule(
            ScheduleFixture.json(classes: [
                #"{ "id": "b", "title": "B", "days": ["sunday", "monday"], "start": "08:00", "durationMinutes": 30 }"#,
                #"{ "id": "a", "title": "A", "days": ["tuesday"], "start": "08:00", "durationMinutes": 30 }"#,
            ]))
        let got = RecurrenceEngine(schedule: s).occurrences(from: d("2026-11-30"), to: d("2026-12-08"))
        #expect(got.map { "\(s.classes[$0.classIndex].id) \($0.date)" } == [
            "b 2026-11-30", "b 2026-12-06", "b 2026-12-07", "a 2026-12-01", "a 2026-12-08",
        ])
    }
}
