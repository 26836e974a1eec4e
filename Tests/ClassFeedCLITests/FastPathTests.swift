import ClassFeedCommands
import Foundation
import TestSupport
import Testing

/// The cron fast path (issue 19): a run that the record of the last run proves would write the
/// same bytes rebuilds nothing; anything that may shape the bytes takes the full path.
@Suite("fast path")
struct FastPathTests {
    static let first = "2026-11-27T09:00:00Z"  // a Friday
    static let fast = "nothing changed since the last run at 2026-11-27 09:00 UTC; nothing rebuilt\n"

    /// A studio with a holiday calendar and its own copy of the one zone it uses.
    static func studio() throws -> Studio {
        let studio = try Studio(schedule: HolidayCalendarTests.schedule())
        try studio.write("holidays/test.ics", bytes: HolidayCalendarTests.testCalendar)
        try studio.write("tz/Europe/London", bytes: zone("Europe/London"))
        return studio
    }

    static func zone(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/usr/share/zoneinfo/" + name)))
    }

    /// `classfeed build --verbose --now NOW ARGS` with TZDIR the studio's copy unless `tzdir` says otherwise.
    static func build(_ studio: Studio, _ now: String = first, _ args: [String] = [], tzdir: String? = nil) -> InProcess.Result {
        InProcess.run(
            ["build", "--verbose", "--now", now] + args, in: studio.folder,
            environment: ["TZDIR": tzdir ?? studio.folder.appendingPathComponent("tz").path])
    }

    /// Every file in a folder but the record and the lock, by name.
    static func contents(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where name != RunRecord.fileName && name != RevisionIndex.fileName && name != ".classfeed.lock" {
            out[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return out
    }

    static func modificationTimes(_ folder: URL) throws -> [String: Date] {
        var out: [String: Date] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            out[name] = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.modificationDate] as? Date
        }
        return out
    }

    @Test("a run with nothing changed rebuilds nothing and leaves exactly the bytes a full run writes")
    func nothingChanged() throws {
        let studio = try Self.studio()
        let output = studio.folder.appendingPathComponent("output")
        let r = Self.build(studio)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("full build: no record of an earlier run (output/.classfeed-last-run)\n"))
        // The same folder without its record, for a full run at the same time as the fast one.
        let copy = studio.folder.appendingPathComponent("output-full")
        try FileManager.default.copyItem(at: output, to: copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent(RunRecord.fileName))
        let times = try Self.modificationTimes(output)

