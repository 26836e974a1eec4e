import CivilTime

extension ClassPattern {
    /// How members read when a class that is not weekly runs, the one wording of the page,
    /// feeds' names, `upcoming` and messages: "every other Wednesday", "every 3 weeks on
    /// Mondays and Fridays", "first Saturday of the month", "second and fourth Tuesday of the
    /// month". Nil for weekly and one-off classes, which each place words as it always has.
    package var recurrenceWords: String? {
        switch self {
        case .weekly, .dates:
            return nil
        case .everyNWeeks(let days, let interval, _):
            let names = days.map { $0.name.prefix(1).uppercased() + $0.name.dropFirst() }
            if interval == 2 && days.count == 1 { return "every other " + names[0] }
            return (interval == 2 ? "every other week on " : "every \(interval) weeks on ") + Self.list(names.map { $0 + "s" })
        case .monthly(let days):
            // Grouped by weekday: "first and third Saturday", "last Friday".
            var groups: [(weekday: Weekday, ordinals: [String])] = []
            for d in days.sorted() {
                let word = MonthlyDay.ordinalNames.first { $0.ordinal == d.ordinal }?.name ?? "\(d.ordinal)th"
                if let k = groups.firstIndex(where: { $0.weekday == d.weekday }) { groups[k].ordinals.append(word) } else {
                    groups.append((d.weekday, [word]))
                }
            }
            let parts = groups.map { Self.list($0.ordinals) + " " + $0.weekday.name.prefix(1).uppercased() + $0.weekday.name.dropFirst() }
            return Self.list(parts) + " of the month"
        }
    }

    /// "a", "a and b", "a, b and c".
    private static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
