// The Bytes target is the one home of raw memory in ClassFeed (STYLE.md habit 15). Its three
// types own or borrow bytes and expose safe operations; the few that skip a check are named
// `unchecked…`, document their precondition and `assert` it in debug builds. Outside this
// target only the system-call wrappers touch pointers (`.ci/pointer-check.sh` enforces it).
// Modelled on swift-collections' `_UnsafeDequeHandle` and swift-nio's `ByteBuffer`.

/// A growable byte buffer with a single owner: appends go straight into memory of its own,
/// without the copy-on-write check and runtime call that `Array.append` makes on every call
/// (most appends are a few bytes; a big subscribe page is a hundred thousand of them).
///
/// Not copyable, so the memory has exactly one owner and `deinit` frees it. Read it through
/// ``withSpan(_:)`` or copy it out with ``array``.
package struct ByteBuffer: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    /// How many bytes have been written.
    package private(set) var count: Int

    /// An empty buffer with room for `capacity` bytes before it first grows.
    package init(capacity: Int = 0) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
        count = 0
    }

    deinit { base.deallocate() }

    /// Whether nothing has been written.
    package var isEmpty: Bool { count == 0 }

    /// The bytes written, copied into an array.
    package var array: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { out, n in
            if count > 0, let to = out.baseAddress { to.initialize(from: base, count: count) }
            n = count
        }
    }

    /// Appends the bytes written to `array`: one copy, where `array` would be two.
    package func appendContents(to array: inout [UInt8]) {
        array.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }

    /// Calls `body` with the bytes written, without copying them.
    @inlinable
    package func withSpan<R, E: Error>(_ body: (Span<UInt8>) throws(E) -> R) throws(E) -> R {
        try body(UnsafeBufferPointer(start: base, count: count).span)
    }

    /// The byte at `index`, which must be below ``count`` (checked).
    @inlinable
    package subscript(index: Int) -> UInt8 {
        get {
            precondition(index >= 0 && index < count, "ByteBuffer index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "ByteBuffer index out of range")
            base[index] = newValue
        }
    }

    // MARK: - Appending

    /// Makes room for `n` more bytes, so that the next appends of that many do not grow.
    @inlinable
    package mutating func reserveCapacity(_ n: Int) {
        precondition(n >= 0, "negative capacity")
        if count + n > capacity { grow(n) }
    }

    @usableFromInline @inline(never)
    mutating func grow(_ n: Int) {
        capacity = max(count + n, 2 * capacity)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.initialize(from: base, count: count)
        base.deallocate()
        base = grown
    }

    /// Appends one byte.
    @inlinable @inline(__always)
    package mutating func append(_ byte: UInt8) {
        if count == capacity { grow(1) }
        base[count] = byte
        count += 1
    }

    /// Appends bytes.
    @inlinable @inline(__always)
    package mutating func append(_ bytes: Span<UInt8>) {
        let n = bytes.count
        guard n > 0 else { return }
        if count + n > capacity { grow(n) }
        bytes.withUnsafeBufferPointer { from in
            // Never overlapping: `bytes` is borrowed, this buffer is being mutated.
            (base + count).initialize(from: from.baseAddress.unsafelyUnwrapped, count: n)
        }
        count += n
    }

    /// Appends bytes.
    @inlinable
    package mutating func append(_ bytes: [UInt8]) { append(bytes.span) }

    /// Appends a string's UTF-8.
    @inlinable @inline(__always)
    package mutating func append(utf8 s: String) { append(s.utf8.span) }

    /// Appends a literal's UTF-8.
    @inlinable @inline(__always)
    package mutating func append(_ s: StaticString) {
        // A literal of a single Unicode scalar may be kept as the scalar, not as UTF-8.
        guard s.hasPointerRepresentation else {
            return s.withUTF8Buffer { append($0.span) }
        }
        append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount).span)
    }

    /// Appends again the bytes already written at `range`.
    package mutating func appendCopy(of range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "only what has been written")
        if count + range.count > capacity { grow(range.count) }
        // Never overlapping: the copy goes after everything written.
        (base + count).initialize(from: base + range.lowerBound, count: range.count)
        count += range.count
    }

    /// Removes every byte, keeping the memory.
    package mutating func removeAll() { count = 0 }
}
