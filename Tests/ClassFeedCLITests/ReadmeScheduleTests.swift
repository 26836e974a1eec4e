import Foundation
import Testing

/// The schedule example in the README is a real schedule: `classfeed check` accepts it.
@Suite struct ReadmeScheduleTests {
    @Test func theReadmeScheduleExampleIsValid() throws {
        let readme = try String(contentsOf: ClassfeedProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## The schedule format"))
        let start = try #require(readme.range(of: "```json\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let dir = try ClassfeedProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(readme[start.upperBound..<end.lowerBound].utf8).write(to: dir.appendingPathComponent("schedule.json"))
        let r = try ClassfeedProcess.run(["check", "--strict", "--now", "2026-11-27T09:00:00Z"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("schedule.json: ok: 2 classes, 4 exceptions"))
    }
}
