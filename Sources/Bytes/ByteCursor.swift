#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A read position in an array of bytes, for parsers: safe reads that return nil at the end,
/// and `unchecked…` reads for a loop that has already checked its bounds.
///
/// The unchecked operations skip the bounds check in release builds only: each states its
/// precondition and `assert`s it, so debug builds and the fuzz targets (built with the address
/// sanitizer) catch a caller that breaks it.
public struct ByteCursor: Sendable {
    /// The bytes read.
    public let bytes: [UInt8]
    /// The offset of the next byte to read, within `0...bytes.count`.
    @inlinable public var position: Int { offset }
    @usableFromInline var offset: Int

    /// A cursor at `position` (checked to be within `0...bytes.count`).
    public init(_ bytes: [UInt8], position: Int = 0) {
        precondition(position >= 0 && position <= bytes.count, "cursor position out of range")
        self.bytes = bytes
        self.offset = position
    }

    /// Whether every byte has been read.
    @inlinable public var isAtEnd: Bool { position >= bytes.count }

    /// How many bytes are left.
    @inlinable public var remaining: Int { bytes.count - position }

    /// The byte `offset` bytes ahead (0: the next one); nil past the end.
    @inlinable
    public func peek(_ offset: Int = 0) -> UInt8? {
        let k = position + offset
        return k >= 0 && k < bytes.count ? bytes[k] : nil
    }

    /// Reads the next byte; nil at the end.
    @inlinable
    public mutating func next() -> UInt8? {
        guard position < bytes.count else { return nil }
        offset += 1
        return bytes[position - 1]
    }

    /// Moves on `n` bytes (or back, for a negative `n`), staying within the bytes (checked).
    @inlinable
    public mutating func advance(_ n: Int = 1) {
        precondition(position + n >= 0 && position + n <= bytes.count, "cursor moved out of range")
        offset += n
    }

    /// Moves to `offset` (checked to be within `0...bytes.count`).
    @inlinable
    public mutating func move(to offset: Int) {
        precondition(offset >= 0 && offset <= bytes.count, "cursor moved out of range")
        self.offset = offset
    }

    /// Whether the bytes ahead start with `word`'s UTF-8.
    @inlinable
    public func hasPrefix(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard remaining >= n else { return false }
        return bytes.span.extracting(position..<position + n).equals(word)
    }

    /// Moves past the next byte if it is `byte`; returns whether it did.
    @inlinable @inline(__always) @discardableResult
    public mutating func skip(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        offset += 1
        return true
    }

    /// Moves past the bytes ahead for which `predicate` holds (digits, say), stopping at the
    /// first for which it does not or at the end; returns how many it moved past.
    @inlinable @inline(__always) @discardableResult
    public mutating func skip(while predicate: (UInt8) -> Bool) -> Int {
        // The position in a local while skipping, so that it stays in a register.
        let start = offset
        var k = offset
        let n = bytes.count
        while k < n && predicate(bytes[k]) { k += 1 }
        offset = k
        return k - start
    }

    /// Whether `count` bytes at `a` equal the `count` bytes at `b` (two keys of one document,
    /// say). Both runs must lie within the bytes (checked).
    @inlinable
    public func bytesEqual(at a: Int, _ b: Int, count: Int) -> Bool {
        let s = bytes.span
        let x = s.extracting(a..<a + count), y = s.extracting(b..<b + count)
        for k in 0..<count where x[k] != y[k] { return false }
        return true
    }

