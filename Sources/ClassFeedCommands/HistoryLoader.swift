import Dispatch
import FeedBuilder
import ICalendar

/// Reads what subscribers already have: each class's own previous feed (small, read as its
/// class is built), falling back to the combined feed (read once, on first need) when a class's
/// feed is missing or unreadable. After a `--no-class-feeds` run the class feeds may be behind
/// the combined feed (``classFeedsBehindMarker`` says so): then the combined feed is read first
/// and each event takes the later revision of the two (see `FeedOptions.history`), so SEQUENCE
/// and DTSTAMP never go back whichever feeds earlier runs wrote. Unreadable or damaged feeds are
/// warnings, never failures: they are replaced, and their events start new revisions.
///
/// Only regular files are read (a link, FIFO or device in a feed's place is never opened), each
/// within ``maxFeedBytes``, and the scanner refuses lines over 1 MiB: memory does not depend on
/// what lies in the output folder.
final class HistoryLoader: @unchecked Sendable {
    let directory: String
    let combinedName: String
    private(set) var warnings: [String] = []

    /// Left in the output folder by a `--no-class-feeds` run (before its combined feed is
    /// committed, so a crash cannot lose it) and removed by the next run that writes class
    /// feeds: while it is there, the class feeds may hold older revisions than the combined feed.
    static let classFeedsBehindMarker = ".classfeed-class-feeds-behind"

    /// A previous feed larger than this is not read back (the benchmark network's two years
    /// make 112 MB; five million events, the most a feed may hold, about 2 GB).
    static let maxFeedBytes = 4 << 30

    let fileSystem: any FileSystem

    /// The names in the output folder when the build began (under its lock), or nil when not
    /// known. A name not there is not looked for: a first build of a network's 2,000 class
    /// feeds would otherwise try to open 2,000 missing files, twice each.
    let present: Set<String>?

    init(directory: String, combinedName: String, fileSystem: any FileSystem, present: Set<String>? = nil) {
        self.fileSystem = fileSystem
        self.directory = directory
        self.combinedName = combinedName
        self.present = present
    }

    /// The combined feed's revisions: from ``RevisionIndex`` when it vouches for the feed, else
    /// read from the feed itself. A cheap check first: a file that does not start with
    /// BEGIN:VCALENDAR or end with END:VCALENDAR (truncated, overwritten) is reported and not read.
    func combinedHistory() -> RevisionHistory {
        // The revisions the last build saved, while the feed is still the file it wrote.
        if let h = index?.history(ofFeed: combinedName, directory: directory, fileSystem: fileSystem) {
            usedIndex = true
            return h
        }
        if let bytes = fileSystem.readEnds(directory + "/" + combinedName, count: 15),
            bytes.head != Array("BEGIN:VCALENDAR".utf8) || bytes.tail != Array("END:VCALENDAR\r\n".utf8)
        {
            warnings.append("classfeed: warning: \(directory)/\(combinedName): the previous feed is damaged "
                + "(it does not begin with BEGIN:VCALENDAR and end with END:VCALENDAR); it will be replaced")
            return RevisionHistory()
        }
        return read(combinedName) ?? RevisionHistory()
    }

    private var combined: RevisionHistory?

    /// True when the combined feed's revisions came from ``RevisionIndex`` rather than the feed.
    private(set) var usedIndex = false
    /// How many class feeds' revisions came from ``RevisionIndex``.
    private(set) var filesFromIndex = 0

    /// The revisions the last build saved (read on first need), if whole.
    private lazy var index: RevisionIndex? =
        present?.contains(RevisionIndex.fileName) != false ? RevisionIndex.load(directory: directory, fileSystem: fileSystem) : nil

    /// One class feed's revisions (from the index while the feed is the file it describes);
    /// the combined feed's when it is missing or unreadable.
    func history(forFile name: String) -> RevisionHistory {
        if let h = index?.history(ofFile: name, directory: directory, fileSystem: fileSystem) {
            filesFromIndex += 1
            return h
        }
        if let h = read(name) { return h }
        if combined == nil { combined = combinedHistory() }
        return combined ?? RevisionHistory()
    }

    /// Reads a previous feed: a large one in two halves at once (``readInHalves(_:)``), else,
    /// or when that fails, whole.
    private func read(_ name: String) -> RevisionHistory? {
        if let present, !present.contains(name) { return nil }
        if let h = readInHalves(directory + "/" + name) { return h }
        return readWhole(name)
    }

    /// A feed at least this large is read in two halves at once (a test sets less).
    var halvesFrom: Int64 = 16 << 20

