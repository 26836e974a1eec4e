import Testing

@testable import JSON

/// A small seeded generator (SplitMix64): the same documents and schedules on every run, for
/// this test target's seeded tests.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Writes a random JSON document and notes the byte offset of every value and key, in
/// document order, as it goes: the reference the lazily found locations are checked against.
private struct DocumentWriter {
    var rng: SeededRandom
    var bytes: [UInt8] = []
    var offsets: [Int] = []
    var keyCount = 0

    mutating func whitespace() {
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            bytes += [[0x20], [0x0A], [0x09], [0x0D, 0x0A], [0x20, 0x20, 0x20, 0x20]].randomElement(using: &rng) ?? []
        }
    }

    mutating func text() {
        let pieces = ["a", "é", "😀", "中", "\\n", "\\\"", "\\u00e9", "x y", "0123456789", "\u{7F}", "ß"]
        bytes.append(0x22)
        for _ in 0..<Int.random(in: 0...12, using: &rng) { bytes += Array((pieces.randomElement(using: &rng) ?? "").utf8) }
        bytes.append(0x22)
    }

    mutating func value(depth: Int) {
        whitespace()
        offsets.append(bytes.count)
        switch Int.random(in: 0...(depth < 4 ? 7 : 4), using: &rng) {
        case 0: text()
        case 1: bytes += Array(["0", "-12", "3.25", "1e9", "40"].randomElement(using: &rng)?.utf8 ?? "0".utf8)
        case 2: bytes += Array(["true", "false", "null"].randomElement(using: &rng)?.utf8 ?? "null".utf8)
        case 3, 4: text()
        case 5, 6:
            bytes.append(UInt8(ascii: "{"))
            for k in 0..<Int.random(in: 0...5, using: &rng) {
                if k > 0 { bytes.append(UInt8(ascii: ",")) }
                whitespace()
                offsets.append(bytes.count)
                keyCount += 1
                bytes += Array("\"k\(keyCount)é\"".utf8)
                whitespace()
                bytes.append(UInt8(ascii: ":"))
                value(depth: depth + 1)
                whitespace()
            }
            bytes.append(UInt8(ascii: "}"))
        default:
            bytes.append(UInt8(ascii: "["))
            for k in 0..<Int.random(in: 0...5, using: &rng) {
                if k > 0 { bytes.append(UInt8(ascii: ",")) }
                value(depth: depth + 1)
                whitespace()
            }
            bytes.append(UInt8(ascii: "]"))
        }
    }
}

