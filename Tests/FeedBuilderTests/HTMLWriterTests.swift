import Testing

@testable import FeedBuilder
import CivilTime
import Timetable

/// ``HTMLWriter`` works on bytes where the page once worked on `String`s and `Character`s: on
/// random text, seeded, it must write what the `String` code wrote.
@Suite struct HTMLWriterTests {
    /// The first `String` implementations of `HTMLText`, kept as the reference.
    enum Reference {
        static func escape(_ text: String) -> String {
            var out = ""
            for c in text.unicodeScalars {
                switch c {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.unicodeScalars.append(c)
                }
            }
            return out
        }

        static func lines(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

        static func multiline(_ text: String) -> String { lines(text).map { escape(String($0)) }.joined(separator: "<br>") }

        static func paragraphs(_ text: String, class name: String? = nil) -> [String] {
            let open = name.map { "<p class=\"" + escape($0) + "\">" } ?? "<p>"
            var out: [String] = []
            var current: [Substring] = []
            func flush() {
                guard !current.isEmpty else { return }
                out.append(open + current.map { escape(String($0)) }.joined(separator: "<br>") + "</p>")
                current = []
            }
            for line in lines(text) {
                if line.allSatisfy(\.isWhitespace) { flush() } else { current.append(line) }
            }
            flush()
            return out
        }
    }

    /// Pieces that meet every branch: the escaped five, line breaks of each kind, ASCII and
    /// Unicode whitespace, controls that are not whitespace, combining marks after a space and
    /// after a line break, and multi-byte text.
    static let pieces = [
        "a", "Yoga", " ", "  ", "\t", "\n", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{85}", "\u{A0}", "\u{2028}",
        "\u{3000}", "\u{301}", "&", "<", ">", "\"", "'", "&amp;", "Zoë", "🧘", "é", "x\u{301}",
    ]

    static func randomText(_ g: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...12, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
    }

    @Test func escapingLinesAndParagraphsMatchTheStringImplementation() {
        var g = SeededGenerator(state: 7)
        for _ in 0..<5000 {
            let text = Self.randomText(&g)
            #expect(HTMLText.escape(text) == Reference.escape(text), "\(Array(text.unicodeScalars))")
            #expect(HTMLText.multiline(text) == Reference.multiline(text), "\(Array(text.unicodeScalars))")
            #expect(HTMLText.paragraphs(text) == Reference.paragraphs(text), "\(Array(text.unicodeScalars))")
            #expect(HTMLText.paragraphs(text, class: "lead&") == Reference.paragraphs(text, class: "lead&"))
        }
    }

    @Test func numbersDatesAndTimesAreWrittenAsTheirDescriptions() {
        var g = SeededGenerator(state: 11)
        func written(_ body: (inout HTMLWriter) -> Void) -> String {
            var w = HTMLWriter()
            body(&w)
            return String(decoding: w.bytes, as: UTF8.self)
        }
        for v in [0, 1, 9, 10, 99, 100, 999, 1000, 2026, 12345, -1, -7, -10, -123, Int.max, Int.min] {
            #expect(written { $0.number(v) } == "\(v)")
            for width in 1...4 {
                let padded = String(repeating: "0", count: max(0, width - String(v.magnitude).count)) + String(v.magnitude)
                #expect(written { $0.number(v, width: width) } == (v < 0 ? "-" : "") + padded, "\(v) \(width)")
            }
        }
        for _ in 0..<3000 {
            let d = LocalDate(dayNumber: Int.random(in: -30000...90000, using: &g))
            let seconds = Int.random(in: 0..<86400, using: &g)
            let t = LocalTime(secondsOfDay: Bool.random(using: &g) ? seconds - seconds % 60 : seconds)  // whole minutes, mostly
            #expect(written { $0.isoDate(d) } == d.description)
            #expect(written { $0.time(t) } == t.description)
            #expect(written { $0.isoDateTime(LocalDateTime(date: d, time: t)) } == LocalDateTime(date: d, time: t).description)
            #expect(written { $0.humanDate(d) } == d.humanDate)
        }
    }
}
