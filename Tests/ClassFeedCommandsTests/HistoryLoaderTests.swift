@testable import ClassFeedCommands
import FeedBuilder
import Testing

/// Reading a large previous feed in two halves at once gives exactly what one pass gives.
@Suite struct HistoryLoaderTests {
    /// Six classes over two years, one moved and one covered: about 600 events in the combined feed.
    static let schedule = """
        {
          "calendar": {"id": "net", "name": "Net", "timezone": "Europe/London", "uidDomain": "net.example"},
          "classes": [
            {"id": "a", "title": "A", "days": ["monday", "wednesday"], "start": "07:00", "durationMinutes": 45},
            {"id": "b", "title": "B", "days": ["tuesday"], "start": "18:00", "durationMinutes": 60, "timezone": "America/New_York"},
            {"id": "c", "title": "C", "days": ["thursday", "friday"], "start": "12:30", "durationMinutes": 30},
            {"id": "d", "title": "D", "days": ["saturday"], "start": "09:00", "durationMinutes": 90, "description": "Bring a mat; water, a towel."},
            {"id": "e", "title": "E", "days": ["sunday"], "start": "10:00", "durationMinutes": 60}
          ],
          "exceptions": [
            {"date": "2027-03-10", "class": "a", "moveTo": {"start": "08:00"}},
            {"from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure"}
          ]
        }
        """

    /// The folder after a build, then again after one class changed (so SEQUENCEs differ).
    static func builtFolder() -> InMemoryFileSystem {
        let fs = InMemoryFileSystem(files: ["schedule.json": Array(schedule.utf8)])
        let args = ["build", "--no-class-feeds", "--no-page", "--from", "2026-01-01", "--to", "2027-12-31"]
        _ = CommandRun(args + ["--now", "2026-11-27T09:00:00Z"], in: fs)
        fs.write("schedule.json", schedule.replacingOccurrences(of: "\"title\": \"C\"", with: "\"title\": \"C2\""))
        _ = CommandRun(args + ["--now", "2026-11-28T09:00:00Z"], in: fs)
        return fs
    }

    static func history(_ fs: InMemoryFileSystem, halves: Bool) -> (RevisionHistory, [String]) {
        // The feed itself is read here, not the revisions the build saved beside it.
        fs.remove("output/" + RevisionIndex.fileName)
        let loader = HistoryLoader(directory: "output", combinedName: "net.ics", fileSystem: fs)
        loader.halvesFrom = halves ? 1024 : .max
        let h = loader.combinedHistory()
        return (h, loader.warnings)
    }

    @Test func twoHalvesReadWhatOnePassReads() {
        let fs = Self.builtFolder()
        let (whole, _) = Self.history(fs, halves: false)
        let (halves, warnings) = Self.history(fs, halves: true)
        #expect(whole.count > 500)
        #expect(halves.revisions == whole.revisions)
        #expect(warnings.isEmpty)
        #expect(whole.revisions.values.contains { $0.sequence == 1 })
        // Read in halves indeed, not whole after a failed try.
        let loader = HistoryLoader(directory: "output", combinedName: "net.ics", fileSystem: fs)
        loader.halvesFrom = 1024
        #expect(loader.readInHalves("output/net.ics")?.revisions == whole.revisions)
    }

    @Test func aDamagedFeedIsReportedAsInOnePass() throws {
        let fs = Self.builtFolder()
        let feed = try #require(fs.bytes("output/net.ics"))
        // An event left open in the middle, a SEQUENCE out of range near the end.
        let text = String(decoding: feed, as: UTF8.self)
        let broken = [
            text.replacingOccurrences(of: "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:c-2027", with: "BEGIN:VEVENT\r\nUID:c-2027"),
            text.replacingOccurrences(of: "SEQUENCE:1\r\n", with: "SEQUENCE:99999999999\r\n"),
            String(text.prefix(text.utf8.count * 2 / 3)) + "END:VCALENDAR\r\n",
        ]
        for b in broken {
            fs.write("output/net.ics", b)
            let (whole, w1) = Self.history(fs, halves: false)
            let (halves, w2) = Self.history(fs, halves: true)
            #expect(halves.revisions == whole.revisions)
            #expect(w1 == w2)
            #expect(!w1.isEmpty)
            let loader = HistoryLoader(directory: "output", combinedName: "net.ics", fileSystem: fs)
            loader.halvesFrom = 1024
            #expect(loader.readInHalves("output/net.ics") == nil)
        }
    }
}
