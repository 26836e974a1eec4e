import FeedBuilder

/// Passes feeds on to another sink and notes the name of each one finished: the files a build
/// leaves in the output folder, whatever feeds the schedule makes (for the run record).
final class FeedNamesSink: FeedSink {
    private let next: FeedSink
    private(set) var names: [String] = []

    init(forwardingTo next: FeedSink) { self.next = next }

    func begin(_ name: String) { next.begin(name) }
    func append(_ bytes: [UInt8], to name: String) { next.append(bytes, to: name) }
    func finish(_ name: String, events: Int) {
        names.append(name)
        next.finish(name, events: events)
    }
}
