import Foundation
import ICalendar
import Testing

/// The DocC articles' code (DocCArticleExamples.swift, README example in ReadmeExample.swift)
/// is the code that compiles and runs here.
@Suite struct DocCArticleTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let catalog = here.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/ICalendar/ICalendar.docc")

    static func normalized(_ text: some StringProtocol) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "import ICalendar" && $0 != "instances.append(instance)" }
    }

    /// The `n`th (1-based) Swift code block of an article.
    static func block(_ article: String, _ n: Int) throws -> [String] {
        let text = try String(contentsOf: catalog.appendingPathComponent(article + ".md"), encoding: .utf8)
        let parts = text.components(separatedBy: "```swift\n")
        let body = try #require(parts.dropFirst(n).first?.components(separatedBy: "```").first)
        return normalized(body)
    }

    /// The code between `// <marker> begins` and `// <marker> ends` in a test source file.
    static func marked(_ file: String, _ marker: String) throws -> [String] {
        let text = try String(contentsOf: here.appendingPathComponent(file), encoding: .utf8)
        let begin = try #require(text.range(of: "// \(marker) begins\n"))
        let end = try #require(text.range(of: "// \(marker) ends"))
        return normalized(text[begin.upperBound..<end.lowerBound])
    }

    @Test func theArticlesShowTheCodeThatIsCompiledHere() throws {
        #expect(try Self.block("ServingAFeed", 1) == Self.marked("DocCArticleExamples.swift", "ServingAFeed block 1"))
        #expect(try Self.block("ReadingAndExpanding", 1) == Self.marked("DocCArticleExamples.swift", "ReadingAndExpanding block 1"))
        #expect(try Self.block("ReadingAndExpanding", 2) == Self.marked("DocCArticleExamples.swift", "ReadingAndExpanding block 2"))
        #expect(try Self.block("ReadingAndExpanding", 3) == Self.marked("DocCArticleExamples.swift", "ReadingAndExpanding block 3"))
        #expect(try Self.block("GettingStarted", 2) == Self.marked("ReadmeExample.swift", "README example"))
    }

    @Test func theServerAnswersWithTheFeedAndRevalidates() throws {
        let endpoint = FeedEndpoint()
        let first = endpoint.respond(path: "/classes.ics", ifNoneMatch: nil)
        #expect(first.status == 200)
        #expect(first.headers.contains { $0 == ("Content-Type", "text/calendar; charset=utf-8") })
        let etag = try #require(first.headers.first { $0.0 == "ETag" }?.1)
        #expect(endpoint.respond(path: "/classes.ics", ifNoneMatch: etag).status == 304)
        #expect(endpoint.respond(path: "/other", ifNoneMatch: nil).status == 404)
        #expect(try ICalendar.Calendar(parsing: first.body).events.count == 1)
    }

    @Test func theReadingArticleReadsAndExpandsTheReadmeFeed() throws {
        let (lines, instances) = try ReadingArticle.run(ReadmeExample.body())
        #expect(lines.first == "Stillpoint Studio 3")
        #expect(lines.dropFirst().first == "hips@stillpoint.example Hip Mobility & Stretch FREQ=WEEKLY;COUNT=10;BYDAY=MO")
        #expect(instances.count == 7)  // five Mondays, the flow class and the closed day in 30 days from 30 Nov 2026
    }

    @Test func theRecurrenceSetExampleGivesTheLastWorkdays() throws {
        let calendar = ICalendar.Calendar(events: [try RecurrenceSetArticle.review()])
        let london = try TimeZoneDatabase().rules(for: "Europe/London")
        let instances = try calendar.occurrences(from: 1_798_000_000, to: 1_807_000_000, timeZones: TimeZoneDatabase())
        // 29 Jan, the extra 10 Feb (90 minutes), 26 Feb, 31 Mar 2027.
        #expect(instances.map { "\(london.localDateTime(at: $0.start)) \(($0.end - $0.start) / 60)" } == [
            "2027-01-29T16:00 60", "2027-02-10T09:00 90", "2027-02-26T16:00 60", "2027-03-31T16:00 60",
        ])
    }
}
