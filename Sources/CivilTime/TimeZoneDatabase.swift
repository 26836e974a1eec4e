#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Loads zone rules from a tz database directory of TZif files (the system's zoneinfo).
///
/// This is the one source of time-zone truth for both expansion and VTIMEZONE output, so a
/// feed's times and its VTIMEZONE never contradict each other.
public struct TimeZoneDatabase: Sendable {
    public let directory: String

    /// The conventional system location.
    public static let systemDirectory = "/usr/share/zoneinfo"

    /// The largest zone file read (real TZif files are under 10 KiB).
    public static let fileSizeLimit = 1 << 20

    public init(directory: String = TimeZoneDatabase.systemDirectory) {
        self.directory = directory
    }

    /// True when `name` has the shape of an IANA zone name ("Europe/London", "Etc/GMT+5"):
    /// letters, digits, `_`, `-`, `+`, separated by single `/`, no `.` or `..` segments.
    public static func isWellFormedName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 64 else { return false }
        for segment in name.split(separator: "/", omittingEmptySubsequences: false) {
            guard let first = segment.first, first != "-", first != "+" else { return false }
            for c in segment.unicodeScalars {
                let ok = (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9")
                    || c == "_" || c == "-" || c == "+"
                if !ok { return false }
            }
        }
        return true
    }

    /// Loads one zone. Throws when the name is malformed, or when its file is missing, not a regular file, too large, unreadable or not TZif; each
    /// error says which.
    public func rules(for name: String) throws(ZoneDataError) -> ZoneRules {
        guard TimeZoneDatabase.isWellFormedName(name) else {
            throw ZoneDataError("\"\(name)\" is not an IANA time zone name")
        }
        let path = directory + "/" + name
        let bytes: [UInt8]
        switch TimeZoneDatabase.readZoneFile(path, limit: TimeZoneDatabase.fileSizeLimit) {
        case .bytes(let b):
            bytes = b
        case .missing:
            throw ZoneDataError("unknown time zone \"\(name)\" (no file \(path))")
        case .directory:
            throw ZoneDataError("unknown time zone \"\(name)\" (\(path) is a folder of zones, not a zone)")
        case .notRegularFile(let kind):
            throw ZoneDataError("the zone file \(path) for \"\(name)\" is \(kind), not a regular file")
        case .tooLarge:
            throw ZoneDataError(
                "the zone file \(path) for \"\(name)\" is larger than \(TimeZoneDatabase.fileSizeLimit) bytes; TZif files are a few KiB")
        case .unreadable(let reason):
            throw ZoneDataError("cannot read the zone file \(path) for \"\(name)\": \(reason)")
        }
        do {
            return try ZoneRules(identifier: name, tzif: bytes)
        } catch {
            throw ZoneDataError("the zone file \(path) for \"\(name)\" is not a usable TZif file: \(error.description)")
        }
    }

    // MARK: - Reading a zone file

    enum ZoneFileRead {
        case bytes([UInt8])
        case missing
        case directory
        /// A FIFO, device or socket: reading it could block forever or have side effects.
        case notRegularFile(String)
        case tooLarge
        case unreadable(String)
    }

    /// Reads a zone file without trusting what is at `path`: opened non-blocking (a FIFO must
    /// not hang the build) and close-on-exec, checked with fstat to be a regular file, and read
    /// until end of file but never past `limit` bytes (st_size can be wrong or change).
    static func readZoneFile(_ path: String, limit: Int) -> ZoneFileRead {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let e = errno
            return e == ENOENT || e == ENOTDIR ? .missing : .unreadable(errorText(e))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .unreadable(errorText(errno)) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .directory
        case S_IFIFO: return .notRegularFile("a FIFO (named pipe)")
        case S_IFCHR: return .notRegularFile("a character device")
        case S_IFBLK: return .notRegularFile("a block device")
        case S_IFSOCK: return .notRegularFile("a socket")
        default: return .notRegularFile("not a file")
        }
        guard Int(st.st_size) <= limit else { return .tooLarge }
        var out: [UInt8] = []
        out.reserveCapacity(Int(st.st_size))
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                let e = errno
                if e == EINTR { continue }
                return .unreadable(errorText(e))
            }
            if n == 0 { return .bytes(out) }
            out.append(contentsOf: chunk[0..<n])
            if out.count > limit { return .tooLarge }
        }
    }

    private static func errorText(_ code: Int32) -> String {
        guard let s = strerror(code) else { return "error \(code)" }
        return String(cString: s)
    }
}
