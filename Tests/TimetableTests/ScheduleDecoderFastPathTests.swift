import CivilTime
import Testing

@testable import Timetable

/// The decoder reads most values in place through fast paths; each must agree with the general
/// path it stands in for, on random input (seeded, so every run checks the same values).
@Suite("ScheduleDecoder fast paths agree with the general paths")
struct ScheduleDecoderFastPathTests {
    /// A random string of `alphabet`'s characters, of a length in `lengths`.
    static func random(_ alphabet: [Character], _ lengths: ClosedRange<Int>, _ rng: inout SeededRandom) -> String {
        String((0..<Int.random(in: lengths, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "0" })
    }

    @Test("isoDate reads exactly what LocalDate(iso:) reads, with its year")
    func isoDate() {
        var rng = SeededRandom(state: 0xDA7E)
        let alphabet = Array("0123456789-0123456789x /")
        for k in 0..<20_000 {
            let s: String
            if k % 2 == 0 {  // shaped like a date, often a real one
                let y = Int.random(in: 0...9999, using: &rng), m = Int.random(in: 0...13, using: &rng), d = Int.random(in: 0...32, using: &rng)
                s = String(repeating: "0", count: 4 - String(y).count) + "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
            } else {
                s = Self.random(alphabet, 8...12, &rng)
            }
            let fast = ScheduleDecoder.isoDate(s.utf8.span)
            let general = LocalDate(iso: s)
            #expect(fast?.0 == general, "\(s)")
            #expect(fast?.year == general?.year, "\(s)")
        }
    }

    @Test("hhmm reads exactly what LocalTime(hhmm:) reads")
    func hhmm() {
        var rng = SeededRandom(state: 0x4411)
        let alphabet = Array("0123456789:0123456789 a")
        for k in 0..<20_000 {
            let s = k % 2 == 0
                ? "\(Int.random(in: 0...29, using: &rng))".leftPadded() + ":" + "\(Int.random(in: 0...69, using: &rng))".leftPadded()
                : Self.random(alphabet, 3...6, &rng)
            #expect(ScheduleDecoder.hhmm(s.utf8.span) == LocalTime(hhmm: s), "\(s)")
        }
    }

    @Test("text the fast path accepts passes the general check")
    func plainText() {
        var rng = SeededRandom(state: 0x7E47)
        // What a string written without escapes can hold: no control character below 0x20.
        let alphabet = Array(" ab\u{7F}~!.,") + ["\u{20}", "a"]
        for _ in 0..<20_000 {
            let n = Int.random(in: 0...3, using: &rng) == 0 ? Int.random(in: ScheduleLimits.textLength - 3...ScheduleLimits.textLength + 3, using: &rng) : Int.random(in: 0...20, using: &rng)
            let s = Self.random(alphabet, n...n, &rng)
            if ScheduleDecoder.isPlainText(s.utf8.span) {
                #expect(ScheduleDecoder.textProblem(s) == nil, "\(Array(s.utf8))")
            }
        }
    }

    @Test("a URL the fast path accepts passes the general check")
    func plainURL() {
        var rng = SeededRandom(state: 0x0421)
        let prefixes = ["http://", "https://", "HTTPS://", "hTtP://", "http:/", "ftp://", "https//", ""]
        let alphabet = Array("ab.:/?#@[]1 \"<>%\u{7F}")
        for _ in 0..<20_000 {
            let s = (prefixes.randomElement(using: &rng) ?? "") + Self.random(alphabet, 0...16, &rng)
            let fast = ScheduleDecoder.isPlainText(s.utf8.span) && ScheduleDecoder.isPlainURL(s.utf8.span)
            if fast {
                #expect(ScheduleDecoder.hasURLShape(s), "\(s)")
                #expect(!s.unicodeScalars.contains(where: ScheduleDecoder.isInvisible), "\(s)")
                #expect(ScheduleDecoder.textProblem(s) == nil, "\(s)")
            }
        }
    }
}

extension ScheduleDecoderFastPathTests {
    /// The authority check as it was written over a collection of bytes, before it read a Span:
    /// the reference the Span version is held to.
    static func referenceAuthorityProblem(_ bytes: [UInt8]) -> ScheduleDecoder.AuthorityProblem? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon + 3 <= bytes.count else { return .noHost }
        var authority = bytes[(colon + 3)...].prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) { authority = authority[(at + 1)...] }
        let hostEnd: Int
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")), close > authority.startIndex + 1 else { return .noHost }
            hostEnd = close + 1
        } else {
            hostEnd = authority.firstIndex(of: UInt8(ascii: ":")) ?? authority.endIndex
            if hostEnd == authority.startIndex { return .noHost }
        }
        let rest = authority[hostEnd...]
        guard let first = rest.first else { return nil }
        let port = rest.dropFirst()
        guard first == UInt8(ascii: ":"), port.count <= 5, port.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              port.isEmpty || (1...65535).contains(port.reduce(0) { $0 * 10 + Int($1 - 0x30) })
        else { return .badPort(String(decoding: first == UInt8(ascii: ":") ? port : rest, as: UTF8.self)) }
        return nil
    }

    @Test("the authority check reads a Span as it read a collection of bytes")
    func authority() {
        var rng = SeededRandom(state: 0xA07)
        let prefixes = ["https://", "http://", "x:", "", "https:/"]
        let alphabet = Array("ab.:/?#@[]19 0") + ["6", "5", "5", "3", "5"]
        for _ in 0..<20_000 {
            let s = (prefixes.randomElement(using: &rng) ?? "") + Self.random(alphabet, 0...14, &rng)
            #expect(ScheduleDecoder.authorityProblem(s.utf8.span) == Self.referenceAuthorityProblem(Array(s.utf8)), "\(s)")
        }
    }
}

private extension String {
    /// Two digits for 0-9, as written in a time.
    func leftPadded() -> String { count < 2 ? "0" + self : self }
}
