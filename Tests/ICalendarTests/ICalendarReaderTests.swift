import Testing

@testable import ICalendar

/// The tree without reader line numbers, for comparing what was written with what was read.
private func stripped(_ c: Component) -> Component {
    var c = c
    c.line = 0
    c.components = c.components.map(stripped)
    return c
}

private func parse(_ text: String, reader: ICalendarReader = ICalendarReader()) throws(ICalendarParseError) -> [Component] {
    try reader.parse(Array(text.utf8))
}

/// The error's text, or a note that there was none.
private func parseError(_ text: String, reader: ICalendarReader = ICalendarReader()) -> String {
    do {
        let c = try parse(text, reader: reader)
        return "no error: \(c.count) components"
    } catch {
        return error.description
    }
}

@Suite("ICalendarReader")
struct ICalendarReaderTests {
    /// A seeded component tree with awkward names, parameters and values.
    private func randomComponent(_ rng: inout WireTestRNG, depth: Int) -> Component {
        let names = ["VEVENT", "VTODO", "VALARM", "X-THING", "STANDARD"]
        var c = Component(names[Int(rng.next() % UInt64(names.count))])
        for i in 0..<Int(rng.next() % 6) {
            let length = Int(rng.next() % 120)
            let text = randomText(length: length, using: &rng)
            var params: [Parameter] = []
            for j in 0..<Int(rng.next() % 3) {
                // Parameter values cannot carry DQUOTE or controls; everything else must survive.
                let raw = randomText(length: Int(rng.next() % 20), using: &rng)
                let value = String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && $0.value != 0x7F }))
                params.append(Parameter(name: "X-P\(j)", values: j == 1 ? [value, "b,c", ""] : [value]))
            }
            c.properties.append(Property(i % 2 == 0 ? "DESCRIPTION" : "X-PROP-\(i)", text: text, parameters: params))
        }
        if depth < 3 {
            for _ in 0..<Int(rng.next() % 3) { c.components.append(randomComponent(&rng, depth: depth + 1)) }
        }
        return c
    }

    @Test("written components read back identically: names, parameters, values, nesting")
    func roundTrip() throws {
        var rng = WireTestRNG(seed: 0xCA1E_DA12)
        for round in 0..<200 {
            var root = Component("VCALENDAR", properties: [Property("VERSION", raw: "2.0")])
            for _ in 0..<Int(rng.next() % 4) { root.components.append(randomComponent(&rng, depth: 1)) }
            let bytes = root.serialized()
            let read = try ICalendarReader().parse(bytes)
            #expect(read.count == 1)
            #expect(read.first.map(stripped) == root, "round \(round)")
            // And TEXT values unescape to what was given (controls dropped, line breaks as LF).
            if let first = read.first {
                for (a, b) in zip(first.components.flatMap(\.properties), root.components.flatMap(\.properties)) {
                    #expect(a.textValue == TextEscaping.unescape(b.value))
                }
            }
        }
    }

    @Test("folded lines unfold by dropping the line break and exactly one space or tab")
    func unfolding() throws {
        let text = "BEGIN:VCALENDAR\r\nDESCRIPTION:Hip mob\r\n ility \r\n\t& stretch\r\n  indented\r\nEND:VCALENDAR\r\n"
        let c = try parse(text)
        #expect(c.first?.property("DESCRIPTION")?.value == "Hip mobility & stretch indented")
        #expect(c.first?.property("DESCRIPTION")?.line == 2)
    }

    @Test("unfolding keeps multi-byte scalars that the writer split across lines intact")
    func unfoldingUTF8() throws {
        let value = String(repeating: "中😀é", count: 40)
        let root = Component("VCALENDAR", properties: [Property("SUMMARY", text: value)])
        let read = try ICalendarReader().parse(root.serialized())
        #expect(read.first?.property("SUMMARY")?.textValue == value)
    }

    @Test("quoted parameter values keep ':' ';' ',' and unquoted lists split on ','")
    func quotedParameters() throws {
        let text = "BEGIN:VEVENT\r\nATTENDEE;CN=\"Doe, Jane; PhD: MD\";ROLE=REQ-PARTICIPANT;X-L=a,\"b:c\",d:mailto:jane@example.com\r\nEND:VEVENT\r\n"
        let p = try #require(try parse(text).first?.property("ATTENDEE"))
        #expect(p.parameters == [
            Parameter(name: "CN", values: ["Doe, Jane; PhD: MD"]), Parameter(name: "ROLE", values: ["REQ-PARTICIPANT"]),
            Parameter(name: "X-L", values: ["a", "b:c", "d"]),
        ])
        #expect(p.parameter("cn")?.value == "Doe, Jane; PhD: MD")
        #expect(p.value == "mailto:jane@example.com")
    }

    @Test("LF-only input reads the same as CRLF input, and a byte order mark is skipped")
    func lineEnds() throws {
        let crlf = "BEGIN:VCALENDAR\r\nX-A:1\r\nDESCRIPTION:long\r\n  text\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let lf = crlf.replacingCRLFWithLF()
        let a = try parse(crlf).map(stripped)
        let b = try parse(lf).map(stripped)
        #expect(a == b)
        #expect(a.first?.property("DESCRIPTION")?.value == "long text")
        let bom = try ICalendarReader().parse([0xEF, 0xBB, 0xBF] + Array(lf.utf8)).map(stripped)
        #expect(bom == a)
        // No final line break at all.
        #expect(try parse("BEGIN:VCALENDAR\nEND:VCALENDAR").count == 1)
    }

    @Test("names are case-insensitive; values keep their case; blank lines are tolerated")
    func caseAndBlankLines() throws {
        let c = try parse("begin:vcalendar\r\n\r\nx-wr-calname:Studio CIRCL\r\nend:VCALENDAR\r\n")
        #expect(c.first?.name == "VCALENDAR")
        #expect(c.first?.property("X-WR-CALNAME")?.value == "Studio CIRCL")
    }

    @Test("components and properties remember their lines, counting physical lines")
    func lineNumbers() throws {
        let text = "BEGIN:VCALENDAR\r\nDESCRIPTION:a\r\n b\r\n c\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let c = try #require(try parse(text).first)
        #expect(c.line == 1)
        #expect(c.components.first?.line == 5)
        #expect(c.components.first?.property("UID")?.line == 6)
    }

    @Test(
        "errors name their line and what is wrong",
        arguments: [
            ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", "line 3: END:VCALENDAR does not match BEGIN:VEVENT at line 2"),
            ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "line 2: BEGIN:VCALENDAR at line 1 is never closed (missing END:VCALENDAR)"),
            ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VEVENT\n", "line 3: BEGIN:VCALENDAR at line 1 is never closed (missing END:VCALENDAR)"),
            ("VERSION:2.0\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "line 1: property VERSION outside any component (expected BEGIN:VCALENDAR)"),
            ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nX-AFTER:1\r\n", "line 3: property X-AFTER outside any component (expected BEGIN:VCALENDAR)"),
            ("BEGIN:VCALENDAR\r\nVERSION 2.0\r\nEND:VCALENDAR\r\n", "line 2: expected ':' after the name and parameters of VERSION"),
            ("BEGIN:VCALENDAR\r\nDESCRIPTION:a\r\n b\r\nSUMMARY\r\nEND:VCALENDAR\r\n", "line 4: expected ':' after the name and parameters of SUMMARY"),
            ("END:VEVENT\r\n", "line 1: END:VEVENT without a matching BEGIN"),
            ("BEGIN:\r\n", "line 1: BEGIN without a component name"),
            ("BEGIN:VCALENDAR\r\n:value\r\n", "line 2: expected a property name at the start of the line, found \":value\""),
            ("BEGIN:VCALENDAR\r\nX;=a:b\r\n", "line 2: malformed parameter in X: expected NAME=value"),
            ("BEGIN:VCALENDAR\r\nX;P:b\r\n", "line 2: malformed parameter in X: expected NAME=value"),
            ("BEGIN:VCALENDAR\r\nX;P=\"abc:def\r\n", "line 2: unterminated quoted value in parameter P of X"),
            ("BEGIN:VCALENDAR\r\nX;P=\"a\"b:c\r\n", "line 2: expected ':' after the name and parameters of X"),
        ])
    func errors(text: String, message: String) {
        #expect(parseError(text) == message)
    }

    @Test("nesting deeper than the limit is an error on the line that goes too deep")
    func depthLimit() {
        let nine = (1...9).map { "BEGIN:X\($0)\r\n" }.joined() + (1...9).reversed().map { "END:X\($0)\r\n" }.joined()
        #expect(parseError(nine) == "line 9: components nested deeper than 8 levels")
        let eight = (1...8).map { "BEGIN:X\($0)\r\n" }.joined() + (1...8).reversed().map { "END:X\($0)\r\n" }.joined()
        #expect(parseError(eight) == "no error: 1 components")
        #expect(parseError("BEGIN:A\r\nBEGIN:B\r\nBEGIN:C\r\n", reader: ICalendarReader(maxDepth: 2)) == "line 3: components nested deeper than 2 levels")
    }

    @Test("input and line sizes are bounded")
    func sizeLimits() {
        let text = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
        #expect(parseError(text, reader: ICalendarReader(maxBytes: 31)) == "line 1: the data is 32 bytes; the limit is 31")
        #expect(parseError(text, reader: ICalendarReader(maxBytes: 32)) == "no error: 1 components")
        // A logical line over the limit, even when folded into short physical lines.
        let folded = "BEGIN:VCALENDAR\r\nDESCRIPTION:0123456789\r\n 0123456789\r\n 0123456789\r\nEND:VCALENDAR\r\n"
        #expect(parseError(folded, reader: ICalendarReader(maxLineBytes: 30)) == "line 2: a content line is longer than 30 bytes")
        #expect(parseError(folded, reader: ICalendarReader(maxLineBytes: 42)) == "no error: 1 components")
    }

    @Test("TEXT values read back unescaped")
    func textValues() throws {
        let c = try parse("BEGIN:VEVENT\r\nSUMMARY:Hips\\; stretch\\, mobility\\nBook: https://x.example/\\\\\r\nEND:VEVENT\r\n")
        #expect(c.first?.property("SUMMARY")?.textValue == "Hips; stretch, mobility\nBook: https://x.example/\\")
    }
}

extension String {
    fileprivate func replacingCRLFWithLF() -> String {
        String(decoding: Array(utf8).filter { $0 != 0x0D }, as: UTF8.self)
    }
}
