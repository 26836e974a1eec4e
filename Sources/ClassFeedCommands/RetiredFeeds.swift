import FeedBuilder

/// The feeds of classes removed from the schedule. Their subscribers would otherwise keep the
/// classes that no longer happen forever: each `<calendar id>-<class id>.ics` of a class that is
/// gone is rewritten as a valid feed with no events, named "... (this class has ended)", so
/// subscribed calendars empty themselves. Deleting the file retires it for good (see
/// docs/EXCEPTIONS.md); a build never creates one.
enum RetiredFeeds {
    /// Rewrites the feeds of removed classes in `directory`; returns the names written.
    /// Called holding the output lock, after the current feeds were written; `present` is the
    /// folder's names when the build began (the files this build wrote are skipped anyway).
    static func retire(in directory: String, present: Set<String>, builder: FeedBuilder, fileSystem: any FileSystem) throws(CLIError) -> [String] {
        // The classes' feeds and the schedule's own `feeds` are current.
        let current = Set(builder.schedule.classes.map(\.id) + builder.schedule.feeds.map(\.id))
        // The files this build wrote, skipped by name before any parsing: a network's 2,000
        // class feeds each cost thousands of instructions of string slicing otherwise.
        var written = Set(builder.schedule.classes.indices.map { builder.fileName(classIndex: $0) })
        written.formUnion(builder.extraFeedFileNames)
        var retired: [String] = []
        // Only the few candidates are sorted (for the order they are reported in), not the folder.
        var candidates: [(name: String, id: String)] = []
        for name in present where !written.contains(name) {
            if let id = builder.classID(ofFeedFile: name), !current.contains(id) { candidates.append((name, id)) }
        }
        for (name, id) in candidates.sorted(by: { $0.name < $1.name }) {
            guard let header = readHeader(directory + "/" + name, fileSystem),
                let bytes = builder.retiredClassFeed(classID: id, previous: header)
            else { continue }
            if try fileSystem.replaceIfChanged(bytes, directory: directory, name: name) { retired.append(name) }
        }
        return retired
    }

    /// The first 64 KiB of a regular file (a feed's header is far shorter), or nil.
    private static func readHeader(_ path: String, _ fileSystem: any FileSystem) -> [UInt8]? {
        guard case .success(let file) = fileSystem.openChunks(path, followSymlink: false, limit: Int.max) else { return nil }
        defer { file.close() }
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var done = 0
        while done < buffer.count {
            guard let n = try? file.read(into: &buffer, at: done, count: buffer.count - done) else { return nil }
            if n == 0 { break }
            done += n
        }
        return Array(buffer[0..<done])
    }
}
