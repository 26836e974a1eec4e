import FeedBuilder

/// The change log of `build --verbose` and `--dry-run`, in bounded memory: reads the previous
/// combined feed in 1 MiB chunks before anything is replaced, then watches the new combined feed
/// stream past on its way to the files. Neither feed is ever held whole (see ``ChangeLog``).
final class ChangeLogSink: FeedSink {
    private let next: FeedSink
    private let combined: String
    private var log: ChangeLog

    /// `previous` is the combined feed subscribers have now; a missing or unreadable one counts
    /// as none, as for the revision history.
    init(builder: FeedBuilder, previous: String, now: Int64, fileSystem: any FileSystem, forwardingTo next: FeedSink) {
        self.next = next
        combined = builder.fileName(classIndex: nil)
        log = ChangeLog(builder: builder, now: now)
        // Only a regular file, never through a link, within the cap the history loader uses.
        if case .success(let file) = fileSystem.openChunks(previous, followSymlink: false, limit: HistoryLoader.maxFeedBytes) {
            defer { file.close() }
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            var total = 0
            while true {
                guard let n = try? file.read(into: &buffer, at: 0, count: buffer.count), total + n <= HistoryLoader.maxFeedBytes else {
                    log.discardPrevious()
                    break
                }
                if n == 0 { break }
                total += n
                log.addPrevious(Array(buffer[0..<n]))
            }
        }
        log.finishPrevious()
    }

    func begin(_ name: String) { next.begin(name) }

    func append(_ bytes: [UInt8], to name: String) {
        if name == combined { log.addNew(bytes) }
        next.append(bytes, to: name)
    }

    func finish(_ name: String, events: Int) {
        if name == combined { log.finishNew() }
        next.finish(name, events: events)
    }

    /// What subscribers will see change, summarised when long.
    func lines() -> [String] { log.lines() }
}
