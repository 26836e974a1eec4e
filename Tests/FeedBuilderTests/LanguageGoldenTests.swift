import Foundation
import Testing

@testable import FeedBuilder
import ICalendar
import Timetable

/// What members of a studio in each language get, compared byte for byte with reviewed golden
/// files in `Golden/languages/<tag>/`: the studio's own schedule.json with `language` set, and
/// a schedule with every kind of class and exception, so every phrase of the feeds shows.
@Suite("language golden files") struct LanguageGoldenTests {
    /// The repository's schedule.json with `calendar.language` set. Its `bookingLabel` is the
    /// studio's own English wording, which would win over the language's: left out here.
    static func studio(_ language: Language) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("schedule.json")
        let json = try String(contentsOf: url, encoding: .utf8)
        let label = #",\#n    "bookingLabel": "Book your classes""#
        #expect(json.contains(label))
        return json.replacingOccurrences(of: label, with: ",\n    \"language\": \"\(language.tag)\"")
    }

    /// Every phrase of the feeds: a cover, a room change, a new title and length, a note, a
    /// move, a cancellation shown as cancelled, every other week, monthly, one-off dates.
    static func everything(_ language: Language) -> String {
        """
        {
          "calendar": {"id": "studio", "name": "Studio", "timezone": "Europe/London", "uidDomain": "studio.example",
                       "url": "https://studio.example/book", "cancellations": "show", "language": "\(language.tag)"},
          "classes": [
            {"id": "hips", "title": "Hip Mobility & Stretch", "days": ["monday", "thursday"], "start": "17:15", "durationMinutes": 30,
             "instructor": "Priya", "location": "Studio 1"},
            {"id": "beginners", "title": "Beginners", "days": ["wednesday"], "every": 2, "from": "2026-12-02", "start": "18:00",
             "durationMinutes": 45},
            {"id": "workshop", "title": "Workshop", "monthly": ["first saturday", "last sunday"], "start": "10:00", "durationMinutes": 120},
            {"id": "open-day", "title": "Open Day", "dates": ["2026-12-19"], "start": "10:00", "durationMinutes": 90}
          ],
          "exceptions": [
            {"date": "2026-12-03", "class": "hips", "reason": "Priya ill"},
            {"date": "2026-12-07", "class": "hips", "moveTo": {"date": "2026-12-08", "start": "18:00"}, "reason": "Hall booked"},
            {"from": "2026-12-10", "to": "2026-12-14", "class": "hips",
             "change": {"instructor": "Sam", "location": "Studio 2", "title": "Hip Flow", "durationMinutes": 45, "note": "Bring a strap"},
             "reason": "Priya is away"}
          ],
          "feeds": [{"id": "sam", "name": "Sam", "instructor": "Sam"}]
        }
        """
    }

    static let stamp: Int64 = 1_795_770_000  // 2026-11-27T09:00:00Z

    func build(_ json: String, from: String, to: String, style: FeedStyle = .occurrences) throws -> [FeedFile] {
        let s = try Support.schedule(json)
        let options = FeedOptions(
            from: try #require(LocalDate(iso: from)), to: try #require(LocalDate(iso: to)), stamp: Self.stamp, style: style)
        return FeedBuilder(schedule: s, options: options).allFeeds()
    }

    @Test("the studio's feeds in each language", arguments: Language.allCases)
    func studioFeeds(language: Language) throws {
        try makeFolder(language)
        let files = try build(try Self.studio(language), from: "2026-11-23", to: "2027-01-17")
        #expect(files.map(\.name) == ["circl.ics", "circl-hips-monday.ics", "circl-hips-thursday.ics"])
        try Support.expectGolden(files[0].bytes, "languages/\(language.tag)/circl.ics")
        try Support.expectGolden(files[1].bytes, "languages/\(language.tag)/circl-hips-monday.ics")
    }

    @Test("every phrase of the feeds in each language", arguments: Language.allCases)
    func everyPhrase(language: Language) throws {
        try makeFolder(language)
        let files = try build(Self.everything(language), from: "2026-11-30", to: "2026-12-31")
        try Support.expectGolden(files[0].bytes, "languages/\(language.tag)/everything.ics")
        let names = files.map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(names.allSatisfy { $0.contains(language == .english ? "\r\nNAME:" : "\r\nNAME;LANGUAGE=\(language.tag):") })
        let series = try build(Self.everything(language), from: "2026-11-30", to: "2026-12-31", style: .series)
        try Support.expectGolden(series[0].bytes, "languages/\(language.tag)/everything-series.ics")
    }

    private func makeFolder(_ language: Language) throws {
        try FileManager.default.createDirectory(
            at: Support.goldenDirectory.appendingPathComponent("languages/\(language.tag)"), withIntermediateDirectories: true)
    }
}
