#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Bytes
import Dispatch
import FeedBuilder

/// Streams each feed into a temporary file in the output folder while comparing it with the
/// file already there. An identical feed is discarded, leaving the old file untouched (same
/// bytes, same mtime); a different one is flushed to disk and renamed over the old one, so
/// readers only ever see a whole file. Memory stays at a few chunks whatever the feed's size.
/// Open temporary files are bounded by the number of changed feeds (each class's feed is
/// finished before the next begins, so at most the changed ones wait for the final flush).
///
/// The builder hands over chunks; the system calls that store them (create, write, compare
/// with the old file, start the disk's writeback) run in ``Writer``. A small build calls it in
/// line. Once a build has handed over ``inLineBytes``, the writer works on a queue of its
/// own, on the other core, while the builder goes on: writing a network's feeds into the page
/// cache and to disk took as long as making them. At most ``batchesInFlight`` batches of about
/// a chunk each wait.
final class FileSink: FeedFileSink {
    /// A file being written, as the builder's side sees it: small appends gathered into one
    /// chunk (a network's combined feed gets one append per class: a write system call each
    /// was a large part of its build time).
    private struct Gathering {
        var name: String
        var id: Int
        var buffer: [UInt8] = []
        /// True once a chunk of this file has been handed over: a big file, whose next chunk
        /// gets its room at once rather than by doubling.
        var isBig = false
    }

    /// Appends are gathered up to this many bytes before they are handed over.
    static let bufferBytes = 1 << 18
    /// An append this large is handed over as it is: copying it costs more than the system
    /// call it would save.
    static let directBytes = 1 << 14
    /// Bytes handed over in line before the writer moves to its own queue: a studio's few
    /// feeds are written before a thread would have started.
    static let inLineBytes = 1 << 22
    /// Batches handed over and not yet written, at most (memory stays at a few megabytes).
    static let batchesInFlight = 8

    let directory: String
    let dryRun: Bool
    let fileSystem: POSIXFileSystem
    private(set) var written: [(name: String, events: Int)] = []
    private let writer: Writer
    /// The files begun and not yet finished: the combined feed and the class feed being
    /// written. A short list searched from its end, not a table hashing the name at every append.
    private var open: [Gathering] = []
    private var nextID = 0
    private var handedOver = 0
    /// Nil while the writer is called in line; then its queue and the slots for batches.
    private var background: (queue: DispatchQueue, slots: DispatchSemaphore)?

    /// This sink's ``FileSink/inLineBytes`` and ``FileSink/batchesInFlight`` (tests move the
    /// writer sooner and let fewer batches wait).
    private let inLineBytes: Int
    private let batchesInFlight: Int
    /// True once the writer has moved to its own queue.
    private(set) var movedToQueue = false

    init(
        directory: String, dryRun: Bool, fileSystem: POSIXFileSystem, inLineBytes: Int = FileSink.inLineBytes,
        batchesInFlight: Int = FileSink.batchesInFlight
    ) {
        self.directory = directory
        self.dryRun = dryRun
        self.fileSystem = fileSystem
        self.inLineBytes = inLineBytes
        self.batchesInFlight = batchesInFlight
        writer = Writer(directory: directory, fileSystem: fileSystem)
    }

    /// What the builder hands the writer, in order.
    enum Step: Sendable {
        case begin(id: Int, name: String)
        case write([UInt8], id: Int)
        case finish(id: Int, events: Int)
        case abandon(id: Int)
    }

    /// Steps gathered for the writer's queue: handed over a chunk's worth at a time, as one
    /// item (a class's feed is three small steps; a hand-over each, waking the queue's thread,
    /// cost more than writing the file).
    private var batch: [Step] = []
    private var batchBytes = 0

    /// Gives `step` to the writer: at once while it works in line, else with the next batch.
    private func submit(_ step: Step, bytes: Int = 0) {
        guard background != nil else {
            writer.perform(step)
            handedOver += bytes
            if handedOver >= inLineBytes {
                // Everything so far was done in line; what follows is queued in order after it.
                background = (DispatchQueue(label: "classfeed.file-sink"), DispatchSemaphore(value: batchesInFlight))
                movedToQueue = true
            }
            return
        }
        batch.append(step)
        batchBytes += bytes
        if batchBytes >= Self.bufferBytes { sendBatch() }
    }

