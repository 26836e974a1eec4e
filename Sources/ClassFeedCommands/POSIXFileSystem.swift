#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Bytes

/// The real file system, on POSIX calls so that every write is atomic and every failure has an
/// errno to explain it. Relative paths are taken from `workingDirectory` when set (tests run
/// many commands at once in one process, each in its own folder), else from the process's.
///
/// Every file ClassFeed reads is opened the same way (``openForReading(_:followSymlink:limit:)``):
/// without blocking (a FIFO or a device would otherwise hang the run, and a build holds the
/// output lock), checked with `fstat` to be a regular file, and read with a size cap counted as
/// the bytes arrive (a file under /proc reports size 0; a file that grows while read is cut off).
package struct POSIXFileSystem: FileSystem {
    package var workingDirectory: String?

    package init(workingDirectory: String? = nil) { self.workingDirectory = workingDirectory }

    /// The path to hand to a system call: relative ones under `workingDirectory`.
    func resolve(_ path: String) -> String {
        guard let workingDirectory, !path.hasPrefix("/") else { return path }
        return workingDirectory + "/" + path
    }

    static func errorText(_ e: Int32 = errno) -> String { String(cString: strerror(e)) }

    typealias ReadFailure = FileReadFailure
    typealias Previous = PreviousFile
    typealias TemporaryOwner = TemporaryFileOwner

    /// A file opened for reading: the descriptor (closed by ``close()``), its size when opened
    /// (0 for files under /proc and the like, whose size is only known by reading), and the cap.
    struct ReadableFile: OpenFile {
        let fd: Int32
        let size: Int64
        let limit: Int
        let device: UInt64
        let inode: UInt64
        func close() { _ = closeFile(fd) }
        func seek(to offset: Int64) -> Bool { offset >= 0 && lseek(fd, off_t(offset), SEEK_SET) == off_t(offset) }

        /// Reads up to `count` bytes into `buffer` from its start, retrying on EINTR; returns the
        /// number read (0 at the end of the file), or nil on an error (errno says which).
        func read(into buffer: inout [UInt8], at offset: Int, count: Int) throws(FileReadFailure) -> Int {
            guard let n = POSIXFileSystem.readSome(fd, into: &buffer, at: offset, count: count) else {
                throw .unreadable(code: errno, text: POSIXFileSystem.errorText())
            }
            return n
        }
    }

    /// Opens `path` for reading without blocking and checks it is a regular file of at most
    /// `limit` bytes. With `followSymlink: false` a symbolic link is refused (`.symlink`): used
    /// for files ClassFeed itself replaces, so that a link planted in the output folder is never
    /// read through.
    func openPOSIX(_ path: String, followSymlink: Bool = true, limit: Int) -> Result<ReadableFile, ReadFailure> {
        var flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY
        if !followSymlink { flags |= O_NOFOLLOW }
        let fd = open(resolve(path), flags)
        guard fd >= 0 else {
            let e = errno
            if e == ENOENT || e == ENOTDIR { return .failure(.missing) }
            if e == ELOOP && !followSymlink { return .failure(.symlink) }
            return .failure(.unreadable(code: e, text: Self.errorText(e)))
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            _ = Self.closeFile(fd)
            return .failure(.unreadable(code: e, text: Self.errorText(e)))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            _ = Self.closeFile(fd)
            return .failure(.notRegular(Self.kind(of: st.st_mode)))
        }
        guard Int64(st.st_size) <= Int64(limit) else {
            _ = Self.closeFile(fd)
            return .failure(.tooLarge(size: Int64(st.st_size), limit: limit))
        }
        // O_NONBLOCK stays set: it has no effect on a regular file's reads (POSIX, Linux, Darwin).
        return .success(
            ReadableFile(fd: fd, size: Int64(st.st_size), limit: limit, device: UInt64(st.st_dev), inode: UInt64(st.st_ino)))
    }

    /// "a named pipe (FIFO)", "a folder", "a device", ...
    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// Reads a whole regular file of at most `limit` bytes (counted as read, not trusted from
    /// its size). Errors: 66 when missing, not a regular file or unreadable; 65 when too large.
    package func read(_ path: String, limit: Int, followSymlink: Bool) throws(CLIError) -> [UInt8] {
        switch readWhole(path, limit: limit, followSymlink: followSymlink) {
        case .success(let bytes): return bytes
        case .failure(let f):
            switch f {
            case .missing: throw CLIError(.noInput, "\(path): no such file")
            case .tooLarge: throw CLIError(.dataError, "\(path): the file \(f.reason)")
            case .unreadable(let e, _) where e == EIO: throw CLIError(.ioError, "\(path): read failed: \(Self.errorText(e))")
            default: throw CLIError(.noInput, "\(path) \(f.reason)")
            }
        }
    }

    /// Reads file descriptor 0 to its end (``readToEnd(_:limit:)``).
    package func readStandardInput(limit: Int) throws(CLIError) -> [UInt8] { try Self.readToEnd(0, limit: limit) }

    /// Reads a descriptor (standard input, a pipe) to its end through the same read loop as
    /// files (EINTR retried), at most `limit` bytes, counted as read. Messages name it `<stdin>`.
    package static func readToEnd(_ fd: Int32, limit: Int) throws(CLIError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: min(64 * 1024, limit + 1))
        var done = 0
        while true {
            if done == out.count {
                guard done <= limit else { break }
                out.append(contentsOf: repeatElement(0, count: min(out.count, limit + 1 - done)))
            }
            guard let n = Self.readSome(fd, into: &out, at: done, count: out.count - done) else {
                throw CLIError(.ioError, "\(ScheduleLoading.standardInputName): read failed: \(Self.errorText())")
            }
            if n == 0 { break }
            done += n
            if done > limit { break }
        }
        guard done <= limit else {
            throw CLIError(.dataError, "\(ScheduleLoading.standardInputName): more than \(limit) bytes; the limit is \(limit) bytes")
        }
        out.removeSubrange(done...)
        return out
    }

    /// Reads a whole file as ``read(_:limit:followSymlink:)`` does, reporting why it could not.
    func readWhole(_ path: String, limit: Int, followSymlink: Bool) -> Result<[UInt8], ReadFailure> {
        let file: ReadableFile
        switch openPOSIX(path, followSymlink: followSymlink, limit: limit) {
        case .success(let f): file = f
        case .failure(let f): return .failure(f)
        }
        defer { file.close() }
        // Sized from fstat when it says something; files under /proc say 0 and are read anyway.
        var out = [UInt8](repeating: 0, count: Int(min(Int64(limit), max(file.size, 0))) + 1)
        var done = 0
        while true {
            if done == out.count {
                guard done <= limit else { return .failure(.tooLarge(size: Int64(done), limit: limit)) }
                out.append(contentsOf: repeatElement(0, count: min(max(out.count, 4096), limit + 1 - done)))
            }
            guard let n = Self.readSome(file.fd, into: &out, at: done, count: out.count - done) else {
                return .failure(.unreadable(code: errno, text: Self.errorText()))
            }
            if n == 0 { break }
            done += n
            if done > limit { return .failure(.tooLarge(size: Int64(done), limit: limit)) }
        }
        out.removeSubrange(done...)
        return .success(out)
    }

    /// A file ClassFeed wrote on an earlier run: see ``PreviousFile``.
    package func readPrevious(_ path: String, limit: Int) -> PreviousFile {
        switch readWhole(path, limit: limit, followSymlink: false) {
        case .success(let b): return .bytes(b)
        case .failure(.missing): return .absent
        case .failure(let f): return .damaged(f.reason)
        }
    }

    /// Reads up to `count` bytes at `buffer[offset...]`, retrying on EINTR. Returns the number
    /// read (0 at the end), or nil on an error with errno set.
    static func readSome(_ fd: Int32, into buffer: inout [UInt8], at offset: Int, count: Int) -> Int? {
        precondition(offset >= 0 && count >= 0 && offset + count <= buffer.count, "read past the buffer")
        while true {
            let n = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return systemRead(fd, base + offset, count)
            }
            if n < 0 && errno == EINTR { continue }
            return n < 0 ? nil : n
        }
    }

    /// Writes all of `bytes`, retrying on EINTR and short writes. False on an error (errno says which).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return systemWrite(fd, base + done, raw.count - done)
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    /// The first and last `count` bytes of a regular file (links are not followed), or nil when
    /// it cannot be read.
    package func readEnds(_ path: String, count: Int) -> (head: [UInt8], tail: [UInt8])? {
        guard case .success(let file) = openPOSIX(path, followSymlink: false, limit: Int.max) else { return nil }
        defer { file.close() }
        var head = [UInt8](repeating: 0, count: count)
        var tail = [UInt8](repeating: 0, count: count)
        let h = head.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress!, count, 0) }
        let size = lseek(file.fd, 0, SEEK_END)
        guard h >= 0, size >= 0 else { return nil }
        let t = tail.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress!, count, max(0, size - off_t(count))) }
        guard t >= 0 else { return nil }
        return (Array(head.prefix(h)), Array(tail.prefix(t)))
    }

    /// True when `path` is a regular file (not a link) holding exactly `bytes`, compared a
    /// chunk at a time so that a huge file costs no memory.
    func holds(_ path: String, exactly bytes: [UInt8]) -> Bool {
        guard case .success(let file) = openPOSIX(path, followSymlink: false, limit: Int.max) else { return false }
        defer { file.close() }
        guard file.size == Int64(bytes.count) else { return false }
        var chunk = [UInt8](repeating: 0, count: min(1 << 16, max(bytes.count, 1)))
        var offset = 0
        while offset < bytes.count {
            guard let n = Self.readSome(file.fd, into: &chunk, at: 0, count: min(chunk.count, bytes.count - offset)), n > 0 else {
                return false
            }
            guard chunk.span.extracting(0..<n).bytesEqual(bytes.span.extracting(offset..<(offset + n))) else { return false }
            offset += n
        }
        var extra = [UInt8](repeating: 0, count: 1)
        return Self.readSome(file.fd, into: &extra, at: 0, count: 1) == 0
    }

    package func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(resolve(path), &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(resolve(path), &st) == 0
    }

    /// Creates the folder (one level) if missing.
    package func ensureDirectory(_ path: String) throws(CLIError) {
        if isDirectory(path) { return }
        if exists(path) { throw CLIError(.cannotCreate, "\(path): exists and is not a folder") }
        guard mkdir(resolve(path), 0o755) == 0 || errno == EEXIST else {
            if errno == ENOENT { throw CLIError.outputFolderMissing(path, reason: Self.errorText()) }
            throw CLIError(.cannotCreate, "cannot create the output folder \(path): \(Self.errorText())")
        }
    }

    /// The names in a folder (without "." and ".."), or nil when it cannot be read.
    package func names(in directory: String) -> [String]? {
        guard let dir = opendir(resolve(directory)) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Creates a temporary file for `name` in `directory` with a name no other process can
    /// hold (exclusive create, a random suffix, retried), so a leftover of a killed run with
    /// the same PID (containers repeat PIDs) never blocks a write. The path returned is the one
    /// to hand to system calls (already resolved).
    func createTemporary(
        for name: String, in directory: String, owner: TemporaryOwner, mode: mode_t
    ) throws(CLIError) -> (fd: Int32, path: String) {
        var lastError: Int32 = EEXIST
        for attempt in 0..<16 {
            // One random number a process (a system call each would show in a network's 2,000
            // feeds); a fresh one after a clash (a leftover, or the same name twice at once).
            let suffix = attempt == 0 ? Self.processSuffix : "-tmp-\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let path = Self.join(resolve(directory), "/.", name, ".", owner.rawValue, suffix)
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 { return (fd, path) }
            lastError = errno
            if lastError != EEXIST { break }
        }
        let code: ExitCode = lastError == ENOSPC || lastError == EIO || lastError == EDQUOT ? .ioError : .cannotCreate
        throw CLIError(code, "cannot write in \(directory): \(Self.errorText(lastError))")
    }

    /// The parts one after another, copied once (a network's build names 2,000 temporary
    /// files: string by string cost 2.5 K instructions each).
    static func join(_ parts: String...) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.utf8.count })
        for p in parts { bytes += p.utf8 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// "-tmp-<pid>-<random>", the end of this process's temporary names: the random part
    /// drawn once (`static let` is initialised once, thread-safely).
    static let processSuffix = "-tmp-\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)

    /// True when `file` is a temporary file that `owner` left behind for one of the files
    /// `isOwned` accepts. Also matches the older `.<name>.tmp-<pid>` names of earlier versions.
    static func isTemporary(_ file: String, of owner: TemporaryOwner, for isOwned: (String) -> Bool) -> Bool {
        let bytes = Array(file.utf8)
        guard bytes.first == UInt8(ascii: ".") else { return false }
        for marker in ["." + owner.rawValue + "-tmp-", ".tmp-"] {
            let m = Array(marker.utf8)
            guard bytes.count > m.count + 1 else { continue }
            // The last occurrence of the marker: the file's own name may contain it too.
            guard let at = stride(from: bytes.count - m.count, through: 1, by: -1).first(where: { bytes[$0..<($0 + m.count)].elementsEqual(m) })
            else { continue }
            let rest = bytes[(at + m.count)...]
            if rest.isEmpty { continue }
            // Earlier versions wrote `.<name>.tmp-<pid>`.
            if marker == ".tmp-" && !rest.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { continue }
            if isOwned(String(decoding: bytes[1..<at], as: UTF8.self)) { return true }
        }
        return false
    }

    /// Removes the temporary files `owner` left behind in `directory` for files `isOwned`
    /// accepts. Only called while holding the lock that covers them, so none belongs to a live run.
    func removeStaleTemporaryFiles(in directory: String, of owner: TemporaryOwner, for isOwned: (String) -> Bool) {
        for name in names(in: directory) ?? [] where Self.isTemporary(name, of: owner, for: isOwned) {
            unlink(resolve(directory) + "/" + name)
        }
    }

    /// The owner, group and mode to give a file that replaces `path` (nil when it does not exist).
    func ownership(of path: String) -> (uid: uid_t, gid: gid_t, mode: mode_t)? {
        var st = stat()
        guard stat(resolve(path), &st) == 0 else { return nil }
        return (st.st_uid, st.st_gid, st.st_mode & 0o7777)
    }

    /// Writes `bytes` to `directory/name` atomically: a temporary file in the same folder,
    /// flushed to disk, then renamed over the old one. A crash at any moment leaves the old file
    /// or the new one, whole. With `onlyIfChanged`, returns false (and touches nothing) when the
    /// file already holds these bytes. `mode` is applied exactly (the umask does not narrow it).
    /// With `owner`, the new file gets that owner and group where allowed (root may give any;
    /// others only their own): the caller compares afterwards and says when it could not.
    @discardableResult
    func writeAtomically(
        _ bytes: [UInt8], directory: String, name: String, mode: mode_t = 0o644, onlyIfChanged: Bool = true,
        temporaryOwner: TemporaryOwner = .build, owner: (uid: uid_t, gid: gid_t)? = nil
    ) throws(CLIError) -> Bool {
        let path = directory + "/" + name
        if onlyIfChanged && holds(path, exactly: bytes) { return false }
        let (fd, temp) = try createTemporary(for: name, in: directory, owner: temporaryOwner, mode: mode)
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        _ = fchmod(fd, mode)
        if let owner {
            var st = stat()
            let already = fstat(fd, &st) == 0 && st.st_uid == owner.uid && st.st_gid == owner.gid
            if !already && fchown(fd, owner.uid, owner.gid) == 0 {
                // fchown clears set-user/group-ID bits; put the mode back.
                _ = fchmod(fd, mode)
            }
        }
        guard Self.writeAll(fd, bytes) else {
            let e = errno
            _ = Self.closeFile(fd)
            throw CLIError(.ioError, "cannot write \(path): \(Self.errorText(e)); the previous file is unchanged")
        }
        guard fsync(fd) == 0 else {
            let e = errno
            _ = Self.closeFile(fd)
            throw CLIError(.ioError, "cannot write \(path): \(Self.errorText(e)); the previous file is unchanged")
        }
        _ = Self.closeFile(fd)
        guard rename(temp, resolve(path)) == 0 else {
            throw CLIError(.cannotCreate, "cannot replace \(path): \(Self.errorText()); the previous file is unchanged")
        }
        ok = true
        // Make the rename itself durable.
        let dfd = Self.openDirectory(resolve(directory))
        if dfd >= 0 {
            _ = fsync(dfd)
            Self.closeFile(dfd)
        }
        return true
    }

    // MARK: FileSystem

    package func openChunks(_ path: String, followSymlink: Bool, limit: Int) -> Result<any OpenFile, FileReadFailure> {
        openPOSIX(path, followSymlink: followSymlink, limit: limit).map { $0 as any OpenFile }
    }

    package func replaceIfChanged(_ bytes: [UInt8], directory: String, name: String) throws(CLIError) -> Bool {
        try writeAtomically(bytes, directory: directory, name: name)
    }

    package func touch(directory: String, name: String) {
        let fd = open(resolve(directory + "/" + name), O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o644)
        if fd >= 0 { Self.closeFile(fd) }
    }

    package func remove(directory: String, name: String) {
        _ = unlink(resolve(directory + "/" + name))
    }

    package func lockOutput(_ directory: String, timeout: Double) throws(CLIError) -> OutputFolderLock {
        let lock = try OutputLock.acquire(directory: directory, timeout: timeout, in: self)
        OutputLock.removeStaleTemporaryFiles(in: directory, of: self)
        return OutputFolderLock(release: lock.release)
    }

    package func feedSink(directory: String, dryRun: Bool) -> any FeedFileSink {
        FileSink(directory: directory, dryRun: dryRun, fileSystem: self)
    }

    package func withScheduleLock<T>(on path: String, _ body: () throws -> T) throws -> T {
        try ScheduleFileEditing.withLock(on: path, in: self, body)
    }

    package func replaceSchedule(_ path: String, old: [UInt8], with new: [UInt8]) throws(CLIError) -> String? {
        try ScheduleFileEditing.replace(path, old: old, with: new, in: self)
    }

    // MARK: The run record

    package func stamp(_ path: String) -> FileStamp? {
        var st = stat()
        guard lstat(resolve(path), &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Self.stamp(of: st)
    }

    /// The stamp `stat` describes (the time fields are named differently on Darwin).
    static func stamp(of st: stat) -> FileStamp {
        #if canImport(Glibc)
            let m = st.st_mtim, c = st.st_ctim
        #elseif canImport(Darwin)
            let m = st.st_mtimespec, c = st.st_ctimespec
        #endif
        return FileStamp(
            size: Int64(st.st_size), modified: Int64(m.tv_sec) * 1_000_000_000 + Int64(m.tv_nsec),
            changed: Int64(c.tv_sec) * 1_000_000_000 + Int64(c.tv_nsec), inode: UInt64(st.st_ino), device: UInt64(st.st_dev))
    }

    /// Written to a temporary file and renamed over the old record, but not flushed to disk:
    /// the files it describes were flushed before it was written, and a record a crash leaves
    /// torn fails its checksum, one left old or missing matches nothing, so either way the next
    /// run takes the full path (two `fsync`s were a third of a small studio's build). Before
    /// the rename the file's times are set again, a millisecond apart, until they are later
    /// than `newerThan`: file systems stamp with a clock that ticks every few milliseconds (or
    /// every second), and a record no later than the files it describes could not tell them
    /// from a file edited in that same tick.
    package func writeRecord(_ bytes: [UInt8], directory: String, name: String, newerThan: Int64) throws(CLIError) -> FileStamp? {
        let path = directory + "/" + name
        let (fd, temp) = try createTemporary(for: name, in: directory, owner: .build, mode: 0o644)
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        guard Self.writeAll(fd, bytes) else {
            let e = errno
            _ = Self.closeFile(fd)
            throw CLIError(.ioError, "cannot write \(path): \(Self.errorText(e))")
        }
        // Until the file system's clock has ticked past the newest output (a millisecond or a
        // few), polled every 0.1 ms: a studio's build waited a whole millisecond each time.
        var st = stat()
        var waited = 0
        while waited < 500, fstat(fd, &st) == 0, Self.stamp(of: st).modified <= newerThan {
            usleep(100)
            waited += 1
            _ = futimens(fd, nil)
        }
        _ = Self.closeFile(fd)
        guard rename(temp, resolve(path)) == 0 else {
            throw CLIError(.cannotCreate, "cannot replace \(path): \(Self.errorText())")
        }
        ok = true
        return stamp(path)
    }

    /// The stamp of the running executable: /proc/self/exe on Linux, the path dyld reports on Darwin.
    package func executableIdentity() -> String? {
        #if canImport(Glibc)
            let path = "/proc/self/exe"
        #elseif canImport(Darwin)
            var buffer = [CChar](repeating: 0, count: 4096)
            var size = UInt32(buffer.count)
            guard _NSGetExecutablePath(&buffer, &size) == 0 else { return nil }
            let path = String(cString: buffer)
        #endif
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Self.stamp(of: st).fields
    }

    @discardableResult
    static func closeFile(_ fd: Int32) -> Int32 { close(fd) }

    /// A descriptor of the folder (for fsync and flock), or -1. `path` is resolved already.
    static func openDirectory(_ path: String) -> Int32 { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }

    static func sync(_ fd: Int32) -> Bool { fsync(fd) == 0 }

    /// Flushes a file written and closed earlier (`path` resolved already).
    static func sync(path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return false }
        defer { closeFile(fd) }
        return fsync(fd) == 0
    }

    /// Starts writing a file's dirty pages to disk without waiting for them (Linux's
    /// sync_file_range(2) with SYNC_FILE_RANGE_WRITE), so that the disk works while the build
    /// goes on and the final flush has less to wait for. Nothing where there is no such call.
    static func startWriteback(_ fd: Int32, offset: Int, count: Int) {
        #if os(Linux)
            _ = linuxSyncFileRange(fd, Int64(offset), Int64(count), 2)
        #endif
    }

    /// syncfs(2) on Linux: flushes the whole file system holding `fd` in one call. False where
    /// there is no such call (macOS) or it failed; the caller then flushes file by file.
    static func syncFileSystem(containing fd: Int32) -> Bool {
        #if os(Linux)
            return linuxSyncFS(fd) == 0
        #else
            return false
        #endif
    }
}

