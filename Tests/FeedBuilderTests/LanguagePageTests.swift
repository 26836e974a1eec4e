import Foundation
import Testing

@testable import FeedBuilder
import CivilTime
import Timetable

/// The subscribe page in each language: golden files of the studio's page and of a page with
/// every kind of class and change, its `<html lang>`, no English left where the language has
/// its own words, and right-to-left titles shown in their own direction.
@Suite("language pages") struct LanguagePageTests {
    static let updated: Int64 = 1_795_770_000  // 2026-11-27T09:00:00Z

    func html(_ json: String, today: String = "2026-11-27") throws -> String {
        let s = try Support.schedule(json)
        let day = try #require(LocalDate(iso: today))
        let builder = FeedBuilder(schedule: s, options: FeedOptions(from: day, to: day.adding(days: 200), stamp: Self.updated))
        return String(decoding: SubscribePage(builder: builder, today: day).render(updated: Self.updated), as: UTF8.self)
    }

    /// The page schedule of every kind of class and change, with a public address so that
    /// every app's steps show.
    static func everything(_ language: Language) -> String {
        LanguageGoldenTests.everything(language).replacingOccurrences(
            of: "\"cancellations\": \"show\"", with: "\"cancellations\": \"show\", \"publicURL\": \"https://studio.example/feeds/\"")
    }

    @Test("the studio's page in each language", arguments: Language.allCases)
    func studioPage(language: Language) throws {
        let page = try html(try LanguageGoldenTests.studio(language))
        #expect(page.contains("<html lang=\"\(language.tag)\">"))
        try Support.expectGolden(Array(page.utf8), "languages/\(language.tag)/index.html")
    }

    @Test("a page with every kind of class and change in each language", arguments: Language.allCases)
    func everythingPage(language: Language) throws {
        let page = try html(Self.everything(language))
        try Support.expectGolden(Array(page.utf8), "languages/\(language.tag)/everything.html")
        guard language != .english else { return }
        // No English phrase is left where the language has words of its own.
        let english = Wording(language: .english), own = Wording(language: language)
        for key in PhraseKey.allCases where key.placeholders.isEmpty && english[key] != own[key] && english[key].count > 8 {
            #expect(!page.contains(PageWords.escape(english[key])), "\(language.tag): \(key) in English")
        }
        for word in ["Weekly timetable", "Instructor", "Changes in the coming", "Cancelled", "Moved", "Subscribe", "Download", "Times are"] {
            #expect(!page.contains(word), "\(language.tag): \(word)")
        }
    }

    @Test("a title, an instructor and a reason in Arabic or Hebrew keep their own direction on the page")
    func rightToLeft() throws {
        let json = """
            {"calendar": {"id": "c", "name": "סטודיו", "timezone": "Asia/Jerusalem", "uidDomain": "c.example", "language": "fr",
                          "publicURL": "https://c.example/feeds/"},
             "classes": [
               {"id": "hips", "title": "تمارين الورك", "days": ["monday"], "start": "17:15", "durationMinutes": 30, "instructor": "נועה"},
               {"id": "open", "title": "יום פתוח 2", "dates": ["2026-12-10"], "start": "10:00", "durationMinutes": 60}],
             "exceptions": [
               {"date": "2026-11-30", "class": "hips", "reason": "مغلق"},
               {"date": "2026-12-07", "class": "hips", "change": {"instructor": "دانة"}}]}
            """
        let page = try html(json)
        #expect(page.contains("<h1 dir=\"auto\">סטודיו</h1>"))
        #expect(page.contains("<h4 dir=\"auto\">تمارين الورك</h4>"))
        #expect(page.contains("<h3 dir=\"auto\">יום פתוח 2</h3>"))
        #expect(page.contains("<dd dir=\"auto\">נועה</dd>"))
        // Inside a French sentence, each value is isolated: its direction does not reorder the words around it.
        #expect(page.contains("<bdi>تمارين الورك</bdi> le <time"))
        #expect(page.contains("(<bdi>مغلق</bdi>)"))
        #expect(page.contains("<bdi>تمارين الورك</bdi> assuré par <bdi>دانة</bdi> le <time"))
        #expect(page.contains("<summary dir=\"auto\">"))
        #expect(page.contains("<html lang=\"fr\">"))
    }
}
