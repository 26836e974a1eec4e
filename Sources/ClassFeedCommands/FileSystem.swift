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
    /// All of standard input (`--schedule -`), at most `limit` bytes, counted as read. Errors:
    /// 65 when larger, 74 on an I/O error.
    func readStandardInput(limit: Int) throws(CLIError) -> [UInt8]
    func isDirectory(_ path: String) -> Bool
    /// Creates the folder (one level) if missing; 73 when it cannot.
    func ensureDirectory(_ path: String) throws(CLIError)
    /// The names in a folder (without "." and ".."), or nil when it cannot be read.
    func names(in directory: String) -> [String]?
    /// Replaces `directory/name` with `bytes` atomically unless it holds them already; true
    /// when it wrote.
    func replaceIfChanged(_ bytes: [UInt8], directory: String, name: String) throws(CLIError) -> Bool
    /// Removes `directory/name` if it is there (a link is removed, not what it points to).
    func remove(directory: String, name: String)
    /// Creates an empty `directory/name` if it is not there (never through a link). Not
    /// flushed on its own: the folder's flush after the next rename makes it durable.
    func touch(directory: String, name: String)
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
    /// Creates `path` holding `bytes`, whole or not at all, and never over anything already
    /// there (a file, a folder, a link, even a dangling one): false, and nothing written, when
    /// something is. 73 when the folder is missing or not writable, 74 on an I/O error. Used
    /// by `classfeed init`.
    func createNew(_ bytes: [UInt8], at path: String) throws(CLIError) -> Bool
    /// Where the symbolic link `path` points (as written in the link), or nil when `path` is
    /// not a link. Used for the machine's zone, `/etc/localtime -> /usr/share/zoneinfo/...`.
    func linkTarget(_ path: String) -> String?

    // The run record (see ``RunRecord``).

    /// The stamp of a regular file (a link is not followed), or nil when there is none.
    func stamp(_ path: String) -> FileStamp?
    /// Replaces `directory/name` with `bytes` atomically (a temporary file renamed over it, not
    /// flushed: a torn record fails its own checksum), with a modification time later than
    /// `newerThan` (nanoseconds since 1970) where the file system's clock allows within a few
    /// milliseconds; returns the new file's stamp. A file system whose times are coarser
    /// leaves it not later, which ``RunRecord`` then refuses to trust.
    func writeRecord(_ bytes: [UInt8], directory: String, name: String, newerThan: Int64) throws(CLIError) -> FileStamp?
    /// What identifies the running program's executable file (its path and stamp), so that a
    /// new ClassFeed binary never trusts an old binary's record; nil when it cannot be told.
    func executableIdentity() -> String?
}

extension FileSystem {
    func read(_ path: String, limit: Int) throws(CLIError) -> [UInt8] { try read(path, limit: limit, followSymlink: true) }
}
