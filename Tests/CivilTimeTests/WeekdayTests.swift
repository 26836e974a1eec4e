import Testing

@testable import CivilTime

@Suite("Weekday")
struct WeekdayTests {
    @Test("names, abbreviations and RFC 5545 codes map both ways")
    func names() {
        let expected: [(Weekday, String, String, String)] = [
            (.monday, "monday", "Mon", "MO"), (.tuesday, "tuesday", "Tue", "TU"),
            (.wednesday, "wednesday", "Wed", "WE"), (.thursday, "thursday", "Thu", "TH"),
            (.friday, "friday", "Fri", "FR"), (.saturday, "saturday", "Sat", "SA"),
            (.sunday, "sunday", "Sun", "SU"),
        ]
        #expect(Weekday.allCases.count == 7)
        for (i, (day, name, short, code)) in expected.enumerated() {
            #expect(day.rawValue == i + 1)
            #expect(day.name == name)
            #expect(day.shortName == short)
            #expect(day.icalendarCode == code)
            #expect(Weekday(name: name) == day)
            #expect(Weekday(icalendarCode: code) == day)
        }
    }

    @Test("names are exact and lowercase", arguments: ["Monday", "MONDAY", "mon", "", "monday ", "mo"])
    func rejectsOtherSpellings(text: String) {
        #expect(Weekday(name: text) == nil)
    }

    @Test("RFC 5545 codes are exact", arguments: ["mo", "MON", "", "XX"])
    func rejectsOtherCodes(text: String) {
        #expect(Weekday(icalendarCode: text) == nil)
    }

    @Test("weekdays order Monday first, as ISO 8601 does")
    func ordering() {
        #expect(Weekday.allCases.sorted() == Weekday.allCases)
        #expect(Weekday.monday < .sunday)
    }
}
