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

    /// Loads one zone. Throws when the name is malformed or not a tz database zone name, or
    /// when its file is missing, not a regular file, too large, unreadable or not TZif; each
    /// error says which.
    public func rules(for name: String) throws(ZoneDataError) -> ZoneRules {
        guard TimeZoneDatabase.isWellFormedName(name) else {
            throw ZoneDataError("\"\(name)\" is not an IANA time zone name")
        }
        if let refusal = refusal(name) { throw refusal }
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
            throw ZoneDataError("the zone file \(path) for \"\(name)\" is \(kind), not a regular file", hint: repairHint)
        case .tooLarge:
            throw ZoneDataError(
                "the zone file \(path) for \"\(name)\" is larger than \(TimeZoneDatabase.fileSizeLimit) bytes; TZif files are a few KiB",
                hint: repairHint)
        case .unreadable(let reason):
            throw ZoneDataError("cannot read the zone file \(path) for \"\(name)\": \(reason)", hint: repairHint)
        }
        do {
            return try ZoneRules(identifier: name, tzif: bytes)
        } catch where !error.isFileFormat {
            throw error
        } catch {
            throw ZoneDataError(
                "the zone file \(path) for \"\(name)\" is not a usable TZif file: \(error.description)", hint: repairHint)
        }
    }

    /// The hint for a zone whose name is right but whose file is not: the database is at fault.
    private var repairHint: String {
        "the time-zone database \(directory) looks damaged: reinstall the tzdata package or set TZDIR to a good copy"
    }

    // MARK: - Names that are files in zoneinfo but not IANA zone names

    /// Why a well-formed name that zic installs beside the zones is not accepted as one.
    ///
    /// An IANA name here is a Zone or Link name of the tz database source ("Europe/London",
    /// "UTC", "Etc/GMT+5", "US/Eastern"). The zoneinfo directory also holds copies and
    /// aliases that are not: `posix/...` and `right/...` (the `right/` copies count leap
    /// seconds, putting every change 27 s off: 02:00:27), `localtime` and `posixrules` (this
    /// machine's settings, whatever zone they happen to be) and `Factory` (tzdata's
    /// placeholder for "no zone configured", abbreviated "-00").
    func refusal(_ name: String) -> ZoneDataError? {
        let segments = name.split(separator: "/")
        if segments.count > 1, segments[0] == "posix" || segments[0] == "right" {
            let rest = segments.dropFirst().joined(separator: "/")
            let why = segments[0] == "right"
                ? "the right/ copies count leap seconds and put every change 27 seconds late"
                : "posix/ is a copy of the database"
            return ZoneDataError(
                "\"\(name)\" is not an IANA time zone name (\(why))", hint: "use \"\(rest)\"")
        }
        switch name {
        case "posix", "right":
            return ZoneDataError("\"\(name)\" is a folder of the tz database, not an IANA time zone name",
                                 hint: "name the zone itself, such as \"Europe/London\"")
        case "localtime", "posixrules":
            let what = name == "localtime" ? "this machine's local time setting" : "a default rule for POSIX TZ strings"
            var hint = "name the zone itself, such as \"Europe/London\""
            if let target = linkedZone(name) { hint = "name the zone itself: here it is \"\(target)\"" }
            return ZoneDataError("\"\(name)\" is \(what), not an IANA time zone name", hint: hint)
        case "Factory":
            return ZoneDataError("\"Factory\" is the tz database's placeholder for an unset zone, not a real time zone",
                                 hint: "name the zone itself, such as \"Europe/London\"")
        default:
            return nil
        }
    }

    /// The zone a `localtime` or `posixrules` entry of this database resolves to, when it is a
    /// symbolic link into a zoneinfo directory (Debian: localtime -> /etc/localtime ->
    /// /usr/share/zoneinfo/Etc/UTC).
    private func linkedZone(_ entry: String) -> String? {
        guard let resolved = TimeZoneDatabase.realPath(directory + "/" + entry) else { return nil }
        var candidates: [String] = []
        if let base = TimeZoneDatabase.realPath(directory), resolved.hasPrefix(base + "/") {
            candidates.append(String(resolved.dropFirst(base.count + 1)))
        }
        let marker = Array("/zoneinfo/".utf8)
        let u = Array(resolved.utf8)
        if u.count > marker.count,
            let at = (0...(u.count - marker.count)).last(where: { u[$0..<($0 + marker.count)].elementsEqual(marker) })
        {
            candidates.append(String(decoding: u[(at + marker.count)...], as: UTF8.self))
        }
        return candidates.first { TimeZoneDatabase.isWellFormedName($0) && !TimeZoneDatabase.isNonZoneEntry($0) }
    }

    /// The entries `refusal` refuses, decided without following any link.
    package static func isNonZoneEntry(_ name: String) -> Bool {
        let first = name.split(separator: "/").first.map(String.init) ?? name
        return ["posix", "right", "localtime", "posixrules", "Factory"].contains(first)
    }

    private static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
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
