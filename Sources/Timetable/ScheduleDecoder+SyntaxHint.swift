import JSON

extension ScheduleDecoder {
    /// A hint for a JSON syntax error, from what the file holds where the parser stopped:
    /// curly quotes (a word processor's, or a phone's "smart punctuation") and comments are the
    /// two things people write in JSON that JSON does not allow.
    static func syntaxHint(_ bytes: [UInt8], at location: SourceLocation) -> String? {
        // The line the parser stopped on, then its text from the column on (columns count
        // Unicode scalars, as the parser's do).
        var line = 1
        var start = 0
        var k = 0
        while line < location.line, k < bytes.count {
            if bytes[k] == 0x0A {
                line += 1
                start = k + 1
            }
            k += 1
        }
        guard line == location.line else { return nil }
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        var text = Substring(String(decoding: bytes[start..<end], as: UTF8.self)).unicodeScalars
        if start == 0, text.first == "\u{FEFF}" { text.removeFirst() }
        let here = text.dropFirst(max(0, location.column - 1))
        guard let first = here.first else { return nil }
        switch first {
        case "\u{201C}", "\u{201D}", "\u{201E}", "\u{2018}", "\u{2019}":
            return "replace \u{201C} \u{201D} with straight quotes (\"): JSON needs them around every key and text"
        case "/" where here.dropFirst().first == "/" || here.dropFirst().first == "*":
            return "JSON has no comments: remove the comment"
        default:
            return nil
        }
    }
}
