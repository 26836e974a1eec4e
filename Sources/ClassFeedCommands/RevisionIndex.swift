import FeedBuilder

/// `.classfeed-revisions` in the output folder: the revisions of the combined feed's events
/// (``RevisionLog``) with the stamp of the feed they were written into, and of each class feed
/// written from them, so that a full rerun learns them from a few megabytes instead of reading
/// the feeds back (a network's combined feed is 112 MB, its 2,000 class feeds as much again,
/// and reading them was most of a rerun's time; issue 19).
///
/// It vouches for nothing by itself: it is used for a feed only while the feed still has the recorded
/// stamp (size, times, inode: see ``FileStamp``) and that stamp is older than the index
/// itself (an edit in the same tick of a coarse file-system clock would leave the same
/// times). A missing, damaged, foreign or stale index is passed over silently: the feed is
/// then read back as before, which gives the same revisions. Written after the feeds, like
/// the run record, and not flushed to disk: a crash can only leave an index that fails these
/// checks.
///
/// Format: a line `classfeed-revisions 1`; each event's key and fingerprint, two 64-bit
/// little-endian words (binary); a newline; a line `run <first event> <stamp> <sequence>` for
/// each stretch of events that share a stamp and sequence (``RevisionLog/Run``); a line
/// `file <name> <first event> <events> <size> <modified> <changed> <inode> <device>` for each
/// class feed; a line `feed <name> <size> <modified> <changed> <inode> <device> <events>`;
/// and the line `end <digest>` (``ContentDigest`` of everything before it). The stamps come
/// last because they are known only once the feeds are in place.
package struct RevisionIndex {
    package static let fileName = ".classfeed-revisions"
    static let formatLine = "classfeed-revisions 1"
    /// The largest index read: five million events, the most a feed may hold, need 80 MB.
    static let maxBytes = 160 << 20

    /// The combined feed's name and stamp.
    let feedName: String
    let feedStamp: FileStamp
    let entries: RevisionLog.Entries
    /// Each class feed's events in ``entries`` and its stamp, by name.
    let files: [String: (events: Range<Int>, stamp: FileStamp)]
    /// The index file's own stamp: a feed not older than it proves nothing.
    var ownStamp = FileStamp(size: 0, modified: 0, changed: 0, inode: 0, device: 0)

    /// The index of `log` for the combined feed `feedName`, with the stamps the feeds have now
    /// (a class feed without one is left out).
    static func render(feedName: String, stamp: FileStamp, log: RevisionLog, stamps: (String) -> FileStamp?) -> [UInt8] {
        let entries = log.entries
        var bytes = Array("\(formatLine)\n".utf8)
        bytes.reserveCapacity(bytes.count + 8 * entries.words.count + 40 * entries.runs.count + 120 * entries.files.count + 200)
        bytes.append(littleEndianWords: entries.words)
        bytes.append(0x0A)
        // Numbers written as bytes: 2,000 class feeds' lines made through string
        // interpolation cost 16 M instructions, a percent of the build.
        func number<T: BinaryInteger>(_ v: T) {
            bytes.append(0x20)
            RunRecord.appendDecimal(v, to: &bytes)
        }
        for r in entries.runs {
            bytes += "run".utf8
            number(r.first)
            number(r.stamp)
            number(r.sequence)
            bytes.append(0x0A)
        }
        for f in entries.files {
            guard let s = stamps(f.name) else { continue }
            bytes += "file ".utf8
            RunRecord.escape(f.name, into: &bytes)
            number(f.events.lowerBound)
            number(f.events.count)
            number(s.size)
            number(s.modified)
            number(s.changed)
            number(s.inode)
            number(s.device)
            bytes.append(0x0A)
        }
        bytes += "feed ".utf8
        RunRecord.escape(feedName, into: &bytes)
        bytes += " \(stamp.fields) \(entries.count)\n".utf8
        bytes += ("end " + ContentDigest.hex(bytes) + "\n").utf8
        return bytes
    }

    /// Saves the log for `feedName` and the class feeds written from it (all just committed in
    /// `directory`); on any failure the old index goes, so that nothing stale is left.
    /// `known` holds stamps just taken (the run record's), looked up before asking the file system.
    static func write(
        _ log: RevisionLog, feedName: String, directory: String, fileSystem: any FileSystem, known: [String: FileStamp] = [:]
    ) {
        guard let stamp = known[feedName] ?? fileSystem.stamp(directory + "/" + feedName) else {
            fileSystem.remove(directory: directory, name: fileName)
            return
        }
        var newest = max(stamp.changed, stamp.modified)
        let bytes = render(feedName: feedName, stamp: stamp, log: log) { name in
            let s = known[name] ?? fileSystem.stamp(directory + "/" + name)
            if let s { newest = max(newest, s.changed, s.modified) }
            return s
        }
        if (try? fileSystem.writeRecord(bytes, directory: directory, name: fileName, newerThan: newest)) == nil {
            fileSystem.remove(directory: directory, name: fileName)
        }
    }

    /// The index in `directory`, when there is a whole one; nil otherwise.
    static func load(directory: String, fileSystem: any FileSystem) -> RevisionIndex? {
        let path = directory + "/" + fileName
        guard let own = fileSystem.stamp(path), case .bytes(let bytes) = fileSystem.readPrevious(path, limit: maxBytes),
            var index = parse(bytes)
        else { return nil }
        index.ownStamp = own
        return index
    }

    /// The revisions of the combined feed `name`, while it is the file this index describes.
    func history(ofFeed name: String, directory: String, fileSystem: any FileSystem) -> RevisionHistory? {
        guard name == feedName, vouches(for: feedStamp, directory + "/" + name, fileSystem) else { return nil }
        return entries.history()
    }

    /// The revisions of the class feed `name`, while it is the file this index describes.
    func history(ofFile name: String, directory: String, fileSystem: any FileSystem) -> RevisionHistory? {
        guard let f = files[name], vouches(for: f.stamp, directory + "/" + name, fileSystem) else { return nil }
        return entries.history(of: f.events)
    }

    private func vouches(for recorded: FileStamp, _ path: String, _ fileSystem: any FileSystem) -> Bool {
        recorded.changed < ownStamp.modified && recorded.modified < ownStamp.modified && fileSystem.stamp(path) == recorded
    }

    /// The index the bytes hold; nil unless they are a whole, consistent one.
    static func parse(_ bytes: [UInt8]) -> RevisionIndex? {
        let format = Array("\(formatLine)\n".utf8)
        // The last two lines first: the digest's, then the feed's (which says how many events).
        guard bytes.starts(with: format), bytes.last == 0x0A,
            let endAt = bytes.dropLast().lastIndex(of: 0x0A),
            let feedAt = bytes[..<endAt].lastIndex(of: 0x0A), feedAt >= format.count
        else { return nil }
        guard String(decoding: bytes[(endAt + 1)..<(bytes.count - 1)], as: UTF8.self) == "end " + ContentDigest.hex(Array(bytes[...endAt]))
        else { return nil }
        let f = String(decoding: bytes[(feedAt + 1)..<endAt], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
        guard f.count == 8, f[0] == "feed", let name = RunRecord.unescape(f[1]), let stamp = FileStamp(fields: Array(f[2...6])),
            let count = Int(f[7]), count >= 0, count <= (bytes.count - format.count) / 16
        else { return nil }
        let wordsEnd = format.count + 16 * count
        guard wordsEnd < feedAt, bytes[wordsEnd] == 0x0A else { return nil }
        var entries = RevisionLog.Entries()
        entries.words.reserveCapacity(2 * count)
        let span = bytes.span
        var at = format.count
        while at < wordsEnd {
            entries.words.append(span.loadWord(at: at))
            at += 8
        }
        var files: [String: (events: Range<Int>, stamp: FileStamp)] = [:]
        for line in String(decoding: bytes[(wordsEnd + 1)...feedAt], as: UTF8.self).split(separator: "\n") {
            let r = line.split(separator: " ", omittingEmptySubsequences: false)
            switch (r.first, r.count) {
            case ("run", 4):
                guard let first = Int(r[1]), let stamp = Int64(r[2]), let sequence = Int(r[3]) else { return nil }
                entries.runs.append(RevisionLog.Run(first: first, stamp: stamp, sequence: sequence))
            case ("file", 9):
                guard let name = RunRecord.unescape(r[1]), let first = Int(r[2]), let n = Int(r[3]), first >= 0, n >= 0,
                    let s = FileStamp(fields: Array(r[4...8])), files[name] == nil
                else { return nil }
                files[name] = (first..<(first + n), s)
                entries.files.append(RevisionLog.FileRange(name: name, events: first..<(first + n)))
            default: return nil
            }
        }
        guard entries.isConsistent else { return nil }
        return RevisionIndex(feedName: name, feedStamp: stamp, entries: entries, files: files)
    }
}
