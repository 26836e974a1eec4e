import FeedBuilder

/// What the commands do with files, and nothing more: the one seam between the CLI and the
/// disk. ``POSIXFileSystem`` is the real one (every hardening rule lives there: non-blocking
/// opens checked with `fstat`, size caps counted as read, no links followed for previous
/// outputs, temporary names with owner markers, atomic replacement, locks).
///
/// Paths are as the user wrote them; an implementation resolves relative ones itself, so that
/// messages name the path the user gave.
package protocol FileSystem: Sendable {
    /// A whole regular file of at most `limit` bytes. Errors: 66 when missing, not a regular
    /// file or unreadable; 65 when too large; 74 on an I/O error.
    func read(_ path: String, limit: Int, followSymlink: Bool) throws(CLIError) -> [UInt8]
    /// A file an earlier run wrote (a feed, the page), never read through a link.
    func readPrevious(_ path: String, limit: Int) -> PreviousFile
    /// The first and last `count` bytes of a regular file (links not followed), or nil.
    func readEnds(_ path: String, count: Int) -> (head: [UInt8], tail: [UInt8])?
    /// A regular file opened to be read a chunk at a time.
    func openChunks(_ path: String, followSymlink: Bool, limit: Int) -> Result<any OpenFile, FileReadFailure>
    func isDirectory(_ path: String) -> Bool
    /// Creates the folder (one level) if missing; 73 when it cannot.
    func ensureDirectory(_ path: String) throws(CLIError)
    /// The names in a folder (without "." and ".."), or nil when it cannot be read.
    func names(in directory: String) -> [String]?
    /// Replaces `directory/name` with `bytes` atomically unless it holds them already; true
    /// when it wrote.
    func replaceIfChanged(_ bytes: [UInt8], directory: String, name: String) throws(CLIError) -> Bool
    /// Takes the output folder's lock, waiting up to `timeout` seconds (then 75), removes what
    /// killed builds left behind, and returns what releases the lock.
    func lockOutput(_ directory: String, timeout: Double) throws(CLIError) -> OutputFolderLock
    /// Where a build streams its feeds: each compared with the previous file, and committed
    /// atomically by ``FeedFileSink/close()``.
    func feedSink(directory: String, dryRun: Bool) -> any FeedFileSink
    /// Runs `body` holding the lock on the schedule's folder (75 when another edit holds it).
    func withScheduleLock<T>(on path: String, _ body: () throws -> T) throws -> T
    /// Keeps `old` as `<path>.bak` and replaces `path` with `new`, keeping the owner and mode;
    /// returns a warning when the owner could not be kept.
    func replaceSchedule(_ path: String, old: [UInt8], with new: [UInt8]) throws(CLIError) -> String?
}

/// A file opened for reading: its size when opened (0 for files under /proc, whose size is
/// only known by reading) and its bytes, a chunk at a time.
package protocol OpenFile {
    var size: Int64 { get }
    /// Reads up to `count` bytes into `buffer[offset...]`; the number read (0 at the end).
    func read(into buffer: inout [UInt8], at offset: Int, count: Int) throws(FileReadFailure) -> Int
    func close()
}

/// The held lock of an output folder.
package struct OutputFolderLock {
    package let release: () -> Void

    package init(release: @escaping () -> Void) { self.release = release }
}

/// Feeds streamed to files, committed together.
package protocol FeedFileSink: FeedSink {
    /// The files replaced, with their event counts.
    var written: [(name: String, events: Int)] { get }
    /// Commits the changed feeds; after an error, leaves every old feed as it was.
    func close() throws(CLIError)
}

/// Why a file could not be opened for reading.
package enum FileReadFailure: Error, Equatable {
    case missing
    /// Not a regular file: what it is instead ("a named pipe (FIFO)", "a folder", ...).
    case notRegular(String)
    /// A symbolic link where one is not followed (a previous output, which is replaced).
    case symlink
    case tooLarge(size: Int64, limit: Int)
    /// With the errno's text.
    case unreadable(code: Int32, text: String)

    /// "is a named pipe (FIFO), not a regular file": follows the file's path in a message.
    package var reason: String {
        switch self {
        case .missing: return "no such file"
        case .notRegular(let kind): return "is \(kind), not a regular file"
        case .symlink: return "is a symbolic link"
        case .tooLarge(let size, let limit): return "is \(size) bytes; the limit is \(limit) bytes"
        case .unreadable(_, let text): return "cannot be read: \(text)"
        }
    }

    /// The system's words for an unreadable file ("Input/output error"), else ``reason``.
    package var systemText: String {
        if case .unreadable(_, let text) = self { return text }
        return reason
    }
}

/// A file ClassFeed wrote on an earlier run (a feed, the page): read only when it is a regular
/// file (not a link, FIFO or device) within its limit; anything else is reported as a reason to
/// treat it as damaged and replace it.
package enum PreviousFile {
    case absent
    case bytes([UInt8])
    case damaged(String)
}

/// What a temporary file's name says about who made it: `.<name>.<owner>-tmp-<pid>-<random>`.
/// A build removes only its own (`build`) leftovers, an edit only its own (`edit`), so that
/// neither deletes the other's file in flight when the output is the schedule's folder.
package enum TemporaryFileOwner: String {
    case build, edit
}

extension FileSystem {
    func read(_ path: String, limit: Int) throws(CLIError) -> [UInt8] { try read(path, limit: limit, followSymlink: true) }
}
