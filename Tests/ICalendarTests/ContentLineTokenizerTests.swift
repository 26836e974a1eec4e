import Testing

@testable import ICalendar

/// Each content line as `line: name | parameters | value`, or the error.
private func lines(_ text: String, chunk: Int? = nil, maxLineBytes: Int = 1 << 20) -> [String] {
    var t = ContentLineTokenizer(maxLineBytes: maxLineBytes)
    var out: [String] = []
    let body: ContentLineTokenizer.Body = { l, token in
        let s = ContentLineTokenizer.string
        out.append(
            "\(token.line): \(s(l, 0..<token.nameEnd)) | \(s(l, token.nameEnd..<(token.valueStart - 1))) | \(s(l, token.valueStart..<l.count))")
    }
    do {
        let bytes = Array(text.utf8)
        if let chunk {
            var i = 0
            while i < bytes.count {
                try t.feed(Array(bytes[i..<min(i + chunk, bytes.count)]), body)
                i += chunk
            }
            try t.finish(body)
        } else {
            try t.tokenize(bytes, body)
        }
    } catch {
        out.append(error.description)
    }
    return out
}

@Suite("ContentLineTokenizer")
struct ContentLineTokenizerTests {
    static let sample =
        "\u{FEFF}BEGIN:VEVENT\r\nDESCRIPTION;LANGUAGE=en:a long\r\n  line\r\n\tcontinued\r\n\r\nDTSTART;TZID=\"a:b\",c:2026\nEND:VEVENT"

    @Test("unfolds, skips blank lines and the byte order mark, and splits name, parameters and value")
    func splits() {
        #expect(lines(Self.sample) == [
            "1: BEGIN |  | VEVENT",
            "2: DESCRIPTION | ;LANGUAGE=en | a long linecontinued",
            "6: DTSTART | ;TZID=\"a:b\",c | 2026",
            "7: END |  | VEVENT",
        ])
    }

    @Test("when asked, lines that are not content lines are skipped and kept as errors, whole or in chunks", arguments: [nil, 1, 7])
    func skipsMalformedLines(chunk: Int?) throws {
        let text = "BEGIN:VEVENT\r\nORGANIZER;CN=No colon\r\nSUMMARY=typo\r\n folded on\r\nUID:a\r\nEND:VEVENT\r\n"
        let bytes = Array(text.utf8)
        var t = ContentLineTokenizer()
        t.skipsMalformedLines = true
        var names: [String] = []
        let body: ContentLineTokenizer.Body = { l, token in names.append(ContentLineTokenizer.string(l, 0..<token.nameEnd)) }
        if let chunk {
            var i = 0
            while i < bytes.count {
                try t.feed(Array(bytes[i..<min(i + chunk, bytes.count)]), body)
                i += chunk
            }
            try t.finish(body)
        } else {
            try t.tokenize(bytes, body)
        }
        #expect(names == ["BEGIN", "UID", "END"])
        #expect(t.skippedLines.map(\.line) == [2, 3])
        #expect(lines(text).last == "line 2: expected ':' after the name and parameters of ORGANIZER", "not asked: the first is an error")
    }

    @Test("chunks of any size give the same lines as the whole stream", arguments: [1, 2, 3, 5, 8, 13, 64])
    func chunks(size: Int) {
        #expect(lines(Self.sample, chunk: size) == lines(Self.sample))
    }

    @Test("a logical line over the limit is an error, whole or in chunks, folded or not")
    func lineLimit() {
        let folded = "A:0123456789\r\n 0123456789\r\n 0123456789\r\nB:x\r\n"
        #expect(lines(folded, maxLineBytes: 32) == ["1: A |  | 012345678901234567890123456789", "4: B |  | x"])
        #expect(lines(folded, maxLineBytes: 31).last == "line 1: a content line is longer than 31 bytes")
        #expect(lines(folded, chunk: 4, maxLineBytes: 31).last == "line 1: a content line is longer than 31 bytes")
        // No line break at all: refused once the limit is passed, not at the end of the stream.
        var t = ContentLineTokenizer(maxLineBytes: 100)
        #expect(throws: ICalendarParseError.self) {
            for _ in 0..<3 { try t.feed([UInt8](repeating: 0x41, count: 60)) { _, _ in } }
        }
    }

    @Test(
        "malformed lines name their line",
        arguments: [
            ("A:1\r\n:value\r\n", "line 2: expected a property name at the start of the line, found \":value\""),
            ("A;P:b\r\n", "line 1: malformed parameter in A: expected NAME=value"),
            ("A;P=\"abc:def\r\n", "line 1: unterminated quoted value in parameter P of A"),
            ("a b:c\r\n", "line 1: expected ':' after the name and parameters of A"),
        ])
    func errors(text: String, message: String) {
        #expect(lines(text).last == message)
    }
}
