import Testing

@testable import ICalendar

/// Seeded generator (SplitMix64), so every "random" text is reproducible.
struct WireTestRNG: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Pieces of text that stress folding: 1- to 4-byte UTF-8, combining marks, emoji sequences,
/// and every character TEXT escaping touches.
let foldingAlphabet: [String] = [
    "a", "Z", "0", " ", "-", ":", "\"", "\\", ";", ",", "\n", "\r\n", "\t", "é", "ß", "ø", "中", "文", "日本",
    "😀", "🧘🏽‍♀️", "👨‍👩‍👧", "🇬🇧", "e\u{301}", "a\u{308}\u{323}", "\u{200D}", "Ω", "€", "𝄞", "ﬁ",
]

func randomText(length: Int, using rng: inout WireTestRNG) -> String {
    var s = ""
    for _ in 0..<length { s += foldingAlphabet[Int(rng.next() % UInt64(foldingAlphabet.count))] }
    return s
}

/// The checks every written content line must pass, returned as failure messages.
struct WireCheck {
    /// Splits bytes at CRLF, failing on any bare CR or LF.
    static func physicalLines(_ bytes: [UInt8]) -> (lines: [[UInt8]], problems: [String]) {
        var lines: [[UInt8]] = []
        var problems: [String] = []
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0D {
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A {
                    lines.append(current)
                    current = []
                    i += 2
                    continue
                }
                problems.append("bare CR at byte \(i)")
            } else if b == 0x0A {
                problems.append("bare LF at byte \(i)")
            }
            current.append(b)
            i += 1
        }
        if !current.isEmpty { problems.append("output does not end with CRLF") }
        return (lines, problems)
    }

    /// Checks the folding of one logical line and returns it unfolded.
    static func unfold(_ bytes: [UInt8], width: Int = 75) -> (logical: [UInt8], foldOffsets: [Int], problems: [String]) {
        var (lines, problems) = physicalLines(bytes)
        var logical: [UInt8] = []
        var folds: [Int] = []
        for (n, line) in lines.enumerated() {
            if line.count > width { problems.append("line \(n + 1) is \(line.count) octets") }
            var content = line[...]
            if n > 0 {
                if line.first != 0x20 {
                    problems.append("continuation line \(n + 1) does not start with a space")
                } else {
                    content = line.dropFirst()
                }
                folds.append(logical.count)
            }
            if content.isEmpty { problems.append("line \(n + 1) carries no content") }
            if String(validating: Array(content), as: UTF8.self) == nil {
                problems.append("line \(n + 1) is not valid UTF-8 on its own (a scalar was split)")
            }
            logical += content
        }
        if lines.isEmpty { problems.append("no line") }
        lines.removeAll()
        return (logical, folds, problems)
    }

    /// Offsets in an escaped TEXT value where a fold may fall: scalar starts, never inside `\x`.
    static func escapeSafeOffsets(_ value: [UInt8]) -> Set<Int> {
        var safe: Set<Int> = [0]
        var i = 0
        while i < value.count {
            if value[i] == 0x5C {
                i += 2
            } else {
                let b = value[i]
                i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            }
            safe.insert(i)
        }
        return safe
    }
}

@Suite("ContentLineWriter")
struct ContentLineWriterTests {
    private func written(_ p: Property, width: Int = 75) -> [UInt8] {
        var w = ContentLineWriter(foldWidth: width)
        w.write(p)
        return w.bytes
    }

    @Test("a line of exactly 75 octets is not folded; 76 folds after 75")
    func foldBoundary() {
        let exact = written(Property("X-A", raw: String(repeating: "a", count: 71)))
        #expect(exact == Array(("X-A:" + String(repeating: "a", count: 71) + "\r\n").utf8))
        let over = written(Property("X-A", raw: String(repeating: "a", count: 72)))
        #expect(over == Array(("X-A:" + String(repeating: "a", count: 71) + "\r\n a\r\n").utf8))
    }

    @Test("long lines fold every 75 octets, continuation lines carrying 74 after their space")
    func foldGolden() {
        let text = String(repeating: "0123456789", count: 20)
        let out = String(decoding: written(Property("DESCRIPTION", text: text)), as: UTF8.self)
        let expected =
            "DESCRIPTION:" + String(text.prefix(63)) + "\r\n"
            + " " + String(text.dropFirst(63).prefix(74)) + "\r\n"
            + " " + String(text.dropFirst(137)) + "\r\n"
        #expect(out == expected)
    }

