/// Where feeds go, file by file, in chunks. The executable streams into temporary files;
/// tests collect bytes in memory. Files are begun, appended to and finished in order; the
/// combined feed stays open while each class's feed is written whole.
package protocol FeedSink: AnyObject {
    func begin(_ name: String)
    func append(_ bytes: [UInt8], to name: String)
    func finish(_ name: String, events: Int)
}

/// Collects feeds in memory, in the order they were begun (the combined feed first).
package final class MemorySink: FeedSink {
    package private(set) var files: [FeedFile] = []
    private var index: [String: Int] = [:]

    package init() {}

    package func begin(_ name: String) {
        index[name] = files.count
        files.append(FeedFile(name: name, bytes: [], eventCount: 0))
    }
    package func append(_ bytes: [UInt8], to name: String) {
        if let i = index[name] { files[i].bytes.append(contentsOf: bytes) }
    }
    package func finish(_ name: String, events: Int) {
        if let i = index[name] { files[i].eventCount = events }
    }
}

/// The events of one class, as wire bytes.
package struct EventBlock: Sendable {
    package var bytes: [UInt8]
    package var count: Int
}
