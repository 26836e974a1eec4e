/// A position in a source file, 1-based; the column counts Unicode scalars.
package struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    package var line: Int
    package var column: Int
    package var description: String { "\(line):\(column)" }
}

/// A parsed JSON value that remembers where it was written, so that every schedule error can
/// name its line and column. Object members keep their order and their key's location.
package struct JSONNode: Sendable {
    package enum Value: Sendable {
        case object([Member])
        case array([JSONNode])
        case string(String)
        /// The number exactly as written.
        case number(String)
        case bool(Bool)
        case null
    }

    package struct Member: Sendable {
        package var key: String
        package var keyLocation: SourceLocation
        package var value: JSONNode
    }

    package var value: Value
    package var location: SourceLocation

    /// What kind of value this is, in words ("a string", "an object").
    package var kind: String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

/// A JSON syntax error with its position.
package struct JSONSyntaxError: Error, Sendable {
    package var location: SourceLocation
    package var message: String
}

/// A strict RFC 8259 parser over UTF-8 bytes that records locations, rejects duplicate keys, and
/// bounds nesting depth so hostile input cannot exhaust the stack.
package struct JSONParser {
    private let b: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    /// The last column computed, and where: columns are counted forward from it, so finding
    /// locations stays linear even when the whole file is on one line.
    private var columnCache = (index: 0, column: 1)
    private let maxDepth: Int

    package static func parse(_ bytes: [UInt8], maxDepth: Int = 32) throws(JSONSyntaxError) -> JSONNode {
        var p = JSONParser(b: bytes, maxDepth: maxDepth)
        if p.b.starts(with: [0xEF, 0xBB, 0xBF]) {  // tolerate a UTF-8 byte order mark
            p.i = 3
            p.lineStart = 3
        }
        p.skipWhitespace()
        guard p.i < p.b.count else { throw p.error("the file is empty; expected a JSON object") }
        let v = try p.value(depth: 0)
        p.skipWhitespace()
        guard p.i >= p.b.count else { throw p.error("unexpected \(p.describeHere()) after the end of the JSON value") }
        return v
    }

    private init(b: [UInt8], maxDepth: Int) {
        self.b = b
        self.maxDepth = maxDepth
    }

    private var location: SourceLocation { mutating get { location(of: i) } }

    private mutating func location(of index: Int) -> SourceLocation {
        var col = 1
        var k = lineStart
        if columnCache.index >= lineStart && columnCache.index <= index {
            k = columnCache.index
            col = columnCache.column
        }
        while k < index && k < b.count {
            if (b[k] & 0xC0) != 0x80 { col += 1 }
            k += 1
        }
        columnCache = (index, col)
        return SourceLocation(line: line, column: col)
    }

    private mutating func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(location: location, message: message)
    }

    private func describeHere() -> String {
        guard i < b.count else { return "end of file" }
        let c = b[i]
        if c >= 0x21 && c < 0x7F { return "'\(Character(UnicodeScalar(c)))'" }
        return "byte 0x" + (c < 16 ? "0" : "") + String(c, radix: 16, uppercase: true)
    }

    private mutating func skipWhitespace() {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A:
                i += 1
                line += 1
                lineStart = i
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        let loc = location
        guard i < b.count else { throw error("unexpected end of file; expected a value") }
        switch b[i] {
        case UInt8(ascii: "{"): return JSONNode(value: .object(try object(depth: depth)), location: loc)
        case UInt8(ascii: "["): return JSONNode(value: .array(try array(depth: depth)), location: loc)
        case UInt8(ascii: "\""): return JSONNode(value: .string(try string()), location: loc)
        case UInt8(ascii: "t"): try literal("true"); return JSONNode(value: .bool(true), location: loc)
        case UInt8(ascii: "f"): try literal("false"); return JSONNode(value: .bool(false), location: loc)
        case UInt8(ascii: "n"): try literal("null"); return JSONNode(value: .null, location: loc)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(value: .number(try number()), location: loc)
        default:
            if b[i] == UInt8(ascii: "'") { throw error("strings must use double quotes (\"), not single quotes") }
            throw error("unexpected \(describeHere()); expected a value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func literal(_ word: String) throws(JSONSyntaxError) {
        let w = Array(word.utf8)
        guard i + w.count <= b.count, Array(b[i..<(i + w.count)]) == w else {
            throw error("unexpected \(describeHere()); expected a value")
        }
        i += w.count
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> [JSONNode.Member] {
        i += 1
        var members: [JSONNode.Member] = []
        // Most objects in a schedule (exceptions) have three or four keys: one allocation, and
        // little room left unused in the parsed tree.
        members.reserveCapacity(4)
        var seen: [String: SourceLocation] = [:]
        skipWhitespace()
        if i < b.count && b[i] == UInt8(ascii: "}") {
            i += 1
            return members
        }
        while true {
            skipWhitespace()
            guard i < b.count else { throw error("unexpected end of file inside an object; expected '}'") }
            guard b[i] == UInt8(ascii: "\"") else {
                if b[i] == UInt8(ascii: "}") { throw error("trailing comma before '}' is not allowed in JSON") }
                if b[i] == UInt8(ascii: "'") { throw error("keys must use double quotes (\"), not single quotes") }
                throw error("unexpected \(describeHere()); expected a key in double quotes")
            }
            let keyLoc = location
            let key = try string()
            // Objects in a schedule have a handful of keys: a linear scan is cheapest, and a
            // table takes over for large (hostile) objects so the check stays linear overall.
            var first: SourceLocation?
            if members.count < 32 {
                first = members.first { $0.key == key }?.keyLocation
            } else {
                if seen.isEmpty { for m in members { seen[m.key] = m.keyLocation } }
                first = seen[key]
                seen[key] = seen[key] ?? keyLoc
            }
            if let first {
                throw JSONSyntaxError(
                    location: keyLoc, message: "duplicate key \"\(key)\" (first at line \(first.line)); keep only one")
            }
            skipWhitespace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else {
                throw error("unexpected \(describeHere()); expected ':' after the key \"\(key)\"")
            }
            i += 1
            skipWhitespace()
            let v = try value(depth: depth + 1)
            members.append(JSONNode.Member(key: key, keyLocation: keyLoc, value: v))
            skipWhitespace()
            guard i < b.count else { throw error("unexpected end of file inside an object; expected ',' or '}'") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "}") {
                i += 1
                return members
            }
            throw error("unexpected \(describeHere()); expected ',' or '}' (is a comma missing?)")
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> [JSONNode] {
        i += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if i < b.count && b[i] == UInt8(ascii: "]") {
            i += 1
            return items
        }
        while true {
            skipWhitespace()
            if i < b.count && b[i] == UInt8(ascii: "]") { throw error("trailing comma before ']' is not allowed in JSON") }
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            guard i < b.count else { throw error("unexpected end of file inside an array; expected ',' or ']'") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "]") {
                i += 1
                return items
            }
            throw error("unexpected \(describeHere()); expected ',' or ']' (is a comma missing?)")
        }
    }

    private mutating func number() throws(JSONSyntaxError) -> String {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.i
            while p.i < p.b.count && p.b[p.i] >= 0x30 && p.b[p.i] <= 0x39 { p.i += 1 }
            return p.i - s
        }
        let intStart = i
        guard digits(&self) > 0 else { throw error("invalid number: expected a digit") }
        if b[intStart] == UInt8(ascii: "0") && i - intStart > 1 {
            throw JSONSyntaxError(location: location(of: start), message: "invalid number: leading zeros are not allowed")
        }
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits(&self) > 0 else { throw error("invalid number: expected a digit after '.'") }
        }
        if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            guard digits(&self) > 0 else { throw error("invalid number: expected a digit in the exponent") }
        }
        guard i - start <= 40 else { throw JSONSyntaxError(location: location(of: start), message: "number too long") }
        return String(decoding: b[start..<i], as: UTF8.self)
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= b.count else { throw error("invalid \\u escape: expected four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("invalid \\u escape: expected four hex digits")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        i += 1
        // Fast path: no escapes and no control characters before the closing quote.
        var j = i
        var highBits: UInt8 = 0  // any byte >= 0x80 sets the top bit: non-ASCII, validated below
        b.withUnsafeBufferPointer { buf in  // the hottest loop of parsing: no bounds checks
            while j < buf.count {
                let c = buf[j]
                if c == 0x22 || c == 0x5C || c < 0x20 { break }
                highBits |= c
                j += 1
            }
        }
        if j < b.count, b[j] == 0x22 {
            let start = i
            i = j + 1
            if highBits < 0x80 {
                return String(decoding: b[start..<j], as: UTF8.self)  // ASCII: valid as it is
            }
            guard let s = String(validating: b[start..<j], as: UTF8.self) else {
                throw error("the text is not valid UTF-8; save the file as UTF-8")
            }
            return s
        }
        var out: [UInt8] = []
        while true {
            guard i < b.count else { throw error("unterminated string: expected a closing '\"'") }
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                guard let s = String(validating: out, as: UTF8.self) else {
                    throw error("the text is not valid UTF-8; save the file as UTF-8")
                }
                return s
            case UInt8(ascii: "\\"):
                i += 1
                guard i < b.count else { throw error("unterminated string") }
                let e = b[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard i + 6 <= b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                            throw error("invalid \\u escape: a high surrogate must be followed by a low surrogate")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw error("invalid \\u escape: expected a low surrogate")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error("invalid \\u escape: unpaired low surrogate")
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    i -= 1
                    throw error("invalid escape '\\\(Character(UnicodeScalar(e)))' in a string; write a backslash as \\\\")
                }
            case 0x00..<0x20:
                if c == 0x0A {
                    throw error("line break inside a string: is its closing quote (\") missing? (a line break in text is written \\n)")
                }
                throw error("control character inside a string; escape it")
            default:
                out.append(c)
                i += 1
            }
        }
    }
}
