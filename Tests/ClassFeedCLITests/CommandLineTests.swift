import Foundation
import Testing

/// What the command line itself refuses before any command runs (docs/HARDENING.md, "Bad input").
@Suite struct CommandLineTests {
    @Test func anOptionValueThatStartsWithTwoDashesIsAUsageError() throws {
        let studio = try Studio()
        let r = try studio.run("build", "--output", "--now", "2026-11-27T09:00:00Z")
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.contains("option '--output' needs a value; to use '--now' as the value write --output=--now"), "\(r.stderr)")
        #expect(studio.files() == ["schedule.json"], "no folder named --now")
        let reason = try studio.run("exceptions", "add", "2026-12-07", "--reason", "--schedule", "schedule.json")
        #expect(reason.status == 64, "\(reason)")
        #expect(reason.stderr.contains("option '--reason' needs a value; to use '--schedule' as the value write --reason=--schedule"))
    }

    @Test func aValueWrittenWithAnEqualsSignMayStartWithTwoDashes() throws {
        let studio = try Studio()
        let r = try studio.run("build", "--output=--now", "--now", "2026-11-27T09:00:00Z")
        #expect(r.status == 0, "\(r)")
        #expect(studio.exists("--now/circl.ics"))
        // A single dash is still a value (standard input/output by convention; here a folder).
        let dash = try studio.run("build", "--output", "-", "--now", "2026-11-27T09:00:00Z")
        #expect(dash.status == 0, "\(dash)")
    }
}
