#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on the output folder (`.classfeed.lock`, flock(2)), so two overlapping runs
/// (cron fired again while a slow run holds on) never interleave. The kernel releases it when
/// the process ends, however it ends: a killed run never leaves a stale lock.
struct OutputLock {
    static let fileName = ".classfeed.lock"
    private let fd: Int32

    /// Waits up to `timeout` seconds for the lock, then gives up with exit status 75.
    static func acquire(directory: String, timeout: Double) throws(CLIError) -> OutputLock {
        let path = directory + "/" + fileName
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CLIError(.cannotCreate, "cannot create the lock file \(path): \(FileSystem.errorText())")
        }
        var waited = 0.0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let e = errno
                close(fd)
                throw CLIError(.ioError, "cannot lock \(path): \(FileSystem.errorText(e))")
            }
            if waited >= timeout {
                close(fd)
                throw CLIError(
                    .tempFail,
                    "another classfeed run is writing \(directory) (it holds \(path)); gave up after \(Int(timeout)) s. Try again later; cron will"
                )
            }
            usleep(100_000)
            waited += 0.1
        }
        return OutputLock(fd: fd)
    }

    func release() { close(fd) }

    /// Removes temporary files left by a run that was killed mid-write (`.<name>.tmp-<pid>`).
    /// Only called while holding the lock, so none of them can belong to a live run.
    static func removeStaleTemporaryFiles(in directory: String) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix("."), name.contains(".tmp-") { unlink(directory + "/" + name) }
        }
    }
}
