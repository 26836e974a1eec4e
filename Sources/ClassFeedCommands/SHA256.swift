import Bytes
import Dispatch

/// SHA-256 (FIPS 180-4 §6.2), for the run record: what the last build read (the schedule, its
/// holiday calendars, the zone files) is remembered by digest, so that a later run can tell
/// "the same bytes" without keeping a copy. Safe Swift over a `Span`, reading each block's
/// words eight bytes at a time through `Bytes`.
struct SHA256 {
    private var state: InlineArray<8, UInt32> = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    /// Bytes not yet making a whole 64-byte block.
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    init() {}

    /// The digest of `bytes`, as 64 lower-case hex digits.
    static func hex(_ bytes: [UInt8]) -> String {
        var h = SHA256()
        h.add(bytes)
        return h.finishHex()
    }

    mutating func add(_ bytes: [UInt8]) {
        length &+= UInt64(bytes.count)
        var start = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending += bytes[0..<take]
            start = take
            guard pending.count == 64 else { return }
            let block = pending
            compress(block.span, at: 0)
            pending.removeAll(keepingCapacity: true)
        }
        let span = bytes.span
        while bytes.count - start >= 64 {
            compress(span, at: start)
            start += 64
        }
        pending += bytes[start...]
    }

    /// Pads (§5.1.1) and returns the digest as hex.
    mutating func finishHex() -> String {
        let bits = length &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        let span = tail.span
        var at = 0
        while at < tail.count {
            compress(span, at: at)
            at += 64
        }
        pending.removeAll()
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for i in 0..<8 {
            let word = state[i]
            for shift in stride(from: 28, through: 0, by: -4) { out.append(digits[Int((word >> UInt32(shift)) & 0xF)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One 64-byte block starting at `at` (§6.2.2).
    private mutating func compress(_ bytes: Span<UInt8>, at: Int) {
        precondition(at >= 0 && at + 64 <= bytes.count, "a block past the bytes")
        var w = InlineArray<64, UInt32>(repeating: 0)
        for t in 0..<8 {
            // Eight bytes read as a little-endian word, swapped: the two big-endian words.
            let v = bytes.uncheckedLoadWord(at: at + 8 * t).byteSwapped
            w[2 * t] = UInt32(truncatingIfNeeded: v >> 32)
            w[2 * t + 1] = UInt32(truncatingIfNeeded: v)
        }
        for t in 16..<64 {
            let a = w[t - 15], b = w[t - 2]
            let s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >> 3)
            let s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        }
        var a = state[0], b = state[1], c = state[2], d = state[3]
        var e = state[4], f = state[5], g = state[6], h = state[7]
        for t in 0..<64 {
            let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let ch = (e & f) ^ (~e & g)
            let t1 = h &+ s1 &+ ch &+ Self.k[t] &+ w[t]
            let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let maj = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ maj
            h = g
            g = f
            f = e
            e = d &+ t1
            d = c
            c = b
            b = a
            a = t1 &+ t2
        }
        state[0] &+= a
        state[1] &+= b
        state[2] &+= c
        state[3] &+= d
        state[4] &+= e
        state[5] &+= f
        state[6] &+= g
        state[7] &+= h
    }

    @inline(__always)
    private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }

    /// The first 32 bits of the fractional parts of the cube roots of the first 64 primes (§4.2.2).
    private static let k: InlineArray<64, UInt32> = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}

/// A digest computed on another core while the caller goes on: a first build needs the
/// schedule's digest only for the record it writes at the end (2.4 MB of schedule is 12 ms).
final class BackgroundDigest: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written once before `group.leave()`, read only after `group.wait()`: the group orders
    /// the two, which is what makes the unchecked `Sendable` safe.
    private var value = ""

    init(_ bytes: [UInt8]) {
        group.enter()
        DispatchQueue.global().async {
            self.value = SHA256.hex(bytes)
            self.group.leave()
        }
    }

    /// Waits for the digest.
    var hex: String {
        group.wait()
        return value
    }
}
