import Foundation
import ICalendarFoundation
import Testing

/// The "With Foundation" example of the GettingStarted article, compiled and run here; the
/// article shows exactly this code.
@Suite struct GettingStartedExampleTests {
    static func example(_ classStart: Date) throws -> [String] {
        var lines: [String] = []
        func print(_ items: Any...) { lines.append(items.map { "\($0)" }.joined(separator: " ")) }
        // GettingStarted Foundation begins
        let london = TimeZone(identifier: "Europe/London")!
        let event = try Event(uid: "hips@stillpoint.example", start: .local(classStart, in: london),
                              end: .duration(CalendarDuration(exactly: 30 * 60)), summary: "Hip Mobility & Stretch",
                              recurrenceRule: RecurrenceRule(.weekly, end: .count(10)))
        let calendar = ICalendar.Calendar(events: [event])
        for instance in try calendar.occurrences(from: classStart, to: classStart.addingTimeInterval(30 * 86_400)) {
            print(instance.startDate, instance.endDate)
        }
        // GettingStarted Foundation ends
        return lines
    }

    static func normalized(_ text: some StringProtocol) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "import ICalendarFoundation" }
    }

    @Test func theArticleShowsThisCodeAndItRuns() throws {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let article = here.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ICalendar/ICalendar.docc/GettingStarted.md")
        let text = try String(contentsOf: article, encoding: .utf8)
        let block = try #require(text.components(separatedBy: "```swift\n").dropFirst(4).first?.components(separatedBy: "```").first)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let begin = try #require(source.range(of: "// GettingStarted Foundation begins\n"))
        let end = try #require(source.range(of: "// GettingStarted Foundation ends"))
        #expect(Self.normalized(block) == Self.normalized(source[begin.upperBound..<end.lowerBound]))
        // Mondays 30 Nov to 28 Dec 2026 at 17:15 London (GMT): five in 30 days.
        let lines = try Self.example(Date(instant: 1_796_058_900))
        #expect(lines.count == 5)
        #expect(lines.first == "2026-11-30 17:15:00 +0000 2026-11-30 17:45:00 +0000")
    }
}
