import Testing

@testable import ClassFeedCommands

/// The run record's digest tells any edit from none: a changed bit, a byte added or removed,
/// bytes moved between words and the tail, and files of zeros of different lengths.
@Suite struct ContentDigestTests {
    @Test func everySmallEditChangesTheDigest() {
        let text = Array(#"{ "calendar": { "id": "circl" }, "classes": [ { "id": "hips-monday", "start": "17:15" } ] }"#.utf8)
        let base = ContentDigest.hex(text)
        #expect(base.count == 32 && base.allSatisfy(\.isHexDigit))
        #expect(ContentDigest.hex(text) == base)
        var seen: Set<String> = [base]
        for i in text.indices {
            for bit in 0..<8 {
                var t = text
                t[i] ^= 1 << bit
                seen.insert(ContentDigest.hex(t))
            }
        }
        #expect(seen.count == 1 + text.count * 8, "every one-bit change gives its own digest")
        #expect(ContentDigest.hex(text + [0x20]) != base)
        #expect(ContentDigest.hex(Array(text.dropLast())) != base)
        var swapped = text
        swapped.swapAt(3, 11)
        #expect(ContentDigest.hex(swapped) != base)
        let zeros = Set((0..<40).map { ContentDigest.hex([UInt8](repeating: 0, count: $0)) })
        #expect(zeros.count == 40, "lengths of zeros are told apart")
    }
}
