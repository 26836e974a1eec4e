import Testing

@testable import Bytes

@Suite("ByteScanner")
struct ByteScannerTests {
    /// The byte-by-byte definition the word-at-a-time scan must agree with.
    static func reference(_ bytes: [UInt8], from start: Int, stops: [UInt8], below: UInt8, nonASCII: Bool) -> Int {
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if stops.contains(b) || b < below || (nonASCII && b >= 0x80) { return i }
            i += 1
        }
        return bytes.count
    }

    @Test("Finds the first of the HTML-special bytes, or the end")
    func htmlBytes() {
        let s = ByteScanner(stoppingAt: Array("&<>\"'".utf8))
        let text = Array("plain text that is long enough, then <b>".utf8)
        #expect(s.firstStop(in: text.span) == 37)
        #expect(s.firstStop(in: text.span, from: 38) == 39)
        #expect(s.firstStop(in: Array("nothing special here".utf8).span) == 20)
        #expect(s.firstStop(in: [UInt8]().span) == 0)
    }

    @Test("Stops below a threshold and at non-ASCII bytes when asked")
    func thresholdsAndNonASCII() {
        let controls = ByteScanner(stoppingAt: [0x22, 0x5C], below: 0x20)
        #expect(controls.firstStop(in: Array("abcdefghij\tk".utf8).span) == 10)
        let ascii = ByteScanner(stoppingAt: [0x22], nonASCII: true)
        #expect(ascii.firstStop(in: Array("abcdefghijé".utf8).span) == 10)
        #expect(!ascii.stops(at: 0x7F))
        #expect(ascii.stops(at: 0xFF))
    }

    @Test("Agrees with a byte-by-byte scan on random input (seeded)")
    func agreesWithReference() {
        var rng = SplitMix64(seed: 0xC1A55_FEED)
        for _ in 0..<3000 {
            let n = Int(rng.next() % 40)
            // Bytes drawn mostly from a small alphabet so that stops are common.
            let alphabet: [UInt8] = [0x00, 0x0A, 0x1F, 0x20, 0x22, 0x26, 0x3C, 0x5C, 0x61, 0x7F, 0x80, 0xC3, 0xFF]
            let bytes = (0..<n).map { _ in rng.next() % 3 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let stops = (0..<Int(rng.next() % 6)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let below = UInt8(rng.next() % 0x81)
            let nonASCII = rng.next() % 2 == 0
            let scanner = ByteScanner(stoppingAt: stops, below: below, nonASCII: nonASCII)
            if stops.count == 2 {  // the two-byte initialiser builds the same scanner
                let two = ByteScanner(stops[0], stops[1], below: below, nonASCII: nonASCII)
                #expect((0...255).allSatisfy { two.stops(at: UInt8($0)) == scanner.stops(at: UInt8($0)) })
                #expect(two.firstStop(in: bytes.span, from: 0) == scanner.firstStop(in: bytes.span, from: 0))
            }
            let start = n == 0 ? 0 : Int(rng.next() % UInt64(n + 1))
            let expected = Self.reference(bytes, from: start, stops: stops, below: below, nonASCII: nonASCII)
            #expect(scanner.firstStop(in: bytes.span, from: start) == expected, "\(bytes) \(stops) \(below) \(nonASCII) \(start)")
        }
    }
}

extension ByteScannerTests {
    @Test("The five-byte initialiser builds the same scanner as a list of five (seeded)")
    func fiveValues() {
        let html = ByteScanner(0x26, 0x3C, 0x3E, 0x22, 0x27)
        #expect(html.firstStop(in: Array("plain text that is long enough, then <b>".utf8).span) == 37)
        var rng = SplitMix64(seed: 0x5_B17E5)
        let alphabet: [UInt8] = [0x00, 0x0A, 0x22, 0x26, 0x27, 0x3C, 0x3E, 0x5C, 0x61, 0x7F, 0x80, 0xC3, 0xFF]
        for _ in 0..<1000 {
            let values = (0..<5).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let five = ByteScanner(values[0], values[1], values[2], values[3], values[4])
            let listed = ByteScanner(stoppingAt: values)
            #expect((0...255).allSatisfy { five.stops(at: UInt8($0)) == listed.stops(at: UInt8($0)) })
            let n = Int(rng.next() % 40)
            let bytes = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let start = n == 0 ? 0 : Int(rng.next() % UInt64(n + 1))
            let expected = Self.reference(bytes, from: start, stops: values, below: 0, nonASCII: false)
            #expect(five.firstStop(in: bytes.span, from: start) == expected, "\(bytes) \(values) \(start)")
        }
    }
}

/// A small seeded generator (SplitMix64), so that every run tests the same inputs.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
