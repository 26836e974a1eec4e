import Testing

@testable import Bytes

@Suite("ByteBuffer")
struct ByteBufferTests {
    @Test("Appends bytes, literals, strings and spans in order, growing as it goes")
    func appendsInOrder() {
        var b = ByteBuffer(capacity: 1)
        b.append(UInt8(ascii: "<"))
        b.append("p")
        b.append(">")
        b.append(utf8: "café ")
        b.append([0x41, 0x42])
        let long = String(repeating: "x", count: 1000)
        b.append(utf8: long)
        let all = b.array
        #expect(all == Array("<p>café AB".utf8) + Array(long.utf8))
        let count = b.count, copied = b.array.count
        #expect(count == copied)
    }

    @Test("Copies a range already written to the end")
    func appendCopy() {
        var b = ByteBuffer()
        b.append("abcdef")
        b.appendCopy(of: 1..<4)
        b.appendCopy(of: 0..<0)
        let all = b.array
        #expect(all == Array("abcdefbcd".utf8))
    }

    @Test("Subscripts read and write within the count; withSpan sees exactly what was written")
    func subscriptsAndSpan() {
        var b = ByteBuffer()
        b.append("hello")
        b[0] = UInt8(ascii: "j")
        let first = b[0]
        #expect(first == UInt8(ascii: "j"))
        let copied = b.withSpan { s in (0..<s.count).map { s[$0] } }
        #expect(copied == Array("jello".utf8))
        b.removeAll()
        let empty = b.isEmpty, spanned = b.withSpan { $0.count }
        #expect(empty && spanned == 0)
    }

    @Test("Reserving capacity keeps the contents")
    func reserve() {
        var b = ByteBuffer(capacity: 0)
        b.append("ab")
        b.reserveCapacity(10_000)
        b.append("c")
        let all = b.array
        #expect(all == Array("abc".utf8))
    }
}
