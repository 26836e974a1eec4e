/// A DURATION value (RFC 5545 §3.3.6): calendar days plus exact seconds.
///
/// The two parts differ across a daylight-saving change: "the duration of a week or a day
/// depends on its position in the calendar" (nominal), while hours, minutes and seconds are
/// exact. `P1D` from 12:00 the day before the clocks go forward ends at 12:00 the next day,
/// 23 hours later; `PT24H` ends 24 hours later, at 13:00.
public struct CalendarDuration: Hashable, Sendable, CustomStringConvertible {
    /// Whole calendar days (weeks count as seven).
    public var days: Int
    /// Exact seconds.
    public var seconds: Int

    /// A duration of `days` calendar days and `seconds` exact seconds; both take the same sign.
    public init(days: Int = 0, seconds: Int = 0) {
        self.days = days
        self.seconds = seconds
    }

    /// Exact minutes: `PT30M`.
    public static func minutes(_ n: Int) -> CalendarDuration { CalendarDuration(seconds: n * 60) }
    /// Exact hours: `PT1H`.
    public static func hours(_ n: Int) -> CalendarDuration { CalendarDuration(seconds: n * 3600) }
    /// Calendar days: `P1D`.
    public static func days(_ n: Int) -> CalendarDuration { CalendarDuration(days: n) }
    /// Calendar weeks, written as days: `P7D`.
    public static func weeks(_ n: Int) -> CalendarDuration { CalendarDuration(days: n * 7) }

    /// Reads `[+-]P[nW][nD][T[nH][nM][nS]]`; nil when the text is not a duration.
    public init?(parsing text: String) {
        guard let d = RecurrenceExpander.parseDuration(text) else { return nil }
        self.init(days: d.days, seconds: d.seconds)
    }

    /// The duration as written on the wire (`PT30M`, `P1D`, `-PT15M`).
    public var description: String {
        let negative = days < 0 || seconds < 0
        let d = abs(days)
        let s = abs(seconds)
        var out = negative ? "-P" : "P"
        if d > 0 { out += "\(d)D" }
        if s > 0 || d == 0 {
            out += "T"
            if s >= 3600 { out += "\(s / 3600)H" }
            if s % 3600 >= 60 { out += "\(s / 60 % 60)M" }
            if s % 60 != 0 || s == 0 { out += "\(s % 60)S" }
        }
        return out
    }

    /// True when both parts are zero or positive.
    var isValid: Bool { (days >= 0 && seconds >= 0) || (days <= 0 && seconds <= 0) }
}
