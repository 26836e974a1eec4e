import FeedBuilder

/// Reads what subscribers already have, one class at a time: each class's own previous feed
/// (small), falling back to the combined feed (read once, on first need) when a class's feed is
/// missing or unreadable. Unreadable feeds are warnings, never failures.
final class HistoryLoader: @unchecked Sendable {
    let directory: String
    let combinedName: String
    private(set) var warnings: [String] = []
    private var combined: RevisionHistory?

    init(directory: String, combinedName: String) {
        self.directory = directory
        self.combinedName = combinedName
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
        if let h = read(name) { return h }
        if combined == nil { combined = read(combinedName) ?? RevisionHistory() }
        return combined ?? RevisionHistory()
    }

    private func read(_ name: String) -> RevisionHistory? {
        guard let bytes = FileSystem.readIfPresent(directory + "/" + name, limit: 1 << 30) else { return nil }
        var h = RevisionHistory()
        do {
            try h.add(feed: bytes)
            return h
        } catch {
            warnings.append("classfeed: warning: \(directory)/\(name): the previous feed cannot be read (\(error)); "
                + "it will be replaced and its events start new revisions")
            return nil
        }
    }
}
