import Testing

@testable import JSON

private func parse(_ text: String, maxDepth: Int = 32) throws(JSONSyntaxError) -> JSONNode {
    try JSONParser.parse(Array(text.utf8), maxDepth: maxDepth)
}

/// `line:column message`, or "ok".
private func outcome(_ bytes: [UInt8], maxDepth: Int = 32) -> String {
    do {
        _ = try JSONParser.parse(bytes, maxDepth: maxDepth)
        return "ok"
    } catch {
        return "\(error.location) \(error.message)"
    }
}

private func outcome(_ text: String) -> String { outcome(Array(text.utf8)) }

@Suite("JSON (located parser)")
struct JSONTests {
    @Test("values and keys remember their line and column, counting characters, not bytes")
    func locations() throws {
        let root = try parse("{\n  \"é😀\": [1, \"two\",\n    {\"k\": null}],\n\t\"b\": true\n}")
        #expect(root.location == SourceLocation(line: 1, column: 1))
        guard case .object(let members) = root.value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["é😀", "b"])
        #expect(members[0].keyLocation == SourceLocation(line: 2, column: 3))
        #expect(members[0].value.location == SourceLocation(line: 2, column: 9))
        guard case .array(let items) = members[0].value.value else {
            Issue.record("not an array")
            return
        }
        #expect(items.map(\.location) == [
            SourceLocation(line: 2, column: 10), SourceLocation(line: 2, column: 13), SourceLocation(line: 3, column: 5),
        ])
        #expect(members[1].keyLocation == SourceLocation(line: 4, column: 2))
        #expect(members[1].value.kind == "a boolean")
        #expect(SourceLocation(line: 4, column: 2).description == "4:2")
    }

    @Test("strings decode every JSON escape, surrogate pairs included")
    func escapes() throws {
        let node = try parse(#"["\"\\\/\b\f\n\r\t", "\u00e9\u4E2D\ud83d\ude00", "plain é"]"#)
        guard case .array(let items) = node.value else {
            Issue.record("not an array")
            return
        }
        let strings = items.compactMap { item -> String? in
            if case .string(let s) = item.value { return s }
            return nil
        }
        #expect(strings == ["\"\\/\u{8}\u{C}\n\r\t", "é中😀", "plain é"])
    }

    @Test("numbers are kept exactly as written")
    func numbers() throws {
        let node = try parse("[0, -1, 30, 1.5, -0.25e+3, 2E10]")
        guard case .array(let items) = node.value else {
            Issue.record("not an array")
            return
        }
        let numbers = items.compactMap { item -> String? in
            if case .number(let n) = item.value { return n }
            return nil
        }
        #expect(numbers == ["0", "-1", "30", "1.5", "-0.25e+3", "2E10"])
    }

    @Test(
        "syntax errors are located and explained",
        arguments: [
            ("", "1:1 the file is empty; expected a JSON object"),
            ("   \n ", "2:2 the file is empty; expected a JSON object"),
            ("{\"a\": 01}", "1:7 invalid number: leading zeros are not allowed"),
            ("{\"a\": -}", "1:8 invalid number: expected a digit"),
            ("{\"a\": 1.}", "1:9 invalid number: expected a digit after '.'"),
            ("{\"a\": 1e}", "1:9 invalid number: expected a digit in the exponent"),
            ("{\"a\": \"\\ud83d\"}", "1:14 invalid \\u escape: a high surrogate must be followed by a low surrogate"),
            ("{\"a\": \"\\ude00\"}", "1:14 invalid \\u escape: unpaired low surrogate"),
            ("{\"a\": \"\\u12G4\"}", "1:12 invalid \\u escape: expected four hex digits"),
            ("{\"a\": \"\\x\"}", "1:9 invalid escape '\\x' in a string; write a backslash as \\\\"),
            ("{\"a\": \"\u{7}\"}", "1:8 control character inside a string; escape it"),
            ("{\"a\":1} x", "1:9 unexpected 'x' after the end of the JSON value"),
            ("{\"a\" 1}", "1:6 unexpected '1'; expected ':' after the key \"a\""),
            ("{\"a\": 1", "1:8 unexpected end of file inside an object; expected ',' or '}'"),
            ("[1, 2", "1:6 unexpected end of file inside an array; expected ',' or ']'"),
            ("{\"a\": }", "1:7 unexpected '}'; expected a value (object, array, string, number, true, false or null)"),
            ("{\"a\": True}", "1:7 unexpected 'T'; expected a value (object, array, string, number, true, false or null)"),
            ("{\"a\": 1, \"a\": 2}", "1:10 duplicate key \"a\" (first at line 1); keep only one"),
            ("{\"a\": 1,\n\n}", "3:1 trailing comma before '}' is not allowed in JSON"),
        ])
    func syntaxErrors(text: String, expected: String) {
        #expect(outcome(text) == expected)
    }

    @Test(
        "errors after runs of whitespace, at the end of the text and inside literals keep their positions",
        arguments: [
            ("{\r\n\t\"a\": \"x\ny\"}", "2:9 line break inside a string: is its closing quote (\") missing? (a line break in text is written \\n)"),
            ("{\"a\": \"x", "1:9 unterminated string: expected a closing '\"'"),
            ("{\"a\": \"x\\", "1:10 unterminated string"),
            ("{\"a\": \"\\u12", "1:10 invalid \\u escape: expected four hex digits"),
            ("{\"a\": [1,]}", "1:10 trailing comma before ']' is not allowed in JSON"),
            ("{\"a\": 1,}", "1:9 trailing comma before '}' is not allowed in JSON"),
            ("{\"a\": nul}", "1:7 unexpected 'n'; expected a value"),
            ("{\"a\": tru", "1:7 unexpected 't'; expected a value"),
            ("{\"a\": " + String(repeating: "1", count: 41) + "}", "1:7 number too long"),
            ("{\"a\": 1,\n  \t \"a\": 2}", "2:5 duplicate key \"a\" (first at line 1); keep only one"),
            (" \t\r\n \r\n  [1e+5, -0.5E-2, 0, true, false, null] \n", "ok"),
        ])
    func positionsAfterWhitespaceAndAtTheEnd(text: String, expected: String) {
        #expect(outcome(text) == expected)
    }

    @Test("text that is not UTF-8 is refused inside strings")
    func invalidUTF8() {
        let bytes = Array("{\"a\": \"".utf8) + [0xFF, 0xFE] + Array("\"}".utf8)
        #expect(outcome(bytes) == "1:11 the text is not valid UTF-8; save the file as UTF-8")
    }

    @Test("nesting is bounded, so hostile input cannot exhaust the stack")
    func depth() {
        #expect(outcome(Array((String(repeating: "[", count: 4) + String(repeating: "]", count: 4)).utf8), maxDepth: 4) == "ok")
        #expect(outcome(Array((String(repeating: "[", count: 5) + String(repeating: "]", count: 5)).utf8), maxDepth: 4) == "1:5 nesting deeper than 4 levels")
        let hostile = Array(repeating: UInt8(ascii: "["), count: 1_000_000)
        #expect(outcome(hostile) == "1:33 nesting deeper than 32 levels")
    }

    @Test("a byte order mark is skipped and does not shift columns")
    func byteOrderMark() {
        #expect(outcome([0xEF, 0xBB, 0xBF] + Array("{\"a\": x}".utf8)) == "1:7 unexpected 'x'; expected a value (object, array, string, number, true, false or null)")
        #expect(outcome([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) == "ok")
    }

    /// `text` in UTF-16 or UTF-32, with or without a byte order mark.
    static func encoded(_ text: String, _ encoding: String, bom: Bool) -> [UInt8] {
        var out: [UInt8] = []
        func put(_ unit: UInt32, width: Int, big: Bool) {
            let bytes = (0..<width).map { UInt8(truncatingIfNeeded: unit >> (8 * UInt32($0))) }
            out += big ? bytes.reversed() : bytes
        }
        let big = encoding.hasSuffix("BE")
        let width = encoding.hasPrefix("UTF-32") ? 4 : 2
        if bom { put(0xFEFF, width: width, big: big) }
        if width == 2 {
            for unit in text.utf16 { put(UInt32(unit), width: 2, big: big) }
        } else {
            for scalar in text.unicodeScalars { put(scalar.value, width: 4, big: big) }
        }
        return out
    }

    @Test("a UTF-16 or UTF-32 file, with or without a byte order mark, is named and the fix is said", arguments: [
        ("UTF-16LE", "UTF-16 (little-endian)"), ("UTF-16BE", "UTF-16 (big-endian)"),
        ("UTF-32LE", "UTF-32 (little-endian)"), ("UTF-32BE", "UTF-32 (big-endian)"),
    ])
    func otherUnicodeEncodings(encoding: String, name: String) {
        let expected = "1:1 this file is \(name), not UTF-8; save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)"
        for text in ["{\"calendar\": {}}", "\n  {\"é\": 1}", "{}", "[", "\u{2603}"] {
            for bom in [true, false] where bom || text.unicodeScalars.first!.isASCII {
                #expect(outcome(Self.encoded(text, encoding, bom: bom)) == expected, "\(encoding) \(bom) \(text.debugDescription)")
            }
        }
    }

    @Test("NUL bytes that are not a UTF-16 or UTF-32 pattern stay syntax errors, and a lone byte order mark is an empty file")
    func notOtherEncodings() {
        #expect(outcome([0x7B, 0x7D, 0x00]) == "1:3 unexpected byte 0x00 after the end of the JSON value")
        #expect(outcome([0x00]) == "1:1 unexpected byte 0x00; expected a value (object, array, string, number, true, false or null)")
        #expect(outcome([0xEF, 0xBB, 0xBF]) == "1:1 the file is empty; expected a JSON object")
        #expect(outcome([0xFF]) == "1:1 unexpected byte 0xFF; expected a value (object, array, string, number, true, false or null)")
    }
}
