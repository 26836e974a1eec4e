import Testing

@testable import ICalendar

@Suite("TextEscaping")
struct TextEscapingTests {
    @Test(
        "TEXT escaping of backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11)",
        arguments: [
            ("plain", "plain"),
            ("a\\b", "a\\\\b"),
            ("a;b", "a\\;b"),
            ("a,b", "a\\,b"),
            ("a\nb", "a\\nb"),
            ("a\r\nb", "a\\nb"),
            ("a\rb", "a\\nb"),
            ("a\n\nb", "a\\n\\nb"),
            ("a\r\n\r\nb", "a\\n\\nb"),
            ("a\n\rb", "a\\n\\nb"),
            ("\r\n", "\\n"),
            ("Hip Mobility & Stretch: 17:15, \"Studio 1\"", "Hip Mobility & Stretch: 17:15\\, \"Studio 1\""),
            ("tab\there", "tab\there"),
            ("bell\u{7}nul\u{0}esc\u{1B}del\u{7F}end", "bellnulescdelend"),
            ("Zoë 中文 😀", "Zoë 中文 😀"),
            ("\\n is not a newline", "\\\\n is not a newline"),
            ("", ""),
        ])
    func escapes(text: String, escaped: String) {
        #expect(TextEscaping.escape(text) == escaped)
        var buffer: [UInt8] = [0x41]
        TextEscaping.appendEscaped(text, to: &buffer)
        #expect(buffer == [0x41] + Array(escaped.utf8))
    }

    @Test(
        "unescaping reverses escaping and reads \\N as a newline",
        arguments: [
            ("a\\\\b", "a\\b"), ("a\\;b", "a;b"), ("a\\,b", "a,b"), ("a\\nb", "a\nb"), ("a\\Nb", "a\nb"),
            ("no escapes", "no escapes"), ("trailing\\", "trailing\\"), ("a\\:b", "a:b"), ("\\\\n", "\\n"),
        ])
    func unescapes(escaped: String, text: String) {
        #expect(TextEscaping.unescape(escaped) == text)
    }

    @Test("every byte that needs escaping is found at every position of the eight-byte scan")
    func wordScanFindsEveryByte() {
        // A byte-at-a-time escaper, written apart from the one under test.
        func reference(_ bytes: [UInt8]) -> [UInt8] {
            var out: [UInt8] = []
            var previousCR = false
            for b in bytes {
                switch b {
                case 0x5C, 0x3B, 0x2C: out += [0x5C, b]
                case 0x0D: out += [0x5C, 0x6E]
                case 0x0A where !previousCR: out += [0x5C, 0x6E]
                case 0x0A: break
                case 0x09: out.append(b)
                case 0..<0x20, 0x7F: break
                default: out.append(b)
                }
                previousCR = b == 0x0D
            }
            return out
        }
        // Every byte value 0...0x7F, and a few UTF-8 sequences, alone at each offset of 1...40
        // plain bytes, and beside a neighbour that also needs escaping.
        let fillers: [[UInt8]] = [Array("abcdefghijklmnopqrstuvwxyz0123456789ABCD".utf8), Array("éééééééééééééééééééé".utf8)]
        var failures: [String] = []
        for filler in fillers {
            for special in Array(UInt8(0)...0x7F).map({ [$0] }) + [Array("€".utf8), [0x0D, 0x0A], [0x5C, 0x3B]] {
                for offset in 0...min(32, filler.count) {
                    for length in [offset + special.count, offset + special.count + 1, filler.count] where length >= offset {
                        var bytes = Array(filler.prefix(offset)) + special + Array(filler.dropFirst(offset))
                        bytes = Array(bytes.prefix(max(length, offset + special.count)))
                        let text = String(decoding: bytes, as: UTF8.self)
                        let input = Array(text.utf8)
                        var got: [UInt8] = []
                        TextEscaping.appendEscaped(text, to: &got)
                        if got != reference(input) { failures.append("\(special) at \(offset) of \(input.count)") }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("seeded round trip: unescape(escape(s)) is s with line breaks as LF and controls removed")
    func roundTrip() {
        var rng = WireTestRNG(seed: 3_311)
        var failures: [String] = []
        for length in 0...400 {
            var text = randomText(length: length, using: &rng)
            if length % 7 == 0 { text += "\u{1}\u{1F}\r" }
            let expected = String(
                String.UnicodeScalarView(
                    text.replacingCRLF().unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F || $0 == "\n" || $0 == "\t" }))
            let escaped = TextEscaping.escape(text)
            if TextEscaping.unescape(escaped) != expected { failures.append(text) }
            // Nothing unescaped is left that a TEXT reader would split on.
            if escaped.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" }) { failures.append("control in \(escaped)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }
}

extension String {
    /// CRLF and lone CR as LF, computed independently of the code under test.
    fileprivate func replacingCRLF() -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for s in unicodeScalars {
            if s == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if s == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(s)
        }
        return String(out)
    }
}