    @Test("a multi-byte scalar that would straddle the limit moves whole to the next line")
    func foldBeforeEmoji() {
        let out = written(Property("X", raw: String(repeating: "a", count: 72) + "😀b"))
        #expect(out == Array(("X:" + String(repeating: "a", count: 72) + "\r\n 😀b\r\n").utf8))
        let cjk = written(Property("X", raw: String(repeating: "a", count: 71) + "中中"))
        #expect(cjk == Array(("X:" + String(repeating: "a", count: 71) + "\r\n 中中\r\n").utf8))
    }

    @Test("an escaping backslash is never separated from the character it escapes")
    func foldBeforeEscape() {
        // "X:" + 72 letters puts the backslash of "\;" at octet 75.
        let out = written(Property("X", text: String(repeating: "a", count: 72) + ";b"))
        #expect(out == Array(("X:" + String(repeating: "a", count: 72) + "\r\n \\;b\r\n").utf8))
        // An escaped backslash ("\\") at the same place: the pair stays together.
        let bs = written(Property("X", text: String(repeating: "a", count: 72) + "\\b"))
        #expect(bs == Array(("X:" + String(repeating: "a", count: 72) + "\r\n \\\\b\r\n").utf8))
        // Where the escape fits, the fold falls after it.
        let fits = written(Property("X", text: String(repeating: "a", count: 71) + ";b"))
        #expect(fits == Array(("X:" + String(repeating: "a", count: 71) + "\\;\r\n b\r\n").utf8))
    }

