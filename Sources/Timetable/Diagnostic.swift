import JSON

/// One problem found in a schedule: where it is (file, line:column, JSON path), what is wrong,
/// and what to do about it. Rendered compiler-style so editors can jump to it:
///
///     schedule.json:12:14: error: classes[1].start: expected a 24-hour time "HH:MM" such as "17:15", found "7pm"
///       hint: ...
package struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    package enum Severity: String, Sendable { case error, warning }

    package var severity: Severity
    package var file: String
    package var location: SourceLocation?
    /// JSON path such as `classes[1].start`; empty for syntax errors.
    package var path: String
    package var message: String
    package var hint: String?

    package init(
        _ severity: Severity, file: String, location: SourceLocation?, path: String, message: String,
        hint: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.location = location
        self.path = path
        self.message = message
        self.hint = hint
    }

    package var description: String {
        var s = file
        if let location { s += ":\(location.line):\(location.column)" }
        s += ": \(severity.rawValue): "
        if !path.isEmpty { s += path + ": " }
        s += message
        if let hint { s += "\n  hint: " + hint }
        return s
    }
}

extension Diagnostic {
    /// How many diagnostics people are shown at once (`classfeed` prints a count of the rest):
    /// a typo is fixed from the first few, and a cron mail of thousands helps nobody.
    package static let shownLimit = 20

    /// Diagnostics as they are shown to people: errors before warnings (each in the order
    /// found), at most `limit` of them, a hint only the first time it is given, then one line
    /// counting the rest, `omittedErrors` (never collected) included.
    package static func report(_ diagnostics: [Diagnostic], omittedErrors: Int = 0, limit: Int = shownLimit) -> [String] {
        let ordered = diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity != .error }
        var lines: [String] = []
        var hints: Set<String> = []
        for var d in ordered.prefix(limit) {
            if let hint = d.hint, !hints.insert(hint).inserted { d.hint = nil }
            lines.append(d.description)
        }
        let rest = ordered.dropFirst(limit)
        let errors = rest.filter { $0.severity == .error }.count + omittedErrors
        let warnings = rest.count - (errors - omittedErrors)
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        switch (errors, warnings) {
        case (0, 0): break
        case (_, 0): lines.append("... and \(count(errors, "more error"))")
        case (0, _): lines.append("... and \(count(warnings, "more warning"))")
        default: lines.append("... and \(errors + warnings) more (\(count(errors, "error")), \(count(warnings, "warning")))")
        }
        return lines
    }
}

/// A schedule that cannot be used, with the errors found (and the warnings seen on the way).
/// A file with very many errors keeps only the first of them; `omittedErrors` counts the rest.
package struct ScheduleError: Error, Sendable, CustomStringConvertible {
    package var diagnostics: [Diagnostic]
    /// Errors found but not kept (see ``ScheduleLimits/keptErrors``).
    package var omittedErrors: Int
    package init(_ diagnostics: [Diagnostic]) { self.init(diagnostics, omittedErrors: 0) }
    package init(_ diagnostics: [Diagnostic], omittedErrors: Int) {
        self.diagnostics = diagnostics
        self.omittedErrors = omittedErrors
    }
    package var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    /// Every error found, kept or not.
    package var errorCount: Int { errors.count + omittedErrors }
    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// The closest candidate to a misspelt word, when it is close enough to be a useful hint.
package func closestMatch(to word: String, in candidates: [String]) -> String? {
    let w = Array(word.lowercased().unicodeScalars)
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(w, Array(c.lowercased().unicodeScalars))
        if best == nil || d < best!.1 { best = (c, d) }
    }
    guard let (match, distance) = best else { return nil }
    let allowed = max(1, min(3, match.count / 3))
    if distance <= allowed { return match }
    // A prefix ("mon" for "monday", "desc" for "description") is a useful hint too.
    if w.count >= 3, let p = candidates.first(where: { $0.lowercased().hasPrefix(word.lowercased()) }) { return p }
    return nil
}

/// Optimal-string-alignment distance between two words, compared as Unicode scalars.
package func editDistance(_ a: String, _ b: String) -> Int {
    editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent
/// transpositions ("strat" -> "start") each cost one.
private func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
}
