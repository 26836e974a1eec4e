import FeedBuilder

/// `.classfeed-revisions` in the output folder: the revisions of the combined feed's events
/// (``RevisionLog``) with the stamp of the feed they were written into, so that a full rerun
/// learns them from a few megabytes instead of reading the feed back (a network's combined
/// feed is 112 MB, and reading it was most of a rerun's time; issue 19).
///
/// It vouches for nothing by itself: it is used only while the feed still has the recorded
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
/// `feed <name> <size> <modified> <changed> <inode> <device> <events>`; and the line
/// `end <digest>` (``ContentDigest`` of everything before it). The feed's line comes last
/// because its stamp is known only once the feed is in place.
package enum RevisionIndex {
    package static let fileName = ".classfeed-revisions"
    static let formatLine = "classfeed-revisions 1"
    /// The largest index read: five million events, the most a feed may hold, need 140 MB.
    static let maxBytes = 160 << 20

    /// The index of `log` for the feed `feedName` with `stamp`.
    static func render(feedName: String, stamp: FileStamp, log: RevisionLog) -> [UInt8] {
        let entries = log.entries
        var bytes = Array("\(formatLine)\n".utf8)
        bytes.reserveCapacity(bytes.count + 8 * entries.words.count + 40 * entries.runs.count + 200)
        bytes.append(littleEndianWords: entries.words)
        bytes.append(0x0A)
        for r in entries.runs { bytes += "run \(r.first) \(r.stamp) \(r.sequence)\n".utf8 }
        bytes += "feed ".utf8
        RunRecord.escape(feedName, into: &bytes)
        bytes += " \(stamp.fields) \(entries.count)\n".utf8
        bytes += ("end " + ContentDigest.hex(bytes) + "\n").utf8
        return bytes
    }

    /// Saves the log for `feedName` (just committed in `directory`); on any failure the old
    /// index goes, so that nothing stale is left to trip over.
    static func write(_ log: RevisionLog, feedName: String, directory: String, fileSystem: any FileSystem) {
        guard let stamp = fileSystem.stamp(directory + "/" + feedName) else {
            fileSystem.remove(directory: directory, name: fileName)
            return
        }
        let bytes = render(feedName: feedName, stamp: stamp, log: log)
        if (try? fileSystem.writeRecord(bytes, directory: directory, name: fileName, newerThan: max(stamp.changed, stamp.modified))) == nil {
            fileSystem.remove(directory: directory, name: fileName)
        }
    }

    /// The revisions of `directory/feedName` from the index, when the index is whole and the
    /// feed is still the file it describes; else nil.
    static func history(feedName: String, directory: String, fileSystem: any FileSystem) -> RevisionHistory? {
        let path = directory + "/" + fileName
        guard let own = fileSystem.stamp(path),
            case .bytes(let bytes) = fileSystem.readPrevious(path, limit: maxBytes),
            let (name, stamp, entries) = parse(bytes),
            name == feedName,
            stamp.changed < own.modified,
            fileSystem.stamp(directory + "/" + feedName) == stamp
        else { return nil }
        return entries.history()
    }

    /// The feed's name, its stamp and the log's entries; nil unless the bytes are a whole index.
    static func parse(_ bytes: [UInt8]) -> (String, FileStamp, RevisionLog.Entries)? {
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
        let runLines = String(decoding: bytes[(wordsEnd + 1)...feedAt], as: UTF8.self).split(separator: "\n")
        for line in runLines {
            let r = line.split(separator: " ", omittingEmptySubsequences: false)
            guard r.count == 4, r[0] == "run", let first = Int(r[1]), let stamp = Int64(r[2]), let sequence = Int(r[3]) else { return nil }
            entries.runs.append(RevisionLog.Run(first: first, stamp: stamp, sequence: sequence))
        }
        return (name, stamp, entries)
    }
}
