/// A DATE or DATE-TIME value as written in a property (RFC 5545 §3.3.4, §3.3.5).
public enum DateTimeValue: Hashable, Sendable {
    /// `VALUE=DATE`: a whole day.
    case date(LocalDate)
    /// A wall-clock time in a named zone (`TZID=...`).
    case zoned(LocalDateTime, timeZone: String)
    /// A UTC instant (`...Z`).
    case utc(Int64)
    /// A floating time (no zone): the same wall time everywhere.
    case floating(LocalDateTime)

    /// Reads one value of a property: its text and its VALUE/TZID parameters.
    public static func parse(_ text: some StringProtocol, timeZone: String?, isDate: Bool) -> DateTimeValue? {
        let s = String(text)
        if isDate || (s.utf8.count == 8 && !s.contains("T")) {
            return LocalDate(basic: s).map(DateTimeValue.date)
        }
        if s.hasSuffix("Z") {
            guard let l = LocalDateTime(basic: s.dropLast()) else { return nil }
            return .utc(l.localSeconds)
        }
        guard let l = LocalDateTime(basic: s) else { return nil }
        if let timeZone { return .zoned(l, timeZone: timeZone) }
        return .floating(l)
    }

    /// Every value of a date-time property (comma-separated lists for EXDATE/RDATE).
    public static func values(of property: Property) -> [DateTimeValue]? {
        let tz = property.parameter("TZID")?.value
        let isDate = property.parameter("VALUE")?.value.uppercased() == "DATE"
        var out: [DateTimeValue] = []
        for part in property.value.split(separator: ",") {
            guard let v = parse(part, timeZone: tz, isDate: isDate) else { return nil }
            out.append(v)
        }
        return out.isEmpty ? nil : out
    }
}
