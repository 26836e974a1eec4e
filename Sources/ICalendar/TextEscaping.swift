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
        ContentLineWriter.withUTF8(text) { bytes in
            // Runs of bytes that need no escaping (nearly all of them) are copied whole; only
            // the special bytes are handled one at a time.
            var previousWasCR = false
            var runStart = 0
            var i = 0
            let n = bytes.count
            while i < n {
                // Eight bytes at a time past words that hold nothing to escape (most of them).
                if i + 8 <= n, let base = bytes.baseAddress,
                    !mayNeedEscaping(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                {
                    i += 8
                    continue
                }
                let b = bytes[i]
                i += 1
                guard b < 0x20 || b == 0x7F || b == 0x5C || b == 0x3B || b == 0x2C else { continue }
                let at = i - 1
                if runStart < at {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<at]))
                    previousWasCR = false
                }
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
            if runStart < bytes.count {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            }
        }
    }

    /// Whether any of eight bytes may need escaping: a control character (below 0x20), DEL,
    /// `\`, `;` or `,`. Each test finds a byte of the word in a set without looking at bytes one
    /// by one: `(x - 0x01…) & ~x & 0x80…` is nonzero when some byte of x is zero (of x XOR a
    /// repeated byte: equal to it), and `(x - 0x20…) & ~x & 0x80…` when some byte is below 0x20.
    /// A borrow can flag a byte after a real match, never miss one: a hit is checked byte by byte.
    @inline(__always)
    static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func below(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &- n &* ones) & ~x & highs }
        return below(word, 0x20) | below(word ^ (0x7F &* ones), 1) | below(word ^ (0x5C &* ones), 1)
            | below(word ^ (0x3B &* ones), 1) | below(word ^ (0x2C &* ones), 1) != 0
    }

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
