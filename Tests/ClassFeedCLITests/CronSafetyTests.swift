import Foundation
import ICalendar
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Regeneration from cron: byte-stable, revision-carrying, atomic, locked, quiet.
@Suite struct CronSafetyTests {
    func workspace(_ json: String = BuildCommandTests.schedule) throws -> URL {
        let dir = try ClassfeedProcess.temporaryDirectory()
        try Data(json.utf8).write(to: dir.appendingPathComponent("schedule.json"))
        return dir
    }

    func events(_ url: URL) throws -> [String: Component] {
        let cal = try #require(try ICalendarReader().parse(Array(try Data(contentsOf: url))).first)
        var out: [String: Component] = [:]
        for e in cal.components(named: "VEVENT") { out[e.property("UID")?.value ?? ""] = e }
        return out
    }

    func mtime(_ url: URL) throws -> Date {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
    }

    @Test func aLaterRunWithNothingChangedKeepsEveryByteAndMtime() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try ClassfeedProcess.run(["build", "--now", "2026-11-27T09:00:00Z"], in: dir)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("output").path)
            .filter { $0.hasSuffix(".ics") }.sorted()
        #expect(files.count == 3)
        let before = try files.map { try Data(contentsOf: dir.appendingPathComponent("output/" + $0)) }
        let times = try files.map { try mtime(dir.appendingPathComponent("output/" + $0)) }
        Thread.sleep(forTimeInterval: 0.05)
        // An hour later, cron runs again: DTSTAMP stays the last revision time, not "now".
        let r = try ClassfeedProcess.run(["build", "--now", "2026-11-27T10:00:00Z"], in: dir)
        #expect(r.status == 0 && r.stdout.isEmpty && r.stderr.isEmpty)
        #expect(try files.map { try Data(contentsOf: dir.appendingPathComponent("output/" + $0)) } == before)
        #expect(try files.map { try mtime(dir.appendingPathComponent("output/" + $0)) } == times)
        // No temporary files or anything else besides the lock.
        let all = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("output").path).sorted()
        #expect(all == [".classfeed-last-run", ".classfeed-revisions", ".classfeed.lock"] + files + ["index.html"])
    }

    @Test func withoutClassFeedsTheCombinedFeedCarriesItsOwnRevisions() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try ClassfeedProcess.run(["build", "--no-class-feeds", "--no-page", "--now", "2026-11-27T09:00:00Z"], in: dir)
        let feed = dir.appendingPathComponent("output/circl.ics")
        let before = try Data(contentsOf: feed)
        let r = try ClassfeedProcess.run(["build", "--no-class-feeds", "--no-page", "--now", "2026-11-27T10:00:00Z"], in: dir)
        #expect(r.status == 0 && r.stderr.isEmpty)
        #expect(try Data(contentsOf: feed) == before)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("output").path)
        // The marker says the (absent) class feeds may be behind the combined feed.
        #expect(names.sorted() == [".classfeed-class-feeds-behind", ".classfeed-last-run", ".classfeed-revisions", ".classfeed.lock", "circl.ics"])
    }

    @Test func changingOneOccurrenceBumpsExactlyThatEventsSequence() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try ClassfeedProcess.run(["build", "--now", "2026-11-27T09:00:00Z"], in: dir)
        let feed = dir.appendingPathComponent("output/circl.ics")
        let before = try events(feed)
        let moved = BuildCommandTests.schedule.replacingOccurrences(
            of: "\"reason\": \"Christmas closure\"}",
            with: "\"reason\": \"Christmas closure\"}, {\"date\": \"2026-12-10\", \"class\": \"hips-thursday\", \"moveTo\": {\"start\": \"18:00\"}}")
        try Data(moved.utf8).write(to: dir.appendingPathComponent("schedule.json"))
        let r = try ClassfeedProcess.run(["build", "--now", "2026-11-28T12:00:00Z", "--verbose"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("moved Thu 10 Dec 19:00 Hip Mobility & Stretch to Thu 10 Dec 18:00\n"))
        let after = try events(feed)
        #expect(Set(after.keys) == Set(before.keys))
        for (uid, e) in after {
            let old = try #require(before[uid])
            if uid == "hips-thursday-20261210@circl.example" {
                #expect(e.property("SEQUENCE")?.value == "1")
                #expect(e.property("DTSTAMP")?.value == "20261128T120000Z")
                #expect(e.property("LAST-MODIFIED")?.value == "20261128T120000Z")
                #expect(e.property("DTSTART")?.value == "20261210T180000")
            } else {
                #expect(e.property("SEQUENCE")?.value == "0", "\(uid)")
                #expect(e.property("DTSTAMP")?.value == old.property("DTSTAMP")?.value, "\(uid)")
                #expect(e.properties == old.properties, "\(uid) unchanged")
            }
        }
        // The Monday feed did not change at all, so it was not rewritten.
        let monday = try Data(contentsOf: dir.appendingPathComponent("output/circl-hips-monday.ics"))
        #expect(String(decoding: monday, as: UTF8.self).contains("DTSTAMP:20261127T090000Z"))
        #expect(!String(decoding: monday, as: UTF8.self).contains("20261128T120000Z"))
    }

    @Test func aCorruptPreviousFeedIsAWarningNotAFailure() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try ClassfeedProcess.run(["build", "--now", "2026-11-27T09:00:00Z"], in: dir)
        let feed = dir.appendingPathComponent("output/circl.ics")
        let monday = dir.appendingPathComponent("output/circl-hips-monday.ics")
        // The combined feed truncated half-way; a class feed with a broken line.
        let whole = try Data(contentsOf: feed)
        try whole.prefix(whole.count / 2).write(to: feed)
        try Data("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nthis is not a content line\r\n".utf8).write(to: monday)
        let r = try ClassfeedProcess.run(["build", "--now", "2026-11-27T10:00:00Z"], in: dir)
        #expect(r.status == 0)
        #expect(r.stderr.contains("classfeed: warning: output/circl.ics: the previous feed is damaged"))
        #expect(r.stderr.contains("classfeed: warning: output/circl-hips-monday.ics: the previous feed cannot be read (line 4: "))
        let e = try events(feed)
        #expect(e.count == 57)
        // Thursday revisions came from its own intact feed; Monday's were lost with its feed
        // (and the combined one), so its events start afresh.
        #expect(e["hips-thursday-20261203@circl.example"]?.property("DTSTAMP")?.value == "20261127T090000Z")
        #expect(e["hips-monday-20261130@circl.example"]?.property("DTSTAMP")?.value == "20261127T100000Z")
        #expect(try events(monday)["hips-monday-20261130@circl.example"]?.property("DTSTAMP")?.value == "20261127T100000Z")
        #expect(try Data(contentsOf: feed) != whole)
    }

    @Test func aSecondRunWaitsForTheLockThenExits75() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("output")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let fd = open(out.appendingPathComponent(".classfeed.lock").path, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX) == 0)
        let started = Date()
        let r = try ClassfeedProcess.run(["build", "--lock-timeout", "1"], in: dir)
        #expect(r.status == 75)
        #expect(r.stderr.contains("another classfeed run is writing output"))
        #expect(Date().timeIntervalSince(started) >= 0.9, "it waited before giving up")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("circl.ics").path))
        close(fd)
        #expect(try ClassfeedProcess.run(["build"], in: dir).status == 0)
    }

    @Test func twoBuildsAtOnceNeverInterleave() throws {
        let dir = try workspace(Self.largeSchedule(classes: 40))
        defer { try? FileManager.default.removeItem(at: dir) }
        let group = DispatchGroup()
        let results = LockedBox<[Int32]>([])
        for i in 0..<2 {
            group.enter()
            DispatchQueue.global().async {
                // Two processes, as two cron jobs would be: the lock must hold across them.
                let r = try? ClassfeedProcess.spawn(["build", "--now", "2026-11-2\(7 + i)T09:00:00Z", "--from", "2026-01-01", "--to", "2027-12-31"], in: dir)
                results.mutate { $0.append(r?.status ?? -1) }
                group.leave()
            }
        }
        group.wait()
        #expect(results.value.allSatisfy { $0 == 0 || $0 == 75 }, "\(results.value)")
        #expect(results.value.contains(0))
        let e = try events(dir.appendingPathComponent("output/large.ics"))
        // 104 Mondays and 105 Thursdays in 2026-2027, for each of the 40 classes.
        #expect(e.count == 40 * (104 + 105))
    }

    @Test func killingARunAtAnyMomentLeavesWholeFeeds() throws {
        let variants = [Self.largeSchedule(classes: 30), Self.largeSchedule(classes: 30, start: "18:30")]
        let dir = try workspace(variants[0])
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["build", "--from", "2026-01-01", "--to", "2026-12-31", "--now", "2026-11-27T09:00:00Z"]
        // Random kills land in the first 40% of a run, so that every one interrupts it.
        let window = try KillRound.duration(of: args, in: dir) * 2 / 5 + 1
        let feed = dir.appendingPathComponent("output/large.ics")
        let expectedCount = try events(feed).count
        var generator = SplitMix(state: 42)
        var rounds: [KillRound] = []
        for round in 0..<6 {
            try Data(variants[(round + 1) % 2].utf8).write(to: dir.appendingPathComponent("schedule.json"))
            // Every round a full build: after a round killed before it replaced any file, the
            // next round's schedule is the one the last run's record describes, and the fast
            // path would finish in milliseconds, before the kill.
            try? FileManager.default.removeItem(at: dir.appendingPathComponent("output/.classfeed-last-run"))
            let r = try KillRound.run(
                args, in: dir, watching: dir.appendingPathComponent("output"), atFirstTemporaryFile: round % 2 == 1,
                delay: UInt32(generator.next() % UInt64(window)))
            rounds.append(r)
            let bytes = try Data(contentsOf: feed)
            #expect(bytes.suffix(15) == Data("END:VCALENDAR\r\n".utf8), "round \(round): the feed is whole")
            #expect(try events(feed).count == expectedCount, "round \(round)")
        }
        // A random kill may, on a loaded machine, come after the run finished; such a round is
        // checked all the same, but most rounds must have been killed.
        #expect(rounds.filter(\.killedBySIGKILL).count >= 4, "most runs died by SIGKILL, not by finishing first: \(rounds)")
        #expect(rounds.contains { $0.interruptedWrite }, "at least one round killed a build while it wrote a feed")
        // The next run cleans up what the killed ones left behind.
        #expect(try ClassfeedProcess.run(args, in: dir).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("output").path)
            .filter { $0.contains("tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func dryRunListsChangesAndWritesNothing() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try ClassfeedProcess.run(["build", "--now", "2026-11-27T09:00:00Z"], in: dir)
        let feed = dir.appendingPathComponent("output/circl.ics")
        let before = try Data(contentsOf: feed)
        let closed = BuildCommandTests.schedule.replacingOccurrences(
            of: "\"exceptions\": [", with: "\"exceptions\": [{\"date\": \"2026-12-03\", \"reason\": \"Staff training\"}, ")
        try Data(closed.utf8).write(to: dir.appendingPathComponent("schedule.json"))
        let r = try ClassfeedProcess.run(["build", "--dry-run", "--now", "2026-11-28T09:00:00Z"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout == "cancelled Thu 3 Dec 19:00 Hip Mobility & Stretch (Staff training)\n")
        #expect(try Data(contentsOf: feed) == before)
    }

    @Test func aDryRunOfALargeChangeSummarisesIt() throws {
        let dir = try workspace(Self.largeSchedule(classes: 60))
        defer { try? FileManager.default.removeItem(at: dir) }
        let titles = (0..<60).map { "Class \($0) with a reasonably long title" }.sorted().prefix(10)
        // No feed yet: every event of the window is new (60 classes, twice a week, 25 weeks).
        let first = try ClassfeedProcess.run(["build", "--dry-run", "--now", "2026-11-27T09:00:00Z"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == (["added 3,000 events from Mon 30 Nov 2026 to Thu 20 May 2027"]
            + titles.map { "added Mon 30 Nov 17:15 \($0)" } + ["... and 2,990 more"]).map { $0 + "\n" }.joined())
        #expect(try ClassfeedProcess.run(["build", "--now", "2026-11-27T09:00:00Z"], in: dir).status == 0)
        let closed = Self.largeSchedule(classes: 60).replacingOccurrences(
            of: "\"classes\":", with: "\"exceptions\": [{\"from\": \"2026-12-01\", \"to\": \"2026-12-31\", \"reason\": \"Winter break\"}], \"classes\":")
        try Data(closed.utf8).write(to: dir.appendingPathComponent("schedule.json"))
        let r = try ClassfeedProcess.run(["build", "--dry-run", "--now", "2026-11-28T09:00:00Z"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == (["cancelled 540 events from Thu 3 Dec 2026 to Thu 31 Dec 2026"]
            + titles.map { "cancelled Thu 3 Dec 17:15 \($0) (Winter break)" } + ["... and 530 more"]).map { $0 + "\n" }.joined())
    }

    @Test func theReaderRoundTripsEveryGoldenFile() throws {
        let golden = ClassfeedProcess.packageRoot.appendingPathComponent("Tests/FeedBuilderTests/Golden")
        let names = try FileManager.default.contentsOfDirectory(atPath: golden.path).filter { $0.hasSuffix(".ics") }
        #expect(names.count >= 10)
        for name in names {
            let bytes = Array(try Data(contentsOf: golden.appendingPathComponent(name)))
            let components = try ICalendarReader().parse(bytes)
            #expect(components.count == 1)
            #expect(components.flatMap { $0.serialized() } == bytes, "\(name) reads back and writes out identically")
        }
    }

    static func largeSchedule(classes: Int, start: String = "17:15") -> String {
        let list = (0..<classes).map {
            "{\"id\": \"c\($0)\", \"title\": \"Class \($0) with a reasonably long title\", \"days\": [\"monday\", \"thursday\"], \"start\": \"\(start)\", \"durationMinutes\": 45, \"description\": \"A description long enough to need folding across more than one content line in the feed.\"}"
        }
        return """
            {"calendar": {"id": "large", "name": "Large", "timezone": "Europe/London", "uidDomain": "large.example"},
             "classes": [\(list.joined(separator: ",\n"))]}
            """
    }
}

struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

final class LockedBox<T>: @unchecked Sendable {
    private var v: T
    private let lock = NSLock()
    init(_ v: T) { self.v = v }
    var value: T { lock.lock(); defer { lock.unlock() }; return v }
    func mutate(_ f: (inout T) -> Void) { lock.lock(); f(&v); lock.unlock() }
}
