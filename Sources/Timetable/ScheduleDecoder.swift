import CivilTime
import Bytes
import JSON

/// Turns schedule.json bytes into a ``Schedule``, collecting every error and warning with its
/// file, line:column and JSON path. Unknown keys are errors (a typo must never silently drop a
/// closure), with a "did you mean" hint.
package struct ScheduleDecoder {
    package let file: String
    /// The parsed file: values are read from it in place, and located only when needed.
    private var doc: JSONDocument
    private var diagnostics: [Diagnostic] = []
    /// Errors kept in `diagnostics`, and those found after ``ScheduleLimits/keptErrors``, only counted.
    private var keptErrors = 0
    private var omittedErrors = 0
    private let zoneLoader: (String) throws(ZoneDataError) -> ZoneRules
    private var zones: [String: ZoneRules] = [:]
    /// The last identifier and the last text read in place, by their bytes: the exceptions of
    /// a class are usually listed together, and thousands share a reason such as "Closed", so
    /// most are the same string as the one before, already checked.
    private var lastIdentifier: (key: JSONDocument.ShortASCII, text: String)?
    private var lastText: (key: JSONDocument.ShortASCII, text: String)?
    /// The zones loaded so far whose names are short ASCII, by their bytes: a network of
    /// thousands of classes names a few zones over and over.
    private var loadedZoneNames: [(key: JSONDocument.ShortASCII, name: String)] = []

    private typealias Node = JSONDocument.Value

    private init(file: String, document: JSONDocument, zones: @escaping (String) throws(ZoneDataError) -> ZoneRules) {
        self.file = file
        self.doc = document
        self.zoneLoader = zones
    }

    /// Decodes and validates the shape of a schedule. Semantic checks that need the calendar
    /// (moves, exceptions naming classes) are ``ScheduleValidator``'s.
    ///
    /// - Parameter zones: loads a zone's rules by IANA name (the tz database); called once per name.
    package static func decode(
        _ bytes: [UInt8], file: String, zones: @escaping (String) throws(ZoneDataError) -> ZoneRules
    ) throws(ScheduleError) -> (Schedule, [Diagnostic]) {
        guard bytes.count <= ScheduleLimits.fileBytes else {
            throw ScheduleError([
                Diagnostic(
                    .error, file: file, location: nil, path: "",
                    message: "the file is \(bytes.count) bytes; the limit is \(ScheduleLimits.fileBytes) bytes",
                    hint: "is this really a schedule? split a studio network into one schedule per studio")
            ])
        }
        let document: JSONDocument
        do {
            document = try JSONDocument.parse(bytes, maxDepth: ScheduleLimits.nestingDepth)
        } catch {
            throw ScheduleError([
                Diagnostic(.error, file: file, location: error.location, path: "", message: error.message, hint: syntaxHint(bytes, at: error.location))
            ])
        }
        var d = ScheduleDecoder(file: file, document: document, zones: zones)
        var schedule = d.schedule(document.root)
        schedule?.zones = d.zones
        schedule?.sourceFile = file
        schedule?.source = document.sourceText
        if let schedule, d.keptErrors == 0 {
            return (schedule, d.diagnostics)
        }
        throw ScheduleError(d.diagnostics, omittedErrors: d.omittedErrors)
    }

    // MARK: - Diagnostics

    /// Whether errors are only counted from now on.
    private var errorsFull: Bool { keptErrors >= ScheduleLimits.keptErrors }

    private mutating func error(_ node: Node?, _ path: String, _ message: String, hint: String? = nil) {
        if errorsFull {
            omittedErrors += 1
            return
        }
        error(Diagnostic(.error, file: file, location: node.map { doc.location(of: $0) }, path: path, message: message, hint: hint))
    }

    private mutating func error(_ d: Diagnostic) {
        if errorsFull {
            omittedErrors += 1
        } else {
            keptErrors += 1
            diagnostics.append(d)
        }
    }

    private mutating func warning(_ node: Node?, _ path: String, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(.warning, file: file, location: node.map { doc.location(of: $0) }, path: path, message: message, hint: hint))
    }

    private static func quoted(_ s: String) -> String {
        var t = s.count > 60 ? String(s.prefix(57)) + "..." : s
        // Control and invisible characters are shown by their code, as the hints name them.
        t = t.unicodeScalars.map { isInvisible($0) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        return "\"" + t + "\""
    }

    private func found(_ node: Node) -> String {
        if let s = doc.string(node) { return "found " + Self.quoted(s) }
        if let n = doc.number(node) { return "found \(n)" }
        if let b = doc.bool(node) { return "found \(b)" }
        return "found \(doc.kind(node))"
    }

    // MARK: - Objects

    /// The members of an object, after reporting unknown keys. Nil (with an error) when not an object.
    private mutating func members<Key: ObjectKey>(
        _ node: Node, _ path: @autoclosure () -> String, keys: Key.Type, what: String
    ) -> Fields<Key>? {
        guard doc.isObject(node) else {
            error(node, path(), "expected \(what) (a JSON object { ... }), \(found(node))")
            return nil
        }
        let table = Key.table
        var out = Fields<Key>()
        // The usual case: every key is known and written plainly, and is found by comparing
        // machine words, no string made.
        out.knownCount = doc.matchMembers(of: node, names: table.keys, into: &out.values)
        if out.knownCount == doc.count(node) { return out }
        // Some key is unknown, or written with escapes, non-ASCII or long: look again in order.
        var next = doc.firstKey(node)
        while let key = next {
            next = doc.key(after: key, in: node)
            if let short = doc.shortASCII(key) {
                if table.keys.contains(short) { continue }  // matched above
            } else {
                // Escaped, non-ASCII or long: compared as Swift strings (canonical equivalence),
                // as keys always were: known when equal, found by lookups only when the UTF-8
                // lengths agree too.
                let text = doc.string(key) ?? ""
                if table.names.contains(text) {
                    out.knownCount += 1
                    if let slot = table.names.firstIndex(where: { $0.utf8.count == text.utf8.count && $0 == text }) {
                        out.set(slot, doc.value(of: key))
                    }
                    continue
                }
            }
            if errorsFull {  // counted without working out a hint, a path and a location
                omittedErrors += 1
                continue
            }
            let name = doc.string(key) ?? ""
            let hint = closestMatch(to: name, in: table.names).map { "did you mean \"\($0)\"?" }
                ?? "known keys here: " + table.names.map { "\"\($0)\"" }.joined(separator: ", ")
            error(key, join(path(), name), "unknown key \"\(name)\"", hint: hint)
        }
        return out
    }

    private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// An object's known members, by key. Held inline: a schedule has thousands of small
    /// objects, and finding their members needs no heap allocation and no string hashing.
    private struct Fields<Key: ObjectKey> {
        /// The ``JSONDocument/Value/slot`` of each key's value: 0 (none) for a key not written.
        fileprivate var values = InlineArray<24, UInt32>(repeating: 0)
        /// How many members have an allowed key.
        var knownCount = 0

        fileprivate mutating func set(_ slot: Int, _ value: Node) {
            // Keys are unique (the parser rejects duplicates), so each slot is set at most once.
            values[slot] = value.slot
        }

        subscript(key: Key) -> Node? { Node(slot: values[key.rawValue]) }
        var isEmpty: Bool { knownCount == 0 }
    }

    private mutating func require<Key: ObjectKey>(_ obj: Fields<Key>, _ key: Key, _ parent: Node, _ path: @autoclosure () -> String, _ what: String) -> Node? {
        guard let v = obj[key] else {
            error(parent, path(), "missing required key \"\(Key.table.names[key.rawValue])\" (\(what))")
            return nil
        }
        return v
    }

    // MARK: - Values

    private mutating func string(_ node: Node, _ path: @autoclosure () -> String, what: String) -> String? {
        guard let s = doc.string(node) else {
            error(node, path(), "expected \(what) as a string, \(found(node))")
            return nil
        }
        return s
    }

    /// Free text: non-empty, bounded, no control characters other than newline.
    private mutating func text(_ node: Node, _ path: @autoclosure () -> String, what: String) -> String? {
        let short = doc.shortASCII(node)
        if let short, let last = lastText, last.key == short { return last.text }
        if doc.withPlainASCII(node, Self.isPlainText) == true, let s = doc.string(node) {
            if let short { lastText = (short, s) }
            return s
        }
        guard let s = string(node, path(), what: what) else { return nil }
        switch Self.textProblem(s) {
        case nil: break
        case .empty:
            error(node, path(), "\(what) is empty", hint: "write some text, or remove the key")
            return nil
        case .tooLong(let count):
            error(node, path(), "\(what) is \(count) characters long; the limit is \(ScheduleLimits.textLength)")
            return nil
        case .control(let bad):
            error(node, path(), "\(what) contains the control character U+\(String.hex4(bad.value))",
                  hint: "remove it; only line breaks (\\n) are allowed in text")
            return nil
        }
        return s
    }

    /// What is wrong with free text: empty (only whitespace), longer than the limit, or holding
    /// a control character other than a line break.
    enum TextProblem: Equatable { case empty, tooLong(Int), control(Unicode.Scalar) }

    /// The general check of free text, for any string: nil when it is acceptable.
    static func textProblem(_ s: String) -> TextProblem? {
        // Text nearly always starts with a visible ASCII character, which settles it without a
        // Unicode property lookup (ASCII White_Space is only HT, LF, VT, FF, CR and space).
        let startsVisible = s.utf8.first.map { $0 > 0x20 && $0 < 0x7F } ?? false
        if !startsVisible, s.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { return .empty }
        if s.utf8.count > ScheduleLimits.textLength, s.count > ScheduleLimits.textLength { return .tooLong(s.count) }
        // C0 controls, DEL and C1 controls (U+0080-U+009F are C2 80-C2 9F in UTF-8) need a look.
        if s.withSpanOfUTF8({ mayHoldControl.anyStop(in: $0) }),
            let bad = s.unicodeScalars.first(where: { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
        {
            return .control(bad)
        }
        return nil
    }

    private static let mayHoldControl = ByteScanner(stoppingAt: [0x7F, 0xC2], below: 0x20)

    /// Most text is plain ASCII (no escapes) that starts with a visible character, is within
    /// the limit and has no DEL: that passes every check of ``textProblem(_:)``, settled in
    /// place. (A plain string holds no control characters: the parser rejects them.) A seeded
    /// property test holds it to the general check.
    static func isPlainText(_ u: Span<UInt8>) -> Bool {
        u.count <= ScheduleLimits.textLength && u.count > 0 && u[0] > 0x20 && u[0] < 0x7F && !delete.anyStop(in: u)
    }

    private static let delete = ByteScanner(stoppingAt: [0x7F])

    private mutating func identifier(
        _ node: Node, _ path: @autoclosure () -> String, what: String, hint: String = "ids become file names and UIDs, e.g. \"hips-monday\""
    ) -> String? {
        let short = doc.shortASCII(node)
        if let short, let last = lastIdentifier, last.key == short { return last.text }
        // Checked in place when written plainly in ASCII (the usual case), else as a string.
        let ok: Bool
        if let inPlace = doc.withPlainASCII(node, Self.isIdentifier) {
            ok = inPlace
        } else {
            guard let s = string(node, path(), what: what) else { return nil }
            ok = Self.isIdentifier(s.utf8)
        }
        guard ok, let s = doc.string(node) else {
            error(node, path(), "expected \(what) made of lowercase letters, digits and '-' (at most \(ScheduleLimits.idLength), not starting with '-'), \(found(node))",
                  hint: hint)
            return nil
        }
        if let short { lastIdentifier = (short, s) }
        return s
    }

    /// Exactly "YYYY-MM-DD" naming a day of the calendar, as `LocalDate(iso:)` reads it, and
    /// its year (as `LocalDate.year` would work it out again). A seeded property test holds it
    /// to `LocalDate(iso:)`.
    static func isoDate(_ u: Span<UInt8>) -> (LocalDate, year: Int)? {
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        // Straight-line arithmetic, checked once at the end: a byte that is not a digit wraps
        // round to more than 9.
        var notDigits = false
        func digit(_ k: Int) -> Int {
            let v = u[k] &- UInt8(ascii: "0")
            if v > 9 { notDigits = true }
            return Int(v)
        }
        let y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
        let m = digit(5) * 10 + digit(6)
        let d = digit(8) * 10 + digit(9)
        guard !notDigits, let date = LocalDate(year: y, month: m, day: d) else { return nil }
        return (date, y)
    }

    /// Exactly "HH:MM" naming a time of day, as `LocalTime(hhmm:)` reads it (a seeded property
    /// test holds it to that).
    static func hhmm(_ u: Span<UInt8>) -> LocalTime? {
        guard u.count == 5, u[2] == UInt8(ascii: ":") else { return nil }
        func digit(_ k: Int) -> Int? { u[k] >= UInt8(ascii: "0") && u[k] <= UInt8(ascii: "9") ? Int(u[k] - UInt8(ascii: "0")) : nil }
        guard let h1 = digit(0), let h2 = digit(1), let m1 = digit(3), let m2 = digit(4) else { return nil }
        return LocalTime(hour: h1 * 10 + h2, minute: m1 * 10 + m2)
    }

    /// The weekdays' names packed, in `Weekday.allCases` order.
    private static let weekdayNames = Weekday.allCases.map { JSONDocument.ShortASCII($0.name) }

    /// The weekday a plainly written name is, found by comparing packed bytes (nil when it is
    /// none: `Weekday(name:)` then has the last word).
    private static func weekday(_ name: JSONDocument.ShortASCII?) -> Weekday? {
        guard let name, let k = weekdayNames.firstIndex(where: { $0 == name }) else { return nil }
        return Weekday.allCases[k]
    }

    /// True when `id` is a valid calendar or class id (what `<calendar id>-<class id>.ics` names).
    package static func isValidID(_ id: String) -> Bool { isIdentifier(id.utf8) }

    /// ``isIdentifier(_:)-(some Collection<UInt8>)`` of bytes in place.
    private static func isIdentifier(_ u: Span<UInt8>) -> Bool {
        guard u.count > 0, u.count <= ScheduleLimits.idLength, u[0] != UInt8(ascii: "-") else { return false }
        for k in u.indices {
            let c = u[k]
            guard (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D else { return false }
        }
        return true
    }

    /// Lowercase letters, digits and '-', not starting with '-', within the length limit.
    private static func isIdentifier(_ utf8: some Collection<UInt8>) -> Bool {
        !utf8.isEmpty && utf8.count <= ScheduleLimits.idLength
            && utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            && utf8.first != UInt8(ascii: "-")  // the same as `s.first != "-"` for these bytes
    }

    private mutating func date(_ node: Node, _ path: @autoclosure () -> String) -> LocalDate? {
        // A well-formed date written plainly is read in place: the bytes are what
        // `LocalDate(iso:)` reads (exactly "YYYY-MM-DD"), without making a string first.
        // Anything else takes the general path below, which explains what is wrong.
        if let (d, year) = doc.withPlainASCII(node, Self.isoDate) ?? nil, LocalDate.supportedYears.contains(year) { return d }
        guard let s = string(node, path(), what: "a date") else { return nil }
        guard let d = LocalDate(iso: s) else {
            let shaped = s.utf8.count == 10 && s.utf8.enumerated().allSatisfy { i, c in
                i == 4 || i == 7 ? c == UInt8(ascii: "-") : (c >= 48 && c <= 57)
            }
            if shaped {
                error(node, path(), "\(Self.quoted(s)) is not a date in the calendar (check the month and the day)")
            } else {
                error(node, path(), "expected a date \"YYYY-MM-DD\" such as \"2026-12-24\", \(found(node))", hint: ValueHint.date(s))
            }
            return nil
        }
        guard LocalDate.supportedYears.contains(d.year) else {
            error(node, path(), "the year \(d.year) is outside the supported years \(LocalDate.supportedYears.lowerBound)-\(LocalDate.supportedYears.upperBound)")
            return nil
        }
        return d
    }

    private mutating func time(_ node: Node, _ path: @autoclosure () -> String) -> LocalTime? {
        // A well-formed time written plainly is read in place, as `LocalTime(hhmm:)` reads it
        // (exactly "HH:MM"); anything else takes the general path, which explains what is wrong.
        if let t = doc.withPlainASCII(node, Self.hhmm) ?? nil { return t }
        guard let s = string(node, path(), what: "a time") else { return nil }
        guard let t = LocalTime(hhmm: s) else {
            error(node, path(), "expected a 24-hour time \"HH:MM\" such as \"17:15\", \(found(node))", hint: ValueHint.time(s))
            return nil
        }
        return t
    }

    private mutating func url(_ node: Node, _ path: @autoclosure () -> String) -> String? {
        if doc.withPlainASCII(node, { Self.isPlainText($0) && Self.isPlainURL($0) }) == true, let s = doc.string(node),
            s.withSpanOfUTF8(Self.authorityProblem) == nil
        {
            return s
        }
        guard let s = text(node, path(), what: "a URL") else { return nil }
        guard Self.hasURLShape(s) else {
            error(node, path(), "expected an http:// or https:// URL without spaces, \(found(node))")
            return nil
        }
        // Invisible in an editor and in a calendar app, and a broken or look-alike link.
        if let bad = s.unicodeScalars.first(where: Self.isInvisible) {
            let name = bad.properties.name.map { " (\($0.lowercased()))" } ?? ""
            error(node, path(), "the URL contains the invisible character U+\(String.hex4(bad.value))\(name), \(found(node))",
                  hint: "retype the address; a space in a web address is written %20")
            return nil
        }
        switch s.withSpanOfUTF8(Self.authorityProblem) {
        case nil: break
        case .noHost:
            error(node, path(), "expected a URL with a host name after \"//\", \(found(node))", hint: "e.g. \"https://circl.example/book\"")
            return nil
        case .badPort(let port):
            error(node, path(), "the port \(Self.quoted(port)) is not a port number from 1 to 65535, \(found(node))",
                  hint: "leave the port out for the usual one: \"https://circl.example/book\"")
            return nil
        }
        return s
    }

    /// "http://" or "https://" in any case, and none of ` `, `"`, `<`, `>` or a line break.
    static func hasURLShape(_ s: String) -> Bool {
        let lower = s.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://"))
            && !s.unicodeScalars.contains(where: { $0 == " " || $0 == "\n" || $0 == "\"" || $0 == "<" || $0 == ">" })
    }

    /// Space, line and paragraph separators (Zs other than the space refused before, Zl, Zp),
    /// format characters (Cf: U+200B, U+FEFF, U+00AD, bidirectional marks) and controls (Cc).
    static func isInvisible(_ u: Unicode.Scalar) -> Bool {
        if u.isASCII { return u.value < 0x20 || u.value == 0x7F }
        switch u.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .format, .control: return true
        default: return false
        }
    }

    enum AuthorityProblem: Equatable { case noHost, badPort(String) }

    /// What is wrong with the authority of an http(s) URL (RFC 3986 §3.2): the part after
    /// "//" up to the first "/", "?" or "#", which needs a host, and whose port, when one is
    /// written, is 1 to 65535 ("an empty port ... should be omitted", so it is allowed).
    static func authorityProblem(_ bytes: Span<UInt8>) -> AuthorityProblem? {
        func first(_ byte: UInt8, in range: Range<Int>) -> Int? { range.first { bytes[$0] == byte } }
        guard let colon = first(UInt8(ascii: ":"), in: 0..<bytes.count), colon + 3 <= bytes.count else { return .noHost }
        // The authority: after "//", up to the first "/", "?" or "#"; the host after any "@".
        var start = colon + 3
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?"), bytes[end] != UInt8(ascii: "#") { end += 1 }
        if let at = (start..<end).last(where: { bytes[$0] == UInt8(ascii: "@") }) { start = at + 1 }
        let hostEnd: Int
        if start < end, bytes[start] == UInt8(ascii: "[") {
            // An IP literal: "[" address "]".
            guard let close = first(UInt8(ascii: "]"), in: start..<end), close > start + 1 else { return .noHost }
            hostEnd = close + 1
        } else {
            hostEnd = first(UInt8(ascii: ":"), in: start..<end) ?? end
            if hostEnd == start { return .noHost }
        }
        guard hostEnd < end else { return nil }
        let port = hostEnd + 1..<end
        let digits = port.allSatisfy { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }
        guard bytes[hostEnd] == UInt8(ascii: ":"), port.count <= 5, digits,
              port.isEmpty || (1...65535).contains(port.reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) })
        else {
            let shown = bytes[hostEnd] == UInt8(ascii: ":") ? port : hostEnd..<end
            return .badPort(String(decoding: shown.map { bytes[$0] }, as: UTF8.self))
        }
        return nil
    }

    /// The checks of ``url(_:_:)`` for plain ASCII text, in place: "http://" or "https://" in
    /// any case and none of ` `, `"`, `<`, `>` or a line break (plain text has no other
    /// invisible character). The authority is then checked as for any URL. A seeded property
    /// test holds it to the general check.
    static func isPlainURL(_ u: Span<UInt8>) -> Bool {
        func hasPrefix(_ prefix: String) -> Bool {
            // OR-ing 0x20 lowercases an ASCII letter and maps nothing else onto one.
            guard u.count >= prefix.utf8.count else { return false }
            var k = 0
            for p in prefix.utf8 {
                if (p >= UInt8(ascii: "a") && p <= UInt8(ascii: "z") ? u[k] | 0x20 : u[k]) != p { return false }
                k += 1
            }
            return true
        }
        return (hasPrefix("https://") || hasPrefix("http://")) && !notInURL.anyStop(in: u)
    }

    /// Bytes a URL may not hold: space, line feed, `"`, `<` and `>`.
    private static let notInURL = ByteScanner(stoppingAt: [0x20, 0x0A, 0x22, 0x3C, 0x3E])

    /// The http(s) URL of a folder (`calendar.publicURL`): no query or fragment, not a file;
    /// returned ending in "/" so file names can be appended.
    private mutating func folderURL(_ node: Node, _ path: String) -> String? {
        guard let s = url(node, path) else { return nil }
        let host = s.drop { $0 != ":" }.dropFirst(3).prefix { $0 != "/" }
        if host.isEmpty || host.contains("@") {
            error(node, path, "expected the web address of the folder the feeds are served from, with a host name, \(found(node))",
                  hint: "e.g. \"https://circl.example/feeds/\"")
            return nil
        }
        if s.contains("?") || s.contains("#") {
            error(node, path, "the folder's address cannot have a query (?) or a fragment (#), \(found(node))",
                  hint: "feed file names are appended to it, e.g. \"https://circl.example/feeds/\" + \"circl.ics\"")
            return nil
        }
        let lower = s.lowercased()
        if lower.hasSuffix(".ics") || lower.hasSuffix(".html") || lower.hasSuffix(".htm") {
            let folder = String(s[...(s.lastIndex(of: "/") ?? s.startIndex)])
            error(node, path, "expected the folder the feeds are served from, not a file, \(found(node))",
                  hint: "did you mean \"\(folder)\"?")
            return nil
        }
        return s.hasSuffix("/") ? s : s + "/"
    }

    /// One of an enum's raw values.
    private mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ path: @autoclosure () -> String, _ type: T.Type) -> T?
    where T.RawValue == String {
        let options = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
        guard let s = doc.string(node), let v = T(rawValue: s) else {
            var hint: String?
            if let s = doc.string(node) {
                hint = closestMatch(to: s, in: T.allCases.map(\.rawValue)).map { "did you mean \"\($0)\"?" }
            }
            error(node, path(), "expected \(options), \(found(node))", hint: hint)
            return nil
        }
        return v
    }

    private mutating func zoneName(_ node: Node, _ path: @autoclosure () -> String) -> String? {
        let short = doc.shortASCII(node)
        if let short, let known = loadedZoneNames.first(where: { $0.key == short }) { return known.name }
        guard let s = string(node, path(), what: "a time zone") else { return nil }
        // A zone already loaded was checked then: most classes name one of a few zones. (Asking
        // for the key, not the value: `zones[s]` would copy the zone's rules to compare them with nil.)
        if zones.index(forKey: s) != nil { return s }
        guard TimeZoneDatabase.isWellFormedName(s) else {
            error(node, path(), "expected an IANA time zone name such as \"Europe/London\", \(found(node))")
            return nil
        }
        if zones[s] == nil {
            do {
                zones[s] = try zoneLoader(s)
            } catch {
                self.error(node, path(), error.description,
                           hint: error.hint ?? "use an IANA name such as \"Europe/London\" or \"America/New_York\"")
                return nil
            }
        }
        if let short { loadedZoneNames.append((short, s)) }
        return s
    }

    // MARK: - Language and phrases

    /// `calendar.language`: one of the supported BCP 47 tags, in any case ("pt-br" is "pt-BR").
    private mutating func language(_ node: Node, _ path: String) -> Language? {
        let supported = Language.allCases.map { "\"\($0.tag)\"" }.joined(separator: ", ")
        guard let s = doc.string(node) else {
            error(node, path, "expected a language tag, one of \(supported), \(found(node))")
            return nil
        }
        if let l = Language(tag: s) { return l }
        // "pt" or "fr-CA": a language ClassFeed writes in another region's way.
        let base = s.split(separator: "-").first.map { String($0).lowercased() } ?? ""
        let sameLanguage = Language.allCases.first { $0.tag.split(separator: "-").first.map(String.init)?.lowercased() == base }
        let hint = sameLanguage.map { "did you mean \"\($0.tag)\"?" }
            ?? closestMatch(to: s, in: Language.allCases.map(\.tag)).map { "did you mean \"\($0)\"?" }
            ?? "the supported languages are \(supported)"
        error(node, path, "unsupported language \(Self.quoted(s)); the supported ones are \(supported)", hint: hint)
        return nil
    }

    /// The node of `calendar.bookingLabel`, when written.
    private func bookingLabelNode(_ calendar: Node) -> Node? {
        guard doc.isObject(calendar) else { return nil }
        var next = doc.firstKey(calendar)
        while let key = next {
            if doc.string(key) == "bookingLabel" { return doc.value(of: key) }
            next = doc.key(after: key, in: calendar)
        }
        return nil
    }

    /// `strings`: { "phrase key": "the studio's own wording" }. An unknown key is an error with
    /// "did you mean"; a phrase may hold only its key's placeholders.
    private mutating func phraseOverrides(_ node: Node) -> [PhraseKey: String] {
        guard doc.isObject(node) else {
            error(node, "strings", "expected the studio's own phrases (a JSON object such as { \"bookingLabel\": \"Reserve a mat\" }), \(found(node))")
            return [:]
        }
        var out: [PhraseKey: String] = [:]
        let names = PhraseKey.allCases.map(\.rawValue)
        var next = doc.firstKey(node)
        while let keyNode = next {
            next = doc.key(after: keyNode, in: node)
            let name = doc.string(keyNode) ?? ""
            let path = "strings." + name
            guard let key = PhraseKey(rawValue: name) else {
                if errorsFull {  // counted without working out a hint (a file of unknown keys)
                    omittedErrors += 1
                    continue
                }
                let hint = closestMatch(to: name, in: names).map { "did you mean \"\($0)\"?" }
                    ?? "the phrase keys are listed in docs/PHRASES.md"
                error(keyNode, path, "unknown phrase key \"\(name)\"", hint: hint)
                continue
            }
            let valueNode = doc.value(of: keyNode)
            guard let text = text(valueNode, path, what: "the phrase") else { continue }
            if let problem = Self.placeholderProblem(text, allowed: key.placeholders) {
                error(valueNode, path, problem.message, hint: problem.hint)
                continue
            }
            out[key] = text
        }
        return out
    }

    /// What is wrong with the placeholders of a phrase: an unmatched brace, or a placeholder
    /// its key does not fill in. Nil when every `{name}` is one of `allowed`.
    package static func placeholderProblem(_ text: String, allowed: [String]) -> (message: String, hint: String)? {
        let list = allowed.isEmpty ? "this phrase has no placeholders" : "its placeholders are " + allowed.map { "{\($0)}" }.joined(separator: ", ")
        var rest = text[...]
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{", let close = rest[rest.index(after: open)...].firstIndex(where: { $0 == "}" || $0 == "{" }), rest[close] == "}" else {
                return ("unmatched \"\(rest[open])\" in the phrase", list + "; braces are only for placeholders")
            }
            let name = String(rest[rest.index(after: open)..<close])
            if !allowed.contains(name) {
                let near = closestMatch(to: name, in: allowed).map { "did you mean {\($0)}? " } ?? ""
                return ("unknown placeholder {\(name)} in the phrase", near + list)
            }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }

    // MARK: - The schedule

    private mutating func schedule(_ root: Node) -> Schedule? {
        guard let top = members(root, "", keys: ScheduleKey.self, what: "the schedule") else { return nil }
        guard let calNode = require(top, .calendar, root, "", "the calendar's id, name, timezone and uidDomain") else {
            _ = require(top, .classes, root, "", "the list of classes")
            return nil
        }
        let calendar = calendarInfo(calNode)
        var classes: [ClassDefinition] = []
        if let list = require(top, .classes, root, "", "the list of classes") {
            if doc.isArray(list) {
                let items = doc.elements(list)
                if items.count > ScheduleLimits.classes {
                    error(list, "classes", "\(items.count) classes; the limit is \(ScheduleLimits.classes)")
                } else {
                    classes.reserveCapacity(items.count)
                    for (i, item) in items.enumerated() {
                        if let c = classDefinition(item, index: i) { classes.append(c) }
                    }
                }
            } else {
                error(list, "classes", "expected an array of classes [ ... ], \(found(list))")
            }
        }
        var exceptions: [ScheduleException] = []
        if let list = top[.exceptions] {
            if doc.isArray(list) {
                let items = doc.elements(list)
                if items.count > ScheduleLimits.exceptions {
                    error(list, "exceptions", "\(items.count) exceptions; the limit is \(ScheduleLimits.exceptions)")
                } else {
                    exceptions.reserveCapacity(items.count)
                    for (i, item) in items.enumerated() {
                        if let e = exception(item, index: i) { exceptions.append(e) }
                    }
                }
            } else {
                error(list, "exceptions", "expected an array of exceptions [ ... ], \(found(list))")
            }
        }
        var holidayCalendars: [HolidayCalendarReference] = []
        if let list = top[.holidayCalendars] {
            let (refs, found) = HolidayCalendarReference.decode(doc.node(list), file: file)
            holidayCalendars = refs
            for d in found {
                if d.severity == .error { error(d) } else { diagnostics.append(d) }
            }
        }
        var feeds: [FeedDefinition] = []
        if let list = top[.feeds] {
            if !doc.isArray(list) {
                error(list, "feeds", "expected an array of feeds [ ... ], \(found(list))")
            } else if doc.count(list) > ScheduleLimits.feeds {
                error(list, "feeds", "\(doc.count(list)) feeds; the limit is \(ScheduleLimits.feeds)")
            } else {
                for (i, item) in doc.elements(list).enumerated() {
                    if let f = feed(item, index: i) { feeds.append(f) }
                }
            }
        }
        let strings = top[.strings].map { phraseOverrides($0) } ?? [:]
        if strings[.bookingLabel] != nil, let labelNode = bookingLabelNode(calNode) {
            error(labelNode, "calendar.bookingLabel", "the booking label is set twice: here and in strings.bookingLabel",
                  hint: "keep one of them")
        }
        guard let calendar else { return nil }
        // `calendar.location` is the location of every class that gives none: resolved here
        // once, so that events, feed filters, `upcoming --location` and "a change that changes
        // nothing" all see the same location.
        if let location = calendar.location {
            for i in classes.indices where classes[i].location == nil { classes[i].location = location }
        }
        var schedule = Schedule(calendar: calendar, classes: classes, exceptions: exceptions)
        schedule.holidayCalendars = holidayCalendars
        schedule.feeds = feeds
        schedule.strings = strings
        return schedule
    }

    private mutating func calendarInfo(_ node: Node) -> CalendarInfo? {
        let path = "calendar"
        guard let m = members(
            node, path,
            keys: CalendarKey.self, what: "the calendar")
        else { return nil }
        let id = require(m, .id, node, path, "the feed's file name, e.g. \"circl\"").flatMap { identifier($0, "calendar.id", what: "an id") }
        let name = require(m, .name, node, path, "the calendar's display name").flatMap { text($0, "calendar.name", what: "the calendar name") }
        let zone = require(m, .timezone, node, path, "an IANA time zone such as \"Europe/London\"").flatMap { zoneName($0, "calendar.timezone") }
        var domain: String?
        if let n = require(m, .uidDomain, node, path, "a domain you control, e.g. \"circl.example\"") {
            if let s = string(n, "calendar.uidDomain", what: "a domain") {
                let ok = !s.isEmpty && s.utf8.count <= 253 && s.first != "." && s.first != "-"
                    && s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E }
                if ok { domain = s } else {
                    error(n, "calendar.uidDomain", "expected a domain name such as \"circl.example\", \(found(n))")
                }
            }
        }
        let description = m[.description].flatMap { text($0, "calendar.description", what: "the description") }
        let url = m[.url].flatMap { self.url($0, "calendar.url") }
        let location = m[.location].flatMap { text($0, "calendar.location", what: "the location") }
        let label = m[.bookingLabel].flatMap { text($0, "calendar.bookingLabel", what: "the booking label") }
        let style = m[.style].flatMap { choice($0, "calendar.style", FeedStyle.self) }
        let cancellations = m[.cancellations].flatMap { choice($0, "calendar.cancellations", CancellationPolicy.self) }
        let publicURL = m[.publicURL].flatMap { folderURL($0, "calendar.publicURL") }
        let bookingURL = m[.bookingURL].flatMap { bookingTemplate($0, "calendar.bookingURL") }
        let brandColor = m[.brandColor].flatMap { self.brandColor($0, "calendar.brandColor") }
        let logo = m[.logo].flatMap { self.logo($0, "calendar.logo") }
        let language = m[.language].flatMap { self.language($0, "calendar.language") }
        guard let id, let name, let zone, let domain else { return nil }
        var info = CalendarInfo(
            id: id, name: name, timeZone: zone, uidDomain: domain, description: description, url: url,
            location: location, bookingLabel: label)
        info.style = style ?? .occurrences
        info.cancellations = cancellations ?? .remove
        info.publicURL = publicURL
        info.bookingURL = bookingURL
        info.brandColor = brandColor
        info.logo = logo
        info.language = language ?? .english
        return info
    }

    /// `calendar.brandColor`: a CSS hex colour, "#2a6f97" or "#27a".
    private mutating func brandColor(_ node: Node, _ path: String) -> BrandColor? {
        guard let s = string(node, path, what: "a colour such as \"#2a6f97\"") else { return nil }
        if let c = BrandColor(css: s) { return c }
        let trimmed = String(s.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        var hint = "write the colour as # and six hex digits, e.g. \"#2a6f97\" (colour pickers call it the hex value)"
        if let c = BrandColor(css: trimmed) {
            hint = "did you mean \"\(c.css)\"?"
        } else if BrandColor(css: "#" + trimmed) != nil {
            hint = "did you mean \"#\(trimmed)\"? A hex colour starts with #"
        } else if trimmed.hasPrefix("#") {
            hint = "after # come 3 or 6 hex digits (0-9, a-f), e.g. \"#2a6f97\""
        }
        error(node, path, "expected a CSS hex colour such as \"#2a6f97\", \(found(node))", hint: hint)
        return nil
    }

    /// `calendar.logo`: an image file relative to the schedule's folder, or an https:// address.
    private mutating func logo(_ node: Node, _ path: String) -> PageLogo? {
        guard let s = string(node, path, what: "an image file such as \"logo.png\" or an https:// address") else { return nil }
        let lower = s.lowercased()
        if lower.hasPrefix("http://") {
            error(node, path, "the logo cannot be an http:// address: a browser blocks it on an https page, and anyone on the way can change it, \(found(node))",
                  hint: "use its https:// address, or save the image next to the schedule and write its file name, e.g. \"logo.png\"")
            return nil
        }
        if lower.hasPrefix("https://") {
            guard let url = url(node, path) else { return nil }
            let authority = url.dropFirst("https://".count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            // The origin goes into the page's Content-Security-Policy: a host name and a port,
            // nothing that could end or extend the policy.
            let ok = !authority.isEmpty && authority.utf8.allSatisfy {
                ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E || $0 == 0x3A
            }
            guard ok, authority.first != "." && authority.first != "-" && authority.first != ":" else {
                error(node, path, "expected an https:// address with a plain host name (letters, digits, '-' and '.'), \(found(node))",
                      hint: "e.g. \"https://circl.example/logo.png\"")
                return nil
            }
            return .remote(url: url, origin: "https://" + authority.lowercased())
        }
        if let colon = s.firstIndex(of: ":"), !s[..<colon].contains("/"), s.distance(from: s.startIndex, to: colon) > 1 {
            error(node, path, "expected an image file next to the schedule or an https:// address, \(found(node))",
                  hint: "e.g. \"logo.png\" or \"https://circl.example/logo.png\"")
            return nil
        }
        let components = s.split(separator: "/", omittingEmptySubsequences: false)
        let name = components.last.map(String.init) ?? ""
        if s.isEmpty || s.hasSuffix("/") {
            error(node, path, "expected the path of an image file, \(found(node))", hint: "e.g. \"logo.png\"")
        } else if s.hasPrefix("/") || s.hasPrefix("~") {
            error(node, path, "\(Self.quoted(s)) is an absolute path; the logo is named relative to the schedule's folder",
                  hint: "copy the image next to the schedule and write \"\(name)\"")
        } else if components.contains("..") {
            error(node, path, "\(Self.quoted(s)) leaves the schedule's folder ('..'); the logo must be inside it",
                  hint: "copy the image next to the schedule and write \"\(name)\"")
        } else if s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            error(node, path, "the path contains a control character, \(found(node))")
        } else if let dot = name.lastIndex(of: "."), let type = PageLogo.LogoType(fileExtension: String(name[name.index(after: dot)...])) {
            return .file(path: s, type: type, location: doc.location(of: node))
        } else {
            error(node, path, "the logo must be \(PageLogo.extensionsWords), \(found(node))",
                  hint: "save it as PNG or SVG (most image editors can), e.g. \"logo.png\"")
        }
        return nil
    }

    private mutating func classDefinition(_ node: Node, index: Int) -> ClassDefinition? {
        var path: String { "classes[\(index)]" }  // only for messages
        guard let m = members(
            node, path,
            keys: ClassKey.self, what: "a class")
        else { return nil }
        let id = require(m, .id, node, path, "a unique id such as \"hips-monday\"").flatMap { identifier($0, path + ".id", what: "an id") }
        let title = require(m, .title, node, path, "the class name members see").flatMap { text($0, path + ".title", what: "the title") }
        let start = require(m, .start, node, path, "the 24-hour start time, e.g. \"17:15\"").flatMap { time($0, path + ".start") }
        var duration: Int?
        if let n = require(m, .durationMinutes, node, path, "the length in minutes, 1 to 1440") {
            if let raw = doc.number(n), let v = Int(raw), (1...1440).contains(v) {
                duration = v
            } else {
                error(n, path + ".durationMinutes", "expected a whole number of minutes from 1 to 1440, \(found(n))")
            }
        }
        var pattern: ClassPattern?
        switch (m[.days], m[.dates]) {
        case (nil, nil) where m[.monthly] != nil:
            pattern = monthly(m[.monthly]!, path + ".monthly")
        case (nil, nil):
            error(node, path, "a class needs \"days\" (weekly), \"monthly\" or \"dates\" (one-off), and has none of them",
                  hint: "add \"days\": [\"monday\"], \"monthly\": [\"first saturday\"] or \"dates\": [\"2026-12-19\"]")
        case (.some, .some):
            error(m[.dates], path + ".dates", "a class has either \"days\" (weekly) or \"dates\" (one-off), not both",
                  hint: "split it into two classes with different ids")
        case (let daysNode?, nil):
            if doc.isArray(daysNode) {
                let items = doc.elements(daysNode)
                if items.isEmpty {
                    error(daysNode, path + ".days", "\"days\" is empty; list at least one weekday",
                          hint: "to stop a class, set \"until\" to its last date")
                }
                var days: [Weekday] = []
                days.reserveCapacity(items.count)
                var ok = !items.isEmpty
                for (i, item) in items.enumerated() {
                    func p() -> String { "\(path).days[\(i)]" }  // only for messages
                    guard let d = Self.weekday(doc.shortASCII(item)) ?? doc.string(item).flatMap(Weekday.init(name:)) else {
                        var hint: String?
                        if let s = doc.string(item) {
                            hint = closestMatch(to: s, in: Weekday.allCases.map(\.name)).map { "did you mean \"\($0)\"?" }
                        }
                        error(item, p(), "expected a weekday \"monday\" ... \"sunday\" (lowercase), \(found(item))", hint: hint)
                        ok = false
                        continue
                    }
                    if days.contains(d) {
                        warning(item, p(), "\"\(doc.string(item) ?? "")\" is listed twice", hint: "remove the duplicate")
                    } else {
                        days.append(d)
                    }
                }
                if ok {
                    days.sort()
                    pattern = .weekly(days)
                }
            } else {
                error(daysNode, path + ".days", "expected an array of weekdays such as [\"monday\"], \(found(daysNode))")
            }
        case (nil, let datesNode?):
            if doc.isArray(datesNode) {
                let items = doc.elements(datesNode)
                if items.isEmpty { error(datesNode, path + ".dates", "\"dates\" is empty; list at least one date") }
                if items.count > ScheduleLimits.datesPerClass {
                    error(datesNode, path + ".dates", "\(items.count) dates; the limit is \(ScheduleLimits.datesPerClass)")
                }
                var dates: [LocalDate] = []
                var ok = !items.isEmpty && items.count <= ScheduleLimits.datesPerClass
                for (i, item) in items.enumerated() where ok || i < 50 {
                    guard let d = date(item, "\(path).dates[\(i)]") else { ok = false; continue }
                    if dates.contains(d) {
                        warning(item, "\(path).dates[\(i)]", "\(d) is listed twice", hint: "remove the duplicate")
                    } else {
                        dates.append(d)
                    }
                }
                if ok { pattern = .dates(dates.sorted()) }
            } else {
                error(datesNode, path + ".dates", "expected an array of dates such as [\"2026-12-19\"], \(found(datesNode))")
            }
        }
        if let monthlyNode = m[.monthly], m[.days] != nil || m[.dates] != nil {
            error(monthlyNode, path + ".monthly", "a class has one of \"days\", \"monthly\" and \"dates\", not two",
                  hint: "split it into two classes with different ids")
            pattern = nil
        }
        let from = m[.from].flatMap { date($0, path + ".from") }
        let until = m[.until].flatMap { date($0, path + ".until") }
        if let everyNode = m[.every] {
            if let raw = doc.number(everyNode), let n = Int(raw), (1...ScheduleLimits.everyWeeks).contains(n) {
                if m[.days] == nil {
                    error(everyNode, path + ".every", "\"every\" counts weeks between runs of a class on \"days\"; this class has no \"days\"",
                          hint: m[.monthly] != nil ? "a monthly class runs every month; leave \"every\" out"
                              : m[.dates] != nil ? "a one-off class runs on its \"dates\"; leave \"every\" out" : "add \"days\": [\"wednesday\"]")
                    pattern = nil
                } else if n > 1, case .weekly(let days)? = pattern {
                    if let from {
                        pattern = .everyNWeeks(days: days, interval: n, anchor: ClassPattern.anchor(from: from, days: days))
                    } else {
                        error(node, path, "a class every \(n) weeks needs \"from\": the date it first runs, from which the weeks are counted",
                              hint: "add \"from\": \"YYYY-MM-DD\", a date of a week the class runs")
                        pattern = nil
                    }
                }
            } else {
                error(everyNode, path + ".every", "expected a whole number of weeks from 1 to \(ScheduleLimits.everyWeeks), \(found(everyNode))",
                      hint: "2 is every other week; leave \"every\" out for every week")
                pattern = nil
            }
        }
        if let from, let until, until < from {
            error(m[.until], path + ".until", "\"until\" (\(until)) is before \"from\" (\(from))",
                  hint: "\"until\" is the last date the class runs, inclusive")
        }
        let description = m[.description].flatMap { text($0, path + ".description", what: "the description") }
        let location = m[.location].flatMap { text($0, path + ".location", what: "the location") }
        let instructor = m[.instructor].flatMap { text($0, path + ".instructor", what: "the instructor") }
        let url = m[.url].flatMap { self.url($0, path + ".url") }
        let zone = m[.timezone].flatMap { zoneName($0, path + ".timezone") }
        var ignoreHolidays = false
        if let n = m[.ignoreHolidays] {
            if let b = doc.bool(n) { ignoreHolidays = b } else {
                error(n, path + ".ignoreHolidays", "expected true or false, \(found(n))")
            }
        }
        let tags = m[.tags].map { tagList($0, path + ".tags") } ?? []
        let bookingURL = m[.bookingURL].flatMap { bookingTemplate($0, path + ".bookingURL", classID: id ?? "hips-monday") }
        guard let id, let title, let start, let duration, let pattern else { return nil }
        // Made whole in one initialiser: setting fields afterwards copied the class (a retain and
        // release of each of its strings), for each of a network's thousands.
        return ClassDefinition(
            id: id, title: title, pattern: pattern, start: start, durationMinutes: duration, from: from, until: until,
            description: description, location: location, instructor: instructor, url: url, timeZone: zone,
            entry: EntryPosition(index: index, offset: doc.offset(of: node)), ignoreHolidays: ignoreHolidays, tags: tags,
            bookingURL: bookingURL)
    }

    /// `monthly`: ["first saturday", "last friday"].
    private mutating func monthly(_ node: Node, _ path: String) -> ClassPattern? {
        guard doc.isArray(node) else {
            error(node, path, "expected an array such as [\"first saturday\"], \(found(node))")
            return nil
        }
        let items = doc.elements(node)
        if items.isEmpty {
            error(node, path, "\"monthly\" is empty; list at least one day such as \"first saturday\"")
            return nil
        }
        var days: [MonthlyDay] = []
        var ok = true
        for (i, item) in items.enumerated() where i < 40 {
            let p = "\(path)[\(i)]"
            guard let s = doc.string(item) else {
                error(item, p, "expected a day of the month such as \"first saturday\", \(found(item))")
                ok = false
                continue
            }
            if let d = MonthlyDay(name: s) {
                if days.contains(d) { warning(item, p, "\"\(s)\" is listed twice", hint: "remove the duplicate") } else { days.append(d) }
                continue
            }
            ok = false
            if let lower = MonthlyDay(name: s.lowercased()) {
                error(item, p, "expected a day of the month in lowercase, \(found(item))", hint: "write \"\(lower.name)\"")
                continue
            }
            let words = s.lowercased().split(separator: " ").map(String.init)
            let ordinals = MonthlyDay.ordinalNames.map(\.name)
            let weekdays = Weekday.allCases.map(\.name)
            var hint = "write an ordinal (first, second, third, fourth, fifth or last) and a lowercase weekday, e.g. \"second tuesday\""
            if words.count == 2 {
                if !ordinals.contains(words[0]) {
                    hint = closestMatch(to: words[0], in: ordinals).map { "did you mean \"\($0) \(words[1])\"?" }
                        ?? "the ordinal is one of first, second, third, fourth, fifth and last"
                    error(item, p, "unknown ordinal \"\(words[0])\" in \"\(s)\"", hint: hint)
                    continue
                }
                if !weekdays.contains(words[1]) {
                    hint = closestMatch(to: words[1], in: weekdays).map { "did you mean \"\(words[0]) \($0)\"?" } ?? hint
                }
            }
            error(item, p, "expected a day of the month such as \"first saturday\" or \"last friday\", \(found(item))", hint: hint)
        }
        if items.count > 40 {
            error(node, path, "\(items.count) days a month; at most 40")
            return nil
        }
        return ok ? .monthly(days.sorted()) : nil
    }

    /// `tags`: ["beginner", "mobility"], each made like an id.
    private mutating func tagList(_ node: Node, _ path: String) -> [String] {
        guard doc.isArray(node) else {
            error(node, path, "expected an array of tags such as [\"beginner\", \"mobility\"], \(found(node))")
            return []
        }
        let items = doc.elements(node)
        if items.count > ScheduleLimits.tagsPerClass {
            error(node, path, "\(items.count) tags; the limit is \(ScheduleLimits.tagsPerClass)")
            return []
        }
        var tags: [String] = []
        for (i, item) in items.enumerated() {
            guard let t = identifier(item, "\(path)[\(i)]", what: "a tag", hint: "tags are short words such as \"beginner\"; feeds filter on them") else { continue }
            if tags.contains(t) { warning(item, "\(path)[\(i)]", "\"\(t)\" is listed twice", hint: "remove the duplicate") } else { tags.append(t) }
        }
        return tags
    }

    /// A booking link that may hold `{date}`, `{time}` and `{class}`: every placeholder known,
    /// and a valid link once they are filled in.
    private mutating func bookingTemplate(_ node: Node, _ path: String, classID: String = "hips-monday") -> BookingURLTemplate? {
        guard let s = text(node, path, what: "a URL") else { return nil }
        var rest = s[...]
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else {
                error(node, path, "unmatched \"\(rest[open])\" in the booking link, \(found(node))",
                      hint: "placeholders are {date}, {time} and {class}; write a literal brace as %7B or %7D")
                return nil
            }
            let name = String(rest[open...close])
            guard BookingURLTemplate.placeholders.contains(name) else {
                let near = closestMatch(to: name, in: BookingURLTemplate.placeholders).map { "did you mean \($0)? " } ?? ""
                error(node, path, "unknown placeholder \(name) in the booking link",
                      hint: near + "the placeholders are {date} (YYYY-MM-DD), {time} (HH:MM) and {class} (the class id)")
                return nil
            }
            rest = rest[rest.index(after: close)...]
        }
        let template = BookingURLTemplate(s)
        let sample = template.filled(date: LocalDate(year: 2026, month: 12, day: 7)!, time: LocalTime(hour: 17, minute: 15)!, classID: classID)
        let problem: String?
        if !Self.hasURLShape(sample) {
            problem = "an http:// or https:// URL without spaces"
        } else if sample.unicodeScalars.contains(where: Self.isInvisible) {
            problem = "a URL without invisible characters"
        } else if sample.withSpanOfUTF8(Self.authorityProblem) != nil {
            problem = "a URL with a host name (and a port from 1 to 65535, if any)"
        } else {
            problem = nil
        }
        if let problem {
            error(node, path, "expected \(problem) once its placeholders are filled in (e.g. \(Self.quoted(sample))), \(found(node))",
                  hint: "e.g. \"https://circl.example/book?class={class}&date={date}\"")
            return nil
        }
        return template
    }

    /// One entry of `feeds`.
    private mutating func feed(_ node: Node, index: Int) -> FeedDefinition? {
        let path = "feeds[\(index)]"
        guard let m = members(node, path, keys: FeedKey.self, what: "a feed") else { return nil }
        let id = require(m, .id, node, path, "part of its file name, e.g. \"priya\" for circl-priya.ics").flatMap { identifier($0, path + ".id", what: "an id") }
        let name = require(m, .name, node, path, "the calendar's name in members' apps").flatMap { text($0, path + ".name", what: "the name") }
        let instructor = m[.instructor].flatMap { text($0, path + ".instructor", what: "the instructor") }
        let location = m[.location].flatMap { text($0, path + ".location", what: "the location") }
        let tag = m[.tag].flatMap { identifier($0, path + ".tag", what: "a tag", hint: "tags are short words such as \"beginner\", as the classes' \"tags\" say") }
        var classes: [String]?
        if let list = m[.classes] {
            if doc.isArray(list), doc.count(list) > 0 {
                var ids: [String] = []
                for (i, item) in doc.elements(list).enumerated() {
                    if let c = identifier(item, "\(path).classes[\(i)]", what: "a class id"), !ids.contains(c) { ids.append(c) }
                }
                classes = ids
            } else {
                error(list, path + ".classes", "expected a non-empty array of class ids such as [\"hips-monday\"], \(found(list))")
            }
        }
        if m[.instructor] == nil && m[.location] == nil && m[.tag] == nil && m[.classes] == nil {
            error(node, path, "a feed needs a filter: \"instructor\", \"location\", \"tag\" or \"classes\"",
                  hint: "e.g. { \"id\": \"priya\", \"name\": \"Classes with Priya\", \"instructor\": \"Priya\" }")
            return nil
        }
        guard let id, let name else { return nil }
        return FeedDefinition(
            id: id, name: name, instructor: instructor, location: location, tag: tag, classes: classes, index: index,
            entry: EntryPosition(index: index, offset: doc.offset(of: node)))
    }

    private mutating func exception(_ node: Node, index: Int) -> ScheduleException? {
        var path: String { "exceptions[\(index)]" }  // only for messages
        guard let m = members(node, path, keys: ExceptionKey.self, what: "an exception")
        else { return nil }
        let classID = m[.`class`].flatMap { identifier($0, path + ".class", what: "a class id") }
        let reason = m[.reason].flatMap { text($0, path + ".reason", what: "the reason") }
        var kind: ScheduleException.Kind?
        var changes: OccurrenceChange?
        if let changeNode = m[.change] {
            changes = change(changeNode, path + ".change", reason: reason)
            if m[.`class`] == nil {
                error(node, path, "a change applies to one class: add \"class\", the id of the class that changes")
            }
        }
        if let moveNode = m[.moveTo] {
            let date = m[.date].flatMap { self.date($0, path + ".date") }
            if m[.date] == nil {
                error(node, path, "a move needs \"date\": the date of the occurrence that moves")
            }
            if m[.from] != nil || m[.to] != nil {
                error(m[.from] ?? m[.to], path, "a move applies to one occurrence: use \"date\", not \"from\"/\"to\"")
            }
            if m[.`class`] == nil {
                error(node, path, "a move needs \"class\": the id of the class that moves")
            }
            if let mv = members(moveNode, path + ".moveTo", keys: MoveKey.self, what: "the new date and/or start") {
                if mv.isEmpty {
                    error(moveNode, path + ".moveTo", "\"moveTo\" is empty; give a new \"date\", a new \"start\", or both")
                }
                let toDate = mv[.date].flatMap { self.date($0, path + ".moveTo.date") }
                let toStart = mv[.start].flatMap { time($0, path + ".moveTo.start") }
                if let date, !mv.isEmpty, (mv[.date] == nil || toDate != nil), (mv[.start] == nil || toStart != nil) {
                    kind = .move(date: date, toDate: toDate, toStart: toStart)
                }
            }
        } else {
            let isChange = m[.change] != nil
            var what: String { isChange ? "changed" : "closed" }  // for messages only
            switch (m[.date], m[.from], m[.to]) {
            case (let d?, nil, nil):
                if let day = date(d, path + ".date") { kind = isChange ? .change(from: day, to: day) : .cancel(from: day, to: day) }
            case (nil, let f?, let t?):
                let from = date(f, path + ".from")
                let to = date(t, path + ".to")
                if let from, let to {
                    if to < from {
                        error(t, path + ".to", "\"to\" (\(to)) is before \"from\" (\(from))", hint: "the range is inclusive: \"from\" is the first \(what) day")
                    } else if to.dayNumber - from.dayNumber > ScheduleLimits.windowDays {
                        error(t, path + ".to", "the range is longer than \(ScheduleLimits.windowDays) days")
                    } else {
                        kind = isChange ? .change(from: from, to: to) : .cancel(from: from, to: to)
                    }
                }
            case (nil, .some, nil):
                error(node, path, "missing required key \"to\" (the last \(what) date of the range, inclusive)")
            case (nil, nil, .some):
                error(node, path, "missing required key \"from\" (the first \(what) date of the range)")
            case (nil, nil, nil):
                error(node, path, "an exception needs \"date\" (one day) or \"from\" and \"to\" (a range)")
            default:
                error(m[.from], path, "use either \"date\" (one day) or \"from\"/\"to\" (a range), not both")
            }
        }
        guard let kind, m[.change] == nil || (changes != nil && classID != nil) else { return nil }
        return ScheduleException(
            kind: kind, classID: classID, reason: reason, changes: changes, entry: EntryPosition(index: index, offset: doc.offset(of: node)))
    }

    /// `change`: { "instructor": "Sam", "location": "Studio 2", "title": ..., "note": ..., "durationMinutes": 45 }.
    private mutating func change(_ node: Node, _ path: String, reason: String?) -> OccurrenceChange? {
        guard let m = members(node, path, keys: ChangeKey.self, what: "what changes") else { return nil }
        if m.isEmpty && doc.count(node) == 0 {
            error(node, path, "\"change\" is empty; give a new \"instructor\", \"location\", \"title\", \"note\" or \"durationMinutes\"",
                  hint: "e.g. \"change\": { \"instructor\": \"Sam\" }")
            return nil
        }
        let instructor = m[.instructor].flatMap { text($0, path + ".instructor", what: "the instructor") }
        let location = m[.location].flatMap { text($0, path + ".location", what: "the location") }
        let title = m[.title].flatMap { text($0, path + ".title", what: "the title") }
        let note = m[.note].flatMap { text($0, path + ".note", what: "the note") }
        var duration: Int?
        if let n = m[.durationMinutes] {
            if let raw = doc.number(n), let v = Int(raw), (1...1440).contains(v) { duration = v } else {
                error(n, path + ".durationMinutes", "expected a whole number of minutes from 1 to 1440, \(found(n))")
                return nil
            }
        }
        guard (m[.instructor] == nil || instructor != nil) && (m[.location] == nil || location != nil) && (m[.title] == nil || title != nil)
            && (m[.note] == nil || note != nil)
        else { return nil }
        return OccurrenceChange(
            instructor: instructor, location: location, title: title, note: note, durationMinutes: duration, reason: reason)
    }
}

