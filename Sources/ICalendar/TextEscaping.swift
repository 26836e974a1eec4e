import Bytes

/// TEXT value escaping (RFC 5545 §3.3.11): "An intentional formatted text line break MUST only be
/// included in a TEXT property value by representing the line break with the character sequence
/// of BACKSLASH followed by a LATIN SMALL LETTER N"; backslash, semicolon and comma are escaped.
public enum TextEscaping {
    /// Escapes a value. CRLF, CR and LF become `\n`; other control characters, which a content
    /// line may not carry (§3.1), are dropped, except HTAB.
    public static func escape(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + 8)
        appendEscaped(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the escaped UTF-8 of `text` to a byte buffer.
    public static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        // Runs of bytes that need no escaping (nearly all of them) are copied whole; only the
        // special bytes are handled one at a time.
        text.withSpanOfUTF8 { bytes in
            var previousWasCR = false
            var runStart = 0
            while runStart < bytes.count {
                let at = special.firstStop(in: bytes, from: runStart)
                if runStart < at {
                    out.append(bytes: bytes.extracting(runStart..<at))
                    previousWasCR = false
                }
                guard at < bytes.count else { return }
                let b = bytes[at]
                runStart = at + 1
                switch b {
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x3B: out.append(0x5C); out.append(0x3B)
                case 0x2C: out.append(0x5C); out.append(0x2C)
                case 0x0D: out.append(0x5C); out.append(0x6E)
                case 0x0A:
                    if !previousWasCR { out.append(0x5C); out.append(0x6E) }
                case 0x09: out.append(b)
                default: break  // other control characters are dropped
                }
                previousWasCR = b == 0x0D
            }
        }
    }

    /// The bytes that may need escaping: control characters (below 0x20), DEL, `\`, `;` and `,`.
    static let special = ByteScanner(stoppingAt: [0x7F, 0x5C, 0x3B, 0x2C], below: 0x20)

    /// Reverses ``escape(_:)``. `\n` and `\N` become a newline; an unknown escape keeps the
    /// character after the backslash (lenient, as most readers are).
    public static func unescape(_ value: String) -> String {
        guard value.utf8.contains(0x5C) else { return value }
        var out = [UInt8]()
        out.reserveCapacity(value.utf8.count)
        var escaped = false
        for b in value.utf8 {
            if escaped {
                out.append(b == 0x6E || b == 0x4E ? 0x0A : b)
                escaped = false
            } else if b == 0x5C {
                escaped = true
            } else {
                out.append(b)
            }
        }
        if escaped { out.append(0x5C) }
        return String(decoding: out, as: UTF8.self)
    }
}
