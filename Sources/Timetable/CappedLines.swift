/// The first lines of a report that may be millions of lines long, in bounded memory: lines
/// arrive in any order with a key, only the first `limit + 1` by key and then text are kept (so
/// the report knows it is long), a line whose key cannot make the cut is never built, and the
/// rest are counted.
package struct CappedLines<Key: Comparable> {
    package let limit: Int
    private var kept: [(key: Key, line: String)] = []
    package private(set) var total = 0

    package init(limit: Int) { self.limit = limit }

    /// Counts one line; `line` is called only when the line may be printed.
    package mutating func add(_ key: Key, _ line: () -> String) {
        total += 1
        if kept.count > limit, let last = kept.last, last.key < key { return }
        let text = line()
        func before(_ other: (key: Key, line: String)) -> Bool { key < other.key || (key == other.key && text < other.line) }
        if kept.count > limit, let last = kept.last, !before(last) { return }
        var at = kept.count
        while at > 0 && before(kept[at - 1]) { at -= 1 }
        kept.insert((key, text), at: at)
        if kept.count - 1 > limit { kept.removeLast() }
    }

    /// True when there are more lines than `limit`.
    package var isLong: Bool { total > limit }

    /// The first `count` lines by key.
    package func first(_ count: Int) -> [String] { kept.prefix(count).map(\.line) }

    /// Thousands separated by commas, as messages write numbers: 2,087,142.
    package static func grouped(_ n: Int) -> String {
        var digits = Array(String(n.magnitude))
        var i = digits.count - 3
        while i > 0 {
            digits.insert(",", at: i)
            i -= 3
        }
        return (n < 0 ? "-" : "") + String(digits)
    }
}
