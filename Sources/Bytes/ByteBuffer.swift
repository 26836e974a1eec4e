// The Bytes target is the one home of raw memory in ClassFeed (STYLE.md habit 15). Its three
// types own or borrow bytes and expose safe operations; the few that skip a check are named
// `unchecked…`, document their precondition and `assert` it in debug builds. Outside this
// target only the system-call wrappers touch pointers (`.ci/pointer-check.sh` enforces it).
// Modelled on swift-collections' `_UnsafeDequeHandle` and swift-nio's `ByteBuffer`.
//
// The API is `public`, not `package` as elsewhere (STYLE.md habit 12), for speed alone: Swift
// 6.3 does not inline `@inlinable package` declarations into other modules, and a call per
// appended byte or scanned string cost the page, the parser and the revision scan 15-40%. The
// target is not a product of its own; it ships inside the ICalendar library only because
// ICalendar uses it.

/// A growable byte buffer with a single owner: appends go straight into memory of its own,
/// without the copy-on-write check and runtime call that `Array.append` makes on every call
/// (most appends are a few bytes; a big subscribe page is a hundred thousand of them).
///
/// Not copyable, so the memory has exactly one owner and `deinit` frees it. Read it through
/// ``withSpan(_:)`` or copy it out with ``array``.
public struct ByteBuffer: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var written: Int
    /// How many bytes have been written.
    public var count: Int { written }

    /// An empty buffer with room for `capacity` bytes before it first grows.
    public init(capacity: Int = 0) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
        written = 0
    }

    deinit { base.deallocate() }

    /// Whether nothing has been written.
    public var isEmpty: Bool { written == 0 }

    /// The bytes written, copied into an array.
    public var array: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: written) { out, n in
            if written > 0, let to = out.baseAddress { to.initialize(from: base, count: written) }
            n = written
        }
    }

    /// Appends the bytes written to `array`: one copy, where `array` would be two.
    public func appendContents(to array: inout [UInt8]) {
        array.append(contentsOf: UnsafeBufferPointer(start: base, count: written))
    }

    /// Calls `body` with the bytes written, without copying them.
    @inlinable
    public func withSpan<R, E: Error>(_ body: (Span<UInt8>) throws(E) -> R) throws(E) -> R {
        try body(UnsafeBufferPointer(start: base, count: written).span)
    }

    /// The byte at `index`, which must be below ``count`` (checked).
    @inlinable
    public subscript(index: Int) -> UInt8 {
        get {
            precondition(index >= 0 && index < written, "ByteBuffer index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < written, "ByteBuffer index out of range")
            base[index] = newValue
        }
    }

    // MARK: - Appending

    /// Makes room for `n` more bytes, so that the next appends of that many do not grow.
    @inlinable
    public mutating func reserveCapacity(_ n: Int) {
        precondition(n >= 0, "negative capacity")
        if written + n > capacity { grow(n) }
    }

    @usableFromInline @inline(never)
    mutating func grow(_ n: Int) {
        capacity = max(written + n, 2 * capacity)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.initialize(from: base, count: written)
        base.deallocate()
        base = grown
    }

    /// Appends one byte.
    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if written == capacity { grow(1) }
        base[written] = byte
        written += 1
    }

    /// Appends bytes.
    @inlinable @inline(__always)
    public mutating func append(_ bytes: Span<UInt8>) {
        let n = bytes.count
        guard n > 0 else { return }
        if written + n > capacity { grow(n) }
        bytes.withUnsafeBufferPointer { from in
            // Never overlapping: `bytes` is borrowed, this buffer is being mutated.
            (base + written).initialize(from: from.baseAddress.unsafelyUnwrapped, count: n)
        }
        written += n
    }

    /// Appends bytes.
    @inlinable
    public mutating func append(_ bytes: [UInt8]) { append(bytes.span) }

    /// Appends a string's UTF-8.
    @inlinable @inline(__always)
    public mutating func append(utf8 s: String) { s.withSpanOfUTF8 { append($0) } }

    /// Appends a literal's UTF-8.
    @inlinable @inline(__always)
    public mutating func append(_ s: StaticString) {
        // A literal of a single Unicode scalar may be kept as the scalar, not as UTF-8.
        guard s.hasPointerRepresentation else {
            return s.withUTF8Buffer { append($0.span) }
        }
        append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount).span)
    }

    /// Appends again the bytes already written at `range`.
    public mutating func appendCopy(of range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= written, "only what has been written")
        if written + range.count > capacity { grow(range.count) }
        // Never overlapping: the copy goes after everything written.
        (base + written).initialize(from: base + range.lowerBound, count: range.count)
        written += range.count
    }

    /// Removes every byte, keeping the memory.
    public mutating func removeAll() { written = 0 }
}
