import FeedBuilder

extension RunRecord {
    /// Notes the stamp of every file the build left in the output folder (the feeds the
    /// builder finished, the page, and with class feeds every `<calendar id>-*.ics` there) and
    /// writes the record, the build's last act. A record that cannot be written (a read-only
    /// folder whose feeds were all unchanged) is left out silently: the next run takes the full
    /// path, as every run did before there were records.
    static func write(_ record: inout RunRecord, feeds: [String], page: Bool, fileSystem: any FileSystem, output: String) {
        var names = Set(feeds)
        if page { names.insert(SubscribePage.fileName) }
        if let prefix = record.listedPrefix {
            for n in fileSystem.names(in: output) ?? [] where isFeedName(n, of: prefix) { names.insert(n) }
        }
        var newest: Int64 = 0
        record.outputs = []
        for name in names.sorted() {
            // Not a regular file (a folder named like a feed): no record, so the next run looks again.
            guard let s = fileSystem.stamp(output + "/" + name) else { return }
            record.outputs.append(Output(name: name, stamp: s))
            newest = max(newest, s.changed, s.modified)
        }
        _ = try? fileSystem.writeRecord(record.render(), directory: output, name: fileName, newerThan: newest)
    }
}
