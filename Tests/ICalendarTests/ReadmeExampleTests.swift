import Foundation
import ICalendar
import Testing

/// The README's library example, compiled and run. The second test keeps the README's copy
/// identical to this one.
@Suite struct ReadmeExampleTests {
    static func readmeExample() throws -> [UInt8] {
        // README example begins
        let london = try TimeZoneDatabase().rules(for: "Europe/London")
        let start = LocalDateTime(
            date: LocalDate(year: 2026, month: 11, day: 30)!, time: LocalTime(hour: 17, minute: 15)!)
        let startInstant = london.instant(for: start)
        let event = Component("VEVENT", properties: [
            Property("UID", raw: "hips-monday-20261130@circl.example"),
            Property("DTSTAMP", utc: startInstant),
            Property("DTSTART", local: start, timeZone: london.identifier),
            Property("DURATION", raw: "PT30M"),
            Property("SUMMARY", text: "Hip Mobility & Stretch"),
        ])
        let calendar = Component(
            "VCALENDAR",
            properties: [Property("VERSION", raw: "2.0"), Property("PRODID", raw: "-//Example//Studio//EN")],
            components: [TimeZoneComponent.make(london, covering: startInstant...startInstant + 1800), event])
        let body: [UInt8] = calendar.serialized()  // serve as "text/calendar; charset=utf-8"
        // README example ends
        return body
    }

    @Test func theExampleBuildsAFeedThatReadsBack() throws {
        let body = try Self.readmeExample()
        let cal = try #require(try ICalendarReader().parse(body).first)
        let event = try #require(cal.components(named: "VEVENT").first)
        #expect(event.property("DTSTART")?.value == "20261130T171500")
        #expect(event.property("DTSTART")?.parameter("TZID")?.value == "Europe/London")
        #expect(event.property("SUMMARY")?.textValue == "Hip Mobility & Stretch")
        #expect(cal.components(named: "VTIMEZONE").count == 1)
        #expect(event.property("DTSTAMP")?.value == "20261130T171500Z")
    }

    @Test func theReadmeShowsExactlyThisExample() throws {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: here, encoding: .utf8)
        func normalized(_ lines: some Sequence<Substring>) -> [String] {
            lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let begin = try #require(source.range(of: "// README example begins\n"))
        let end = try #require(source.range(of: "// README example ends"))
        let inTest = normalized(source[begin.upperBound..<end.lowerBound].split(separator: "\n"))
        let blockStart = try #require(readme.range(of: "```swift\nimport ICalendar\n"))
        let blockEnd = try #require(readme.range(of: "```", range: blockStart.upperBound..<readme.endIndex))
        let inReadme = normalized(readme[blockStart.upperBound..<blockEnd.lowerBound].split(separator: "\n"))
        #expect(inReadme == inTest)
    }
}
