#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the next byte that needs attention, eight bytes at a time: the one word-at-a-time
/// scan in ClassFeed (HTML and TEXT escaping, JSON strings, line breaks all use it).
///
/// A scanner stops at up to five given byte values, at any byte below a threshold (control
/// characters), and optionally at any byte of 0x80 and above (non-ASCII). A word of eight bytes
/// is tested at once: for `x` = word XOR a repeated value, `(x - 0x01…) & ~x & 0x80…` marks
/// the zero bytes of `x`, and `(w - t…) & ~w & 0x80…` the bytes of `w` below `t` (for
/// `t` ≤ 0x80). The lowest marked byte of a word is exactly its first stop (a borrow only ever
/// marks bytes above a real one); the last bytes (fewer than eight) are tested against an
/// exact table.
public struct ByteScanner: Sendable {
    /// Membership of each byte value, bit `b & 63` of word `b >> 6`.
    @usableFromInline let table0, table1, table2, table3: UInt64
    /// The stop values, each repeated in all eight bytes (unused slots repeat the first).
    @usableFromInline let needle0, needle1, needle2, needle3, needle4: UInt64
    /// How many stop values there are: the word test skips the unused needles (a branch that
    /// goes the same way for every word of a scan).
    @usableFromInline let needles: Int
    /// The one byte to find when that is all the scanner looks for: `memchr`, which the C
    /// library vectorises, then finds it faster than any word loop (lines of a feed).
    @usableFromInline let single: UInt8?
    /// The threshold repeated (0: none).
    @usableFromInline let below: UInt64
    /// 0x80… when bytes of 0x80 and above stop, else 0.
    @usableFromInline let highMask: UInt64

    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highs: UInt64 = 0x8080_8080_8080_8080

    /// A scanner stopping at each of `bytes` (at most five), at every byte below `below`
    /// (at most 0x80; 0 for none), and at every non-ASCII byte when `nonASCII` is true.
    public init(stoppingAt bytes: [UInt8], below: UInt8 = 0, nonASCII: Bool = false) {
        precondition(bytes.count <= 5, "a scanner tests at most five byte values")
        precondition(below <= 0x80, "thresholds above 0x80 are not exact")
        var t: [UInt64] = [0, 0, 0, 0]
        for v in 0..<256 {
            let b = UInt8(v)
            if bytes.contains(b) || b < below || (nonASCII && b >= 0x80) { t[v >> 6] |= 1 << UInt64(v & 63) }
        }
        (table0, table1, table2, table3) = (t[0], t[1], t[2], t[3])
        // With no values, a needle that can never match a zero byte is impossible to build, so
        // the threshold or high mask alone decides: the needles repeat a value already covered,
        // or, with nothing to stop at, any word is passed over (the table says no anyway).
        let first = bytes.first ?? (below > 0 ? 0 : (nonASCII ? 0x80 : 0))
        func repeated(_ k: Int) -> UInt64 { Self.ones &* UInt64(k < bytes.count ? bytes[k] : first) }
        needle0 = repeated(0)
        needle1 = repeated(1)
        needle2 = repeated(2)
        needle3 = repeated(3)
        needle4 = repeated(4)
        needles = bytes.count
        single = bytes.count == 1 && below == 0 && !nonASCII ? bytes[0] : nil
        self.below = Self.ones &* UInt64(below)
        highMask = nonASCII ? Self.highs : 0
    }

    /// A scanner stopping at `first` and `second`, at every byte below `below` (at most 0x80;
    /// 0 for none), and at every non-ASCII byte when `nonASCII` is true: the same scanner as
    /// ``init(stoppingAt:below:nonASCII:)``, built without arrays or loops, so that a scanner
    /// made where it is used from constants folds into the scan (a JSON string's end).
    @inlinable @inline(__always)
    public init(_ first: UInt8, _ second: UInt8, below: UInt8 = 0, nonASCII: Bool = false) {
        precondition(below <= 0x80, "thresholds above 0x80 are not exact")
        // Bytes below the threshold: the low `below` bits of the first two table words.
        var t0: UInt64 = below >= 64 ? ~0 : (1 << UInt64(below)) - 1
        var t1: UInt64 = below <= 64 ? 0 : below >= 128 ? ~0 : (1 << UInt64(below - 64)) - 1
        var t2: UInt64 = nonASCII ? ~0 : 0
        var t3: UInt64 = nonASCII ? ~0 : 0
        for b in [first, second] {
            let bit: UInt64 = 1 << UInt64(b & 63)
            switch b >> 6 {
            case 0: t0 |= bit
            case 1: t1 |= bit
            case 2: t2 |= bit
            default: t3 |= bit
            }
        }
        (table0, table1, table2, table3) = (t0, t1, t2, t3)
        needle0 = Self.ones &* UInt64(first)
        needle1 = Self.ones &* UInt64(second)
        (needle2, needle3, needle4) = (needle0, needle0, needle0)
        needles = 2
        single = nil
        self.below = Self.ones &* UInt64(below)
        highMask = nonASCII ? Self.highs : 0
    }

