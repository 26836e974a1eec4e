#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Rewriting schedule.json safely: one editor at a time, the previous bytes kept in
/// `schedule.json.bak`, the new bytes swapped in atomically (temporary file in the same folder,
/// fsync, rename). A crash or a full disk at any moment leaves the old file or the new one,
/// whole; the file's permissions are kept; a symlinked schedule is written through the link.
enum ScheduleFileEditing {
    /// Runs `body` holding an exclusive lock on the schedule's folder (flock(2) on the folder
    /// itself, so no lock file is left behind). Another editor waits up to about five seconds,
    /// then exits 75 (try again later).
    static func withLock<T>(on path: String, in fileSystem: POSIXFileSystem, _ body: () throws -> T) throws -> T {
        let folder = directory(of: resolved(path, in: fileSystem))
        let fd = open(fileSystem.resolve(folder), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            throw CLIError(e == ENOENT ? .noInput : .cannotCreate, "\(folder): cannot open the schedule's folder: \(POSIXFileSystem.errorText(e))")
        }
        defer { close(fd) }
        var tries = 0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            guard e == EWOULDBLOCK || e == EINTR else { break }  // a file system without locks: go on unlocked
            tries += 1
            guard tries < 50 else {
                throw CLIError(.tempFail, "another classfeed command is changing \(path); nothing was changed; try again in a moment")
            }
            usleep(100_000)
        }
        defer { flock(fd, LOCK_UN) }
        // Holding the lock, no other edit of this schedule is in flight: a temporary file of
        // the schedule or its .bak is a killed edit's leftover.
        let name = fileName(of: resolved(path, in: fileSystem))
        fileSystem.removeStaleTemporaryFiles(in: folder, of: .edit) { $0 == name || $0 == name + ".bak" }
        return try body()
    }

    /// Keeps `old` as `<path>.bak`, then replaces `path` with `new`. Both get the schedule's
    /// owner, group and mode, so an edit run as root never locks out the cron user who owns the
    /// file. Returns a warning when the owner could not be kept (an edit by another user than
    /// the owner, who may not give files away).
    @discardableResult
    static func replace(_ path: String, old: [UInt8], with new: [UInt8], in fileSystem: POSIXFileSystem) throws(CLIError) -> String? {
        let target = resolved(path, in: fileSystem)
        let original = fileSystem.ownership(of: target)
        let mode = original?.mode ?? 0o644
        let owner = original.map { (uid: $0.uid, gid: $0.gid) }
        do {
            try writeAtomically(old, to: target + ".bak", mode: mode, owner: owner, in: fileSystem)
            try writeAtomically(new, to: target, mode: mode, owner: owner, in: fileSystem)
        } catch {
            throw CLIError(error.code, "\(error.message); \(path) was not changed")
        }
        guard let original, let now = fileSystem.ownership(of: target), (now.uid, now.gid) != (original.uid, original.gid) else {
            return nil
        }
        return "classfeed: warning: \(path) belonged to user \(original.uid), group \(original.gid); the new file belongs to "
            + "user \(now.uid), group \(now.gid) (only root can give a file away). If cron runs as the owner, run "
            + "'chown \(original.uid):\(original.gid) \(target) \(target).bak' or edit as that user"
    }

    /// The file a symlink points to (so the link stays a link), else the path itself.
    static func resolved(_ path: String, in fileSystem: POSIXFileSystem) -> String {
        var st = stat()
        let at = fileSystem.resolve(path)
        guard lstat(at, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK, let real = realpath(at, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }

    static func fileName(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    private static func writeAtomically(
        _ bytes: [UInt8], to path: String, mode: mode_t, owner: (uid: uid_t, gid: gid_t)?, in fileSystem: POSIXFileSystem
    ) throws(CLIError) {
        try fileSystem.writeAtomically(
            bytes, directory: directory(of: path), name: fileName(of: path), mode: mode, onlyIfChanged: false,
            temporaryOwner: .edit, owner: owner)
    }
}
