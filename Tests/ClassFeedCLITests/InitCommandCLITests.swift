import Foundation
import Testing

/// `classfeed init` on the disk: the file appears whole or not at all, and nothing already at
/// the path (a file, a link that points nowhere) is ever replaced.
@Suite("classfeed init on the disk")
struct InitCommandCLITests {
    @Test func writesTheStarterAndLeavesNoTemporaryFileBehind() throws {
        let studio = try Studio()
        let r = try studio.run("init", "--schedule", "new.json", "--timezone", "Europe/London", "--now", "2026-11-27")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(studio.files() == ["new.json", "schedule.json"])
        #expect(studio.text("new.json")?.hasPrefix("{\n  \"calendar\": {\n    \"id\": \"my-studio\",\n") == true)
        #expect(try studio.run("check", "--schedule", "new.json", "--now", "2026-11-27").status == 0)
    }

    @Test func refusesAnExistingFileAndADanglingLink() throws {
        let studio = try Studio()
        let before = studio.bytes("schedule.json")
        let r = try studio.run("init", "--timezone", "Europe/London")
        #expect(r.status == 73)
        #expect(r.stderr.hasPrefix("classfeed: error: schedule.json already exists; classfeed init never overwrites a schedule"), "\(r.stderr)")
        #expect(studio.bytes("schedule.json") == before)

        let target = studio.scratch.appendingPathComponent("elsewhere.json")
        try FileManager.default.createSymbolicLink(
            atPath: studio.folder.appendingPathComponent("link.json").path, withDestinationPath: target.path)
        #expect(try studio.run("init", "--schedule", "link.json", "--timezone", "Europe/London").status == 73)
        #expect(!FileManager.default.fileExists(atPath: target.path))
        #expect(studio.files() == ["link.json", "schedule.json"])
    }
}
