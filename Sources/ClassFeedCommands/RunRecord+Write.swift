import FeedBuilder

extension RunRecord {
    /// Notes the stamp of every file the build left in the output folder (the feeds the
    /// builder finished, the page, and with class feeds every `<calendar id>-*.ics` there) and
    /// writes the record, the build's last act. A record that cannot be written (a read-only
    /// folder whose feeds were all unchanged) is left out silently: the next run takes the full
    /// path, as every run did before there were records.
    /// `present`, when given, is the folder's names when the build began: with the feeds this
    /// build wrote, they are the folder's names now (the build holds the lock), so the folder
    /// is not listed again.
    static func write(_ record: inout RunRecord, feeds: [String], page: Bool, present: Set<String>? = nil, fileSystem: any FileSystem, output: String) {
        // In the order written, then the few others (feeds of removed classes) by name: the
        // check looks outputs up by name, so only determinism matters, and sorting a
        // network's 2,000 names cost 7 M instructions.
        var names: [String] = []
        var seen = Set<String>(minimumCapacity: feeds.count + 1)
        names.reserveCapacity(feeds.count + 1)
        for n in feeds where seen.insert(n).inserted { names.append(n) }
        if page && seen.insert(SubscribePage.fileName).inserted { names.append(SubscribePage.fileName) }
        if let prefix = record.listedPrefix {
            let listed = present.map(Array.init) ?? fileSystem.names(in: output) ?? []
            names += listed.filter { !seen.contains($0) && isFeedName($0, of: prefix) }.sorted()
        }
        var newest: Int64 = 0
        record.outputs = []
        record.outputs.reserveCapacity(names.count)
        let folder = output + "/"
        for name in names {
            // Not a regular file (a folder named like a feed): no record, so the next run looks again.
            guard let s = fileSystem.stamp(folder + name) else { return }
            record.outputs.append(Output(name: name, stamp: s))
            newest = max(newest, s.changed, s.modified)
        }
        _ = try? fileSystem.writeRecord(record.render(), directory: output, name: fileName, newerThan: newest)
    }
}
