/// A syntax error in iCalendar text, with the 1-based line where it was found.
public struct ICalendarParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line the error is about.
    public var line: Int
    /// What is wrong there.
    public var message: String
    /// An error at `line`.
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
    /// The largest input accepted, in bytes.
    public var maxBytes: Int
    /// The longest unfolded content line accepted, in bytes.
    public var maxLineBytes: Int
    /// How deep components may nest (VCALENDAR > VEVENT > VALARM is 3).
    public var maxDepth: Int

    /// A reader with these limits: 256 MiB of input, 1 MiB lines and 8 levels by default.
    public init(maxBytes: Int = 256 << 20, maxLineBytes: Int = 1 << 20, maxDepth: Int = 8) {
        self.maxBytes = maxBytes
        self.maxLineBytes = maxLineBytes
        self.maxDepth = maxDepth
    }

    /// Parses a whole stream: the top-level components (normally one VCALENDAR).
    public func parse(_ bytes: [UInt8]) throws(ICalendarParseError) -> [Component] {
        var log = ReadingLog(strict: true)
        return try parse(bytes, log: &log)
    }

    /// Parses a whole stream leniently, as calendar clients do: a line that is not a content
    /// line, or a property outside any component, is skipped; an END that does not match its
    /// BEGIN (`END:VCALENDARD`) closes the component that is open; a component never closed is
    /// closed where the data ends. Each is appended to `diagnostics` with its line. The size and
    /// nesting limits, and a BEGIN without a name, still throw.
    ///
    /// - Parameters:
    ///   - bytes: the whole stream.
    ///   - diagnostics: where what was skipped or mended is appended.
    public func parse(_ bytes: [UInt8], diagnostics: inout [ICalendarDiagnostic]) throws(ICalendarParseError) -> [Component] {
        var log = ReadingLog(strict: false)
        defer { diagnostics += log.diagnostics.sorted { $0.line < $1.line } }
        return try parse(bytes, log: &log)
    }

    func parse(_ bytes: [UInt8], log: inout ReadingLog) throws(ICalendarParseError) -> [Component] {
        guard bytes.count <= maxBytes else {
            throw ICalendarParseError(line: 1, message: "the data is \(bytes.count) bytes; the limit is \(maxBytes)")
        }
        var top: [Component] = []
        var stack: [Component] = []
        var tokenizer = ContentLineTokenizer(maxLineBytes: maxLineBytes)
        tokenizer.skipsMalformedLines = !log.strict
        let maxDepth = maxDepth
        try tokenizer.tokenize(bytes) { (l, token) throws(ICalendarParseError) in
            let startLine = token.line
            let property: Property
            do throws(ICalendarParseError) { property = try Self.property(l, token) } catch {
                try log.problem(error, " (the line is skipped)")
                return
            }
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
                    try log.problem(
                        ICalendarParseError(line: startLine, message: "END:\(property.value) without a matching BEGIN"), " (the line is skipped)")
                    return
                }
                if open.name != property.value.uppercased() {
                    try log.problem(ICalendarParseError(
                        line: startLine, message: "END:\(property.value) does not match BEGIN:\(open.name) at line \(open.line)"),
                        " (read as END:\(open.name))")
                }
                if stack.isEmpty {
                    top.append(open)
                } else {
                    stack[stack.count - 1].components.append(open)
                }
            default:
                guard !stack.isEmpty else {
                    try log.problem(ICalendarParseError(
                        line: startLine, message: "property \(property.name) outside any component (expected BEGIN:VCALENDAR)"), " (the line is skipped)")
                    return
                }
                stack[stack.count - 1].properties.append(property)
            }
        }
        for e in tokenizer.skippedLines { try log.problem(e, " (the line is skipped)") }
        while let open = stack.popLast() {
            try log.problem(ICalendarParseError(
                line: tokenizer.lineNumber, message: "BEGIN:\(open.name) at line \(open.line) is never closed (missing END:\(open.name))"),
                " (closed there)")
            if stack.isEmpty { top.append(open) } else { stack[stack.count - 1].components.append(open) }
        }
        return top
    }

    /// The property of one content line the tokenizer has checked: `NAME;PARAM=a,"b:c";P2=x:value`.
    static func property(_ l: Span<UInt8>, _ token: ContentLineToken) throws(ICalendarParseError) -> Property {
        let name = ContentLineTokenizer.uppercaseString(l.extracting(0..<token.nameEnd))
        var parameters: [Parameter] = []
        if token.valueStart - 1 > token.nameEnd {
            _ = try ContentLineTokenizer.walkParameters(l, from: token.nameEnd, line: token.line) { value, pname, first in
                let v = ContentLineTokenizer.string(l, value)
                if first {
                    parameters.append(Parameter(name: ContentLineTokenizer.string(l, pname), values: [v]))
                } else {
                    parameters[parameters.count - 1].values.append(v)
                }
            }
        }
        var p = Property(
            uppercasedName: name, value: ContentLineTokenizer.string(l, token.valueStart..<l.count), parameters: parameters)
        p.line = token.line
        return p
    }
}
