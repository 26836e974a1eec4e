import CivilTime
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A scratch zoneinfo directory under /tmp, removed by the test that made it.
private struct ScratchDirectory {
    let path: String
    init(_ tag: String) throws {
        var template = Array("/tmp/classfeed-tzdb-\(tag)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = try #require(made.map { String(cString: $0) })
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        let full = path + "/" + name
        if let slash = full.lastIndex(of: "/") { mkdir(String(full[..<slash]), 0o755) }
        let f = try #require(fopen(full, "wb"))
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
    }

    func remove() {
        _ = system("rm -rf '\(path)'")
    }
}

@Suite("TimeZoneDatabase")
struct TimeZoneDatabaseTests {
    @Test(
        "names that are not IANA zone names are refused before touching the file system",
        arguments: [
            "../etc/passwd", "/etc/passwd", "Europe/../x", "", "Europe/", "Europe//London", "./Europe/London",
            "Europe/London/", "-x", "+x", "Europe/Lon don", "Europe/London\0", "Europe\\London", "..",
            "Europe/.hidden", String(repeating: "A", count: 65), "Europe/Londön",
        ])
    func refusesMalformedNames(name: String) {
        #expect(!TimeZoneDatabase.isWellFormedName(name))
        do {
            _ = try TimeZoneDatabase().rules(for: name)
            Issue.record("loaded \"\(name)\"")
        } catch {
            #expect(error.description == "\"\(name)\" is not an IANA time zone name")
        }
    }

    @Test(
        "real zone names are well formed",
        arguments: [
            "Europe/London", "Etc/GMT+5", "Etc/GMT-14", "America/Argentina/Buenos_Aires", "UTC", "EST5EDT",
            "America/Port-au-Prince", "Australia/Lord_Howe",
        ])
    func acceptsRealNames(name: String) throws {
        #expect(TimeZoneDatabase.isWellFormedName(name))
        _ = try TimeZoneDatabase().rules(for: name)
    }

    @Test("unknown zones and directories are errors that name the zone")
    func unknownZones() {
        for name in ["Mars/Olympus_Mons", "Europe/Londn", "Europe", "Europe/london"] {
            do {
                _ = try TimeZoneDatabase().rules(for: name)
                Issue.record("loaded \"\(name)\"")
            } catch {
                #expect(error.description == "unknown time zone \"\(name)\" (no file /usr/share/zoneinfo/\(name))")
            }
        }
    }

    @Test("a database directory of one's own is honoured (TZDIR)")
    func ownDirectory() throws {
        let dir = try ScratchDirectory("own")
        defer { dir.remove() }
        try dir.write("Test/Zone", TZifBuilder.londonLike.bytes)
        let db = TimeZoneDatabase(directory: dir.path)
        let r = try db.rules(for: "Test/Zone")
        #expect(r.identifier == "Test/Zone")
        #expect(r.posixRule == "GMT0BST,M3.5.0/1,M10.5.0")
        #expect(throws: ZoneDataError.self) { try db.rules(for: "Europe/London") }
    }

    @Test("a truncated or empty zone file in the database is an error, not a crash")
    func truncatedFile() throws {
        let dir = try ScratchDirectory("trunc")
        defer { dir.remove() }
        let full = TZifBuilder.londonLike.bytes
        try dir.write("Test/Truncated", Array(full.prefix(50)))
        try dir.write("Test/Empty", [])
        try dir.write("Test/Big", [UInt8](repeating: 0, count: (1 << 20) + 1))
        let db = TimeZoneDatabase(directory: dir.path)
        for name in ["Test/Truncated", "Test/Empty", "Test/Big"] {
            #expect(throws: ZoneDataError.self, "\(name)") { try db.rules(for: name) }
        }
    }
}
