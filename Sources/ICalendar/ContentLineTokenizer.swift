import Bytes

/// Where the parts of one unfolded content line are (RFC 5545 §3.1,
/// `contentline = name *(";" param) ":" value CRLF`): the name is `0..<nameEnd`, the parameters
/// (each with its leading `;`) are `nameEnd..<valueStart - 1`, the value is `valueStart...`.
public struct ContentLineToken: Sendable, Hashable {
    /// The 1-based physical line where the content line starts.
    public var line: Int
    /// Where the name ends (exclusive) in the unfolded line.
    public var nameEnd: Int
    /// Where the value starts in the unfolded line, after the colon.
    public var valueStart: Int
}

/// The one unfolding and tokenising layer for reading iCalendar: every reader of `.ics` bytes
/// (``ICalendarReader``, the previous feeds' revisions, the change log) sees content lines
/// through it.
///
/// It unfolds continuation lines ("a CRLF immediately followed by a single linear white-space
/// character", §3.1; a bare LF is accepted as a line end too, as many files on disk have it),
/// skips blank lines and a leading byte order mark, checks each line's name, parameters and
/// colon, and hands on the unfolded line with a ``ContentLineToken``. Input may arrive whole or
/// in chunks of any size: a line cut by a chunk's end waits for the next chunk. A logical line
/// longer than `maxLineBytes` is an error, so memory never holds more than that plus a chunk
/// whatever the input. An unfolded line is copied only when it was folded.
public struct ContentLineTokenizer: Sendable {
    /// The longest unfolded line accepted, in bytes.
    public let maxLineBytes: Int
    /// The last physical line read (1-based): where a stream that ends too early ends.
    public private(set) var lineNumber = 0
    private var pending: [UInt8] = []
    private var unfolded: [UInt8] = []
    private var started = false
    /// When true, a line that is not a content line (no name, no colon, a malformed parameter)
    /// is skipped and kept in ``skippedLines`` instead of ending the stream with an error.
    public var skipsMalformedLines = false
    /// The lines skipped, each as the error it would have been (see ``skipsMalformedLines``).
    public private(set) var skippedLines: [ICalendarParseError] = []

