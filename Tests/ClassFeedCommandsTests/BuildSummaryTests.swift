import ClassFeedCommands
import Foundation
import Testing
import TestSupport

/// `classfeed build` says what happened to a person (standard output a terminal, or
/// `--verbose`) and nothing to cron (not a terminal).
@Suite struct BuildSummaryTests {
    static let schedule = """
        {
          "calendar": {"id": "circl", "name": "CIRCL", "timezone": "Europe/London", "uidDomain": "circl.example",
                       "publicURL": "https://circl.example/feeds/"},
          "classes": [
            {"id": "hips-monday", "title": "Hip Mobility & Stretch", "days": ["monday"], "start": "17:15", "durationMinutes": 30},
            {"id": "hips-thursday", "title": "Hip Mobility & Stretch", "days": ["thursday"], "start": "19:00", "durationMinutes": 30}
          ],
          "exceptions": [
            { "from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure" },
            { "date": "2026-12-10", "class": "hips-thursday", "moveTo": { "start": "18:00" } },
            { "date": "2026-12-03", "class": "hips-thursday", "change": { "instructor": "Sam" } }
          ]
        }

        """

    /// `classfeed ARGS` with standard output a terminal or not.
    func run(_ args: [String], in fs: InMemoryFileSystem, terminal: Bool) -> (status: ExitCode, stdout: String) {
        fs.addDirectory("/usr/share/zoneinfo")
        let out = CapturedText()
        let status = CLI.run(
            arguments: args, environment: ["TZDIR": "/usr/share/zoneinfo"], fileSystem: fs, clock: FixedClock(1_795_770_000),
            standardOutput: TextOutput(isTerminal: terminal) { out.append($0) }, standardError: TextOutput { _ in })
        return (status, out.text)
    }

    @Test func onATerminalItSaysWhatMembersSeeWhatWasWrittenAndWhereToSubscribe() {
        let fs = InMemoryFileSystem(files: ["schedule.json": Array(Self.schedule.utf8)])
        let first = run(["build", "--now", "2026-11-27T09:00:00Z"], in: fs, terminal: true)
        #expect(first.status == .ok)
        #expect(first.stdout == """
            CIRCL: 2 classes; from today to Sun 23 May 2027 members see 47 classes, 3 cancelled, 1 moved, 1 changed
            wrote circl-hips-monday.ics (29 events), circl-hips-thursday.ics (28 events), circl.ics (57 events), index.html
            subscribe page: https://circl.example/feeds/

            """)
        let again = run(["build", "--now", "2026-11-27T10:00:00Z"], in: fs, terminal: true)
        // Nothing changed: the run record lets it stop before building (issue 19), and it says so.
        #expect(again.stdout == "no files changed: nothing changed since the last run at 2026-11-27 09:00 UTC\n", "\(again.stdout)")
        let noPage = run(["build", "--no-page", "--no-class-feeds", "--now", "2026-11-27T10:00:00Z"], in: fs, terminal: true)
        #expect(noPage.stdout.hasSuffix("\nno files changed (1 file up to date)\nfeed: https://circl.example/feeds/circl.ics\n"), "\(noPage.stdout)")
    }

    @Test("on a terminal, a schedule without publicURL (or with an http:// one) gets a warning to the owner, before the summary")
    func onATerminalTheOwnerHearsAboutPublicURL() {
        for (url, warning) in [
            (nil, "schedule.json: warning: calendar.publicURL: not set: members can only download one-time copies, which never update\n"),
            ("http://circl.example/feeds/",
             "schedule.json: warning: calendar.publicURL: \"http://circl.example/feeds/\" is not https: iPhones and Google Calendar subscribe only to https:// addresses\n"),
        ] as [(String?, String)] {
            let json = Self.schedule.replacingOccurrences(
                of: "\"publicURL\": \"https://circl.example/feeds/\"", with: url.map { "\"publicURL\": \"\($0)\"" } ?? "\"description\": \"Stretch\"")
            let fs = InMemoryFileSystem(files: ["schedule.json": Array(json.utf8)])
            fs.addDirectory("/usr/share/zoneinfo")
            let out = CapturedText()
            let err = CapturedText()
            let status = CLI.run(
                arguments: ["build", "--now", "2026-11-27T09:00:00Z"], environment: ["TZDIR": "/usr/share/zoneinfo"], fileSystem: fs,
                clock: FixedClock(1_795_770_000), standardOutput: TextOutput(isTerminal: true) { out.append($0) },
                standardError: TextOutput { err.append($0) })
            #expect(status == .ok)
            #expect(err.text.hasPrefix(warning), "\(err.text)")
            #expect(err.text.components(separatedBy: "\n").count == 3, "one warning and its hint: \(err.text)")
            #expect(out.text.hasPrefix("CIRCL: 2 classes;"), "\(out.text)")
        }
    }

    @Test func underCronItIsSilentAndVerboseAddsTheSummaryToItsOwnList() {
        let fs = InMemoryFileSystem(files: ["schedule.json": Array(Self.schedule.utf8)])
        #expect(run(["build", "--now", "2026-11-27T09:00:00Z"], in: fs, terminal: false) == (.ok, ""))
        // Without the last run's record, so that this run builds (and counts) rather than skips.
        fs.remove(directory: "output", name: ".classfeed-last-run")
        let verbose = run(["build", "--verbose", "--now", "2026-11-27T10:00:00Z"], in: fs, terminal: false)
        #expect(verbose.stdout.hasSuffix("""
            no files changed
            CIRCL: 2 classes; from today to Sun 23 May 2027 members see 47 classes, 3 cancelled, 1 moved, 1 changed
            subscribe page: https://circl.example/feeds/

            """), "\(verbose.stdout)")
        // A dry run says what would change, not a summary of files it did not write.
        let dry = run(["build", "--dry-run", "--now", "2026-11-27T10:00:00Z"], in: fs, terminal: true)
        #expect(!dry.stdout.contains("members see"), "\(dry.stdout)")
    }
}
