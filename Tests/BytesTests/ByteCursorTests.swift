import Testing

@testable import Bytes

@Suite("ByteCursor")
struct ByteCursorTests {
    @Test("Peeks and reads ahead, returning nil at the end")
    func safeReads() {
        var c = ByteCursor(Array("ab".utf8))
        #expect(c.peek() == UInt8(ascii: "a"))
        #expect(c.peek(1) == UInt8(ascii: "b"))
        #expect(c.peek(2) == nil)
        #expect(c.next() == UInt8(ascii: "a"))
        #expect(c.next() == UInt8(ascii: "b"))
        #expect(c.next() == nil)
        #expect(c.isAtEnd)
        c.advance(-2)
        #expect(c.position == 0 && c.remaining == 2)
    }

    @Test("Matches a literal ahead, and never past the end")
    func prefixes() {
        var c = ByteCursor(Array("{true}".utf8))
        c.advance()
        #expect(c.hasPrefix("true"))
        #expect(!c.hasPrefix("true}}"))
        #expect(!c.hasPrefix("false"))
    }

    @Test("Skips to the next byte a scanner stops at")
    func skips() {
        var c = ByteCursor(Array("name: value\n".utf8))
        #expect(c.skip(until: ByteScanner(stoppingAt: [UInt8(ascii: ":")])) == UInt8(ascii: ":"))
        #expect(c.position == 4)
        #expect(c.skip(until: ByteScanner(stoppingAt: [0x00])) == nil)
        #expect(c.isAtEnd)
    }

    @Test("Skips one expected byte, and nothing else")
    func skipsOneByte() {
        var c = ByteCursor(Array("{}".utf8))
        let closeFirst = c.skip(UInt8(ascii: "}"))
        #expect(!closeFirst && c.position == 0)
        let open = c.skip(UInt8(ascii: "{"))
        let close = c.skip(UInt8(ascii: "}"))
        let pastEnd = c.skip(UInt8(ascii: "}"))
        #expect(open && close && !pastEnd)
        #expect(c.isAtEnd)
    }

    @Test("Skips a run of bytes while a predicate holds, stopping at the end")
    func skipsRuns() {
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        var c = ByteCursor(Array("-0123e5".utf8), position: 1)
        let digits = c.skip(while: isDigit)
        #expect(digits == 4 && c.peek() == UInt8(ascii: "e"))
        let none = c.skip(while: isDigit)
        #expect(none == 0 && c.position == 5)
        c.advance()
        let rest = c.skip(while: { _ in true })
        let pastEnd = c.skip(while: { _ in true })
        #expect(rest == 1 && pastEnd == 0 && c.isAtEnd)
    }

    @Test("Compares two runs of its bytes")
    func comparesRuns() {
        let c = ByteCursor(Array("\"id\":\"id\",\"ix\"".utf8))
        #expect(c.bytesEqual(at: 1, 6, count: 2))
        #expect(!c.bytesEqual(at: 1, 11, count: 2))
        #expect(c.bytesEqual(at: 0, 14, count: 0))
    }

    @Test("Counts the bytes that start a UTF-8 scalar")
    func countsScalars() {
        let c = ByteCursor(Array("aé€😀b".utf8))
        #expect(c.scalarCount(in: 0..<c.bytes.count) == 5)
        #expect(c.scalarCount(in: 1..<3) == 1)  // é
        #expect(c.scalarCount(in: 2..<3) == 0)  // the continuation byte of é
        #expect(c.scalarCount(in: 3..<3) == 0)
    }

    @Test("Unchecked reads agree with checked ones within bounds")
    func uncheckedReads() {
        var c = ByteCursor(Array("xyz".utf8), position: 1)
        #expect(c.uncheckedPeek() == c.peek())
        #expect(c.uncheckedPeek(1) == c.peek(1))
        #expect(c.uncheckedPeek(-1) == c.peek(-1))
        c.uncheckedAdvance(2)
        #expect(c.isAtEnd)
    }

    @Test("Loads little-endian words from a span")
    func words() {
        let bytes: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
        #expect(bytes.span.loadWord(at: 0) == 0x0807_0605_0403_0201)
        #expect(bytes.span.loadWord(at: 1) == 0x0908_0706_0504_0302)
        #expect(bytes.span.uncheckedLoadWord(at: 1) == bytes.span.loadWord(at: 1))
    }
}

@Suite("String.withSpanOfUTF8")
struct StringSpanTests {
    @Test("Sees a string's UTF-8, small, large and bridged alike")
    func utf8() {
        for s in ["", "a", "café", String(repeating: "long text ", count: 20), "a\u{0}b"] {
            #expect(s.withSpanOfUTF8 { u in (0..<u.count).map { u[$0] } } == Array(s.utf8))
        }
        let sub = "prefix: value"[...]
        #expect(String(sub).withSpanOfUTF8 { $0.count } == 13)
    }
}
