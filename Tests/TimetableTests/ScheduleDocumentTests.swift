import CivilTime
import Testing
@testable import Timetable

@Suite("ScheduleDocument: exceptions edited in the file's own layout")
struct ScheduleDocumentTests {
    /// A schedule in the layout ``JSONLayout`` writes.
    static let formatted = """
        {
          "calendar": {
            "id": "circl",
            "name": "CIRCL é’",
            "timezone": "Europe/London",
            "uidDomain": "circl.example"
          },
          "classes": [
            {
              "id": "hips-monday",
              "title": "Hip \\"Mobility\\" & Stretch\\n",
              "days": ["monday", "thursday"],
              "start": "17:15",
              "durationMinutes": 30,
              "ignoreHolidays": true
            }
          ],
          "holidayCalendars": [],
          "exceptions": [
            { "from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure" },
            { "date": "2026-12-10", "class": "hips-monday", "moveTo": { "start": "18:00" } }
          ],
          "extra": {},
          "n": -1.5e+3,
          "z": null
        }

        """

    @Test("a new entry goes after the last one that starts on or before it, keys in the contract's order")
    func insertsInDateOrder() throws {
        var doc = try ScheduleDocument(bytes: Array(Self.formatted.utf8))
        let day = try #require(LocalDate(iso: "2026-12-15"))
        let entry = ScheduleDocument.entry(.cancel(from: day, to: day), classID: "hips-monday", reason: "Away")
        #expect(ScheduleDocument.text(of: entry) == #"{ "date": "2026-12-15", "class": "hips-monday", "reason": "Away" }"#)
        #expect(doc.insertException(entry, firstDate: day) == 2)
        let early = try #require(LocalDate(iso: "2026-01-05"))
        #expect(doc.insertException(ScheduleDocument.entry(.move(date: early, toDate: nil, toStart: LocalTime(hhmm: "18:00")), classID: "hips-monday", reason: nil), firstDate: early) == 0)
        #expect(doc.exceptions.map(ScheduleDocument.text(of:)) == [
            #"{ "date": "2026-01-05", "class": "hips-monday", "moveTo": { "start": "18:00" } }"#,
            #"{ "from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure" }"#,
            #"{ "date": "2026-12-10", "class": "hips-monday", "moveTo": { "start": "18:00" } }"#,
            #"{ "date": "2026-12-15", "class": "hips-monday", "reason": "Away" }"#,
        ])
        doc.removeExceptions(at: [0, 3])
        #expect(doc.bytes == Array(Self.formatted.utf8))
    }
}
