#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The executable's file operations, on POSIX calls so that every write is atomic and every
/// failure has an errno to explain it.
enum FileSystem {
    static func errorText(_ e: Int32 = errno) -> String { String(cString: strerror(e)) }

    /// Reads a whole regular file, refusing anything over `limit` bytes.
    static func read(_ path: String, limit: Int) throws(CLIError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            if e == ENOENT { throw CLIError(.noInput, "\(path): no such file") }
            throw CLIError(.noInput, "\(path): cannot open: \(errorText(e))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw CLIError(.ioError, "\(path): \(errorText())") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw CLIError(.noInput, "\(path): not a regular file") }
        guard Int(st.st_size) <= limit else {
            throw CLIError(.dataError, "\(path): the file is \(st.st_size) bytes; the limit is \(limit) bytes")
        }
        var out = [UInt8](repeating: 0, count: Int(st.st_size))
        var done = 0
        while done < out.count {
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw CLIError(.ioError, "\(path): read failed: \(errorText())") }
            if n == 0 { break }
            done += n
        }
        return Array(out[0..<done])
    }

    /// The first and last `count` bytes of a file, or nil when it cannot be read.
    static func readEnds(_ path: String, count: Int) -> (head: [UInt8], tail: [UInt8])? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: count)
        var tail = [UInt8](repeating: 0, count: count)
        let h = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, count, 0) }
        let size = lseek(fd, 0, SEEK_END)
        guard h >= 0, size >= 0 else { return nil }
        let t = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, count, max(0, size - off_t(count))) }
        guard t >= 0 else { return nil }
        return (Array(head.prefix(h)), Array(tail.prefix(t)))
    }

    /// The file's bytes, or nil when it does not exist or cannot be read.
    static func readIfPresent(_ path: String, limit: Int) -> [UInt8]? { try? read(path, limit: limit) }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Creates the folder (one level) if missing.
    static func ensureDirectory(_ path: String) throws(CLIError) {
        if isDirectory(path) { return }
        if exists(path) { throw CLIError(.cannotCreate, "\(path): exists and is not a folder") }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw CLIError(.cannotCreate, "cannot create the output folder \(path): \(errorText())")
        }
    }

    /// Writes `bytes` to `directory/name` atomically: a temporary file in the same folder,
    /// flushed to disk, then renamed over the old one. A crash at any moment leaves the old file
    /// or the new one, whole. With `onlyIfChanged`, returns false (and touches nothing) when the
    /// file already holds these bytes. `mode` is applied exactly (the umask does not narrow it).
    @discardableResult
    static func writeAtomically(
        _ bytes: [UInt8], directory: String, name: String, mode: mode_t = 0o644, onlyIfChanged: Bool = true
    ) throws(CLIError) -> Bool {
        let path = directory + "/" + name
        if onlyIfChanged, let old = readIfPresent(path, limit: Int.max), old == bytes { return false }
        let temp = directory + "/." + name + ".tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else {
            let e = errno
            let code: ExitCode = e == ENOSPC || e == EIO || e == EDQUOT ? .ioError : .cannotCreate
            throw CLIError(code, "cannot write in \(directory): \(errorText(e))")
        }
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        _ = fchmod(fd, mode)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(fd, base + done, buffer.count - done)
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let e = errno
                close(fd)
                throw CLIError(.ioError, "cannot write \(path): \(errorText(e)); the previous file is unchanged")
            }
            done += n
        }
        guard fsync(fd) == 0 else {
            let e = errno
            close(fd)
            throw CLIError(.ioError, "cannot write \(path): \(errorText(e)); the previous file is unchanged")
        }
        close(fd)
        guard rename(temp, path) == 0 else {
            throw CLIError(.cannotCreate, "cannot replace \(path): \(errorText()); the previous file is unchanged")
        }
        ok = true
        // Make the rename itself durable.
        let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
        return true
    }
}
