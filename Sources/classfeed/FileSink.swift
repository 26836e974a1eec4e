#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import FeedBuilder

/// Streams each feed into a temporary file in the output folder while comparing it with the
/// file already there. An identical feed is discarded, leaving the old file untouched (same
/// bytes, same mtime); a different one is flushed to disk and renamed over the old one, so
/// readers only ever see a whole file. Memory stays at one chunk whatever the feed's size.
/// Open temporary files are bounded by the number of changed feeds (each class's feed is
/// finished before the next begins, so at most the changed ones wait for the final flush).
final class FileSink: FeedSink {
    struct Open {
        var fd: Int32
        var temp: String
        var old: Int32  // -1 when there is no previous file
        var identical: Bool
    }

    let directory: String
    let dryRun: Bool
    private(set) var written: [(name: String, events: Int)] = []
    private(set) var error: CLIError?
    private var open: [String: Open] = [:]
    private var pending: [(name: String, temp: String, events: Int)] = []
    private var scratch = [UInt8](repeating: 0, count: 1 << 16)

    init(directory: String, dryRun: Bool) {
        self.directory = directory
        self.dryRun = dryRun
    }

    private func fail(_ e: CLIError) {
        if error == nil { error = e }
    }

    func begin(_ name: String) {
        guard error == nil, !dryRun else { return }
        let temp = directory + "/." + name + ".tmp-\(getpid())"
        let fd = Glibc.open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let e = errno
            fail(CLIError(e == ENOSPC || e == EIO ? .ioError : .cannotCreate, "cannot write in \(directory): \(FileSystem.errorText(e))"))
            return
        }
        let old = Glibc.open(directory + "/" + name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        open[name] = Open(fd: fd, temp: temp, old: old, identical: old >= 0)
    }

    func append(_ bytes: [UInt8], to name: String) {
        guard error == nil, var f = open[name] else { return }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(f.fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                fail(CLIError(.ioError, "cannot write \(directory)/\(name): \(FileSystem.errorText()); the previous file is unchanged"))
                abandon(name)
                return
            }
            done += n
        }
        if f.identical { f.identical = oldMatches(f.old, bytes) }
        open[name] = f
    }

    /// Reads the same number of bytes from the old file and compares.
    private func oldMatches(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let want = min(scratch.count, bytes.count - offset)
            var got = 0
            while got < want {
                let n = scratch.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + got, want - got) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                got += n
            }
            if !scratch.withUnsafeBytes({ s in bytes.withUnsafeBytes { b in memcmp(s.baseAddress!, b.baseAddress! + offset, want) == 0 } }) {
                return false
            }
            offset += want
        }
        return true
    }

    func finish(_ name: String, events: Int) {
        guard error == nil, var f = open.removeValue(forKey: name) else { return }
        if f.identical {
            // The old file must end here too.
            var byte: UInt8 = 0
            f.identical = Glibc.read(f.old, &byte, 1) == 0
        }
        if f.old >= 0 { Glibc.close(f.old) }
        if f.identical {
            Glibc.close(f.fd)
            unlink(f.temp)
            return
        }
        // Renamed in `close()`, after one flush of the whole file system: a rename must never
        // reach the disk before the data it points to.
        Glibc.close(f.fd)
        pending.append((name, f.temp, events))
    }

    private func abandon(_ name: String) {
        guard let f = open.removeValue(forKey: name) else { return }
        Glibc.close(f.fd)
        if f.old >= 0 { Glibc.close(f.old) }
        unlink(f.temp)
    }

    /// Commits the changed feeds: flushes their data to disk (an `fsync` each for a few files,
    /// one `syncfs` for many), renames each over its old file, then makes the renames durable.
    /// After an error, removes every temporary file and leaves every old feed as it was.
    func close() throws(CLIError) {
        for name in Array(open.keys) { abandon(name) }
        let dfd = Glibc.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if dfd >= 0 { Glibc.close(dfd) } }
        // syncfs flushes every dirty page of the file system, other programs' too: worth it for
        // a network's thousands of class feeds (one call instead of thousands), but a studio's
        // few feeds would wait on whatever else is being written to the disk.
        let syncEach = pending.count <= FileSink.fsyncEachLimit
        if error == nil, !pending.isEmpty, syncEach || dfd < 0 || linuxSyncFS(dfd) != 0 {
            for p in pending where !FileSink.fsync(path: p.temp) {
                fail(CLIError(.ioError, "cannot write \(directory)/\(p.name): \(FileSystem.errorText()); the previous file is unchanged"))
                break
            }
        }
        for p in pending {
            if error != nil {
                unlink(p.temp)
            } else if rename(p.temp, directory + "/" + p.name) == 0 {
                written.append((p.name, p.events))
            } else {
                let e = errno
                unlink(p.temp)
                fail(CLIError(.cannotCreate, "cannot replace \(directory)/\(p.name): \(FileSystem.errorText(e)); the previous file is unchanged"))
            }
        }
        pending.removeAll()
        if !written.isEmpty && dfd >= 0 { Glibc.fsync(dfd) }
        if let error { throw error }
    }

    /// Up to this many changed files are flushed one by one.
    static let fsyncEachLimit = 16

    private static func fsync(path: String) -> Bool {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { Glibc.close(fd) }
        return Glibc.fsync(fd) == 0
    }
}

/// syncfs(2): flushes the file system holding `fd` in one call (Glibc's Swift overlay does not
/// export it). Returns non-zero when unavailable, and the caller falls back to fsync(2).
@_silgen_name("syncfs")
private func linuxSyncFS(_ fd: Int32) -> Int32
