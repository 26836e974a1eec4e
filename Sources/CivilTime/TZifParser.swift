/// Reads the TZif format (RFC 8536): the version 2+ 64-bit data block when present, else
/// the version 1 block, plus the POSIX TZ footer.
enum TZifParser {
    struct Result {
        var initial: ZoneOffset
        var transitions: [ZoneTransition]
        var footer: String?
    }

    struct Reader {
        let b: [UInt8]
        var i = 0
        mutating func need(_ n: Int) throws(ZoneDataError) {
            guard n >= 0, i + n <= b.count else { throw ZoneDataError("TZif data is truncated") }
        }
        mutating func u8() throws(ZoneDataError) -> UInt8 {
            try need(1)
            defer { i += 1 }
            return b[i]
        }
        mutating func be32() throws(ZoneDataError) -> Int32 {
            try need(4)
            var v: UInt32 = 0
            for k in 0..<4 { v = v << 8 | UInt32(b[i + k]) }
            i += 4
            return Int32(bitPattern: v)
        }
        mutating func be64() throws(ZoneDataError) -> Int64 {
            try need(8)
            var v: UInt64 = 0
            for k in 0..<8 { v = v << 8 | UInt64(b[i + k]) }
            i += 8
            return Int64(bitPattern: v)
        }
        mutating func skip(_ n: Int) throws(ZoneDataError) {
            try need(n)
            i += n
        }
    }

    struct Header {
        var version: UInt8
        var isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt: Int
    }

    static func header(_ r: inout Reader) throws(ZoneDataError) -> Header {
        try r.need(44)
        guard Array(r.b[r.i..<(r.i + 4)]) == Array("TZif".utf8) else {
            throw ZoneDataError("not a TZif file (bad magic)")
        }
        r.i += 4
        let version = try r.u8()
        try r.skip(15)
        var counts: [Int] = []
        for _ in 0..<6 {
            let c = Int(try r.be32())
            guard c >= 0, c < 1_000_000 else { throw ZoneDataError("TZif count out of range") }
            counts.append(c)
        }
        return Header(
            version: version, isutcnt: counts[0], isstdcnt: counts[1], leapcnt: counts[2],
            timecnt: counts[3], typecnt: counts[4], charcnt: counts[5])
    }

    static func parse(_ bytes: [UInt8]) throws(ZoneDataError) -> Result {
        var r = Reader(b: bytes)
        let h1 = try header(&r)
        if h1.version >= UInt8(ascii: "2") {
            try r.skip(
                h1.timecnt * 5 + h1.typecnt * 6 + h1.charcnt + h1.leapcnt * 8 + h1.isstdcnt + h1.isutcnt)
            let h2 = try header(&r)
            var result = try block(&r, h2, wide: true)
            // Footer: "\n" POSIX-TZ "\n" (RFC 8536 §3.3); required in version 2 and later.
            guard r.i < bytes.count, bytes[r.i] == 0x0A, let end = bytes[(r.i + 1)...].firstIndex(of: 0x0A) else {
                throw ZoneDataError("TZif footer missing or truncated")
            }
            result.footer = String(decoding: bytes[(r.i + 1)..<end], as: UTF8.self)
            return result
        }
        return try block(&r, h1, wide: false)
    }

    static func block(_ r: inout Reader, _ h: Header, wide: Bool) throws(ZoneDataError) -> Result {
        guard h.typecnt >= 1 else { throw ZoneDataError("TZif data has no local time types") }
        var times: [Int64] = []
        times.reserveCapacity(h.timecnt)
        for _ in 0..<h.timecnt { times.append(wide ? try r.be64() : Int64(try r.be32())) }
        var indices: [Int] = []
        for _ in 0..<h.timecnt { indices.append(Int(try r.u8())) }
        var raw: [(Int, Bool, Int)] = []
        for _ in 0..<h.typecnt {
            let off = Int(try r.be32())
            let dst = try r.u8() != 0
            let idx = Int(try r.u8())
            raw.append((off, dst, idx))
        }
        try r.need(h.charcnt)
        let chars = Array(r.b[r.i..<(r.i + h.charcnt)])
        r.i += h.charcnt
        try r.skip(h.leapcnt * (wide ? 12 : 8) + h.isstdcnt + h.isutcnt)
        var types: [ZoneOffset] = []
        for (off, dst, idx) in raw {
            guard idx < max(chars.count, 1) else { throw ZoneDataError("TZif abbreviation index out of range") }
            let end = chars[idx...].firstIndex(of: 0) ?? chars.count
            let abbr = String(decoding: chars[idx..<end], as: UTF8.self)
            types.append(ZoneOffset(seconds: off, isDaylight: dst, abbreviation: abbr))
        }
        var transitions: [ZoneTransition] = []
        var current = types[0]
        var previous = Int64.min
        for (t, idx) in zip(times, indices) {
            guard idx < types.count else { throw ZoneDataError("TZif type index out of range") }
            guard t > previous else { throw ZoneDataError("TZif transition times are not in ascending order") }
            previous = t
            let next = types[idx]
            if next != current {
                transitions.append(ZoneTransition(instant: t, before: current, after: next))
                current = next
            }
        }
        return Result(initial: types[0], transitions: transitions, footer: nil)
    }
}
