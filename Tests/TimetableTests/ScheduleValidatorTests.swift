import CivilTime
import Testing

@testable import Timetable

private func validatorCase(_ name: String, _ json: String, _ expected: String...) -> DiagnosticCase {
    DiagnosticCase(name: name, json: json, expected: expected)
}

private let monday = ScheduleFixture.hipsMonday

@Suite("ScheduleValidator")
struct ScheduleValidatorTests {
    static let cases: [DiagnosticCase] = [
        validatorCase(
            "duplicate class ids",
            ScheduleFixture.json(classes: [
                #"{ "id": "hips", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#,
                #"{ "id": "hips", "title": "Hips", "days": ["thursday"], "start": "19:00", "durationMinutes": 30 }"#,
            ]),
            "schedule.json:5:5: error: classes[1].id: duplicate class id \"hips\" (also used by classes[0])\n  hint: every class needs its own id: it is part of each event's UID and feed file name"),
        validatorCase(
            "an exception naming a class that is nearly right",
            ScheduleFixture.json(exceptions: [#"{ "date": "2026-11-30", "class": "hips-mondy", "reason": "Ill" }"#]),
            "schedule.json:7:5: error: exceptions[0].class: no class has the id \"hips-mondy\"\n  hint: did you mean \"hips-monday\"?"),
        validatorCase(
            "an exception naming an unknown class",
            ScheduleFixture.json(exceptions: [#"{ "date": "2026-11-30", "class": "yoga", "reason": "Ill" }"#]),
            "schedule.json:7:5: error: exceptions[0].class: no class has the id \"yoga\"\n  hint: known classes: hips-monday"),
        validatorCase(
            "moving an occurrence that does not exist",
            ScheduleFixture.json(exceptions: [#"{ "date": "2026-12-01", "class": "hips-monday", "moveTo": { "date": "2026-12-02" } }"#]),
            "schedule.json:7:5: error: exceptions[0].date: class \"hips-monday\" has no occurrence on Tue 1 Dec 2026 to move\n  hint: it runs on mondays"),
        validatorCase(
            "moving an occurrence before the class starts",
            ScheduleFixture.json(
                classes: [#"{ "id": "hips-monday", "title": "Hips", "days": ["monday", "thursday"], "start": "17:15", "durationMinutes": 30, "from": "2027-01-04", "until": "2027-06-28" }"#],
                exceptions: [#"{ "date": "2026-11-30", "class": "hips-monday", "moveTo": { "date": "2026-12-02" } }"#]),
            "schedule.json:7:5: error: exceptions[0].date: class \"hips-monday\" has no occurrence on Mon 30 Nov 2026 to move\n  hint: it runs on mondays and thursdays from Mon 4 Jan 2027 until Mon 28 Jun 2027"),
        validatorCase(
            "moving a cancelled occurrence",
            ScheduleFixture.json(exceptions: [
                #"{ "date": "2026-11-30", "reason": "Closed" }"#,
                #"{ "date": "2026-11-30", "class": "hips-monday", "moveTo": { "date": "2026-12-01" } }"#,
            ]),
            "schedule.json:8:5: error: exceptions[1]: cannot move the Mon 30 Nov 2026 occurrence of \"hips-monday\": exceptions[0] cancels it\n  hint: remove the cancellation or the move"),
        validatorCase(
            "moving one occurrence twice",
            ScheduleFixture.json(exceptions: [
                #"{ "date": "2026-11-30", "class": "hips-monday", "moveTo": { "date": "2026-12-01" } }"#,
                #"{ "date": "2026-11-30", "class": "hips-monday", "moveTo": { "start": "18:00" } }"#,
            ]),
            "schedule.json:8:5: error: exceptions[1]: the Mon 30 Nov 2026 occurrence of \"hips-monday\" is already moved by exceptions[0]\n  hint: keep one move per occurrence"),
        validatorCase(
            "a class-specific exception on a day the class never runs",
            ScheduleFixture.json(exceptions: [#"{ "date": "2026-12-01", "class": "hips-monday", "reason": "Ill" }"#]),
            "schedule.json:7:5: warning: exceptions[0]: class \"hips-monday\" never runs on Tue 1 Dec 2026, so this exception changes nothing\n  hint: check the date and the class id"),
        validatorCase(
            "a class-specific range in which the class never runs",
            ScheduleFixture.json(exceptions: [#"{ "from": "2026-12-01", "to": "2026-12-06", "class": "hips-monday" }"#]),
            "schedule.json:7:5: warning: exceptions[0]: class \"hips-monday\" never runs between Tue 1 Dec 2026 and Sun 6 Dec 2026, so this exception changes nothing\n  hint: check the date and the class id"),
        validatorCase(
            "a move onto a closed date",
            ScheduleFixture.json(exceptions: [
                #"{ "date": "2026-12-25", "reason": "Christmas" }"#,
                #"{ "date": "2026-11-30", "class": "hips-monday", "moveTo": { "date": "2026-12-25" } }"#,
            ]),
            "schedule.json:8:5: warning: exceptions[1].moveTo: moves onto Fri 25 Dec 2026, which exceptions[0] closes; the move stands\n  hint: members will see this class on a closed day: check the date"),
        validatorCase(
            "a move onto a date the class already runs",
            ScheduleFixture.json(exceptions: [#"{ "date": "2026-11-30", "class": "hips-monday", "moveTo": { "date": "2026-12-07" } }"#]),
            "schedule.json:7:5: warning: exceptions[0].moveTo: moves onto Mon 7 Dec 2026, when \"hips-monday\" already runs\n  hint: members will see the class twice that day"),
        validatorCase(
            "a move that changes nothing",
            ScheduleFixture.json(exceptions: [#"{ "date": "2026-11-30", "class": "hips-monday", "moveTo": { "start": "17:15" } }"#]),
            "schedule.json:7:5: warning: exceptions[0].moveTo: the move does not change the date or the time"),
        validatorCase(
            "the same cancellation twice",
            ScheduleFixture.json(exceptions: [#"{ "date": "2026-11-30" }"#, #"{ "date": "2026-11-30" }"#]),
            "schedule.json:8:5: warning: exceptions[1]: duplicates exceptions[0]\n  hint: remove one of them"),
        validatorCase(
            "a move onto a date whose occurrence itself moved away is not a double booking",
            ScheduleFixture.json(exceptions: [
                #"{ "date": "2026-12-07", "class": "hips-monday", "moveTo": { "date": "2026-12-08" } }"#,
                #"{ "date": "2026-11-30", "class": "hips-monday", "moveTo": { "date": "2026-12-07" } }"#,
            ])),
        validatorCase(
            "a global cancellation on a day no class runs is fine",
            ScheduleFixture.json(exceptions: [#"{ "date": "2026-12-01", "reason": "Closed" }"#])),
    ]

    @Test("schedule-wide errors and warnings are stated exactly", arguments: cases)
    func diagnostics(t: DiagnosticCase) {
        #expect(ScheduleFixture.diagnostics(t.json) == t.expected)
    }

    @Test("a start time in a DST gap or overlap warns for each affected date")
    func timeWarnings() throws {
        let s = try ScheduleFixture.schedule(
            ScheduleFixture.json(classes: [#"{ "id": "late-night", "title": "Late", "days": ["sunday"], "start": "01:30", "durationMinutes": 30 }"#]))
        let engine = RecurrenceEngine(schedule: s)
        let occurrences = engine.occurrences(from: LocalDate(iso: "2026-01-01")!, to: LocalDate(iso: "2026-12-31")!)
        #expect(ScheduleValidator.timeWarnings(occurrences, schedule: s).map(\.description) == [
            "schedule.json:4:5: warning: classes[0].start: 01:30 does not exist on Sun 29 Mar 2026 in Europe/London (the clocks go forward); the class is shown at 02:30\n  hint: choose a start time outside the night of the clock change",
            "schedule.json:4:5: warning: classes[0].start: 01:30 happens twice on Sun 25 Oct 2026 in Europe/London (the clocks go back); the class is shown at the first\n  hint: choose a start time outside the night of the clock change",
        ])
        // Class by class (what build does, in bounded memory), the same warnings.
        #expect(ScheduleValidator.timeWarnings(engine, from: LocalDate(iso: "2026-01-01")!, to: LocalDate(iso: "2026-12-31")!)
            == ScheduleValidator.timeWarnings(occurrences, schedule: s))
        let ordinary = try ScheduleFixture.schedule(ScheduleFixture.json())
        let quiet = RecurrenceEngine(schedule: ordinary).occurrences(from: LocalDate(iso: "2026-01-01")!, to: LocalDate(iso: "2026-12-31")!)
        #expect(ScheduleValidator.timeWarnings(quiet, schedule: ordinary).isEmpty)
    }
}