/// The location of a byte offset counted from the start of the file, the plain way: what the
/// parser used to work out for every value as it went.
private func eagerLocation(_ bytes: [UInt8], _ offset: Int) -> JSON.SourceLocation {
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var line = 1
    var lineStart = start
    for k in start..<offset where bytes[k] == 0x0A {
        line += 1
        lineStart = k + 1
    }
    let column = 1 + bytes[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count
    return SourceLocation(line: line, column: column)
}

/// Every key and value of a document, in document order.
private func allValues(_ doc: JSONDocument) -> [JSONDocument.Value] {
    var out: [JSONDocument.Value] = []
    func walk(_ v: JSONDocument.Value) {
        out.append(v)
        if doc.isArray(v) { for item in doc.elements(v) { walk(item) } }
        var key = doc.firstKey(v)
        while let k = key {
            out.append(k)
            walk(doc.value(of: k))
            key = doc.key(after: k, in: v)
        }
    }
    walk(doc.root)
    return out
}

/// Every key and value location of a tree, in document order.
private func allLocations(_ node: JSONNode) -> [JSON.SourceLocation] {
    var out = [node.location]
    switch node.value {
    case .object(let members):
        for m in members { out += [m.keyLocation] + allLocations(m.value) }
    case .array(let items):
        for item in items { out += allLocations(item) }
    default: break
    }
    return out
}

@Suite("JSONDocument: values read in place, located on demand")
struct JSONDocumentTests {
    @Test("lazily found locations equal the eagerly counted ones, for every value, in any order", arguments: 0..<40)
    func lazyLocationsMatchEager(seed: Int) throws {
        var writer = DocumentWriter(rng: SeededRandom(state: UInt64(seed)))
        if seed % 5 == 0 { writer.bytes = [0xEF, 0xBB, 0xBF] }
        writer.value(depth: 0)
        writer.whitespace()
        let bytes = writer.bytes
        let expected = writer.offsets.map { eagerLocation(bytes, $0) }

        // In document order, as the tree is built.
        #expect(allLocations(try JSONParser.parse(bytes)) == expected)

        // In a shuffled order, as a decoder reporting problems might ask.
        var doc = try JSONDocument.parse(bytes)
        let values = allValues(doc)
        #expect(values.count == expected.count)
        var rng = SeededRandom(state: UInt64(seed) &+ 1000)
        for i in values.indices.shuffled(using: &rng) {
            #expect(doc.location(of: values[i]) == expected[i])
        }
    }

    @Test("a document on one line is located by counting forwards and backwards along it")
    func oneLine() throws {
        let items = (0..<300).map { "{\"k\": \"é\($0)\"}" }
        let bytes = Array(("[" + items.joined(separator: ", ") + "]").utf8)
        let expected = byteOffsets(bytes).map { eagerLocation(bytes, $0) }
        #expect(allLocations(try JSONParser.parse(bytes)) == expected)
        var doc = try JSONDocument.parse(bytes)
        let values = allValues(doc)
        #expect(values.count == expected.count)
        for (i, v) in values.enumerated().reversed() { #expect(doc.location(of: v) == expected[i]) }
        for (i, v) in values.enumerated() { #expect(doc.location(of: v) == expected[i]) }
    }

    @Test("strings of every length keep their text whatever byte ends the word-at-a-time scan")
    func stringScan() throws {
        for length in 0..<20 {
            for special in ["\\\"", "\\\\", "\\n", "é", "😀", "\u{7F}", "a"] {
                for position in 0...length {
                    var raw = String(repeating: "x", count: length)
                    raw.insert(contentsOf: special, at: raw.index(raw.startIndex, offsetBy: position))
                    let node = try JSONParser.parse(Array("[\"\(raw)\", 1]".utf8))
                    guard case .array(let items) = node.value, case .string(let s) = items.first?.value else {
                        Issue.record("not a string")
                        continue
                    }
                    let decoded = special == "\\\"" ? "\"" : special == "\\\\" ? "\\" : special == "\\n" ? "\n" : special
                    var want = String(repeating: "x", count: length)
                    want.insert(contentsOf: decoded, at: want.index(want.startIndex, offsetBy: position))
                    #expect(s == want)
                    #expect(items.last?.location == SourceLocation(line: 1, column: 6 + raw.unicodeScalars.count))
                }
            }
        }
        // A control character or a line break inside, at any place in an eight-byte word.
        for position in 0..<17 {
            let text = String(repeating: "y", count: position) + "\u{01}" + "zz"
            do {
                _ = try JSONParser.parse(Array("\"\(text)\"".utf8))
                Issue.record("accepted a control character")
            } catch {
                #expect(error.message == "control character inside a string; escape it")
                #expect(error.location == SourceLocation(line: 1, column: 2 + position))
            }
        }
    }

    @Test("keys are compared as written text: an escaped key equal to a known key is found, and is a duplicate")
    func escapedKeys() throws {
        var doc = try JSONDocument.parse(Array(#"{"\u0069d": 1, "name": 2}"#.utf8))
        let key = try #require(doc.firstKey(doc.root))
        #expect(doc.string(key) == "id")
        #expect(doc.shortASCII(key) == nil)  // not plain: the decoder compares it as a string
        #expect(doc.location(of: key) == SourceLocation(line: 1, column: 2))
        let second = try #require(doc.key(after: key, in: doc.root))
        #expect(doc.shortASCII(second) == JSONDocument.ShortASCII("name"))
        #expect(doc.key(after: second, in: doc.root) == nil)
        do {
            _ = try JSONParser.parse(Array(#"{"id": 1, "\u0069d": 2}"#.utf8))
            Issue.record("accepted a duplicate key")
        } catch {
            #expect(error.message == "duplicate key \"id\" (first at line 1); keep only one")
        }
    }
}

/// The offsets of every value and key of a document of objects, arrays, strings and numbers:
/// each `{`, `[`, opening quote, and first character of a number.
private func byteOffsets(_ bytes: [UInt8]) -> [Int] {
    var out: [Int] = []
    var inString = false
    var escaped = false
    var previous: UInt8 = 0
    for (i, c) in bytes.enumerated() {
        if inString {
            if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inString = false }
            continue
        }
        switch c {
        case UInt8(ascii: "{"), UInt8(ascii: "["): out.append(i)
        case 0x22:
            out.append(i)
            inString = true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            if !(previous >= UInt8(ascii: "0") && previous <= UInt8(ascii: "9")) && previous != UInt8(ascii: "-") { out.append(i) }
        default: break
        }
        previous = c
    }
    return out
}
