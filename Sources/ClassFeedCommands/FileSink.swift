#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Bytes
import FeedBuilder

/// Streams each feed into a temporary file in the output folder while comparing it with the
/// file already there. An identical feed is discarded, leaving the old file untouched (same
/// bytes, same mtime); a different one is flushed to disk and renamed over the old one, so
/// readers only ever see a whole file. Memory stays at one chunk whatever the feed's size.
/// Open temporary files are bounded by the number of changed feeds (each class's feed is
/// finished before the next begins, so at most the changed ones wait for the final flush).
final class FileSink: FeedFileSink {
    struct Open {
        var name: String
        var fd: Int32
        var temp: String
        var old: Int32  // -1 when there is no previous file
        var identical: Bool
        /// Small appends gathered into one write system call (a network's combined feed gets
        /// one append per class: a write each was a large part of its build time).
        var buffer: [UInt8] = []
    }

    /// Appends are gathered up to this many bytes before they are written.
    static let bufferBytes = 1 << 18
    /// An append this large is written straight through: copying it costs more than the
    /// system call it would save.
    static let directBytes = 1 << 14

    let directory: String
    let dryRun: Bool
    let fileSystem: POSIXFileSystem
    private(set) var written: [(name: String, events: Int)] = []
    private(set) var error: CLIError?
    /// The files begun and not yet finished: the combined feed and the class feed being
    /// written. A short list searched from its end, not a table hashing the name at every append.
    private var open: [Open] = []
    private var pending: [(name: String, temp: String, events: Int)] = []
    private var scratch = [UInt8](repeating: 0, count: 1 << 16)

    init(directory: String, dryRun: Bool, fileSystem: POSIXFileSystem) {
        self.directory = directory
        self.dryRun = dryRun
        self.fileSystem = fileSystem
    }

    private func fail(_ e: CLIError) {
        if error == nil { error = e }
    }

    func begin(_ name: String) {
        guard error == nil, !dryRun else { return }
        let fd: Int32, temp: String
        do throws(CLIError) {
            (fd, temp) = try fileSystem.createTemporary(for: name, in: directory, owner: .build, mode: 0o644)
        } catch {
            fail(error)
            return
        }
        // The previous file is compared only when it is a regular file: a link, FIFO or device
        // planted in its place is never opened (it could block or never end) and is replaced.
        // (The history loader, which reads every previous feed first, has said so.)
        var old: Int32 = -1
        if case .success(let f) = fileSystem.openPOSIX(directory + "/" + name, followSymlink: false, limit: Int.max) { old = f.fd }
        open.append(Open(name: name, fd: fd, temp: temp, old: old, identical: old >= 0))
    }

    private func index(of name: String) -> Int? { open.lastIndex { $0.name == name } }

    func append(_ bytes: [UInt8], to name: String) {
        guard error == nil, let i = index(of: name) else { return }
        if bytes.count >= Self.directBytes {
            guard flush(i) else { return }
            _ = write(bytes, i)
        } else {
            open[i].buffer.append(contentsOf: bytes)  // in place: the buffer is never shared
            if open[i].buffer.count >= Self.bufferBytes { _ = flush(i) }
        }
    }

    /// Writes what file `i` has gathered; false (the file discarded) on an error.
    private func flush(_ i: Int) -> Bool {
        guard !open[i].buffer.isEmpty else { return true }
        // Taken out while written, so that emptying it afterwards keeps its capacity.
        var bytes: [UInt8] = []
        swap(&bytes, &open[i].buffer)
        guard write(bytes, i) else { return false }
        bytes.removeAll(keepingCapacity: true)
        open[i].buffer = bytes
        return true
    }