    /// Queues the gathered steps, waiting while ``batchesInFlight`` batches are queued already.
    private func sendBatch() {
        guard let background, !batch.isEmpty else { return }
        let steps = batch
        batch = []
        batchBytes = 0
        background.slots.wait()
        background.queue.async { [writer] in
            for step in steps { writer.perform(step) }
            background.slots.signal()
        }
    }

    func begin(_ name: String) {
        guard !dryRun else { return }
        let id = nextID
        nextID += 1
        open.append(Gathering(name: name, id: id))
        submit(.begin(id: id, name: name))
    }

    private func index(of name: String) -> Int? { open.lastIndex { $0.name == name } }

    func append(_ bytes: [UInt8], to name: String) {
        guard let i = index(of: name) else { return }
        if bytes.count >= Self.directBytes {
            handOver(i)
            submit(.write(bytes, id: open[i].id), bytes: bytes.count)
        } else {
            // Only a big file's chunk is sized up front: a class's small feed asking for a
            // chunk's room each time made the heap grow and shrink hundreds of times.
            if open[i].isBig && open[i].buffer.isEmpty { open[i].buffer.reserveCapacity(Self.bufferBytes + Self.directBytes) }
            open[i].buffer.append(contentsOf: bytes)
            if open[i].buffer.count >= Self.bufferBytes { handOver(i) }
        }
    }

    /// Hands over what file `i` has gathered.
    private func handOver(_ i: Int) {
        guard !open[i].buffer.isEmpty else { return }
        var chunk: [UInt8] = []
        swap(&chunk, &open[i].buffer)
        open[i].isBig = true
        submit(.write(chunk, id: open[i].id), bytes: chunk.count)
    }

    func finish(_ name: String, events: Int) {
        guard let i = index(of: name) else { return }
        handOver(i)
        let f = open.remove(at: i)
        submit(.finish(id: f.id, events: events))
    }

    /// Commits the changed feeds: waits for the writer, flushes their data to disk (an `fsync`
    /// each for a few files, one `syncfs` for many), renames each over its old file, then makes
    /// the renames durable. After an error, removes every temporary file and leaves every old
    /// feed as it was.
    func close() throws(CLIError) {
        for f in open { submit(.abandon(id: f.id)) }
        open.removeAll()
        sendBatch()
        // After this, the writer's state is this thread's to read.
        background?.queue.sync {}
        background = nil
        var error = writer.error
        let pending = writer.pending
        let dfd = POSIXFileSystem.openDirectory(fileSystem.resolve(directory))
        defer { if dfd >= 0 { _ = POSIXFileSystem.closeFile(dfd) } }
        // syncfs flushes every dirty page of the file system, other programs' too: worth it for
        // a network's thousands of class feeds (one call instead of thousands), but a studio's
        // few feeds would wait on whatever else is being written to the disk.
        let syncEach = pending.count <= FileSink.fsyncEachLimit
        if error == nil, !pending.isEmpty, syncEach || dfd < 0 || !POSIXFileSystem.syncFileSystem(containing: dfd) {
            for p in pending where !POSIXFileSystem.sync(path: p.temp) {
                error = CLIError(.ioError, "cannot write \(directory)/\(p.name): \(POSIXFileSystem.errorText()); the previous file is unchanged")
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
                error = CLIError(.cannotCreate, "cannot replace \(directory)/\(p.name): \(POSIXFileSystem.errorText(e)); the previous file is unchanged")
            }
        }
        writer.pending.removeAll()
        if !written.isEmpty && dfd >= 0 { _ = POSIXFileSystem.sync(dfd) }
        if let error { throw error }
    }

    /// Up to this many changed files are flushed one by one.
    static let fsyncEachLimit = 16
}

extension FileSink {
    /// The files' system-call side: creates each temporary file, writes its chunks, compares
    /// them with the old file, and keeps the finished ones that differ for ``FileSink/close()``.
    /// Unchecked `Sendable`: one thread at a time uses it, the builder's while the sink calls
    /// it in line, then only the sink's queue, and the builder's again after `close()` has
    /// waited for that queue (each hand-over is ordered by the queue).
    final class Writer: @unchecked Sendable {
        struct File {
            var name: String
            var fd: Int32
            var temp: String
            var old: Int32  // -1 when there is no previous file
            var identical: Bool
            var size = 0
            /// Where the writeback started last ends.
            var writtenBack = 0
        }