    /// A tokenizer that refuses unfolded lines longer than `maxLineBytes` (1 MiB by default).
    public init(maxLineBytes: Int = 1 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    /// The body that receives each content line: its unfolded bytes and where its parts are.
    public typealias Body = (Span<UInt8>, ContentLineToken) throws(ICalendarParseError) -> Void

    /// Tokenises a whole stream.
    public mutating func tokenize(_ bytes: [UInt8], _ body: Body) throws(ICalendarParseError) {
        let skip = !started && bytes.starts(with: Self.byteOrderMark) ? 3 : 0
        started = true
        _ = try Self.scan(
            bytes.span.extracting(skip...), final: true, maxLineBytes: maxLineBytes, lineNumber: &lineNumber,
            unfolded: &unfolded, skipMalformed: skipsMalformedLines, skipped: &skippedLines, body)
    }

    /// Tokenises the next chunk of a stream; lines it leaves incomplete wait for the next one.
    public mutating func feed(_ chunk: [UInt8], _ body: Body) throws(ICalendarParseError) {
        pending.append(contentsOf: chunk)
        if !started {
            guard pending.count >= 3 else { return }
            started = true
            if pending.starts(with: Self.byteOrderMark) { pending.removeFirst(3) }
        }
        let bytes = pending  // `self` changes while scanning
        let consumed = try Self.scan(
            bytes.span, final: false, maxLineBytes: maxLineBytes, lineNumber: &lineNumber, unfolded: &unfolded,
            skipMalformed: skipsMalformedLines, skipped: &skippedLines, body)
        pending.removeFirst(consumed)
    }

    /// Ends a stream fed in chunks: tokenises what is left.
    public mutating func finish(_ body: Body) throws(ICalendarParseError) {
        let bytes = pending
        pending = []
        try tokenize(bytes, body)
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let lineFeed = ByteScanner(stoppingAt: [0x0A])

    /// Hands on every complete logical line of `b` and returns how many bytes they took. Unless
    /// `final`, a line is complete only once the byte after its line break is known not to be a
    /// continuation.
    private static func scan(
        _ b: Span<UInt8>, final: Bool, maxLineBytes: Int, lineNumber: inout Int, unfolded: inout [UInt8],
        skipMalformed: Bool, skipped: inout [ICalendarParseError], _ body: Body
    ) throws(ICalendarParseError) -> Int {
        let n = b.count
        var i = 0
        while i < n {
            let startLine = lineNumber + 1
            let lineStart = i
            var physical = 1
            var pieceStart = i
            var folded = false
            var length = 0  // of the unfolded line so far
            var end: Int
            var next: Int
            while true {
                let nl = lineFeed.firstStop(in: b, from: pieceStart)
                end = nl
                if end > pieceStart && b[end - 1] == 0x0D { end -= 1 }
                if !final && nl + 1 >= n {
                    // Not known to be complete: wait for more, unless it is already too long.
                    guard length + (end - pieceStart) <= maxLineBytes else { throw tooLong(startLine, maxLineBytes) }
                    return i
                }
                length += end - pieceStart
                guard length <= maxLineBytes else { throw tooLong(startLine, maxLineBytes) }
                next = min(nl + 1, n)
                let continues = next < n && (b[next] == 0x20 || b[next] == 0x09)
                if continues || folded {
                    if !folded {
                        unfolded.removeAll(keepingCapacity: true)
                        folded = true
                    }
                    unfolded.append(bytes: b.extracting(pieceStart..<end))
                }
                guard continues else { break }
                pieceStart = next + 1  // drop the line break and exactly one white space
                physical += 1
            }
            lineNumber += physical
            i = next
            if length == 0 { continue }  // blank lines are tolerated
            if folded {
                let line = unfolded.span
                let t: ContentLineToken
                do throws(ICalendarParseError) { t = try token(line, startLine) } catch {
                    guard skipMalformed else { throw error }
                    skipped.append(error)
                    continue
                }
                try body(line, t)
            } else {
                let line = b.extracting(lineStart..<end)
                let t: ContentLineToken
                do throws(ICalendarParseError) { t = try token(line, startLine) } catch {
                    guard skipMalformed else { throw error }
                    skipped.append(error)
                    continue
                }
                try body(line, t)
            }
        }
        return i
    }

    private static func tooLong(_ line: Int, _ limit: Int) -> ICalendarParseError {
        ICalendarParseError(line: line, message: "a content line is longer than \(limit) bytes")
    }

    /// Finds the name's end and the value's start, checking the name and the parameters'
    /// syntax (§3.1: names are ALPHA, DIGIT and "-"; a parameter value is quoted or stops at
    /// `;`, `:` or `,`).
    static func token(_ l: Span<UInt8>, _ line: Int) throws(ICalendarParseError) -> ContentLineToken {
        let n = l.count
        var k = 0
        while k < n && isNameByte(l[k]) { k += 1 }
        guard k > 0 else {
            throw ICalendarParseError(line: line, message: "expected a property name at the start of the line, found \(show(l))")
        }
        let nameEnd = k
        k = try walkParameters(l, from: k, line: line) { _, _, _ in }
        guard k < n, l[k] == 0x3A else {
            throw ICalendarParseError(line: line, message: "expected ':' after the name and parameters of \(name(l, nameEnd))")
        }
        return ContentLineToken(line: line, nameEnd: nameEnd, valueStart: k + 1)
    }

    /// Walks the parameters from `k` (each `;NAME=value,"quoted value"`), calling `visit` with
    /// each value's range, its parameter name's range and whether it is the parameter's first
    /// value. Returns where the parameters end.
    static func walkParameters(
        _ l: Span<UInt8>, from start: Int, line: Int, _ visit: (Range<Int>, Range<Int>, Bool) -> Void
    ) throws(ICalendarParseError) -> Int {
        let n = l.count
        var k = start
        while k < n && l[k] == 0x3B {  // ';'
            k += 1
            let ps = k
            while k < n && isNameByte(l[k]) { k += 1 }
            guard k > ps, k < n, l[k] == 0x3D else {
                throw ICalendarParseError(line: line, message: "malformed parameter in \(name(l)): expected NAME=value")
            }
            let pname = ps..<k
            k += 1
            var first = true
            while true {
                if k < n && l[k] == 0x22 {  // quoted
                    k += 1
                    let vs = k
                    while k < n && l[k] != 0x22 { k += 1 }
                    guard k < n else {
                        throw ICalendarParseError(
                            line: line,
                            message: "unterminated quoted value in parameter \(string(l, pname)) of \(name(l))")
                    }
                    visit(vs..<k, pname, first)
                    k += 1
                } else {
                    let vs = k
                    while k < n && l[k] != 0x3B && l[k] != 0x3A && l[k] != 0x2C { k += 1 }
                    visit(vs..<k, pname, first)
                }
                first = false
                if k < n && l[k] == 0x2C {
                    k += 1
                    continue
                }
                break
            }
        }
        return k
    }

    @inline(__always)
    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D
    }

    /// The line's name, uppercase, for messages.
    private static func name(_ l: Span<UInt8>, _ end: Int? = nil) -> String {
        var e = 0
        while e < (end ?? l.count) && isNameByte(l[e]) { e += 1 }
        return uppercaseString(l.extracting(0..<e))
    }

    /// ASCII name bytes as an uppercase String. Names are almost always uppercase already, and
    /// `String.uppercased()` (Unicode case mapping, a new string) was a large part of reading.
    static func uppercaseString(_ bytes: Span<UInt8>) -> String {
        var lower = false
        for i in bytes.indices where bytes[i] >= 0x61 && bytes[i] <= 0x7A {
            lower = true
            break
        }
        guard lower else { return string(bytes, 0..<bytes.count) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for i in bytes.indices { out.append(bytes[i] >= 0x61 && bytes[i] <= 0x7A ? bytes[i] - 0x20 : bytes[i]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes in `range` as a String, ill-formed UTF-8 repaired as `String(decoding:as:)`
    /// does. Well-formed bytes (nearly always) are copied once, with no array in between.
    package static func string(_ l: Span<UInt8>, _ range: Range<Int>) -> String {
        let bytes = l.extracting(range)
        if let utf8 = try? UTF8Span(validating: bytes) { return String(copying: utf8) }
        var out: [UInt8] = []
        out.append(bytes: bytes)
        return String(decoding: out, as: UTF8.self)
    }

    private static func show(_ l: Span<UInt8>) -> String {
        "\"" + string(l, 0..<min(l.count, 40)) + (l.count > 40 ? "..." : "") + "\""
    }
}
