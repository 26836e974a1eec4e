@testable import ClassFeedCommands
import FeedBuilder
import Foundation
import Testing

/// The real file sink, on a real folder, its writer moving to its own queue part-way (here
/// after 100 KB, in a build after ``FileSink/inLineBytes``): every file ends as the bytes handed to it,
/// an identical file is left alone, and an error anywhere leaves every old file as it was and
/// no temporary file behind.
@Suite struct FileSinkTests {
    static func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("classfeed-sink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// A network's build, in miniature: the combined feed open throughout, gathering a small
    /// block per class, while each class's feed is begun, written in pieces and finished.
    /// 40 classes of 20 KB: 800 KB, past the point where the writer leaves the builder's thread.
    static func feeds(changing changed: Int? = nil) -> [(name: String, bytes: [UInt8], events: Int)] {
        var combined: [UInt8] = []
        var out: [(String, [UInt8], Int)] = []
        for k in 0..<40 {
            let seed = UInt8(truncatingIfNeeded: k &* 37 &+ (k == changed ? 1 : 0))
            let bytes = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 31) ^ seed }
            out.append(("net-c\(k).ics", bytes, k + 1))
            combined += bytes.prefix(3_000)
        }
        return [("net.ics", combined, 40)] + out
    }

    /// Writes `feeds` through a sink in the order a build does, in pieces of odd sizes
    /// (gathered ones and ones past ``FileSink/directBytes``).
    static let inLineBytes = 100_000

    /// Writes through a sink that moves to its queue after `inLine` bytes and lets `inFlight`
    /// batches wait; returns the files written and whether the writer did move.
    static func write(
        _ feeds: [(name: String, bytes: [UInt8], events: Int)], to dir: String, extra: String? = nil,
        inLine: Int = inLineBytes, inFlight: Int = 8
    ) throws(CLIError) -> (written: [String: Int], movedToQueue: Bool) {
        let sink = FileSink(directory: dir, dryRun: false, fileSystem: POSIXFileSystem(), inLineBytes: inLine, batchesInFlight: inFlight)
        let combined = feeds[0]
        sink.begin(combined.name)
        for (k, f) in feeds.dropFirst().enumerated() {
            sink.begin(f.name)
            var at = 0
            var piece = 700
            while at < f.bytes.count {
                let end = min(f.bytes.count, at + piece)
                sink.append(Array(f.bytes[at..<end]), to: f.name)
                at = end
                piece = piece == 700 ? 19_000 : 700
            }
            sink.finish(f.name, events: f.events)
            sink.append(Array(combined.bytes[(k * 3_000)..<((k + 1) * 3_000)]), to: combined.name)
            if k == 30, let extra { sink.begin(extra) }
        }
        sink.finish(combined.name, events: combined.events)
        try sink.close()
        return (Dictionary(uniqueKeysWithValues: sink.written.map { ($0.name, $0.events) }), sink.movedToQueue)
    }

    static func contents(_ dir: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
            out[name] = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
        }
        return out
    }

    /// In line throughout (a studio), on the queue part-way, and on the queue with a single
    /// batch allowed to wait, so that the builder waits for the writer again and again.
    @Test(arguments: [(Int.max, 8), (inLineBytes, 8), (inLineBytes, 1)])
    func everyFileEndsAsTheBytesHandedToIt(inLine: Int, inFlight: Int) throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let feeds = Self.feeds()
        let result = try Self.write(feeds, to: dir, inLine: inLine, inFlight: inFlight)
        #expect(result.movedToQueue == (inLine != Int.max))
        #expect(result.written == Dictionary(uniqueKeysWithValues: feeds.map { ($0.name, $0.events) }))
        // Exactly the feeds: no temporary file left.
        #expect(try Self.contents(dir) == Dictionary(uniqueKeysWithValues: feeds.map { ($0.name, $0.bytes) }))
    }

    @Test func aRerunReplacesOnlyTheFileThatChanged() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Self.write(Self.feeds(), to: dir)
        let before = Dictionary(uniqueKeysWithValues: Self.feeds().map { ($0.name, POSIXFileSystem().stamp(dir + "/" + $0.name)) })
        #expect(try Self.write(Self.feeds(), to: dir).written.isEmpty)
        // Class 33 (past the point where the writer has its own queue) and so the combined feed.
        let changed = Self.feeds(changing: 33)
        let result = try Self.write(changed, to: dir)
        #expect(result.movedToQueue)
        #expect(result.written == ["net-c33.ics": 34, "net.ics": 40])
        #expect(try Self.contents(dir) == Dictionary(uniqueKeysWithValues: changed.map { ($0.name, $0.bytes) }))
        for f in changed where f.name != "net-c33.ics" && f.name != "net.ics" {
            #expect(POSIXFileSystem().stamp(dir + "/" + f.name) == before[f.name], "\(f.name)")
        }
    }

    @Test func anErrorOnTheWritersQueueLeavesTheOldFilesAndNoTemporaryOne() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Self.write(Self.feeds(), to: dir)
        let old = try Self.contents(dir)
        // Every file changes, and after class 30 (600 KB in) a file that cannot be created.
        let error = #expect(throws: CLIError.self) {
            try Self.write(Self.feeds(changing: 0).map { ($0.name, $0.bytes.reversed(), $0.events) }, to: dir, extra: "no-such-folder/x.ics")
        }
        // The first error is the one reported: the file that could not be created.
        #expect(error?.message.hasPrefix("cannot write in \(dir)") == true, "\(String(describing: error))")
        #expect(try Self.contents(dir) == old)
    }
}