    /// Reads a large feed (a network's combined feed) as two halves at once, on two cores:
    /// scanning it back was half of a full rerun's time (W2: 0.3 s of 0.6 s). The feed is cut
    /// just before a `BEGIN:VEVENT` line near its middle, and each half is scanned as a calendar
    /// of its own (the first closed with `END:VCALENDAR`, the second opened with
    /// `BEGIN:VCALENDAR`); where the two disagree about an event, the later revision wins, as
    /// in one pass. A half that does not scan cleanly (a truncated file, an event left open at
    /// the cut, a file that changed meanwhile), or no event to cut at, gives nil: the feed is
    /// then read whole, which reports whatever is wrong exactly as before.
    func readInHalves(_ path: String) -> RevisionHistory? {
        guard case .success(let probe) = fileSystem.openChunks(path, followSymlink: false, limit: Self.maxFeedBytes) else { return nil }
        defer { probe.close() }
        let size = probe.size
        guard size >= halvesFrom, probe.seek(to: size / 2) else { return nil }
        var window = [UInt8](repeating: 0, count: 1 << 20)
        var got = 0
        while got < window.count, let n = try? probe.read(into: &window, at: got, count: window.count - got), n > 0 { got += n }
        let marker = Array("\r\nBEGIN:VEVENT\r\n".utf8)
        guard got >= marker.count,
            let at = (0...(got - marker.count)).first(where: { window[$0] == 0x0D && window[$0..<($0 + marker.count)].elementsEqual(marker) })
        else { return nil }
        let cut = size / 2 + Int64(at + 2)
        let halves = Halves()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 {
                halves.first = scan(path, from: 0, to: cut, prefix: [], suffix: Array("END:VCALENDAR\r\n".utf8), capacity: Int(size / 400))
            } else {
                halves.second = scan(path, from: cut, to: nil, prefix: Array("BEGIN:VCALENDAR\r\n".utf8), suffix: [], capacity: Int(size / 800))
            }
        }
        // Taken out of the box, so that adding to the first does not copy its table.
        guard var h = halves.first.take(), let second = halves.second.take() else { return nil }
        for (key, revision) in second.revisions { h.add(key: key, revision) }
        return h
    }

    /// The two halves' results, each written by one thread and read after both are done.
    private final class Halves: @unchecked Sendable {
        var first: RevisionHistory?
        var second: RevisionHistory?
    }

    /// The revisions of the bytes from `start` to `end` (or the end of the file), with `prefix`
    /// before them and `suffix` after; nil on any error.
    private func scan(_ path: String, from start: Int64, to end: Int64?, prefix: [UInt8], suffix: [UInt8], capacity: Int) -> RevisionHistory? {
        guard case .success(let file) = fileSystem.openChunks(path, followSymlink: false, limit: Self.maxFeedBytes) else { return nil }
        defer { file.close() }
        guard file.seek(to: start) else { return nil }
        var h = RevisionHistory()
        h.reserveCapacity(capacity)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var position = start
        var before: [UInt8]? = prefix.isEmpty ? nil : prefix
        var after: [UInt8]? = suffix.isEmpty ? nil : suffix
        do {
            try h.add { () throws(ICalendarParseError) -> [UInt8]? in
                if let b = before {
                    before = nil
                    return b
                }
                let want = end.map { Int(min(Int64(buffer.count), $0 - position)) } ?? buffer.count
                var n = 0
                if want > 0 {
                    do throws(FileReadFailure) {
                        n = try file.read(into: &buffer, at: 0, count: want)
                    } catch {
                        throw ICalendarParseError(line: 0, message: "read failed")
                    }
                }
                position += Int64(n)
                guard position <= Int64(Self.maxFeedBytes) else { throw ICalendarParseError(line: 0, message: "too large") }
                if n > 0 { return Array(buffer[0..<n]) }
                // The first half must reach the cut: a file that shrank meanwhile is read whole.
                if let end, position < end { throw ICalendarParseError(line: 0, message: "truncated") }
                defer { after = nil }
                return after
            }
            return h
        } catch {
            return nil
        }
    }

    /// Reads a previous feed in 1 MiB chunks, so even the combined feed of a large network
    /// never sits in memory whole.
    private func readWhole(_ name: String) -> RevisionHistory? {
        let path = directory + "/" + name
        let file: any OpenFile
        switch fileSystem.openChunks(path, followSymlink: false, limit: Self.maxFeedBytes) {
        case .success(let f): file = f
        case .failure(.missing): return nil
        case .failure(let f):
            warnings.append("classfeed: warning: \(path) \(f.reason); it will be replaced and its events start new revisions")
            return nil
        }
        defer { file.close() }
        var h = RevisionHistory()
        // A written event takes about 400 bytes or more (a network's average is over 500), so the
        // file's size bounds the table well enough to size it once.
        if file.size > 0 { h.reserveCapacity(Int(file.size) / 400) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        do {
            try h.add { () throws(ICalendarParseError) -> [UInt8]? in
                let n: Int
                do throws(FileReadFailure) {
                    n = try file.read(into: &buffer, at: 0, count: buffer.count)
                } catch {
                    throw ICalendarParseError(line: 0, message: "read failed: \(error.systemText)")
                }
                total += n
                // The file may grow while it is read (it is not ours to lock): the cap holds anyway.
                guard total <= Self.maxFeedBytes else {
                    throw ICalendarParseError(line: 0, message: "the file is over \(Self.maxFeedBytes) bytes")
                }
                return n == 0 ? nil : Array(buffer[0..<n])
            }
            return h
        } catch {
            warnings.append("classfeed: warning: \(path): the previous feed cannot be read (\(error)); "
                + "it will be replaced and its events start new revisions")
            return nil
        }
    }
}
