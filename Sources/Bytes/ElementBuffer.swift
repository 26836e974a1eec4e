/// A growable array of plain values with a single owner, for a parser's output (a JSON
/// document's entries and line starts): `Array.append` asks the runtime whether its storage
/// is shared on every call, a good part of the cost of appending a small value. Not copyable,
/// so the memory has one owner and `deinit` frees it; ``array`` copies the values out once
/// the parser is done.
public struct ElementBuffer<Element: BitwiseCopyable>: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var capacity: Int
    @usableFromInline var stored = 0

    /// An empty buffer with room for `capacity` values before it first grows.
    public init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutablePointer.allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// How many values have been appended.
    public var count: Int { stored }

    /// Appends a value.
    @inlinable @inline(__always)
    public mutating func append(_ element: Element) {
        if stored == capacity { grow() }
        (base + stored).initialize(to: element)
        stored += 1
    }

    @usableFromInline @inline(never)
    mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.initialize(from: base, count: stored)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    /// The value at `index`, which must be below ``count`` (checked).
    @inlinable
    public subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < stored, "ElementBuffer index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < stored, "ElementBuffer index out of range")
            base[index] = newValue
        }
    }

    /// The values, copied into an array.
    public var array: [Element] { Array(UnsafeBufferPointer(start: base, count: stored)) }
}
