import CivilTime
import Testing

@testable import Timetable

/// The rules of editing exceptions, as values: no files, no command line.
@Suite struct ExceptionEditsTests {
    static let json = """
        {"calendar": {"id": "circl", "name": "CIRCL", "timezone": "Europe/London", "uidDomain": "circl.example"},
         "classes": [
           {"id": "hips-monday", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 30},
           {"id": "hips-thursday", "title": "Hips", "days": ["thursday"], "start": "19:00", "durationMinutes": 30}],
         "exceptions": [
           {"from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure"},
           {"date": "2026-12-10", "class": "hips-thursday", "moveTo": {"date": "2026-12-11"}}]}
        """

    func check(_ body: (Schedule, RecurrenceEngine) throws(ExceptionEditRefusal) -> Void) throws -> ExceptionEditRefusal? {
        let s = try ScheduleFixture.schedule(Self.json)
        do {
            try body(s, RecurrenceEngine(schedule: s))
            return nil
        } catch {
            return error
        }
    }

    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    @Test func aCancellationOfADayWithClassesIsAllowed() throws {
        #expect(try check { s, e throws(ExceptionEditRefusal) in
            try ExceptionEdits.checkCancellation(from: Self.d("2026-12-03"), to: Self.d("2026-12-03"), classID: nil, in: s, engine: e) { _ in "" }
        } == nil)
    }

    @Test func aDayWithoutClassesHasNothingToCancel() throws {
        let r = try check { s, e throws(ExceptionEditRefusal) in
            try ExceptionEdits.checkCancellation(from: Self.d("2026-12-01"), to: Self.d("2026-12-01"), classID: nil, in: s, engine: e) { _ in "" }
        }
        #expect(r?.message.hasPrefix("no class runs on Tue 1 Dec 2026, so there is nothing to cancel; schedule.json was not changed") == true)
        #expect(r?.isAmbiguous == false)
    }

    @Test func aMovedClassCannotAlsoBeCancelled() throws {
        let r = try check { s, e throws(ExceptionEditRefusal) in
            try ExceptionEdits.checkCancellation(from: Self.d("2026-12-10"), to: Self.d("2026-12-10"), classID: nil, in: s, engine: e) { _ in "{…}" }
        }
        #expect(r?.message.contains("hips-thursday is moved by exceptions[1] {…}, and a moved class cannot also be cancelled") == true)
    }

    @Test("a command in a hint edits the file the owner named")
    func hintsNameTheScheduleFile() throws {
        for (file, option) in [("schedule.json", ""), ("studio.json", " --schedule studio.json"), ("my studio.json", " --schedule 'my studio.json'")] {
            var s = try ScheduleFixture.schedule(Self.json)
            s.sourceFile = file
            do {
                try ExceptionEdits.checkCancellation(from: Self.d("2026-12-10"), to: Self.d("2026-12-10"), classID: nil, in: s, engine: RecurrenceEngine(schedule: s)) { _ in "{…}" }
                Issue.record("a moved class was cancelled")
            } catch {
                #expect(error.message.hasSuffix("hint: remove the move first: classfeed exceptions remove 2026-12-10 --class hips-thursday\(option)"), "\(error.message)")
            }
        }
    }

    @Test func anUnknownClassSuggestsTheClosest() throws {
        let r = try check { s, _ throws(ExceptionEditRefusal) in _ = try ExceptionEdits.classIndex("hips-mondy", in: s) }
        #expect(r?.message == "no class has the id 'hips-mondy'; schedule.json was not changed\n  hint: did you mean 'hips-monday'? the classes are: hips-monday, hips-thursday")
    }

    @Test func aMoveMustChangeTheDayOrTheTime() throws {
        let r = try check { s, e throws(ExceptionEditRefusal) in
            _ = try ExceptionEdits.checkMove(
                classID: "hips-monday", date: Self.d("2026-11-30"), toDate: nil, toTime: LocalTime(hhmm: "17:15"), in: s, engine: e) { _ in "" }
        }
        #expect(r?.message.hasPrefix("the move changes neither the day nor the time") == true)
    }

    @Test func aRemovalFindsTheEntryAndTheWindowItAffects() throws {
        let s = try ScheduleFixture.schedule(Self.json)
        let move = try ExceptionEdits.removal(date: Self.d("2026-12-10"), to: nil, classID: "hips-thursday", in: s) { _ in "" }
        #expect(move.indices == [1])
        #expect(move.window == (Self.d("2026-12-10"), Self.d("2026-12-11")))
        let closure = try ExceptionEdits.removal(date: Self.d("2026-12-24"), to: nil, classID: nil, in: s) { _ in "" }
        #expect(closure.indices == [0])
        #expect(closure.window == (Self.d("2026-12-24"), Self.d("2027-01-03")))
    }
}
