/// The revisions of the combined feed's events as the builder writes them: what
/// ``RevisionScanner`` would read back from the feed (each event's key and fingerprint, and
/// its stamp and sequence), in the order written.
///
/// Kept so that the next run need not read a network's 112 MB feed back to learn them
/// (issue 19: "read back only what revisions need"): the command layer saves it beside the
/// feed with the feed's file stamp, and uses it only while the feed is provably the file that
/// build wrote. Nearly every event of a feed shares its stamp and sequence with the event
/// before it (a first build: all of them), so those are kept as runs, and an event costs two
/// words. A class, not a value: given in ``FeedOptions`` and filled by the build.
package final class RevisionLog: @unchecked Sendable {
    /// A stretch of events, from `first` up to the next run's first, with one stamp and sequence.
    package struct Run: Sendable, Equatable {
        package var first: Int
        package var stamp: Int64
        package var sequence: Int

        package init(first: Int, stamp: Int64, sequence: Int) {
            self.first = first
            self.stamp = stamp
            self.sequence = sequence
        }
    }

    /// A feed file written whole from a stretch of the combined feed's events (a class's own
    /// feed holds exactly its events there, with the same revisions).
    package struct FileRange: Sendable, Equatable {
        package var name: String
        package var events: Range<Int>

        package init(name: String, events: Range<Int>) {
            self.name = name
            self.events = events
        }
    }

    /// What a build appends to: plain arrays in the builder's own state while it writes (a
    /// class's stored property would be checked for exclusive access on every event).
    package struct Entries: Sendable {
        /// Each event's key, then its fingerprint.
        package var words: [UInt64] = []
        package var runs: [Run] = []
        /// The class feeds written from these events.
        package var files: [FileRange] = []

        package init(words: [UInt64] = [], runs: [Run] = [], files: [FileRange] = []) {
            self.words = words
            self.runs = runs
            self.files = files
        }

        package var count: Int { words.count / 2 }

        @inline(__always)
        mutating func append(key: UInt64, fingerprint: UInt64, stamp: Int64, sequence: Int) {
            if runs.last.map({ $0.stamp != stamp || $0.sequence != sequence }) ?? true {
                runs.append(Run(first: words.count / 2, stamp: stamp, sequence: sequence))
            }
            words.append(key)
            words.append(fingerprint)
        }

        /// True when the runs fit the events: the first starts at event 0, each starts after
        /// the one before, all within the events, sequences in range.
        package var isConsistent: Bool {
            let n = count
            guard words.count % 2 == 0, n == 0 ? runs.isEmpty : runs.first?.first == 0 else { return false }
            for (k, run) in runs.enumerated() {
                let end = k + 1 < runs.count ? runs[k + 1].first : n
                guard run.first < end, end <= n, run.sequence >= 0, run.sequence <= RevisionScanner.maxSequence else { return false }
            }
            return files.allSatisfy { $0.events.lowerBound >= 0 && $0.events.upperBound <= n }
        }

        /// The revisions of the events in `range` (all by default), added as a feed's are
        /// (the later revision wins where a key repeats). For consistent entries only.
        package func history(of range: Range<Int>? = nil) -> RevisionHistory {
            let range = range ?? 0..<count
            var h = RevisionHistory()
            h.reserveCapacity(range.count)
            guard !range.isEmpty else { return h }
            // The run holding the range's first event: the last one starting at or before it.
            var lo = 0, hi = runs.count
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if runs[mid].first <= range.lowerBound { lo = mid } else { hi = mid }
            }
            var k = lo
            var i = range.lowerBound
            while i < range.upperBound {
                let run = runs[k]
                let end = min(k + 1 < runs.count ? runs[k + 1].first : count, range.upperBound)
                while i < end {
                    h.add(key: words[2 * i], .init(fingerprint: words[2 * i + 1], stamp: run.stamp, sequence: run.sequence))
                    i += 1
                }
                k += 1
            }
            return h
        }
    }

    package var entries = Entries()

    /// An empty log with room for `expectedEvents` (a reservation of more than is used costs
    /// address space, not memory).
    package init(expectedEvents: Int = 0) {
        entries.words.reserveCapacity(2 * expectedEvents)
    }

    package var count: Int { entries.count }

    package func append(key: UInt64, _ r: RevisionHistory.Revision) {
        entries.append(key: key, fingerprint: r.fingerprint, stamp: r.stamp, sequence: r.sequence)
    }
}
