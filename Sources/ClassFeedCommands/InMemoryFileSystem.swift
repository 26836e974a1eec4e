import FeedBuilder

/// A file system held in memory, for tests of the commands: files are byte arrays keyed by
/// their absolute path, folders a set of paths. Writes replace a dictionary entry (atomic by
/// construction), locks are always free, and nothing is ever a link, FIFO or device: the
/// hardening of the real file system is ``POSIXFileSystem``'s and is tested against the disk.
///
/// One command at a time: it is a class so that a test can look at what a command wrote, and
/// is not meant to be shared by commands running at once.
package final class InMemoryFileSystem: FileSystem, @unchecked Sendable {
    package private(set) var files: [String: [UInt8]] = [:]
    package private(set) var directories: Set<String> = ["/"]
    /// Symbolic links: path -> the text of the link. Only ``linkTarget(_:)`` and
    /// ``createNew(_:at:)`` look at them.
    package private(set) var links: [String: String] = [:]
    /// What a command reads from standard input (`--schedule -`).
    package var standardInput: [UInt8] = []
    /// Each file's stamp: every write gives it the next tick of a clock that only moves forward,
    /// as if the file system's times were exact.
    private var stamps: [String: FileStamp] = [:]
    private var tick: Int64 = 0
    private var nextInode: UInt64 = 0
    /// What ``executableIdentity()`` reports: a test sets another to play a new ClassFeed binary.
    package var executable: String? = "in-memory classfeed"
    /// Where relative paths start.
    package let workingDirectory: String

    package init(workingDirectory: String = "/studio", files: [String: [UInt8]] = [:]) {
        self.workingDirectory = InMemoryFileSystem.normalized(workingDirectory, from: "/")
        addDirectory(self.workingDirectory)
        for (path, bytes) in files { write(path, bytes) }
    }

    // MARK: Setting up and looking

    /// Creates a folder and its parents.
    package func addDirectory(_ path: String) {
        var p = absolute(path)
        while p != "/" {
            directories.insert(p)
            p = Self.parent(of: p)
        }
    }

    /// Writes a file, creating its folders.
    package func write(_ path: String, _ bytes: [UInt8]) {
        let p = absolute(path)
        addDirectory(Self.parent(of: p))
        store(p, bytes)
    }

    /// Sets a file's bytes and gives it a new stamp (a new inode, as a rename over it would).
    private func store(_ p: String, _ bytes: [UInt8]) {
        files[p] = bytes
        tick += 1
        nextInode += 1
        stamps[p] = FileStamp(size: Int64(bytes.count), modified: tick, changed: tick, inode: nextInode, device: 1)
    }

    package func write(_ path: String, _ text: String) { write(path, Array(text.utf8)) }

    package func bytes(_ path: String) -> [UInt8]? { files[absolute(path)] }

    package func text(_ path: String) -> String? { bytes(path).map { String(decoding: $0, as: UTF8.self) } }

    package func remove(_ path: String) {
        files[absolute(path)] = nil
        stamps[absolute(path)] = nil
    }

    /// Makes `path` a symbolic link whose text is `target` (`/etc/localtime`).
    package func addLink(_ path: String, to target: String) {
        let p = absolute(path)
        addDirectory(Self.parent(of: p))
        links[p] = target
    }

    // MARK: FileSystem

    package func read(_ path: String, limit: Int, followSymlink: Bool) throws(CLIError) -> [UInt8] {
        switch whole(path, limit: limit) {
        case .success(let b): return b
        case .failure(let f):
            switch f {
            case .missing: throw CLIError(.noInput, "\(path): no such file")
            case .tooLarge: throw CLIError(.dataError, "\(path): the file \(f.reason)")
            default: throw CLIError(.noInput, "\(path) \(f.reason)")
            }
        }
    }

    package func readPrevious(_ path: String, limit: Int) -> PreviousFile {
        switch whole(path, limit: limit) {
        case .success(let b): return .bytes(b)
        case .failure(.missing): return .absent
        case .failure(let f): return .damaged(f.reason)
        }
    }

    package func readEnds(_ path: String, count: Int) -> (head: [UInt8], tail: [UInt8])? {
        guard let b = files[absolute(path)] else { return nil }
        return (Array(b.prefix(count)), Array(b.suffix(count)))
    }

    package func openChunks(_ path: String, followSymlink: Bool, limit: Int) -> Result<any OpenFile, FileReadFailure> {
        whole(path, limit: limit).map { MemoryFile(bytes: $0) as any OpenFile }
    }

    package func readStandardInput(limit: Int) throws(CLIError) -> [UInt8] {
        guard standardInput.count <= limit else {
            throw CLIError(.dataError, "\(ScheduleLoading.standardInputName): more than \(limit) bytes; the limit is \(limit) bytes")
        }
        return standardInput
    }

    package func isDirectory(_ path: String) -> Bool { directories.contains(absolute(path)) }

    package func ensureDirectory(_ path: String) throws(CLIError) {
        let p = absolute(path)
        if directories.contains(p) { return }
        if files[p] != nil { throw CLIError(.cannotCreate, "\(path): exists and is not a folder") }
        guard directories.contains(Self.parent(of: p)) else {
            throw CLIError.outputFolderMissing(path, reason: "No such file or directory")
        }
        directories.insert(p)
    }

    package func names(in directory: String) -> [String]? {
        let d = absolute(directory)
        guard directories.contains(d) else { return nil }
        let prefix = d == "/" ? "/" : d + "/"
        let inside = (Array(files.keys) + Array(directories)).filter { $0.hasPrefix(prefix) && $0 != d }
        return inside.map { String($0.dropFirst(prefix.count)) }.filter { !$0.contains("/") }
    }

    package func replaceIfChanged(_ bytes: [UInt8], directory: String, name: String) throws(CLIError) -> Bool {
        let p = absolute(directory + "/" + name)
        guard directories.contains(absolute(directory)) else {
            throw CLIError(.cannotCreate, "cannot write in \(directory): No such file or directory")
        }
        if files[p] == bytes { return false }
        store(p, bytes)
        return true
    }

    package func touch(directory: String, name: String) {
        let p = absolute(directory + "/" + name)
        if files[p] == nil { store(p, []) }
    }

    package func remove(directory: String, name: String) { remove(directory + "/" + name) }

    package func lockOutput(_ directory: String, timeout: Double) throws(CLIError) -> OutputFolderLock {
        let lock = absolute(directory + "/" + OutputLock.fileName)
        guard directories.contains(absolute(directory)) else {
            throw CLIError(.cannotCreate, "cannot create the lock file \(directory)/\(OutputLock.fileName): No such file or directory")
        }
        if files[lock] == nil { store(lock, []) }
        return OutputFolderLock {}
    }

    package func feedSink(directory: String, dryRun: Bool) -> any FeedFileSink {
        MemorySink(fileSystem: self, directory: directory, dryRun: dryRun)
    }

    package func withScheduleLock<T>(on path: String, _ body: () throws -> T) throws -> T {
        guard directories.contains(Self.parent(of: absolute(path))) else {
            throw CLIError(.noInput, "\(Self.parent(of: path)): cannot open the schedule's folder: No such file or directory")
        }
        return try body()
    }

    package func replaceSchedule(_ path: String, old: [UInt8], with new: [UInt8]) throws(CLIError) -> String? {
        store(absolute(path) + ".bak", old)
        store(absolute(path), new)
        return nil
    }

    package func createNew(_ bytes: [UInt8], at path: String) throws(CLIError) -> Bool {
        let p = absolute(path)
        if files[p] != nil || directories.contains(p) || links[p] != nil { return false }
        guard directories.contains(Self.parent(of: p)) else {
            let folder = Self.parent(of: path)
            throw CLIError(.cannotCreate, "cannot create \(path): the folder \(folder) does not exist\n  hint: create it first: mkdir -p \(folder)")
        }
        store(p, bytes)
        return true
    }

    package func linkTarget(_ path: String) -> String? { links[absolute(path)] }
    package func stamp(_ path: String) -> FileStamp? { stamps[absolute(path)] }

    package func writeRecord(_ bytes: [UInt8], directory: String, name: String, newerThan: Int64) throws(CLIError) -> FileStamp? {
        guard directories.contains(absolute(directory)) else {
            throw CLIError(.cannotCreate, "cannot write in \(directory): No such file or directory")
        }
        tick = max(tick, newerThan)
        store(absolute(directory + "/" + name), bytes)
        return stamp(directory + "/" + name)
    }

    package func executableIdentity() -> String? { executable }

    // MARK: Paths

    private func whole(_ path: String, limit: Int) -> Result<[UInt8], FileReadFailure> {
        let p = absolute(path)
        if directories.contains(p) { return .failure(.notRegular("a folder")) }
        guard let b = files[p] else { return .failure(.missing) }
        guard b.count <= limit else { return .failure(.tooLarge(size: Int64(b.count), limit: limit)) }
        return .success(b)
    }

    /// The absolute, normalised path (no `.`, `..` or repeated slashes).
    func absolute(_ path: String) -> String { Self.normalized(path, from: workingDirectory) }

    static func normalized(_ path: String, from base: String) -> String {
        var parts: [Substring] = []
        for part in ((path.hasPrefix("/") ? "" : base + "/") + path).split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let p = String(path[..<slash])
        return p.isEmpty ? "/" : p
    }

    /// A file's bytes, read a chunk at a time.
    private final class MemoryFile: OpenFile {
        let bytes: [UInt8]
        var position = 0
        init(bytes: [UInt8]) { self.bytes = bytes }
        var size: Int64 { Int64(bytes.count) }
        func read(into buffer: inout [UInt8], at offset: Int, count: Int) throws(FileReadFailure) -> Int {
            let n = min(count, bytes.count - position)
            buffer.replaceSubrange(offset..<(offset + n), with: bytes[position..<(position + n)])
            position += n
            return n
        }
        func seek(to offset: Int64) -> Bool {
            guard offset >= 0 else { return false }
            position = Int(min(offset, Int64(bytes.count)))
            return true
        }
        func close() {}
    }

    /// Feeds collected whole, then each stored unless it holds the same bytes already.
    private final class MemorySink: FeedFileSink {
        let fileSystem: InMemoryFileSystem
        let directory: String
        let dryRun: Bool
        var open: [String: [UInt8]] = [:]
        var finished: [(name: String, bytes: [UInt8], events: Int)] = []
        private(set) var written: [(name: String, events: Int)] = []

        init(fileSystem: InMemoryFileSystem, directory: String, dryRun: Bool) {
            self.fileSystem = fileSystem
            self.directory = directory
            self.dryRun = dryRun
        }

        func begin(_ name: String) { if !dryRun { open[name] = [] } }
        func append(_ bytes: [UInt8], to name: String) { open[name]?.append(contentsOf: bytes) }
        func finish(_ name: String, events: Int) {
            if let b = open.removeValue(forKey: name) { finished.append((name, b, events)) }
        }

        func close() throws(CLIError) {
            for f in finished where try fileSystem.replaceIfChanged(f.bytes, directory: directory, name: f.name) {
                written.append((f.name, f.events))
            }
            finished.removeAll()
        }
    }
}