    /// A scanner stopping at five given bytes, and at nothing else: the same scanner as
    /// ``init(stoppingAt:below:nonASCII:)``, built without arrays or loops, so that one made
    /// where it is used from constants folds into the scan (HTML escaping's five characters: a
    /// scanner read from a `static let` tests its unused threshold and needle counts on every
    /// word, and its tables on every last byte).
    @inlinable @inline(__always)
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, _ e: UInt8) {
        // Each value's bit in table word `w`, if it belongs there.
        @inline(__always) func bits(_ w: UInt8) -> UInt64 {
            var t: UInt64 = 0
            if a >> 6 == w { t |= 1 << UInt64(a & 63) }
            if b >> 6 == w { t |= 1 << UInt64(b & 63) }
            if c >> 6 == w { t |= 1 << UInt64(c & 63) }
            if d >> 6 == w { t |= 1 << UInt64(d & 63) }
            if e >> 6 == w { t |= 1 << UInt64(e & 63) }
            return t
        }
        (table0, table1, table2, table3) = (bits(0), bits(1), bits(2), bits(3))
        needle0 = Self.ones &* UInt64(a)
        needle1 = Self.ones &* UInt64(b)
        needle2 = Self.ones &* UInt64(c)
        needle3 = Self.ones &* UInt64(d)
        needle4 = Self.ones &* UInt64(e)
        needles = 5
        single = nil
        below = 0
        highMask = 0
    }

    /// Whether the scanner stops at `byte`.
    @inlinable @inline(__always)
    public func stops(at byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = table0
        case 1: word = table1
        case 2: word = table2
        default: word = table3
        }
        return word >> UInt64(byte & 63) & 1 != 0
    }

    /// The stops among the eight bytes of `word` (first byte lowest) as their high bits. Bytes
    /// above a stop may be marked too (by a borrow), never bytes below it: the lowest mark is
    /// exactly the first stop, and no mark means no stop.
    @inlinable @inline(__always)
    public func stops(inWord word: UInt64) -> UInt64 {
        @inline(__always) func zero(_ x: UInt64) -> UInt64 { (x &- Self.ones) & ~x & Self.highs }
        var hits = (word &- below) & ~word & Self.highs | word & highMask
        if needles > 0 { hits |= zero(word ^ needle0) }
        if needles > 1 { hits |= zero(word ^ needle1) }
        if needles > 2 { hits |= zero(word ^ needle2) | zero(word ^ needle3) | zero(word ^ needle4) }
        return hits
    }

    /// The index of the first stop in `bytes` at or after `start`; `bytes.count` when there is
    /// none. `start` must be within `0...bytes.count` (checked).
    @inlinable @inline(__always)
    public func firstStop(in bytes: Span<UInt8>, from start: Int = 0) -> Int {
        precondition(start >= 0 && start <= bytes.count, "scan start out of range")
        if let single { return Self.firstIndex(of: single, in: bytes, from: start) }
        let n = bytes.count
        let raw = bytes.bytes
        var i = start
        // Whole words: the lowest mark is the first stop. Every read is below `n`.
        while i + 8 <= n {
            let word = raw.unsafeLoadUnaligned(fromUncheckedByteOffset: i, as: UInt64.self)
            let hits = stops(inWord: UInt64(littleEndian: word))
            if hits != 0 { return i + hits.trailingZeroBitCount / 8 }
            i += 8
        }
        // The last few bytes, one at a time.
        while i < n {
            if stops(at: bytes[unchecked: i]) { return i }
            i += 1
        }
        return n
    }

    /// The index of the first `byte` at or after `start` (within `0...bytes.count`), or
    /// `bytes.count`: `memchr`, vectorised by the C library.
    @inlinable @inline(__always)
    static func firstIndex(of byte: UInt8, in bytes: Span<UInt8>, from start: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            let n = raw.count
            guard start < n, let base = raw.baseAddress else { return n }
            guard let hit = memchr(base + start, Int32(byte), n - start) else { return n }
            return UnsafeRawPointer(hit) - base
        }
    }

    /// Whether `bytes` holds any stop.
    @inlinable
    public func anyStop(in bytes: Span<UInt8>) -> Bool { firstStop(in: bytes) < bytes.count }
}