// MARK: - Keys

/// The keys one kind of object may have: the enum's cases, in the order hints list them.
/// Members are found by the case's position rather than by hashing strings.
private protocol ObjectKey: CaseIterable, RawRepresentable<Int> {
    static var table: KeyTable { get }
}

/// The names of an ``ObjectKey``'s cases, and the same packed for comparing keys in place.
private struct KeyTable {
    let names: [String]
    let keys: [JSONDocument.ShortASCII]

    /// `names` are the cases' names, in order (`class` is written with backquotes in Swift
    /// only). Spelt out rather than found by reflection, which costs more than decoding a small
    /// schedule; debug builds check them against the cases.
    init<Key: ObjectKey>(_: Key.Type, _ names: String...) {
        self.names = names
        precondition(names.count == Key.allCases.count && names.count <= 24, "one name for each key, at most 24 (what Fields holds)")
        assert(names == Key.allCases.map { String(describing: $0) }, "names out of step with the cases")
        keys = names.map { name in
            guard let key = JSONDocument.ShortASCII(name) else { preconditionFailure("\(name) is not short ASCII") }
            return key
        }
    }
}

private enum ScheduleKey: Int, ObjectKey {
    case calendar, classes, exceptions, holidayCalendars, feeds, strings
    static let table = KeyTable(
        Self.self, "calendar", "classes", "exceptions", "holidayCalendars", "feeds", "strings")
}

