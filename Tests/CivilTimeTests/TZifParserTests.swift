import CivilTime
import Testing

/// Builds TZif bytes (RFC 8536) from parts, so tests can craft exact and broken files.
struct TZifBuilder {
    var version: UInt8 = UInt8(ascii: "2")
    var transitions: [(Int64, UInt8)] = []
    var types: [(Int32, Bool, UInt8)] = []
    var chars: [UInt8] = []
    /// The POSIX TZ footer text; nil writes none at all (only valid for version 1).
    var footer: String? = nil

    static func be32(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }
    static func be64(_ v: Int64) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }

    func header(_ version: UInt8) -> [UInt8] {
        var h = Array("TZif".utf8) + [version] + [UInt8](repeating: 0, count: 15)
        for c in [0, 0, 0, transitions.count, types.count, chars.count] { h += Self.be32(Int32(c)) }
        return h
    }

    func block(wide: Bool) -> [UInt8] {
        var b: [UInt8] = []
        for (t, _) in transitions {
            b += wide ? Self.be64(t) : Self.be32(Int32(clamping: t))
        }
        b += transitions.map(\.1)
        for (off, dst, idx) in types { b += Self.be32(off) + [dst ? 1 : 0, idx] }
        b += chars
        return b
    }

    var bytes: [UInt8] {
        var out = header(version) + block(wide: false)
        if version >= UInt8(ascii: "2") {
            out += header(version) + block(wide: true)
            if let footer { out += [0x0A] + Array(footer.utf8) + [0x0A] }
        }
        return out
    }

    /// A small London-like zone: GMT, one switch to BST in 2020, then the EU rule from its footer.
    static var londonLike: TZifBuilder {
        var b = TZifBuilder()
        b.types = [(0, false, 0), (3600, true, 4)]
        b.chars = Array("GMT\0BST\0".utf8)
        b.transitions = [(1_585_443_600, 1), (1_603_587_600, 0)]  // 2020-03-29T01:00Z, 2020-10-25T01:00Z
        b.footer = "GMT0BST,M3.5.0/1,M10.5.0"
        return b
    }
}

private func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0) -> Int64 {
    Int64(LocalDate.dayNumber(year: y, month: mo, day: d)) * 86400 + Int64(h * 3600)
}

private func londonBytes() throws -> [UInt8] {
    let path = TimeZoneDatabase.systemDirectory + "/Europe/London"
    let bytes = try #require(readAll(path))
    return bytes
}

