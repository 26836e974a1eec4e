@testable import ClassFeedCommands
import FeedBuilder
import Testing

/// `.classfeed-revisions`: the revisions a build saves beside the combined feed are exactly
/// the ones reading the feed back gives, and are used only while the feed is the file that
/// build wrote.
@Suite struct RevisionIndexTests {
    static func loader(_ fs: InMemoryFileSystem) -> HistoryLoader {
        HistoryLoader(directory: "output", combinedName: "net.ics", fileSystem: fs)
    }

    /// What reading the feed itself gives.
    static func scanned(_ fs: InMemoryFileSystem) throws -> RevisionHistory {
        var h = RevisionHistory()
        try h.add(feed: try #require(fs.bytes("output/net.ics")))
        return h
    }

    @Test(arguments: ["occurrences", "series"])
    func theSavedRevisionsAreTheOnesTheFeedGivesBack(style: String) throws {
        let fs = InMemoryFileSystem(files: ["schedule.json": Array(HistoryLoaderTests.schedule.utf8)])
        let args = ["build", "--no-page", "--style", style, "--from", "2026-01-01", "--to", "2027-12-31"]
        #expect(CommandRun(args + ["--now", "2026-11-27T09:00:00Z"], in: fs).status == .ok)
        // A changed class and a cover, so that SEQUENCEs and stamps differ from event to event.
        fs.write(
            "schedule.json",
            HistoryLoaderTests.schedule.replacingOccurrences(of: "\"title\": \"C\"", with: "\"title\": \"C2\"")
                .replacingOccurrences(
                    of: "{\"date\": \"2027-03-10\"",
                    with: "{\"date\": \"2027-03-12\", \"class\": \"c\", \"change\": {\"instructor\": \"Sam\"}},\n    {\"date\": \"2027-03-10\""))
        #expect(CommandRun(args + ["--now", "2026-11-28T09:00:00Z"], in: fs).status == .ok)
        let loader = Self.loader(fs)
        let fromIndex = loader.combinedHistory()
        #expect(loader.usedIndex)
        let scanned = try Self.scanned(fs)
        #expect(scanned.count > (style == "series" ? 5 : 500))
        #expect(fromIndex.revisions == scanned.revisions)
        #expect(scanned.revisions.values.contains { $0.sequence == 1 })
        #expect(scanned.revisions.values.contains { $0.sequence == 0 })
    }

    /// A rebuild after a change writes the same bytes whether the revisions come from the
    /// index or from the feed.
    @Test func aRebuildWritesTheSameWithOrWithoutTheIndex() throws {
        let built = HistoryLoaderTests.builtFolder()
        var outputs: [[UInt8]] = []
        for keep in [true, false] {
            let fs = InMemoryFileSystem(files: [
                "schedule.json": try #require(built.bytes("schedule.json")),
                "output/net.ics": try #require(built.bytes("output/net.ics")),
            ])
            if keep {
                // Saved for this copy of the feed, as the build that wrote it would have.
                RevisionIndex.write(try Self.log(of: fs), feedName: "net.ics", directory: "output", fileSystem: fs)
                #expect(Self.loader(fs).combinedHistoryUsingIndex())
            }
            fs.write("schedule.json", HistoryLoaderTests.schedule.replacingOccurrences(of: "\"title\": \"A\"", with: "\"title\": \"A2\""))
            let r = CommandRun(["build", "--no-class-feeds", "--no-page", "--from", "2026-01-01", "--to", "2027-12-31", "--now", "2026-11-29T09:00:00Z"], in: fs)
            #expect(r.status == .ok, "\(r.stderr)")
            outputs.append(try #require(fs.bytes("output/net.ics")))
        }
        #expect(outputs[0] == outputs[1])
        #expect(String(decoding: outputs[0], as: UTF8.self).contains("SEQUENCE:2"))
    }

    /// The log of a feed as a build would have kept it (the revisions in feed order).
    static func log(of fs: InMemoryFileSystem) throws -> RevisionLog {
        let log = RevisionLog()
        for (key, r) in try scanned(fs).revisions.sorted(by: { $0.key < $1.key }) { log.append(key: key, r) }
        return log
    }

    @Test func aFeedChangedByHandIsReadItself() throws {
        let fs = HistoryLoaderTests.builtFolder()
        #expect(Self.loader(fs).combinedHistoryUsingIndex())
        let feed = String(decoding: try #require(fs.bytes("output/net.ics")), as: UTF8.self)
        fs.write("output/net.ics", feed.replacingOccurrences(of: "SUMMARY:B\r\n", with: "SUMMARY:Bee\r\n"))
        let loader = Self.loader(fs)
        let h = loader.combinedHistory()
        #expect(!loader.usedIndex)
        #expect(h.revisions == (try Self.scanned(fs)).revisions)
    }

    @Test(arguments: ["truncated", "flipped", "another feed", "another format", "empty"])
    func aDamagedOrForeignIndexIsPassedOver(damage: String) throws {
        let fs = HistoryLoaderTests.builtFolder()
        let path = "output/" + RevisionIndex.fileName
        var bytes = try #require(fs.bytes(path))
        switch damage {
        case "truncated": bytes.removeLast(40)
        case "flipped": bytes[bytes.count / 2] ^= 0x01
        case "another feed":
            let log = try Self.log(of: fs)
            let stamp = try #require(fs.stamp("output/net.ics"))
            bytes = RevisionIndex.render(feedName: "other.ics", stamp: stamp, log: log) { _ in nil }
        case "another format": bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "classfeed-revisions 1", with: "classfeed-revisions 9").utf8)
        default: bytes = []
        }
        // Written after the feed, so only the damage can disqualify it.
        fs.write(path, bytes)
        let loader = Self.loader(fs)
        let h = loader.combinedHistory()
        #expect(!loader.usedIndex)
        #expect(h.revisions == (try Self.scanned(fs)).revisions)
        #expect(h.count > 500)
    }

    /// An index written in the same tick of the file system's clock as the feed proves nothing.
    @Test func anIndexNoNewerThanTheFeedIsPassedOver() throws {
        let fs = HistoryLoaderTests.builtFolder()
        let index = try #require(fs.bytes("output/" + RevisionIndex.fileName))
        let feed = try #require(fs.bytes("output/net.ics"))
        // Feed rewritten after the index with the same bytes: a new stamp, so not the recorded one.
        fs.write("output/" + RevisionIndex.fileName, index)
        fs.write("output/net.ics", feed)
        #expect(!Self.loader(fs).combinedHistoryUsingIndex())
    }
}

extension RevisionIndexTests {
    /// With class feeds: each class feed's revisions come from the index while it is the file
    /// the build wrote, and equal what reading it gives; a class feed edited by hand is read.
    @Test func classFeedsComeFromTheIndexUntilEditedByHand() throws {
        let fs = InMemoryFileSystem(files: ["schedule.json": Array(HistoryLoaderTests.schedule.utf8)])
        let args = ["build", "--no-page", "--from", "2026-01-01", "--to", "2027-12-31"]
        #expect(CommandRun(args + ["--now", "2026-11-27T09:00:00Z"], in: fs).status == .ok)
        fs.write("schedule.json", HistoryLoaderTests.schedule.replacingOccurrences(of: "\"title\": \"C\"", with: "\"title\": \"C2\""))
        #expect(CommandRun(args + ["--now", "2026-11-28T09:00:00Z"], in: fs).status == .ok)
        let names = ["a", "b", "c", "d", "e"].map { "net-\($0).ics" }
        let loader = Self.loader(fs)
        for name in names {
            var scanned = RevisionHistory()
            try scanned.add(feed: try #require(fs.bytes("output/" + name)))
            #expect(scanned.count > 50)
            #expect(loader.history(forFile: name).revisions == scanned.revisions, "\(name)")
        }
        #expect(loader.filesFromIndex == names.count)

        let c = String(decoding: try #require(fs.bytes("output/net-c.ics")), as: UTF8.self)
        fs.write("output/net-c.ics", c.replacingOccurrences(of: "SUMMARY:C2\r\n", with: "SUMMARY:C3\r\n"))
        let again = Self.loader(fs)
        var edited = RevisionHistory()
        try edited.add(feed: try #require(fs.bytes("output/net-c.ics")))
        #expect(again.history(forFile: "net-c.ics").revisions == edited.revisions)
        #expect(again.history(forFile: "net-a.ics").count > 50)
        #expect(again.filesFromIndex == 1)
    }

    /// With class feeds, a rebuild after a change writes every file the same with or without
    /// the index.
    @Test func aRebuildWithClassFeedsWritesTheSameWithOrWithoutTheIndex() throws {
        var folders: [[String: [UInt8]]] = []
        for keep in [true, false] {
            let fs = InMemoryFileSystem(files: ["schedule.json": Array(HistoryLoaderTests.schedule.utf8)])
            let args = ["build", "--from", "2026-01-01", "--to", "2027-12-31"]
            #expect(CommandRun(args + ["--now", "2026-11-27T09:00:00Z"], in: fs).status == .ok)
            if !keep { fs.remove("output/" + RevisionIndex.fileName) }
            fs.write("schedule.json", HistoryLoaderTests.schedule.replacingOccurrences(of: "\"title\": \"D\"", with: "\"title\": \"D2\""))
            #expect(CommandRun(args + ["--now", "2026-11-28T09:00:00Z"], in: fs).status == .ok)
            var files: [String: [UInt8]] = [:]
            for name in fs.names(in: "output") ?? [] where !name.hasPrefix(".") { files[name] = fs.bytes("output/" + name) }
            folders.append(files)
        }
        #expect(folders[0].count == 7)
        #expect(folders[0] == folders[1])
        #expect(String(decoding: try #require(folders[0]["net-d.ics"]), as: UTF8.self).contains("SEQUENCE:1"))
    }
}

extension HistoryLoader {
    /// Reads the combined history and says whether the index supplied it.
    func combinedHistoryUsingIndex() -> Bool {
        _ = combinedHistory()
        return usedIndex
    }
}