private enum FeedKey: Int, ObjectKey {
    case id, name, instructor, location, tag, classes
    static let table = KeyTable(
        Self.self, "id", "name", "instructor", "location", "tag", "classes")
}

private enum ChangeKey: Int, ObjectKey {
    case instructor, location, title, note, durationMinutes
    static let table = KeyTable(
        Self.self, "instructor", "location", "title", "note", "durationMinutes")
}

private enum CalendarKey: Int, ObjectKey {
    case id, name, timezone, uidDomain, description, url, location, bookingLabel, style, cancellations, publicURL, bookingURL,
        brandColor, logo, language
    static let table = KeyTable(
        Self.self, "id", "name", "timezone", "uidDomain", "description", "url", "location", "bookingLabel", "style", "cancellations",
        "publicURL", "bookingURL", "brandColor", "logo", "language")
}

private enum ClassKey: Int, ObjectKey {
    case id, title, days, dates, start, durationMinutes, from, until, description, location, instructor, url, timezone,
        ignoreHolidays, every, monthly, tags, bookingURL
    static let table = KeyTable(
        Self.self, "id", "title", "days", "dates", "start", "durationMinutes", "from", "until", "description", "location",
        "instructor", "url", "timezone", "ignoreHolidays", "every", "monthly", "tags", "bookingURL")
}

private enum ExceptionKey: Int, ObjectKey {
    case date, from, to, `class`, reason, moveTo, change
    static let table = KeyTable(
        Self.self, "date", "from", "to", "class", "reason", "moveTo", "change")
}

private enum MoveKey: Int, ObjectKey {
    case date, start
    static let table = KeyTable(
        Self.self, "date", "start")
}

extension String {
    fileprivate static func hex4(_ value: UInt32) -> String {
        let h = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: Swift.max(0, 4 - h.count)) + h
    }
}