#if os(Linux)
    /// syncfs(2) (Glibc's Swift overlay does not export it).
    @_silgen_name("syncfs")
    private func linuxSyncFS(_ fd: Int32) -> Int32
    /// sync_file_range(2).
    @_silgen_name("sync_file_range")
    private func linuxSyncFileRange(_ fd: Int32, _ offset: Int64, _ count: Int64, _ flags: UInt32) -> Int32
#endif

#if canImport(Glibc)
    private func systemRead(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int { Glibc.read(fd, p, n) }
    private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Glibc.write(fd, p, n) }
#elseif canImport(Darwin)
    private func systemRead(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int { Darwin.read(fd, p, n) }
    private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Darwin.write(fd, p, n) }
#endif

// MARK: - New files and links (classfeed init)

extension POSIXFileSystem {
    /// Writes a temporary file beside `path`, flushes it, then link(2)s it to `path`: link
    /// never replaces an existing name (EEXIST), so the file appears whole or not at all and
    /// nothing there is overwritten. Where the file system has no hard links (FAT, some network
    /// mounts), an exclusive create (`O_EXCL`) written in place stands in.
    package func createNew(_ bytes: [UInt8], at path: String) throws(CLIError) -> Bool {
        let directory = ScheduleFileEditing.directory(of: path)
        let name = ScheduleFileEditing.fileName(of: path)
        if exists(path) { return false }
        guard isDirectory(directory) else {
            throw CLIError(.cannotCreate, "cannot create \(path): the folder \(directory) does not exist\n  hint: create it first: mkdir -p \(directory)")
        }
        let (fd, temp) = try createTemporary(for: name, in: directory, owner: .edit, mode: 0o644)
        defer { unlink(temp) }
        guard Self.writeAll(fd, bytes), fsync(fd) == 0 else {
            let e = errno
            _ = Self.closeFile(fd)
            throw CLIError(.ioError, "cannot write \(path): \(Self.errorText(e)); nothing was written")
        }
        _ = Self.closeFile(fd)
        if link(temp, resolve(path)) != 0 {
            let e = errno
            if e == EEXIST { return false }
            guard e == EPERM || e == EOPNOTSUPP || e == ENOTSUP else {
                throw CLIError(.cannotCreate, "cannot create \(path): \(Self.errorText(e))")
            }
            return try createInPlace(bytes, at: path)
        }
        let dfd = Self.openDirectory(resolve(directory))
        if dfd >= 0 {
            _ = fsync(dfd)
            Self.closeFile(dfd)
        }
        return true
    }

    /// An exclusive create written in place, for file systems without hard links; a failed
    /// write removes the file again.
    private func createInPlace(_ bytes: [UInt8], at path: String) throws(CLIError) -> Bool {
        let fd = open(resolve(path), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let e = errno
            if e == EEXIST { return false }
            throw CLIError(.cannotCreate, "cannot create \(path): \(Self.errorText(e))")
        }
        guard Self.writeAll(fd, bytes), fsync(fd) == 0 else {
            let e = errno
            _ = Self.closeFile(fd)
            unlink(resolve(path))
            throw CLIError(.ioError, "cannot write \(path): \(Self.errorText(e)); nothing was written")
        }
        _ = Self.closeFile(fd)
        return true
    }

    /// readlink(2): the link's text, or nil when `path` is not a link or cannot be read.
    package func linkTarget(_ path: String) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBufferPointer { b in
            b.baseAddress.map { p in p.withMemoryRebound(to: CChar.self, capacity: b.count) { readlink(resolve(path), $0, b.count) } } ?? -1
        }
        guard n > 0, n < buffer.count else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }
}
