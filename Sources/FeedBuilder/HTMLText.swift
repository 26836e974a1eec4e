import Bytes

/// HTML escaping for the subscribe page: every value that comes from the schedule passes
/// through here (or through ``HTMLWriter``, which writes the same bytes into the page's buffer),
/// whether it lands in text or in an attribute.
///
/// The page writes every attribute value in double quotes, so escaping `&`, `<`, `>`, `"` and
/// `'` makes a value inert in both places (HTML Living Standard §13.1.2.3 and §13.1.2.6: an
/// unescaped `"` ends a double-quoted attribute value, `<` starts a tag, `&` a character
/// reference). No value is ever written into a script, style, comment or unquoted attribute.
package enum HTMLText {
    /// The value with `& < > " '` replaced by character references.
    package static func escape(_ text: String) -> String {
        var w = HTMLWriter(capacity: text.utf8.count + 16)
        w.text(text)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// Free text that may hold line breaks (a description): escaped, each line break a `<br>`.
    package static func multiline(_ text: String) -> String {
        var w = HTMLWriter(capacity: text.utf8.count + 16)
        w.multiline(text)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// Free text as paragraphs: a blank line separates paragraphs, a single line break is a `<br>`.
    package static func paragraphs(_ text: String, class name: String? = nil) -> [String] {
        var w = HTMLWriter(capacity: text.utf8.count + 32)
        w.paragraphs(text, class: name)
        // The writer ends each paragraph with "</p>" and LF; the text inside can hold an LF (after
        // a CR) but never a raw "<".
        let end = Array("</p>\n".utf8)
        let bytes = w.bytes
        var out: [String] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A && bytes[..<(i + 1)].suffix(end.count).elementsEqual(end) {
            out.append(String(decoding: bytes[start..<i], as: UTF8.self))
            start = i + 1
        }
        return out
    }

    /// Calls `body` with each line of UTF-8 text: the parts between "\n" Characters, empty
    /// lines kept.
    ///
    /// Splitting the bytes at LF gives the same lines as splitting the `String` at "\n"
    /// Characters, without grapheme breaking: LF is always a Character of its own (Unicode
    /// UAX #29 GB4, GB5), except in CR LF (GB3), a single Character that is not "\n". So every
    /// LF splits but one right after a CR.
    static func forEachLine(_ u: Span<UInt8>, _ body: (Span<UInt8>) -> Void) {
        var start = 0
        var i = 0
        while true {
            i = lineFeed.firstStop(in: u, from: i)
            guard i < u.count else { break }
            if i == 0 || u[i - 1] != 0x0D {
                body(u.extracting(start..<i))
                start = i + 1
            }
            i += 1
        }
        body(u.extracting(start..<u.count))
    }

    private static let lineFeed = ByteScanner(stoppingAt: [0x0A])

    /// Whether every Character of a line is whitespace (`Character.isWhitespace`): a paragraph
    /// break. ASCII is decided on the bytes (tab, LF, VT, FF, CR and space are the ASCII
    /// characters with the Unicode White_Space property); anything else asks the Characters.
    static func isBlank(_ line: Span<UInt8>) -> Bool {
        for k in line.indices {
            switch line[k] {
            case 0x09...0x0D, 0x20: continue
            case 0x80...:
                let text = String(decoding: (0..<line.count).map { line[$0] }, as: UTF8.self)
                return text.allSatisfy(\.isWhitespace)
            default: return false
            }
        }
        return true
    }
}