    @Test(
        "folding property: every length 1...300 of seeded mixed text stays within the width, splits no scalar or escape, and unfolds exactly",
        arguments: [75, 74, 40, 9, 8])
    func foldingProperty(width: Int) {
        var rng = WireTestRNG(seed: 0x5EED_0000 + UInt64(width))
        var problems: [String] = []
        for length in 1...300 {
            for round in 0..<3 {
                let text = randomText(length: length, using: &rng)
                let name = ["DESCRIPTION", "X", "SUMMARY", "X-A-LONGER-NAME"][round % 4 + (length % 2)]
                let bytes = written(Property(name, text: text), width: width)
                let (logical, folds, found) = WireCheck.unfold(bytes, width: width)
                let expected = Array(name.utf8) + [0x3A] + Array(TextEscaping.escape(text).utf8)
                var issues = found
                if logical != expected { issues.append("unfolded line differs from the original") }
                let prefix = name.utf8.count + 1
                let safe = WireCheck.escapeSafeOffsets(Array(expected.dropFirst(prefix)))
                // Folds inside the name are legal octet-wise (narrow widths need them); in the value
                // they must fall between scalars and outside escapes.
                for f in folds where f > prefix && !safe.contains(f - prefix) {
                    issues.append("fold at octet \(f) splits a scalar or an escape")
                }
                if !issues.isEmpty { problems.append("width \(width) length \(length) round \(round): \(issues)") }
            }
            if problems.count > 5 { break }
        }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("runs of backslashes fold on escape boundaries at every alignment")
    func backslashRuns() {
        var problems: [String] = []
        for pad in 0..<80 {
            for run in 1...6 {
                let text = String(repeating: "a", count: pad) + String(repeating: "\\", count: run) + ";,x"
                let bytes = written(Property("X", text: text))
                let (logical, folds, found) = WireCheck.unfold(bytes)
                let value = Array(logical.dropFirst(2))
                let safe = WireCheck.escapeSafeOffsets(value)
                var issues = found
                if TextEscaping.unescape(String(decoding: value, as: UTF8.self)) != text { issues.append("round trip") }
                for f in folds where !safe.contains(f - 2) { issues.append("fold inside an escape at \(f)") }
                if !issues.isEmpty { problems.append("pad \(pad) run \(run): \(issues)") }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    @Test("parameter values with ':' ';' ',' are quoted, others are not; DQUOTE and controls are dropped")
    func parameterQuoting() {
        let p = Property(
            "attendee", raw: "mailto:jane@example.com",
            parameters: [
                Parameter("CN", "Doe, Jane"), Parameter("X-A", "a:b"), Parameter("X-B", "semi;colon"),
                Parameter("X-C", "plain value"), Parameter("DELEGATED-TO", "mailto:x@example.com", "mailto:y@example.com"),
                Parameter("X-Q", "say \"hi\""), Parameter("X-CTL", "a\u{7}b\nc\td"), Parameter("X-E", ""),
                Parameter("X-U", "Zoë 中"),
            ])
        let out = String(decoding: written(p, width: 1000), as: UTF8.self)
        #expect(
            out == "ATTENDEE;CN=\"Doe, Jane\";X-A=\"a:b\";X-B=\"semi;colon\";X-C=plain value;"
                + "DELEGATED-TO=\"mailto:x@example.com\",\"mailto:y@example.com\";X-Q=say hi;X-CTL=abc\td;X-E=;"
                + "X-U=Zoë 中:mailto:jane@example.com\r\n")
    }

    @Test("names are uppercased and stripped to letters, digits and '-'")
    func names() {
        #expect(written(Property("x-wr-calname", raw: "a")) == Array("X-WR-CALNAME:a\r\n".utf8))
        var w = ContentLineWriter()
        w.writeLine(name: "x_bad name:", value: "v")
        w.writeText(name: "summary", text: "a,b")
        #expect(w.bytes == Array("XBADNAME:v\r\nSUMMARY:a\\,b\r\n".utf8))
    }

    @Test("raw values lose their control characters, so no value can end a line early")
    func rawValueControls() {
        var w = ContentLineWriter()
        w.writeLine(name: "X", value: "a\r\nb\u{0}c\u{7F}d\te")
        w.write(Property("Y", raw: "1\n2"))
        #expect(w.bytes == Array("X:abcd\te\r\nY:12\r\n".utf8))
    }

    @Test("a component serializes BEGIN, properties, sub-components, END, all with CRLF")
    func componentSerialization() {
        let c = Component(
            "vcalendar", properties: [Property("VERSION", raw: "2.0")],
            components: [Component("VEVENT", properties: [Property("SUMMARY", text: "Hips; stretch")])])
        let text = String(decoding: c.serialized(), as: UTF8.self)
        #expect(text == "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Hips\\; stretch\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        let (_, problems) = WireCheck.physicalLines(c.serialized())
        #expect(problems.isEmpty)
    }

    @Test("takeBytes hands over what was written and starts afresh")
    func takeBytes() {
        var w = ContentLineWriter()
        w.begin("VCALENDAR")
        let first = w.takeBytes()
        w.end("VCALENDAR")
        #expect(first == Array("BEGIN:VCALENDAR\r\n".utf8))
        #expect(w.bytes == Array("END:VCALENDAR\r\n".utf8))
    }

    @Test("a line prefix writes the same bytes and hash as the property it stands for, folded alike")
    func linePrefix() throws {
        let date = try #require(LocalDate(year: 2026, month: 11, day: 30))
        let time = LocalDateTime(date: date, time: try #require(LocalTime(hour: 17, minute: 15)))
        for zone in ["Europe/London", "America/Argentina/ComodRivadavia", "a:b"] {
            for width in [75, 20, 8] {
                var fast = ContentLineWriter(foldWidth: width)
                var slow = ContentLineWriter(foldWidth: width)
                let h1 = fast.writeLine(LinePrefix(name: "DTSTART", parameters: [Parameter("TZID", zone)]), time)
                let h2 = slow.write(Property("DTSTART", local: time, timeZone: zone))
                #expect(fast.bytes == slow.bytes)
                #expect(h1 == h2)
            }
        }
        var w = ContentLineWriter()
        let h = w.writeLine(LinePrefix(name: "UID", valueStart: "yoga-"), date, ValueText("@example.com"))
        #expect(w.bytes == Array("UID:yoga-20261130@example.com\r\n".utf8))
        #expect(h == ContentLineWriter.encode(Property("UID", raw: "yoga-20261130@example.com")).lineHash)
    }

    @Test("a line prefix and a value piece cannot carry a line break onto the wire")
    func linePrefixInjection() throws {
        var w = ContentLineWriter()
        let prefix = LinePrefix(name: "X\r\nBAD", parameters: [Parameter("P", "a\r\nb\"c")], valueStart: "v\r\nEND:VCALENDAR")
        w.writeLine(prefix, try #require(LocalDate(year: 2026, month: 1, day: 2)), ValueText("\n@x\r"))
        #expect(w.bytes == Array("XBAD;P=abc:vEND:VCALENDAR20260102@x\r\n".utf8))
    }

    @Test("the fold width is at least 8")
    func minimumWidth() {
        #expect(ContentLineWriter(foldWidth: 1).foldWidth == 8)
        #expect(ContentLineWriter().foldWidth == 75)
        var w = ContentLineWriter(foldWidth: 3)
        w.writeLine(name: "X", value: "abcdefghij")
        #expect(w.bytes == Array("X:abcdef\r\n ghij\r\n".utf8))
    }
}
