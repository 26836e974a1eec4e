/// A syntax error in iCalendar text, with the 1-based line where it was found.
public struct ICalendarParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
    public var description: String { "line \(line): \(message)" }
}

/// Reads iCalendar text (RFC 5545 §3.1) into components: unfolds continuation lines, splits
/// name, parameters (quoted values included) and value, and nests BEGIN/END. Values are kept
/// as written (``Property/textValue`` unescapes TEXT). Every error names its line.
///
/// It accepts bare LF line ends as well as CRLF (many files on disk have them), and is bounded:
/// input size, line length and nesting depth are limited so hostile input cannot exhaust memory.
public struct ICalendarReader: Sendable {
    public var maxBytes: Int
    public var maxLineBytes: Int
    public var maxDepth: Int

    public init(maxBytes: Int = 256 << 20, maxLineBytes: Int = 1 << 20, maxDepth: Int = 8) {
        self.maxBytes = maxBytes
        self.maxLineBytes = maxLineBytes
        self.maxDepth = maxDepth
    }

    /// Parses a whole stream: the top-level components (normally one VCALENDAR).
    public func parse(_ bytes: [UInt8]) throws(ICalendarParseError) -> [Component] {
        guard bytes.count <= maxBytes else {
            throw ICalendarParseError(line: 1, message: "the data is \(bytes.count) bytes; the limit is \(maxBytes)")
        }
        var top: [Component] = []
        var stack: [Component] = []
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lineNumber = 0
        var logical: [UInt8] = []
        logical.reserveCapacity(256)
        let n = bytes.count
        while i < n {
            // Gather one logical line: a physical line plus its continuations.
            lineNumber += 1
            let startLine = lineNumber
            logical.removeAll(keepingCapacity: true)
            while true {
                var j = i
                while j < n && bytes[j] != 0x0A { j += 1 }
                var end = j
                if end > i && bytes[end - 1] == 0x0D { end -= 1 }
                logical.append(contentsOf: bytes[i..<end])
                guard logical.count <= maxLineBytes else {
                    throw ICalendarParseError(line: startLine, message: "a content line is longer than \(maxLineBytes) bytes")
                }
                i = j < n ? j + 1 : n
                if i < n && (bytes[i] == 0x20 || bytes[i] == 0x09) {
                    i += 1  // continuation: drop the CRLF and exactly one leading white space
                    lineNumber += 1
                    continue
                }
                break
            }
            if logical.isEmpty { continue }  // tolerate blank lines
            let property = try parseLine(logical, line: startLine)
            switch property.name {
            case "BEGIN":
                guard !property.value.isEmpty else { throw ICalendarParseError(line: startLine, message: "BEGIN without a component name") }
                guard stack.count < maxDepth else {
                    throw ICalendarParseError(line: startLine, message: "components nested deeper than \(maxDepth) levels")
                }
                var c = Component(property.value)
                c.line = startLine
                stack.append(c)
            case "END":
                guard let open = stack.popLast() else {
                    throw ICalendarParseError(line: startLine, message: "END:\(property.value) without a matching BEGIN")
                }
                guard open.name == property.value.uppercased() else {
                    throw ICalendarParseError(
                        line: startLine, message: "END:\(property.value) does not match BEGIN:\(open.name) at line \(open.line)")
                }
                if stack.isEmpty {
                    top.append(open)
                } else {
                    stack[stack.count - 1].components.append(open)
                }
            default:
                guard !stack.isEmpty else {
                    throw ICalendarParseError(line: startLine, message: "property \(property.name) outside any component (expected BEGIN:VCALENDAR)")
                }
                stack[stack.count - 1].properties.append(property)
            }
        }
        if let open = stack.last {
            throw ICalendarParseError(line: lineNumber, message: "BEGIN:\(open.name) at line \(open.line) is never closed (missing END:\(open.name))")
        }
        return top
    }

    /// Splits `NAME;PARAM=a,"b:c";P2=x:value`.
    private func parseLine(_ l: [UInt8], line: Int) throws(ICalendarParseError) -> Property {
        var k = 0
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D
        }
        while k < l.count && isNameByte(l[k]) { k += 1 }
        guard k > 0 else {
            throw ICalendarParseError(line: line, message: "expected a property name at the start of the line, found \(Self.show(l))")
        }
        let name = Self.uppercaseString(l[0..<k])
        var parameters: [Parameter] = []
        while k < l.count && l[k] == 0x3B {  // ';'
            k += 1
            let ps = k
            while k < l.count && isNameByte(l[k]) { k += 1 }
            guard k > ps, k < l.count, l[k] == 0x3D else {
                throw ICalendarParseError(line: line, message: "malformed parameter in \(name): expected NAME=value")
            }
            let pname = String(decoding: l[ps..<k], as: UTF8.self)
            k += 1
            var values: [String] = []
            while true {
                if k < l.count && l[k] == 0x22 {  // quoted
                    k += 1
                    let vs = k
                    while k < l.count && l[k] != 0x22 { k += 1 }
                    guard k < l.count else {
                        throw ICalendarParseError(line: line, message: "unterminated quoted value in parameter \(pname) of \(name)")
                    }
                    values.append(String(decoding: l[vs..<k], as: UTF8.self))
                    k += 1
                } else {
                    let vs = k
                    while k < l.count && l[k] != 0x3B && l[k] != 0x3A && l[k] != 0x2C { k += 1 }
                    values.append(String(decoding: l[vs..<k], as: UTF8.self))
                }
                if k < l.count && l[k] == 0x2C {
                    k += 1
                    continue
                }
                break
            }
            parameters.append(Parameter(name: pname, values: values))
        }
        guard k < l.count, l[k] == 0x3A else {
            throw ICalendarParseError(line: line, message: "expected ':' after the name and parameters of \(name)")
        }
        var p = Property(uppercasedName: name, value: String(decoding: l[(k + 1)...], as: UTF8.self), parameters: parameters)
        p.line = line
        return p
    }

    /// ASCII name bytes as an uppercase String. Names are almost always uppercase already, and
    /// `String.uppercased()` (Unicode case mapping, a new string) was a large part of reading.
    private static func uppercaseString(_ bytes: ArraySlice<UInt8>) -> String {
        if !bytes.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    private static func show(_ l: [UInt8]) -> String {
        let s = String(decoding: l.prefix(40), as: UTF8.self)
        return "\"" + s + (l.count > 40 ? "..." : "") + "\""
    }
}