        let fast = Self.build(studio, "2026-11-27T10:00:00Z")
        #expect(fast.status == 0, "\(fast.stderr)")
        #expect(fast.stdout == Self.fast + "window 2026-10-26 to 2027-05-23, occurrences style\nno files changed\n")
        let full = Self.build(studio, "2026-11-27T10:00:00Z", ["--output", "output-full"])
        #expect(full.stdout.hasPrefix("full build: no record of an earlier run"))
        #expect(try Self.contents(output) == Self.contents(copy))
        #expect(try Self.modificationTimes(output) == times)
        // Without --verbose, cron hears nothing.
        let quiet = InProcess.run(
            ["build", "--now", "2026-11-27T11:00:00Z"], in: studio.folder, environment: ["TZDIR": studio.folder.appendingPathComponent("tz").path])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
        #expect(try Self.modificationTimes(output) == times)
    }

    /// One thing that may differ between two runs, and what the second says: the reason for the
    /// full path, that only the page was rebuilt, or (nil) that nothing was.
    enum Change: String, CaseIterable, CustomTestStringConvertible {
        case scheduleEdited, holidayEdited, zoneDataChanged, zoneDatabaseMoved, windowMoved, fromChanged, dateChanged,
            dateChangedWithoutPage, styleChanged, classFeedsDropped, feedEditedByHand, classFeedDeleted, pageDeleted,
            feedAppeared, newOutputVersion, recordDamaged, recordOlderThanTheFeeds

        var testDescription: String { rawValue }

        /// Arguments of both runs.
        var arguments: [String] { self == .dateChangedWithoutPage ? ["--no-page"] : [] }

        /// Changes the studio; returns the second run's time, extra arguments and TZDIR.
        func apply(to studio: Studio) throws -> (now: String, args: [String], tzdir: String?) {
            let output = studio.folder.appendingPathComponent("output")
            var now = FastPathTests.first, args: [String] = [], tzdir: String?
            switch self {
            case .scheduleEdited:
                try studio.write("schedule.json", HolidayCalendarTests.schedule().replacingOccurrences(of: "Hip Mobility", with: "Hip Flow"))
            case .holidayEdited:
                try studio.write(
                    "holidays/test.ics", bytes: Array(String(decoding: HolidayCalendarTests.testCalendar, as: UTF8.self)
                        .replacingOccurrences(of: "Floor repairs", with: "Roof repairs").utf8))
            case .zoneDataChanged:
                try studio.write("tz/Europe/London", bytes: FastPathTests.zone("Europe/Dublin"))
            case .zoneDatabaseMoved:
                tzdir = "/usr/share/zoneinfo"
            case .windowMoved:
                now = "2026-12-04T09:00:00Z"
            case .fromChanged:
                args = ["--from", "2026-12-01"]
            case .dateChanged, .dateChangedWithoutPage:
                now = "2026-11-28T09:00:00Z"
            case .styleChanged:
                args = ["--style", "series"]
            case .classFeedsDropped:
                args = ["--no-class-feeds"]
            case .feedEditedByHand:
                // The same bytes, written again: the file is not the one the record describes.
                let feed = output.appendingPathComponent("circl.ics")
                let bytes = try Data(contentsOf: feed)
                try FileManager.default.removeItem(at: feed)
                try bytes.write(to: feed)
            case .classFeedDeleted:
                try FileManager.default.removeItem(at: output.appendingPathComponent("circl-hips-monday.ics"))
            case .pageDeleted:
                try FileManager.default.removeItem(at: output.appendingPathComponent("index.html"))
            case .feedAppeared:
                // The feed of a class removed long ago, put back: a full build retires it.
                try Data(contentsOf: output.appendingPathComponent("circl-hips-monday.ics"))
                    .write(to: output.appendingPathComponent("circl-hips-friday.ics"))
            case .newOutputVersion:
                let url = output.appendingPathComponent(RunRecord.fileName)
                var record = try #require(RunRecord.parse([UInt8](try Data(contentsOf: url))))
                record.version = "0"
                try Data(record.render()).write(to: url)
            case .recordDamaged:
                let url = output.appendingPathComponent(RunRecord.fileName)
                let text = try String(contentsOf: url, encoding: .utf8)
                try Data(text.replacingOccurrences(of: "window 2026-10-26", with: "window 2026-10-19").utf8).write(to: url)
            case .recordOlderThanTheFeeds:
                try FileManager.default.setAttributes(
                    [.modificationDate: Date(timeIntervalSince1970: 1_000_000_000)], ofItemAtPath: output.appendingPathComponent(RunRecord.fileName).path)
            }
            return (now, args, tzdir)
        }

        var reason: String? {
            switch self {
            case .scheduleEdited: "schedule.json changed"
            case .holidayEdited: "holidays/test.ics changed"
            case .zoneDataChanged: "the time-zone data of Europe/London changed"
            case .zoneDatabaseMoved: "the time-zone database is another (/usr/share/zoneinfo, was "
            case .windowMoved: "the window moved (now 2026-11-02 to 2027-05-30, was 2026-10-26 to 2027-05-23)"
            case .fromChanged: "the window moved (now 2026-12-01 to 2027-06-28, was 2026-10-26 to 2027-05-23)"
            case .dateChanged: "the date changed since the last run at 2026-11-27 09:00 UTC; rebuilt the page for 2026-11-28 only"
            case .dateChangedWithoutPage: nil
            case .styleChanged: "the options changed (style=series class-feeds=yes page=yes, was style=- class-feeds=yes page=yes)"
            case .classFeedsDropped: "the options changed (style=- class-feeds=no page=yes, was style=- class-feeds=yes page=yes)"
            case .feedEditedByHand: "output/circl.ics was changed by hand"
            case .classFeedDeleted: "output/circl-hips-monday.ics was deleted"
            case .pageDeleted: "output/index.html was deleted"
            case .feedAppeared: "output/circl-hips-friday.ics appeared"
            case .newOutputVersion: "ClassFeed itself changed since the last run"
            case .recordDamaged: "the record of the last run (output/.classfeed-last-run) is damaged or of another version"
            case .recordOlderThanTheFeeds: "was written too close to the record to trust its time"
            }
        }
    }

    @Test("each thing that may shape the files forces the full path, which leaves a record the next run trusts", arguments: Change.allCases)
    func fullPath(_ change: Change) throws {
        let studio = try Self.studio()
        let r = Self.build(studio, Self.first, change.arguments)
        #expect(r.status == 0, "\(r.stderr)")
        let (now, args, tzdir) = try change.apply(to: studio)
        let second = Self.build(studio, now, change.arguments + args, tzdir: tzdir)
        #expect(second.status == 0, "\(second.stderr)")
        if let reason = change.reason {
            let prefix = change == .dateChanged ? "" : "full build: "
            #expect(second.stdout.hasPrefix(prefix) && second.stdout.contains(reason), "\(second.stdout)")
            let third = Self.build(studio, now, change.arguments + args, tzdir: tzdir)
            #expect(third.stdout.hasPrefix("nothing changed since the last run at "), "\(third.stdout)")
        } else {
            #expect(second.stdout.hasPrefix(Self.fast), "\(second.stdout)")
        }
    }

    @Test("the weekly window move takes the full path and writes what a build with no record writes")
    func windowMoveWritesTodaysBytes() throws {
        let studio = try Self.studio()
        _ = Self.build(studio)
        let output = studio.folder.appendingPathComponent("output")
        let copy = studio.folder.appendingPathComponent("output-full")
        try FileManager.default.copyItem(at: output, to: copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent(RunRecord.fileName))
        let moved = Self.build(studio, "2026-12-04T09:00:00Z")
        #expect(moved.stdout.hasPrefix("full build: the window moved"))
        _ = Self.build(studio, "2026-12-04T09:00:00Z", ["--output", "output-full"])
        #expect(try Self.contents(output) == Self.contents(copy))
    }

    @Test("when only the date changed, the page alone is rebuilt, exactly as a full run writes it")
    func pageOnly() throws {
        // A one-off class on Monday 30 November: on the page that Monday, gone from it on Tuesday.
        let schedule = HolidayCalendarTests.schedule().replacingOccurrences(
            of: "  \"classes\": [\n",
            with: "  \"classes\": [\n    {\"id\": \"open-day\", \"title\": \"Open Day\", \"dates\": [\"2026-11-30\"], \"start\": \"20:00\", \"durationMinutes\": 60},\n")
        #expect(schedule != HolidayCalendarTests.schedule())
        let studio = try Self.studio()
        try studio.write("schedule.json", schedule)
        let output = studio.folder.appendingPathComponent("output")
        #expect(Self.build(studio, "2026-11-30T09:00:00Z").status == 0)
        let pageBefore = try Data(contentsOf: output.appendingPathComponent("index.html"))
        let copy = studio.folder.appendingPathComponent("output-full")
        try FileManager.default.copyItem(at: output, to: copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent(RunRecord.fileName))
        let times = try Self.modificationTimes(output)

        let r = Self.build(studio, "2026-12-01T09:00:00Z")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            the date changed since the last run at 2026-11-30 09:00 UTC; rebuilt the page for 2026-12-01 only
            window 2026-11-02 to 2027-05-30, occurrences style
            wrote index.html

            """)
        let full = Self.build(studio, "2026-12-01T09:00:00Z", ["--output", "output-full"])
        #expect(full.stdout.hasPrefix("full build: no record"))
        #expect(try Self.contents(output) == Self.contents(copy))
        #expect(try Data(contentsOf: output.appendingPathComponent("index.html")) != pageBefore)
        // The feeds were not touched.
        let after = try Self.modificationTimes(output)
        for (name, t) in times where name.hasSuffix(".ics") { #expect(after[name] == t, "\(name)") }
        #expect(Self.build(studio, "2026-12-01T10:00:00Z").stdout.hasPrefix("nothing changed since the last run at 2026-12-01 09:00 UTC"))
    }

    @Test("--strict still fails on a schedule's warnings when nothing changed")
    func strictOnTheFastPath() throws {
        let studio = try Self.studio()
        #expect(Self.build(studio).status == 0)
        let strict = Self.build(studio, "2026-11-27T10:00:00Z", ["--strict"])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("Staff lunch"), "\(strict.stderr)")
    }

    @Test("a new ClassFeed executable takes the full path")
    func newExecutable() {
        let fs = InMemoryFileSystem(files: ["schedule.json": Array(BuildCommandTests.schedule.utf8)])
        fs.addDirectory("/usr/share/zoneinfo")
        let env = ["TZDIR": "/usr/share/zoneinfo"]
        let clock = FixedClock(1_795_770_000)
        _ = InProcessRun(["build"], environment: env, fileSystem: fs, clock: clock)
        #expect(InProcessRun(["build", "--verbose"], environment: env, fileSystem: fs, clock: clock).stdout.hasPrefix("nothing changed"))
        fs.executable = "classfeed 2"
        let r = InProcessRun(["build", "--verbose"], environment: env, fileSystem: fs, clock: clock)
        #expect(r.stdout.hasPrefix("full build: ClassFeed itself changed since the last run\n"), "\(r.stdout)")
    }
}
