/// HTML escaping for the subscribe page: every value that comes from the schedule passes
/// through here, whether it lands in text or in an attribute.
///
/// The page writes every attribute value in double quotes, so escaping `&`, `<`, `>`, `"` and
/// `'` makes a value inert in both places (HTML Living Standard §13.1.2.3 and §13.1.2.6: an
/// unescaped `"` ends a double-quoted attribute value, `<` starts a tag, `&` a character
/// reference). No value is ever written into a script, style, comment or unquoted attribute.
package enum HTMLText {
    /// The value with `& < > " '` replaced by character references.
    package static func escape(_ text: String) -> String {
        // Most values need nothing escaped: check the bytes first.
        // (Scanning the contiguous buffer is several times cheaper per byte than the UTF8View.)
        var copy = text
        let special = copy.withUTF8 { bytes in
            bytes.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        }
        if !special { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
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

    /// Free text that may hold line breaks (a description): escaped, each line break a `<br>`.
    package static func multiline(_ text: String) -> String {
        lines(text).map { escape(String($0)) }.joined(separator: "<br>")
    }

    /// The text split at each "\n" Character, empty lines kept. Splitting the UTF-8 bytes at
    /// LF gives the same lines much faster (no grapheme breaking) whenever the text has no CR:
    /// LF is always a Character of its own except in CR LF, which is not a "\n".
    static func lines(_ text: String) -> [Substring] {
        var hasCR = false, hasLF = false
        var copy = text
        copy.withUTF8 { bytes in
            for b in bytes {
                if b == 0x0D { hasCR = true } else if b == 0x0A { hasLF = true }
            }
        }
        if hasCR { return text.split(separator: "\n", omittingEmptySubsequences: false) }
        if !hasLF { return [text[...]] }  // one line, the usual case
        return text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// Free text as paragraphs: a blank line separates paragraphs, a single line break is a `<br>`.
    package static func paragraphs(_ text: String, class name: String? = nil) -> [String] {
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