    /// Writes `bytes` to file `i` and compares them with the old file; false (the file
    /// discarded and taken out of the list, the error kept) on an error.
    private func write(_ bytes: [UInt8], _ i: Int) -> Bool {
        guard POSIXFileSystem.writeAll(open[i].fd, bytes) else {
            let text = POSIXFileSystem.errorText()
            let f = open.remove(at: i)
            fail(CLIError(.ioError, "cannot write \(directory)/\(f.name): \(text); the previous file is unchanged"))
            discard(f)
            return false
        }
        if open[i].identical { open[i].identical = oldMatches(open[i].old, bytes) }
        return true
    }

    /// Reads the same number of bytes from the old file and compares.
    private func oldMatches(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let want = min(scratch.count, bytes.count - offset)
            var got = 0
            while got < want {
                guard let n = POSIXFileSystem.readSome(fd, into: &scratch, at: got, count: want - got), n > 0 else { return false }
                got += n
            }
            if !scratch.span.extracting(0..<want).bytesEqual(bytes.span.extracting(offset..<(offset + want))) { return false }
            offset += want
        }
        return true
    }

    func finish(_ name: String, events: Int) {
        guard error == nil, let i = index(of: name), flush(i) else { return }
        var f = open.remove(at: i)
        if f.identical {
            // The old file must end here too.
            f.identical = POSIXFileSystem.readSome(f.old, into: &scratch, at: 0, count: 1) == 0
        }
        if f.old >= 0 { _ = POSIXFileSystem.closeFile(f.old) }
        if f.identical {
            _ = POSIXFileSystem.closeFile(f.fd)
            unlink(f.temp)
            return
        }
        // Renamed in `close()`, after one flush of the whole file system: a rename must never
        // reach the disk before the data it points to.
        _ = POSIXFileSystem.closeFile(f.fd)
        pending.append((name, f.temp, events))
    }

    private func abandon(_ name: String) {
        if let i = index(of: name) { discard(open.remove(at: i)) }
    }

    /// Closes a file's descriptors and removes its temporary file.
    private func discard(_ f: Open) {
        _ = POSIXFileSystem.closeFile(f.fd)
        if f.old >= 0 { _ = POSIXFileSystem.closeFile(f.old) }
        unlink(f.temp)
    }

    /// Commits the changed feeds: flushes their data to disk (an `fsync` each for a few files,
    /// one `syncfs` for many), renames each over its old file, then makes the renames durable.
    /// After an error, removes every temporary file and leaves every old feed as it was.
    func close() throws(CLIError) {
        for name in open.map(\.name) { abandon(name) }
        let dfd = POSIXFileSystem.openDirectory(fileSystem.resolve(directory))
        defer { if dfd >= 0 { _ = POSIXFileSystem.closeFile(dfd) } }
        // syncfs flushes every dirty page of the file system, other programs' too: worth it for
        // a network's thousands of class feeds (one call instead of thousands), but a studio's
        // few feeds would wait on whatever else is being written to the disk.
        let syncEach = pending.count <= FileSink.fsyncEachLimit
        if error == nil, !pending.isEmpty, syncEach || dfd < 0 || !POSIXFileSystem.syncFileSystem(containing: dfd) {
            for p in pending where !POSIXFileSystem.sync(path: p.temp) {
                fail(CLIError(.ioError, "cannot write \(directory)/\(p.name): \(POSIXFileSystem.errorText()); the previous file is unchanged"))
                break
            }
        }
        for p in pending {
            if error != nil {
                unlink(p.temp)
            } else if rename(p.temp, fileSystem.resolve(directory + "/" + p.name)) == 0 {
                written.append((p.name, p.events))
            } else {
                let e = errno
                unlink(p.temp)
                fail(CLIError(.cannotCreate, "cannot replace \(directory)/\(p.name): \(POSIXFileSystem.errorText(e)); the previous file is unchanged"))
            }
        }
        pending.removeAll()
        if !written.isEmpty && dfd >= 0 { _ = POSIXFileSystem.sync(dfd) }
        if let error { throw error }
    }

    /// Up to this many changed files are flushed one by one.
    static let fsyncEachLimit = 16
}
