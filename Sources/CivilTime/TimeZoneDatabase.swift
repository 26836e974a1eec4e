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

    /// Loads one zone. Throws when the name is malformed, unknown, or its file unreadable.
    public func rules(for name: String) throws(ZoneDataError) -> ZoneRules {
        guard TimeZoneDatabase.isWellFormedName(name) else {
            throw ZoneDataError("\"\(name)\" is not an IANA time zone name")
        }
        let path = directory + "/" + name
        guard let bytes = TimeZoneDatabase.readFile(path, limit: 1 << 20) else {
            throw ZoneDataError("unknown time zone \"\(name)\" (no file \(path))")
        }
        return try ZoneRules(identifier: name, tzif: bytes)
    }

    static func readFile(_ path: String, limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) <= limit else {
            return nil
        }
        var out = [UInt8](repeating: 0, count: Int(st.st_size))
        var done = 0
        while done < out.count {
            let n = out.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        return out
    }
}
