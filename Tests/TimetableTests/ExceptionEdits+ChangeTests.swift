import CivilTime
import Testing

@testable import Timetable

/// `ExceptionEdits.checkChange`: what a change of one class's occurrences may be, as values.
@Suite struct ExceptionEditsChangeTests {
    static let json = """
        {"calendar": {"id": "circl", "name": "CIRCL", "timezone": "Europe/London", "uidDomain": "circl.example"},
         "classes": [
           {"id": "hips-monday", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 30, "instructor": "Priya"},
           {"id": "flow", "title": "Flow", "days": ["wednesday"], "every": 2, "from": "2027-01-06", "start": "18:00", "durationMinutes": 60},
           {"id": "brunch", "title": "Brunch", "monthly": ["first saturday"], "start": "10:00", "durationMinutes": 90}],
         "exceptions": [
           {"from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure"},
           {"from": "2027-01-11", "to": "2027-01-18", "class": "hips-monday", "change": {"instructor": "Sam"}},
           {"date": "2027-01-25", "class": "hips-monday", "moveTo": {"start": "18:00"}, "change": {"location": "Studio 2"}}]}
        """

    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    /// The notes, or the refusal's message.
    func check(_ id: String, _ from: String, _ to: String? = nil, _ change: OccurrenceChange) throws -> Result<[String], ExceptionEditRefusal> {
        let s = try ScheduleFixture.schedule(Self.json)
        do throws(ExceptionEditRefusal) {
            return .success(try ExceptionEdits.checkChange(
                classID: id, from: Self.d(from), to: Self.d(to ?? from), change: change, in: s, engine: RecurrenceEngine(schedule: s)) { _ in "{…}" })
        } catch {
            return .failure(error)
        }
    }

    func message(_ r: Result<[String], ExceptionEditRefusal>) -> String? {
        if case .failure(let e) = r { return e.message }
        return nil
    }

    @Test func aCoverOfAnOpenDayIsAllowedWithoutNotes() throws {
        #expect(try check("hips-monday", "2027-01-04", nil, OccurrenceChange(instructor: "Sam")) == .success([]))
    }

    @Test func anotherWeekOfAnEveryOtherWeekClassHasNothingToChange() throws {
        let r = message(try check("flow", "2027-01-13", nil, OccurrenceChange(location: "Studio 2")))
        #expect(r == "class flow does not run on Wed 13 Jan 2027, so there is nothing to change; schedule.json was not changed\n"
            + "  hint: flow runs every other Wednesday at 18:00 from Wed 6 Jan 2027")
        #expect(try check("flow", "2027-01-20", nil, OccurrenceChange(location: "Studio 2")) == .success([]))
    }

    @Test func aMonthlyClassChangesOnItsDay() throws {
        #expect(try check("brunch", "2027-02-06", nil, OccurrenceChange(durationMinutes: 60)) == .success([]))
        let r = message(try check("brunch", "2027-02-13", nil, OccurrenceChange(durationMinutes: 60)))
        #expect(r?.hasPrefix("class brunch does not run on Sat 13 Feb 2027") == true)
    }

    @Test func theClassesOwnValuesChangeNothing() throws {
        let r = message(try check("hips-monday", "2027-01-04", nil, OccurrenceChange(instructor: "Priya", durationMinutes: 30)))
        #expect(r == "the change changes nothing: hips-monday already has instructor Priya, 30 minutes; schedule.json was not changed\n"
            + "  hint: give another instructor, location, title, note or length")
    }

    @Test func aPartlyCancelledRangeIsAllowedWithANote() throws {
        let r = try check("hips-monday", "2026-12-21", "2027-01-04", OccurrenceChange(note: "Bring a strap"))
        #expect(r == .success([
            "note: Mon 28 Dec 2026: hips-monday is cancelled by exceptions[0] \"Christmas closure\"; the change applies to the other 2 occurrences"
        ]))
    }

    @Test func aFieldGivenAnotherValueOnTheSameOccurrenceIsRefused() throws {
        let r = message(try check("hips-monday", "2027-01-04", "2027-01-11", OccurrenceChange(instructor: "Alex")))
        #expect(r?.hasPrefix("Mon 11 Jan 2027: exceptions[1] {…} already gives the instructor of hips-monday as \"Sam\", not \"Alex\"") == true)
        // The move's own change counts too.
        let moved = message(try check("hips-monday", "2027-01-25", nil, OccurrenceChange(location: "Studio 3")))
        #expect(moved?.hasPrefix("Mon 25 Jan 2027: exceptions[2] {…} already gives the location of hips-monday as \"Studio 2\"") == true)
    }

    @Test func whatTheScheduleSaysAlreadyIsRefusedButMoreIsNot() throws {
        let r = message(try check("hips-monday", "2027-01-18", nil, OccurrenceChange(instructor: "Sam")))
        #expect(r?.hasPrefix("schedule.json already says this: exceptions[1] {…}") == true)
        #expect(try check("hips-monday", "2027-01-18", nil, OccurrenceChange(instructor: "Sam", location: "Studio 2")) == .success([]))
        #expect(try check("hips-monday", "2027-01-11", "2027-01-25", OccurrenceChange(instructor: "Sam")) == .success([]))
    }
}
