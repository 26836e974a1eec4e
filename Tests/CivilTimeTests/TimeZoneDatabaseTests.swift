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

    func symlink(_ name: String, to target: String) {
        let full = path + "/" + name
        if let slash = full.lastIndex(of: "/") { mkdir(String(full[..<slash]), 0o755) }
        _ = makeSymbolicLink(target, full)
    }

    func remove() {
        _ = system("rm -rf '\(path)'")
    }
}

private func makeSymbolicLink(_ target: String, _ path: String) -> Int32 {
    #if canImport(Glibc)
        Glibc.symlink(target, path)
    #elseif canImport(Darwin)
        Darwin.symlink(target, path)
    #endif
}

/// Seconds on the monotonic clock, to show that a load returned promptly.
private func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
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
            "America/Port-au-Prince", "Australia/Lord_Howe", "Etc/UTC", "US/Eastern", "GB", "Etc/GMT-0",
        ])
    func acceptsRealNames(name: String) throws {
        #expect(TimeZoneDatabase.isWellFormedName(name))
        _ = try TimeZoneDatabase().rules(for: name)
    }

    @Test("unknown zones and directories are errors that name the zone")
    func unknownZones() {
        for name in ["Mars/Olympus_Mons", "Europe/Londn", "Europe/london", "Europe/London/Soho"] {
            do {
                _ = try TimeZoneDatabase().rules(for: name)
                Issue.record("loaded \"\(name)\"")
            } catch {
                #expect(error.description == "unknown time zone \"\(name)\" (no file /usr/share/zoneinfo/\(name))")
            }
        }
        #expect(throws: ZoneDataError("unknown time zone \"Europe\" (/usr/share/zoneinfo/Europe is a folder of zones, not a zone)")) {
            try TimeZoneDatabase().rules(for: "Europe")
        }
    }

    @Test("a FIFO as a zone file is refused at once: it is never waited on")
    func fifoZoneFile() throws {
        let dir = try ScratchDirectory("fifo")
        defer { dir.remove() }
        mkdir(dir.path + "/Test", 0o755)
        let fifo = dir.path + "/Test/Pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        // A loader that waits for a writer would block here for ever; this writer, gone after
        // five seconds whatever happens, lets such a loader fail this test instead of hanging it.
        _ = system("timeout 5 sh -c 'sleep 2; : > \(fifo)' >/dev/null 2>&1 &")
        let started = monotonicSeconds()
        #expect(throws: ZoneDataError(
            "the zone file \(fifo) for \"Test/Pipe\" is a FIFO (named pipe), not a regular file",
            hint: "the time-zone database \(dir.path) looks damaged: reinstall the tzdata package or set TZDIR to a good copy")
        ) {
            try TimeZoneDatabase(directory: dir.path).rules(for: "Test/Pipe")
        }
        #expect(monotonicSeconds() - started < 1.5)
    }

    @Test("a zone file that is a device, too large, unreadable or not TZif says what is wrong with it")
    func damagedZoneFiles() throws {
        let dir = try ScratchDirectory("kinds")
        defer { dir.remove() }
        dir.symlink("Test/Device", to: "/dev/null")
        try dir.write("Test/Big", [UInt8](repeating: 0, count: (1 << 20) + 1))
        dir.symlink("Test/Loop", to: "Loop")
        try dir.write("Test/Text", Array(String(repeating: "not a zone file\n", count: 4).utf8))
        let db = TimeZoneDatabase(directory: dir.path)
        func message(_ name: String) -> String {
            do {
                _ = try db.rules(for: name)
                return "loaded"
            } catch {
                return error.description
            }
        }
        let p = dir.path + "/Test/"
        #expect(message("Test/Device") == "the zone file \(p)Device for \"Test/Device\" is a character device, not a regular file")
        #expect(message("Test/Big") == "the zone file \(p)Big for \"Test/Big\" is larger than 1048576 bytes; TZif files are a few KiB")
        #expect(message("Test/Loop").hasPrefix("cannot read the zone file \(p)Loop for \"Test/Loop\": "))
        #expect(message("Test/Loop").lowercased().contains("symbolic links"), "\(message("Test/Loop"))")
        #expect(message("Test/Text") == "the zone file \(p)Text for \"Test/Text\" is not a usable TZif file: not a TZif file (bad magic)")
        // Well-formed TZif whose offset no VTIMEZONE can state: said as such, not as bad data.
        var plus24 = TZifBuilder()
        plus24.types = [(86400, false, 0)]
        plus24.chars = Array("+24\0".utf8)
        plus24.footer = "<+24>-24"
        try dir.write("Test/Plus24", plus24.bytes)
        #expect(message("Test/Plus24").hasPrefix("the time zone \"Test/Plus24\" has a UTC offset of +24:00"))
        do {
            _ = try db.rules(for: "Test/Device")
        } catch {
            #expect(error.hint == "the time-zone database \(dir.path) looks damaged: reinstall the tzdata package or set TZDIR to a good copy")
        }
        #expect(message("Test/Missing") == "unknown time zone \"Test/Missing\" (no file \(p)Missing)")
    }

    @Test(
        "zoneinfo entries that are not IANA zone names are refused, with the zone to use instead",
        arguments: [
            ("posix/Europe/London", "use \"Europe/London\""),
            ("right/Europe/London", "use \"Europe/London\""),
            ("right/UTC", "use \"UTC\""),
            ("posixrules", "name the zone itself: here it is \"America/New_York\""),
            ("Factory", "name the zone itself, such as \"Europe/London\""),
            ("posix", "name the zone itself, such as \"Europe/London\""),
        ])
    func nonZoneNames(name: String, hint: String) {
        do {
            let r = try TimeZoneDatabase().rules(for: name)
            Issue.record("loaded \"\(name)\" as \(r.identifier)")
        } catch {
            #expect(error.description.hasPrefix("\"\(name)\" "), "\(error.description)")
            #expect(error.hint == hint)
        }
    }

    @Test("localtime is refused, naming the zone it links to in the database given")
    func localtimeNamesItsZone() throws {
        let dir = try ScratchDirectory("localtime")
        defer { dir.remove() }
        try dir.write("Test/Zone", TZifBuilder.londonLike.bytes)
        dir.symlink("localtime", to: dir.path + "/Test/Zone")
        try dir.write("Test/Other", TZifBuilder.londonLike.bytes)
        let db = TimeZoneDatabase(directory: dir.path)
        #expect(throws: ZoneDataError(
            "\"localtime\" is this machine's local time setting, not an IANA time zone name",
            hint: "name the zone itself: here it is \"Test/Zone\"")
        ) { try db.rules(for: "localtime") }
        // Without a link to follow, the hint stays general.
        let bare = try ScratchDirectory("nolocaltime")
        defer { bare.remove() }
        try bare.write("localtime", TZifBuilder.londonLike.bytes)
        #expect(throws: ZoneDataError(
            "\"localtime\" is this machine's local time setting, not an IANA time zone name",
            hint: "name the zone itself, such as \"Europe/London\"")
        ) { try TimeZoneDatabase(directory: bare.path).rules(for: "localtime") }
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