    /// How many bytes in `range` start a UTF-8 scalar (are not continuation bytes
    /// `10xxxxxx`): the width of that text in Unicode scalars. `range` must lie within the
    /// bytes (checked).
    @inlinable
    public func scalarCount(in range: Range<Int>) -> Int {
        let s = bytes.span.extracting(range)
        var n = 0
        for k in 0..<s.count where s[k] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Moves to the next byte `scanner` stops at, or to the end; returns that byte (nil at the end).
    /// Inlined always: a scanner made from constants where it is used folds into the scan.
    @inlinable @inline(__always) @discardableResult
    public mutating func skip(until scanner: ByteScanner) -> UInt8? {
        offset = scanner.firstStop(in: bytes.span, from: position)
        return peek()
    }

    // MARK: - Unchecked

    /// The byte `offset` bytes ahead, without a bounds check in release builds.
    ///
    /// - Precondition: `0 <= position + offset < bytes.count` (asserted in debug builds).
    @inlinable @inline(__always)
    public func uncheckedPeek(_ offset: Int = 0) -> UInt8 {
        let k = position + offset
        assert(k >= 0 && k < bytes.count, "uncheckedPeek out of range")
        return bytes.withUnsafeBufferPointer { $0[k] }
    }

    /// Moves on `n` bytes without a check in release builds.
    ///
    /// - Precondition: `0 <= position + n <= bytes.count` (asserted in debug builds).
    @inlinable @inline(__always)
    public mutating func uncheckedAdvance(_ n: Int = 1) {
        assert(position + n >= 0 && position + n <= bytes.count, "uncheckedAdvance out of range")
        offset &+= n
    }
}

extension Span where Element == UInt8 {
    /// ``loadWord(at:)`` without the bounds check in release builds, for a loop whose condition
    /// already keeps `offset + 8` within the bytes.
    ///
    /// - Precondition: `0 <= offset` and `offset + 8 <= count` (asserted in debug builds).
    @inlinable @inline(__always)
    public func uncheckedLoadWord(at offset: Int) -> UInt64 {
        assert(offset >= 0 && offset + 8 <= count, "uncheckedLoadWord out of range")
        return UInt64(littleEndian: bytes.unsafeLoadUnaligned(fromUncheckedByteOffset: offset, as: UInt64.self))
    }

    /// Whether these bytes equal `other`'s, compared a word at a time (memcmp): for long runs,
    /// such as a feed compared with the file it may replace.
    @inlinable
    public func bytesEqual(_ other: Span<UInt8>) -> Bool {
        guard count == other.count else { return false }
        if count == 0 { return true }
        return withUnsafeBytes { a in other.withUnsafeBytes { b in memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 } }
    }

    /// Whether these bytes are exactly `literal`'s UTF-8 (a keyword, a property name).
    @inlinable @inline(__always)
    public func equals(_ literal: StaticString) -> Bool {
        guard count == literal.utf8CodeUnitCount else { return false }
        guard literal.hasPointerRepresentation else {
            return literal.withUTF8Buffer { w in (0..<count).allSatisfy { self[$0] == w[$0] } }
        }
        let w = literal.utf8Start
        return withUnsafeBufferPointer { b in
            for k in 0..<b.count where b[k] != w[k] { return false }
            return true
        }
    }

    /// The eight bytes at `offset` as a little-endian word (the first byte lowest), read
    /// unaligned. `offset + 8` must be at most `count` (checked).
    @inlinable @inline(__always)
    public func loadWord(at offset: Int) -> UInt64 {
        precondition(offset >= 0 && offset + 8 <= count, "word read out of range")
        return withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    }
}

extension Array where Element == UInt8 {
    /// Appends the bytes of `span` (a run of a string's UTF-8, typically) in one copy.
    @inlinable
    public mutating func append(bytes span: Span<UInt8>) {
        span.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    /// Appends each word's eight bytes, lowest first (``Swift/Span/loadWord(at:)`` reads them
    /// back): one copy where the machine is little-endian, as every platform ClassFeed builds
    /// for is.
    @inlinable
    public mutating func append(littleEndianWords words: [UInt64]) {
        #if _endian(little)
            words.withUnsafeBytes { append(contentsOf: $0.assumingMemoryBound(to: UInt8.self)) }
        #else
            for w in words { for k in 0..<8 { append(UInt8(truncatingIfNeeded: w >> UInt64(8 * k))) } }
        #endif
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 in place: a native string's own storage (a bridged
    /// or lazily built one is copied first). `utf8.span` gives the same bytes, but through a
    /// call into the runtime that costs more than escaping a typical short value.
    @inlinable @inline(__always)
    public func withSpanOfUTF8<R>(_ body: (Span<UInt8>) -> R) -> R {
        if let direct = utf8.withContiguousStorageIfAvailable({ body($0.span) }) { return direct }
        var copy = self
        return copy.withUTF8 { body($0.span) }
    }
}