/// Reads a file without Foundation (the system zone file the tests compare against).
func readAll(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n <= 0 { break }
        out += buf[0..<n]
    }
    return out
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("TZif parsing")
struct TZifParserTests {
    @Test("a crafted version 2 file gives its explicit transitions, then its footer's rule")
    func craftedFile() throws {
        let r = try ZoneRules(identifier: "Test/London", tzif: TZifBuilder.londonLike.bytes)
        #expect(r.initial == ZoneOffset(seconds: 0, isDaylight: false, abbreviation: "GMT"))
        #expect(r.posixRule == "GMT0BST,M3.5.0/1,M10.5.0")
        #expect(r.transitions.prefix(4).map(\.instant) == [
            utc(2020, 3, 29, 1), utc(2020, 10, 25, 1), utc(2021, 3, 28, 1), utc(2021, 10, 31, 1),
        ])
        #expect(r.offset(at: utc(2026, 7, 1)).abbreviation == "BST")
        #expect(r.offset(at: utc(2199, 12, 1)).abbreviation == "GMT")
        // Two changes a year from 2020 to 2200 inclusive (the table runs one year past the supported years).
        #expect(r.transitions.count == 2 * (2200 - 2020 + 1))
    }

    @Test("a version 1 file (no footer) keeps only its explicit transitions")
    func versionOne() throws {
        var b = TZifBuilder.londonLike
        b.version = 0
        let r = try ZoneRules(identifier: "Test/V1", tzif: b.bytes)
        #expect(r.posixRule == nil)
        #expect(r.transitions.map(\.instant) == [utc(2020, 3, 29, 1), utc(2020, 10, 25, 1)])
        #expect(r.offset(at: utc(2026, 7, 1)).abbreviation == "GMT")
    }

    @Test("a footer-only file (no transitions) uses the footer throughout")
    func footerOnly() throws {
        var b = TZifBuilder()
        b.types = [(-10800, false, 0)]
        b.chars = Array("-03\0".utf8)
        b.footer = "<-03>3"
        let r = try ZoneRules(identifier: "Test/Fixed", tzif: b.bytes)
        #expect(r.transitions.isEmpty)
        #expect(r.offset(at: utc(2026, 1, 1)) == ZoneOffset(seconds: -10800, isDaylight: false, abbreviation: "-03"))
    }

    @Test("the system's Europe/London parses and is the real thing")
    func systemLondon() throws {
        let r = try ZoneRules(identifier: "Europe/London", tzif: try londonBytes())
        #expect(r.offset(at: utc(2026, 7, 1)).abbreviation == "BST")
        #expect(r.initial.abbreviation == "LMT")
        #expect(r.initial.seconds == -75)
    }

    @Test("every truncation of the data blocks of a real TZif file is an error, not a crash")
    func truncatedData() throws {
        let bytes = try londonBytes()
        let footerStart = try #require(bytes.lastIndex(of: 0x0A).flatMap { end in bytes[..<end].lastIndex(of: 0x0A) })
        var accepted: [Int] = []
        for length in 0..<footerStart {
            do {
                _ = try ZoneRules(identifier: "Europe/London", tzif: Array(bytes.prefix(length)))
                accepted.append(length)
            } catch {
                // ZoneDataError is the only error type init can throw (typed throws).
            }
        }
        #expect(accepted.isEmpty, "truncated lengths accepted: \(accepted.prefix(10))")
    }

    @Test("a file that is not TZif is rejected with its reason")
    func badMagic() throws {
        var bytes = try londonBytes()
        bytes[0] = UInt8(ascii: "X")
        #expect(throws: ZoneDataError.self) { try ZoneRules(identifier: "x", tzif: bytes) }
        do {
            _ = try ZoneRules(identifier: "x", tzif: Array("# tzdb leap seconds file, plain text\n".utf8) + [UInt8](repeating: 0x20, count: 64))
            Issue.record("accepted a text file")
        } catch {
            #expect(error.description == "not a TZif file (bad magic)")
        }
        #expect(throws: ZoneDataError.self) { try ZoneRules(identifier: "x", tzif: []) }
    }

    @Test("out-of-range indices and counts are errors")
    func badIndices() {
        var noTypes = TZifBuilder.londonLike
        noTypes.types = []
        noTypes.transitions = []
        #expect(throws: ZoneDataError.self) { try ZoneRules(identifier: "x", tzif: noTypes.bytes) }

        var badType = TZifBuilder.londonLike
        badType.transitions = [(1_585_443_600, 7)]
        #expect(throws: ZoneDataError.self) { try ZoneRules(identifier: "x", tzif: badType.bytes) }

        var badAbbreviation = TZifBuilder.londonLike
        badAbbreviation.types = [(0, false, 0), (3600, true, 40)]
        #expect(throws: ZoneDataError.self) { try ZoneRules(identifier: "x", tzif: badAbbreviation.bytes) }

        var hugeCount = TZifBuilder.londonLike.bytes
        // timecnt of the first header (offset 20 + 3 * 4) set to 0x7FFFFFFF.
        hugeCount.replaceSubrange(32..<36, with: [0x7F, 0xFF, 0xFF, 0xFF])
        #expect(throws: ZoneDataError.self) { try ZoneRules(identifier: "x", tzif: hugeCount) }
    }

    @Test("a malformed footer is an error")
    func badFooter() {
        var b = TZifBuilder.londonLike
        b.footer = "GMT0BST,M13.5.0,M10.5.0"
        #expect(throws: ZoneDataError.self) { try ZoneRules(identifier: "x", tzif: b.bytes) }
    }

    /// The message loading `tzif` as `name` fails with, or "loaded".
    private func loadError(_ name: String, _ tzif: TZifBuilder) -> String {
        do {
            _ = try ZoneRules(identifier: name, tzif: tzif.bytes)
            return "loaded"
        } catch {
            return error.description
        }
    }

    @Test("an offset of 24 hours or more, which RFC 5545 cannot write, is an error naming the zone")
    func offsetsOfADayOrMore() throws {
        // In the data block, with a harmless footer.
        var typeOffset = TZifBuilder()
        typeOffset.types = [(0, false, 0), (86400, false, 4)]
        typeOffset.chars = Array("GMT\0+24\0".utf8)
        typeOffset.transitions = [(1_585_443_600, 1)]
        typeOffset.footer = "<+24>-24"
        #expect(loadError("Test/Plus24", typeOffset)
            == "the time zone \"Test/Plus24\" has a UTC offset of +24:00 (\"+24\"); RFC 5545 UTC offsets must be under 24 hours, so no VTIMEZONE can state it")
        // Only in the footer's daylight rule: 23 hours standard, 25 hours daylight.
        var footerOnly = TZifBuilder()
        footerOnly.types = [(-82800, false, 0)]
        footerOnly.chars = Array("-23\0".utf8)
        footerOnly.footer = "<-23>23<-25>25,M3.5.0,M10.5.0"
        #expect(loadError("Test/Minus25", footerOnly)
            == "the time zone \"Test/Minus25\" has a UTC offset of -25:00 (\"-25\"); RFC 5545 UTC offsets must be under 24 hours, so no VTIMEZONE can state it")
        // 23:59:59 is the largest that can be written.
        var justUnder = TZifBuilder()
        justUnder.types = [(86399, false, 0)]
        justUnder.chars = Array("X\0".utf8)
        justUnder.footer = "<X>-23:59:59"
        #expect(loadError("Test/JustUnder", justUnder) == "loaded")
    }
}
