import Foundation
import ICalendar
import Testing

/// The README's "Languages" example is built as an owner builds it: the class feed's name and
/// an event's description are what the README says, and its two misspellings give the errors
/// it quotes.
@Suite struct ReadmeLanguageTests {
    static func readme() throws -> String {
        try String(contentsOf: ClassfeedProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    }

    static func example() throws -> String {
        let readme = try readme()
        let section = try #require(readme.range(of: "### Languages: `language` and `strings`"))
        let start = try #require(readme.range(of: "```json\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        return String(readme[start.upperBound..<end.lowerBound])
    }

    @Test func theReadmeLanguageExampleBuildsAFrenchFeed() throws {
        let dir = try ClassfeedProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(try Self.example().utf8).write(to: dir.appendingPathComponent("schedule.json"))
        let r = InProcess.run(["build", "--now", "2026-11-27T09:00:00Z", "--from", "2026-11-30", "--to", "2026-12-06"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = try Data(contentsOf: dir.appendingPathComponent("output/circl-hanches-lundi.ics"))
        let cal = try #require(try ICalendarReader().parse(Array(bytes)).first)
        let name = try #require(cal.property("NAME")?.textValue)
        #expect(name == "CIRCL\u{A0}: Mobilité des hanches, le lundi à 18:30")
        let description = try #require(cal.components(named: "VEVENT").first?.property("DESCRIPTION")?.textValue)
        #expect(description == "Avec Priya\n\nRéservez sur notre site\u{A0}: https://circl.example/reserver")
        // The README writes the no-break space before a French colon as a plain space.
        let readme = try Self.readme().replacingOccurrences(of: "\n", with: " ")
        #expect(readme.contains("named \"" + name.replacingOccurrences(of: "\u{A0}", with: " ") + "\""))
        #expect(readme.contains("\"Réservez sur notre site : https://circl.example/reserver\""))
    }

    @Test func theReadmeLanguageErrorsAreWhatCheckSays() throws {
        let dir = try ClassfeedProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = try Self.example().replacingOccurrences(of: "\"bookingLabel\":", with: "\"bookingLable\":")
            .replacingOccurrences(of: "{instructor}", with: "{instrutor}")
        try Data(broken.utf8).write(to: dir.appendingPathComponent("schedule.json"))
        let r = InProcess.run(["check"], in: dir)
        #expect(r.status == 65)
        let readme = try Self.readme()
        let lines = r.stderr.split(separator: "\n").prefix(4).map(String.init)
        #expect(lines.count == 4)
        for line in lines { #expect(readme.contains(line + "\n"), "README lacks: \(line)") }
    }
}
