import ClassFeedCommands
import Testing

/// Whole commands against the in-memory file system: what they print, what they write, their
/// exit status. No disk, no process.
@Suite struct InMemoryCommandTests {
    static let schedule = """
        {
          "calendar": {"id": "circl", "name": "CIRCL", "timezone": "Europe/London", "uidDomain": "circl.example"},
          "classes": [
            {"id": "hips-monday", "title": "Hip Mobility & Stretch", "days": ["monday"], "start": "17:15", "durationMinutes": 30},
            {"id": "hips-thursday", "title": "Hip Mobility & Stretch", "days": ["thursday"], "start": "19:00", "durationMinutes": 30}
          ],
          "exceptions": [
            { "from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure" }
          ]
        }

        """

    func studio() -> InMemoryFileSystem {
        InMemoryFileSystem(files: ["schedule.json": Array(Self.schedule.utf8)])
    }

    @Test func buildWritesTheFeedsAndThePageQuietlyAndARebuildWritesNothing() {
        let fs = studio()
        let r = CommandRun(["build", "--now", "2026-11-27T09:00:00Z"], in: fs)
        #expect(r == CommandRun(status: .ok, stdout: "", stderr: ""))
        #expect(fs.names(in: "output")?.sorted() == [".classfeed-last-run", ".classfeed-revisions", ".classfeed.lock", "circl-hips-monday.ics", "circl-hips-thursday.ics", "circl.ics", "index.html"])
        #expect(fs.text("output/circl.ics")?.hasPrefix("BEGIN:VCALENDAR\r\n") == true)
        let again = CommandRun(["build", "--verbose", "--now", "2026-11-27T10:00:00Z"], in: fs)
        #expect(again.status == .ok)
        #expect(again.stdout.contains("\nno files changed\n"), "\(again.stdout)")
    }

    @Test func aMissingScheduleIs66AndWritesNothing() {
        let fs = InMemoryFileSystem()
        let r = CommandRun(["build"], in: fs)
        #expect(r == CommandRun(status: .noInput, stdout: "", stderr: "classfeed: error: schedule.json: no such file\n"))
        #expect(fs.names(in: ".") == [])
    }

    @Test func checkSummarisesTheSchedule() {
        let r = CommandRun(["check", "--now", "2026-11-27T09:00:00Z"], in: studio())
        #expect(r.status == .ok)
        #expect(r.stdout.hasPrefix("schedule.json: ok: 2 classes, 1 exceptions, "), "\(r.stdout)")
    }

    @Test func anAddedClosureIsWrittenWithTheOldFileKept() {
        let fs = studio()
        let r = CommandRun(["exceptions", "add", "2026-12-03", "--reason", "Staff training"], in: fs)
        #expect(r.status == .ok, "\(r.stderr)")
        #expect(r.stdout.contains("Thu 3 Dec 2026: Hip Mobility & Stretch 19:00 cancelled"), "\(r.stdout)")
        #expect(fs.text("schedule.json.bak") == Self.schedule)
        #expect(fs.text("schedule.json")?.contains("\"reason\": \"Staff training\"") == true)
    }

    @Test func aRefusedEditChangesNothing() {
        let fs = studio()
        let r = CommandRun(["exceptions", "add", "2026-12-01"], in: fs)
        #expect(r.status == .dataError)
        #expect(r.stderr.hasPrefix("classfeed: error: no class runs on Tue 1 Dec 2026, so there is nothing to cancel; schedule.json was not changed\n"))
        #expect(fs.names(in: ".") == ["schedule.json"])
    }

    @Test func upcomingListsTheNextTwoWeeks() {
        let r = CommandRun(["upcoming", "--json", "--now", "2026-11-27T09:00:00Z"], in: studio())
        #expect(r.status == .ok)
        #expect(r.stdout.components(separatedBy: "\"class\": ").count - 1 == 4, "\(r.stdout)")
    }
}
