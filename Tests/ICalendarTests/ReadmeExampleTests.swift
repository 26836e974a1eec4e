import Foundation
import ICalendar
import Testing

/// The README's library example (ReadmeExample.swift), compiled and run; the second test keeps
/// the README's copy identical to it.
@Suite struct ReadmeExampleTests {
    @Test func theExampleBuildsAFeedThatReadsBack() throws {
        let body = try ReadmeExample.body()
        let cal = try #require(try ICalendarReader().parse(body).first)
        let events = cal.components(named: "VEVENT")
        #expect(events.count == 3)
        let hips = try #require(events.first)
        #expect(hips.property("DTSTART")?.value == "20261130T171500")
        #expect(hips.property("DTSTART")?.parameter("TZID")?.value == "Europe/London")
        #expect(hips.property("SUMMARY")?.textValue == "Hip Mobility & Stretch")
        #expect(hips.property("DTSTAMP")?.value == "20261130T005320Z")
        #expect(events[1].property("SUMMARY")?.value == "Morning Flow\\; all levels")
        #expect(cal.components(named: "VTIMEZONE").compactMap { $0.property("TZID")?.value } == ["America/New_York", "Europe/London"])
        let typed = try ICalendar.Calendar(parsing: body)
        #expect(typed.name == "Stillpoint Studio")
        let all = try typed.occurrences(from: 1_796_000_000, to: 1_800_000_000, timeZones: TimeZoneDatabase())
        #expect(all.count == 9)  // seven Mondays to 11 Jan, the flow class, the closed day
    }

    @Test func theReadmeShowsExactlyThisExample() throws {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: here.deletingLastPathComponent().appendingPathComponent("ReadmeExample.swift"), encoding: .utf8)
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
