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

    init(directory: String, combinedName: String, fileSystem: any FileSystem) {
        self.fileSystem = fileSystem
        self.directory = directory
        self.combinedName = combinedName
    }

    /// The combined feed's revisions. A cheap check first: a file that does not start with
    /// BEGIN:VCALENDAR or end with END:VCALENDAR (truncated, overwritten) is reported and not read.
    func combinedHistory() -> RevisionHistory {
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

    /// One class feed's revisions; the combined feed's when it is missing or unreadable.
    func history(forFile name: String) -> RevisionHistory {
        if let h = read(name) { return h }
        if combined == nil { combined = combinedHistory() }
        return combined ?? RevisionHistory()
    }

    /// Reads a previous feed in 1 MiB chunks, so even the combined feed of a large network
    /// never sits in memory whole.
    private func read(_ name: String) -> RevisionHistory? {
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
