import CivilTime
import JSON

/// schedule.json as a JSON tree that can be edited and written back in ``JSONLayout``'s
/// formatting: what `classfeed exceptions add|move|remove` change. Everything outside the
/// `exceptions` array keeps its content (key order, number text, string characters).
package struct ScheduleDocument: Sendable {
    package private(set) var root: JSONNode

    /// Parses schedule.json bytes; the decoder is what reports syntax errors to people, so this
    /// is only called on a schedule that decoded.
    package init(bytes: [UInt8]) throws(JSONSyntaxError) {
        root = try JSONParser.parse(bytes, maxDepth: ScheduleLimits.nestingDepth)
    }

    /// The bytes in the documented formatting.
    package var bytes: [UInt8] { JSONLayout.format(root) }

    /// The entries of `exceptions`, in order (empty when the key is absent).
    package var exceptions: [JSONNode] {
        guard case .object(let members) = root.value,
              let list = members.first(where: { $0.key == "exceptions" }),
              case .array(let items) = list.value.value
        else { return [] }
        return items
    }

    /// Inserts an entry in date order: after the last entry whose first date is on or before
    /// `date` (so a file kept in date order stays so, and a new entry never jumps ahead of an
    /// older one for the same day). Creates `exceptions` at the end of the file when absent.
    /// Returns the new entry's index.
    @discardableResult
    package mutating func insertException(_ entry: JSONNode, firstDate date: LocalDate) -> Int {
        var items = exceptions
        var index = 0
        for (i, item) in items.enumerated() {
            if let d = Self.firstDate(of: item), d <= date { index = i + 1 }
        }
        items.insert(entry, at: index)
        setExceptions(items)
        return index
    }

    /// Removes the entries at these indices.
    package mutating func removeExceptions(at indices: Set<Int>) {
        let items = exceptions.enumerated().filter { !indices.contains($0.offset) }.map(\.element)
        setExceptions(items)
    }

    private mutating func setExceptions(_ items: [JSONNode]) {
        guard case .object(var members) = root.value else { return }
        let value = JSONNode(.array(items))
        if let i = members.firstIndex(where: { $0.key == "exceptions" }) {
            members[i].value = JSONNode(value: .array(items), location: members[i].value.location)
        } else {
            members.append(JSONNode.Member(key: "exceptions", keyLocation: SourceLocation(line: 0, column: 0), value: value))
        }
        root = JSONNode(value: .object(members), location: root.location)
    }

    /// The `date` or `from` of an entry.
    package static func firstDate(of entry: JSONNode) -> LocalDate? {
        guard case .object(let members) = entry.value else { return nil }
        for m in members where m.key == "date" || m.key == "from" {
            if case .string(let s) = m.value.value { return LocalDate(iso: s) }
        }
        return nil
    }

    /// An entry in the contract's key order: `date` (or `from`/`to`), `class`, `moveTo`,
    /// `change`, `reason`.
    package static func entry(
        _ kind: ScheduleException.Kind, classID: String?, reason: String?, changes: OccurrenceChange? = nil
    ) -> JSONNode {
        var pairs: [(String, JSONNode)] = []
        switch kind {
        case .cancel(let from, let to), .change(let from, let to):
            if from == to {
                pairs.append(("date", .string(from.description)))
            } else {
                pairs.append(("from", .string(from.description)))
                pairs.append(("to", .string(to.description)))
            }
            if let classID { pairs.append(("class", .string(classID))) }
        case .move(let date, let toDate, let toStart):
            pairs.append(("date", .string(date.description)))
            if let classID { pairs.append(("class", .string(classID))) }
            var target: [(String, JSONNode)] = []
            if let toDate { target.append(("date", .string(toDate.description))) }
            if let toStart { target.append(("start", .string(toStart.description))) }
            pairs.append(("moveTo", .object(target)))
        }
        if let changes {
            pairs.append(("change", .object(changes.fields.map { field in
                field.key == "durationMinutes" ? (field.key, JSONNode(.number(field.value))) : (field.key, .string(field.value))
            })))
        }
        if let reason { pairs.append(("reason", .string(reason))) }
        return .object(pairs)
    }

    /// One entry as it is written in the file: `{ "date": "2026-12-24", "reason": "Christmas Eve" }`.
    package static func text(of entry: JSONNode) -> String { JSONLayout.oneLine(entry) }
}
