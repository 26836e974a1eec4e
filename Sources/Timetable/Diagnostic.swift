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

/// A schedule that cannot be used, with every error found (and the warnings seen on the way).
package struct ScheduleError: Error, Sendable, CustomStringConvertible {
    package var diagnostics: [Diagnostic]
    package init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    package var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
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
