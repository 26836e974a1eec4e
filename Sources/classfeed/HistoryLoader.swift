#if canImport(Glibc)
    import Glibc
#endif
import FeedBuilder
import ICalendar

/// Reads what subscribers already have, one class at a time: each class's own previous feed
/// (small), falling back to the combined feed (read once, on first need) when a class's feed is
/// missing or unreadable. Unreadable feeds are warnings, never failures.
final class HistoryLoader: @unchecked Sendable {
    let directory: String
    let combinedName: String
    private(set) var warnings: [String] = []
    private var combined: RevisionHistory?

    /// False when class feeds are not written (`--no-class-feeds`): then the combined feed is
    /// the only history, and no per-class file is looked for.
    let classFeeds: Bool

    init(directory: String, combinedName: String, classFeeds: Bool) {
        self.directory = directory
        self.combinedName = combinedName
        self.classFeeds = classFeeds
    }

    /// A cheap check of the combined feed, which is not otherwise read: a file that does not start
    /// with BEGIN:VCALENDAR or end with END:VCALENDAR (truncated, overwritten) is reported.
    func checkCombined() {
        guard let bytes = FileSystem.readEnds(directory + "/" + combinedName, count: 15) else { return }
        if bytes.head != Array("BEGIN:VCALENDAR".utf8) || bytes.tail != Array("END:VCALENDAR\r\n".utf8) {
            warnings.append("classfeed: warning: \(directory)/\(combinedName): the previous feed is damaged "
                + "(it does not begin with BEGIN:VCALENDAR and end with END:VCALENDAR); it will be replaced")
        }
    }

    func history(forFile name: String) -> RevisionHistory {
        if classFeeds, let h = read(name) { return h }
        if combined == nil { combined = read(combinedName) ?? RevisionHistory() }
        return combined ?? RevisionHistory()
    }

    /// Reads a previous feed in 1 MiB chunks, so even the combined feed of a large network
    /// never sits in memory whole.
    private func read(_ name: String) -> RevisionHistory? {
        let path = directory + "/" + name
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var h = RevisionHistory()
        // A written event takes about 400 bytes or more (a network's average is over 500), so the
        // file's size bounds the table well enough to size it once.
        var info = stat()
        if fstat(fd, &info) == 0 && info.st_size > 0 { h.reserveCapacity(Int(info.st_size) / 400) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        do {
            try h.add { () throws(ICalendarParseError) -> [UInt8]? in
                while true {
                    let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
                    if n < 0 && errno == EINTR { continue }
                    if n < 0 { throw ICalendarParseError(line: 0, message: "read failed: \(FileSystem.errorText())") }
                    return n == 0 ? nil : Array(buffer[0..<n])
                }
            }
            return h
        } catch {
            warnings.append("classfeed: warning: \(directory)/\(name): the previous feed cannot be read (\(error)); "
                + "it will be replaced and its events start new revisions")
            return nil
        }
    }
}
