/// One value of an RDATE property (RFC 5545 §3.8.5.2): an extra instance of a recurring
/// event, at a date, at a date-time, or for a period with its own end.
///
/// ```swift
/// let extra: [RecurrenceDate] = [
///     .at(try .local(2026, 12, 23, 18, 0, in: "Europe/London")),  // RDATE;TZID=Europe/London:20261223T180000
///     .period(start: .utc(1_797_000_000), end: .duration(.hours(2))),  // RDATE;VALUE=PERIOD:20261209T...Z/PT2H
/// ]
/// ```
public enum RecurrenceDate: Hashable, Sendable {
    /// An instance starting at this date or date-time, as long as the event's own.
    case at(DateTimeValue)
    /// `VALUE=PERIOD` (§3.3.9): an instance from `start` (a date-time) to its own end, a
    /// date-time of the same kind or a duration.
    case period(start: DateTimeValue, end: Event.End)

    /// Every value of an RDATE property: a comma-separated list of dates (`VALUE=DATE`),
    /// date-times or periods (`VALUE=PERIOD`, `start/end` or `start/duration`), with its TZID.
    /// Nil when one of them cannot be read.
    public static func values(of property: Property) -> [RecurrenceDate]? {
        let kind = property.parameter("VALUE")?.value.uppercased()
        guard kind == "PERIOD" || (kind == nil && property.value.contains("/")) else {
            return DateTimeValue.values(of: property)?.map(RecurrenceDate.at)
        }
        let tz = property.parameter("TZID")?.value
        var out: [RecurrenceDate] = []
        for part in property.value.split(separator: ",") {
            let halves = part.split(separator: "/", omittingEmptySubsequences: false)
            guard halves.count == 2, let start = DateTimeValue.parse(halves[0], timeZone: tz, isDate: false) else { return nil }
            if case .date = start { return nil }
            let endText = halves[1]
            if endText.hasPrefix("P") || endText.hasPrefix("+P") || endText.hasPrefix("-P") {
                guard let d = CalendarDuration(parsing: String(endText)) else { return nil }
                out.append(.period(start: start, end: .duration(d)))
            } else {
                guard let end = DateTimeValue.parse(endText, timeZone: tz, isDate: false) else { return nil }
                if case .date = end { return nil }
                out.append(.period(start: start, end: .at(end)))
            }
        }
        return out.isEmpty ? nil : out
    }

    /// The start of the instance.
    public var start: DateTimeValue {
        switch self {
        case .at(let v): v
        case .period(let s, _): s
        }
    }

    /// The RDATE property holding this value.
    func property() -> Property {
        switch self {
        case .at(let v): return v.property("RDATE")
        case .period(let s, let e):
            var parameters = [Parameter("VALUE", "PERIOD")]
            if let tz = s.timeZone { parameters.append(Parameter("TZID", tz)) }
            let endText: String
            switch e {
            case .at(let v): endText = Self.text(of: v)
            case .duration(let d): endText = d.description
            }
            return Property("RDATE", raw: Self.text(of: s) + "/" + endText, parameters: parameters)
        }
    }

    private static func text(of v: DateTimeValue) -> String {
        switch v {
        case .date(let d): d.basicFormat
        case .utc(let t): Property.utcString(t)
        case .zoned(let l, _), .floating(let l): l.basicFormat
        }
    }

    /// RFC 5545's rules for a period: a date-time start, an end of the start's kind and zone
    /// that is not before it, or a duration that is not negative.
    func validate(uid: String) throws(CalendarError) {
        guard case .period(let s, let e) = self else { return }
        if case .date = s { throw CalendarError("event \(uid): an RDATE period starts at a date-time, not a date (RFC 5545 §3.3.9)") }
        switch e {
        case .duration(let d):
            if d.days < 0 || d.seconds < 0 { throw CalendarError("event \(uid): an RDATE period with a negative duration (\(d))") }
        case .at(let v):
            switch (s, v) {
            case (.zoned(let a, let ta), .zoned(let b, let tb)) where ta == tb && a <= b: return
            case (.utc(let a), .utc(let b)) where a <= b: return
            case (.floating(let a), .floating(let b)) where a <= b: return
            default:
                throw CalendarError("event \(uid): an RDATE period must end at a time of its start's kind and zone, not before it (RFC 5545 §3.3.9)")
            }
        }
    }
}