        let directory: String
        let fileSystem: POSIXFileSystem
        private var files: [Int: File] = [:]
        var pending: [(name: String, temp: String, events: Int)] = []
        /// The first error; after it, nothing more is written.
        private(set) var error: CLIError?
        private var scratch = [UInt8](repeating: 0, count: 1 << 16)

        init(directory: String, fileSystem: POSIXFileSystem) {
            self.directory = directory
            self.fileSystem = fileSystem
        }

        func perform(_ step: Step) {
            switch step {
            case .begin(let id, let name): begin(id, name)
            case .write(let bytes, let id): write(bytes, id)
            case .finish(let id, let events): finish(id, events: events)
            case .abandon(let id): abandon(id)
            }
        }

        private func fail(_ e: CLIError) {
            if error == nil { error = e }
        }

        func begin(_ id: Int, _ name: String) {
            guard error == nil else { return }
            let fd: Int32, temp: String
            do throws(CLIError) {
                (fd, temp) = try fileSystem.createTemporary(for: name, in: directory, owner: .build, mode: 0o644)
            } catch {
                fail(error)
                return
            }
            // The previous file is compared only when it is a regular file: a link, FIFO or
            // device planted in its place is never opened (it could block or never end) and is
            // replaced. (The history loader, which reads every previous feed first, has said so.)
            var old: Int32 = -1
            if case .success(let f) = fileSystem.openPOSIX(directory + "/" + name, followSymlink: false, limit: Int.max) { old = f.fd }
            files[id] = File(name: name, fd: fd, temp: temp, old: old, identical: old >= 0)
        }

        /// Writes `bytes` to file `id` and compares them with the old file; on an error, the
        /// file is discarded and the error kept.
        func write(_ bytes: [UInt8], _ id: Int) {
            guard error == nil, var f = files[id] else { return }
            guard POSIXFileSystem.writeAll(f.fd, bytes) else {
                let text = POSIXFileSystem.errorText()
                files[id] = nil
                fail(CLIError(.ioError, "cannot write \(directory)/\(f.name): \(text); the previous file is unchanged"))
                discard(f)
                return
            }
            if f.identical { f.identical = oldMatches(f.old, bytes) }
            f.size += bytes.count
            // The disk starts on each chunk's worth of a file that will replace its old one
            // while the build goes on, so that the final flush has less to wait for. A small
            // file (a class's feed) waits for that flush: thousands of them started one by one
            // cost more system time than the one flush that writes them all.
            if !f.identical && f.size - f.writtenBack >= FileSink.bufferBytes {
                POSIXFileSystem.startWriteback(f.fd, offset: f.writtenBack, count: f.size - f.writtenBack)
                f.writtenBack = f.size
            }
            files[id] = f
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

        func finish(_ id: Int, events: Int) {
            guard var f = files.removeValue(forKey: id) else { return }
            if error != nil {
                discard(f)
                return
            }
            if f.identical {
                // The old file must end here too.
                f.identical = POSIXFileSystem.readSome(f.old, into: &scratch, at: 0, count: 1) == 0
            }
            if f.old >= 0 { _ = POSIXFileSystem.closeFile(f.old) }
            _ = POSIXFileSystem.closeFile(f.fd)
            if f.identical {
                unlink(f.temp)
                return
            }
            // Renamed in `close()`, after one flush of the whole file system: a rename must
            // never reach the disk before the data it points to.
            pending.append((f.name, f.temp, events))
        }

        /// Drops a file that was begun and never finished.
        func abandon(_ id: Int) {
            if let f = files.removeValue(forKey: id) { discard(f) }
        }

        /// Closes a file's descriptors and removes its temporary file.
        private func discard(_ f: File) {
            _ = POSIXFileSystem.closeFile(f.fd)
            if f.old >= 0 { _ = POSIXFileSystem.closeFile(f.old) }
            unlink(f.temp)
        }
    }
}
