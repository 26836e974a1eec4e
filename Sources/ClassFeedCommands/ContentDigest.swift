import Bytes

/// A 128-bit digest for the run record: "the same bytes as the last run read" (the schedule,
/// its holiday calendars, the zone files) and the record's own check line, worked out at about
/// one instruction a byte. Not a cryptographic hash, and not meant to be: it tells an owner's
/// edit from no edit, and a torn record from a whole one (whoever can write schedule.json
/// decides the feeds anyway). SHA-256 cost 70 instructions a byte: the W3 network's 2.4 MB of
/// JSON cost as much as its whole build, and the record of 2,000 class feeds 15 M more.
///
/// Two lanes over the file's 8-byte words (little-endian), taking turns, each mixing a word in
/// by multiply and fold with its own odd constant, then the tail bytes and the length; each
/// lane finished with an avalanche, the second after mixing in the first.
enum ContentDigest {
    static func hex(_ bytes: [UInt8]) -> String {
        let span = bytes.span
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15
        var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var k = 0
        // Sixteen bytes a round, a word to each lane: the lanes run side by side, so the W3
        // network's 2.4 MB of JSON costs about one instruction a byte, not three.
        while k + 16 <= span.count {
            let w0 = span.loadWord(at: k), w1 = span.loadWord(at: k + 8)
            a = mixA(a, w0)
            b = mixB(b, w1)
            k += 16
        }
        if k + 8 <= span.count {
            a = mixA(a, span.loadWord(at: k))
            k += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while k < span.count {
            tail |= UInt64(span[k]) << shift
            shift += 8
            k += 1
        }
        a = (a ^ tail ^ UInt64(span.count)) &* 0xFF51_AFD7_ED55_8CCD
        b = (b ^ tail.rotateLeft(32) ^ UInt64(span.count)) &* 0xC4CE_B9FE_1A85_EC53
        return hex16(avalanche(a)) + hex16(avalanche(b ^ a))
    }

    /// One word into a lane: multiply, then fold the high bits down. (A rotation in place of
    /// the fold is linear in the top bit: a flipped top bit of one word came out as a single
    /// flipped bit, the same as flipping that bit of the next word.)
    @inline(__always)
    private static func mixA(_ lane: UInt64, _ w: UInt64) -> UInt64 {
        let x = (lane ^ w) &* 0xFF51_AFD7_ED55_8CCD
        return x ^ (x >> 29)
    }

    @inline(__always)
    private static func mixB(_ lane: UInt64, _ w: UInt64) -> UInt64 {
        let x = (lane ^ w) &* 0xC4CE_B9FE_1A85_EC53
        return x ^ (x >> 31)
    }

    private static func avalanche(_ x: UInt64) -> UInt64 {
        var x = x
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    /// Sixteen lowercase hex digits, most significant first.
    private static func hex16(_ v: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 16)
        for i in 0..<16 { out[i] = digits[Int(truncatingIfNeeded: v >> UInt64(60 - 4 * i)) & 15] }
        return String(decoding: out, as: UTF8.self)
    }
}

extension UInt64 {
    fileprivate func rotateLeft(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
