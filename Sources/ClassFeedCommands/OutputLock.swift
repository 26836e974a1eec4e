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
    static func acquire(directory: String, timeout: Double, in fileSystem: POSIXFileSystem) throws(CLIError) -> OutputLock {
        let path = directory + "/" + fileName
        let fd = open(fileSystem.resolve(path), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o644)
        guard fd >= 0 else {
            throw CLIError(.cannotCreate, "cannot create the lock file \(path): \(POSIXFileSystem.errorText())")
        }
        var waited = 0.0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let e = errno
                close(fd)
                throw CLIError(.ioError, "cannot lock \(path): \(POSIXFileSystem.errorText(e))")
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

    /// Removes temporary files left by a build that was killed mid-write: only a build's own
    /// (of feeds, the page and the run record), never an edit's, which may be in flight when the output is the
    /// schedule's folder. Only called while holding the lock, so none of them belongs to a live build.
    static func removeStaleTemporaryFiles(in directory: String, of fileSystem: POSIXFileSystem) {
        fileSystem.removeStaleTemporaryFiles(in: directory, of: .build) { name in
            name.hasSuffix(".ics") || name == "index.html" || name == RunRecord.fileName
        }
    }
}
