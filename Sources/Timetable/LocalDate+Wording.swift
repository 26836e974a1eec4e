import CivilTime

extension LocalDate {
    /// "Thu 24 Dec 2026": how a date is written in messages, in events' descriptions and on the
    /// page. The one place that wording lives.
    package var humanDate: String {
        let c = components
        return "\(weekday.shortName) \(c.day) \(Self.monthShortNames[c.month - 1]) \(c.year)"
    }

    /// "Jan" to "Dec".
    package static let monthShortNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
