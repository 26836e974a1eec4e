import CivilTime

/// The lines of an effects report ("Thu 24 Dec 2026: Hip Mobility & Stretch 19:00 cancelled"),
/// collected in bounded memory however many occurrences an edit touches: a twenty-year closure
/// of a network cancels millions, and building every line to print sixty took gigabytes.
///
/// Lines arrive in any order with a key; only the first by key are kept (``CappedLines``: a
/// line that cannot make the cut is never built), the rest are counted, and each kind of change
/// is tallied for the summary ("cancels 2,087,142 occurrences of 2,000 classes from ... to ..."). A short
/// report reads exactly as before; a long one is the summary, the first lines, and a count.
package struct EffectsReport {
    /// Where a line sorts: by day, then the class's usual start, then schedule order.
    package struct Key: Comparable {
        package var date: LocalDate
        package var start: LocalTime
        package var index: Int
        package static func < (a: Key, b: Key) -> Bool { (a.date, a.start, a.index) < (b.date, b.start, b.index) }
    }

    /// What happened to one occurrence, for the summary.
    package enum Change: Int, CaseIterable {
        case cancelled, reinstated, moved, movedBack, reasonChanged, stillRuns, changed

        func summary(_ count: Int, _ classes: Int, _ when: String) -> String {
            let n = EffectsReport.number(count, "occurrence")
            let k = EffectsReport.number(classes, "class")
            switch self {
            case .cancelled: return "cancels \(n) of \(k) \(when)"
            case .reinstated: return "reinstates \(n) of \(k) \(when) (no longer cancelled)"
            case .moved: return "moves \(n) of \(k) \(when)"
            case .movedBack: return "puts \(n) of \(k) back on their usual day and time \(when)"
            case .reasonChanged: return "changes the reason of \(n) of \(k) \(when) (still cancelled)"
            case .changed: return "changes \(n) of \(k) \(when)"
            case .stillRuns: return "leaves \(n) of \(k) running \(when) (\"ignoreHolidays\": true)"
            }
        }
    }

    private struct Tally {
        var count = 0
        var classes: Set<Int> = []
        var first: LocalDate
        var last: LocalDate
    }

    /// Up to this many lines, a report lists every one (the wording members and scripts know).
    let limit: Int
    /// A longer report lists this many, after its summary.
    let listed: Int
    private var kept: CappedLines<Key>
    private var tallies: [Tally?] = Array(repeating: nil, count: Change.allCases.count)

    package init(limit: Int = ExceptionEffects.maxLines, listed: Int = 10) {
        self.limit = limit
        self.listed = min(listed, limit)
        kept = CappedLines(limit: limit)
    }

    package var total: Int { kept.total }

    /// Counts one change; `line` is called only when the line may be printed.
    package mutating func add(_ key: Key, _ change: Change, _ line: () -> String) {
        if var t = tallies[change.rawValue] {
            t.count += 1
            t.classes.insert(key.index)
            t.first = min(t.first, key.date)
            t.last = max(t.last, key.date)
            tallies[change.rawValue] = t
        } else {
            tallies[change.rawValue] = Tally(count: 1, classes: [key.index], first: key.date, last: key.date)
        }
        kept.add(key, line)
    }

    package var isEmpty: Bool { total == 0 }

    /// Every line when there are at most ``limit``; else one summary line per kind of change,
    /// the first ``listed`` lines and "... and N more".
    package var lines: [String] {
        guard kept.isLong else { return kept.first(limit) }
        var out: [String] = []
        for change in Change.allCases {
            guard let t = tallies[change.rawValue] else { continue }
            let when = t.first == t.last ? "on \(ExceptionEffects.day(t.first))" : "from \(ExceptionEffects.day(t.first)) to \(ExceptionEffects.day(t.last))"
            out.append(change.summary(t.count, t.classes.count, when))
        }
        out += kept.first(listed)
        out.append("... and \(CappedLines<Key>.grouped(total - listed)) more (see 'classfeed upcoming --from DATE --to DATE')")
        return out
    }

    /// "1 occurrence", "2,087,142 occurrences", "2,000 classes".
    package static func number(_ n: Int, _ noun: String) -> String {
        n == 1 ? "1 \(noun)" : "\(CappedLines<Int>.grouped(n)) \(noun)\(noun.hasSuffix("s") ? "es" : "s")"
    }
}

