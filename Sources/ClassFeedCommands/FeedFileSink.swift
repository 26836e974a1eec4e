import FeedBuilder

/// Feeds streamed to files, committed together.
package protocol FeedFileSink: FeedSink {
    /// The files replaced, with their event counts.
    var written: [(name: String, events: Int)] { get }
    /// Commits the changed feeds; after an error, leaves every old feed as it was.
    func close() throws(CLIError)
}
