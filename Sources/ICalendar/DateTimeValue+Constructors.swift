extension DateTimeValue {
    /// A wall-clock time in an IANA zone (`DTSTART;TZID=Europe/London:20261130T171500`,
    /// RFC 5545 §3.3.5 form 3). Throws when the date or time does not exist on any calendar
    /// (a 31 November, 24:00); a time that the zone skips or repeats is fine, see
    /// <doc:TimeZonesAndDST>.
    public static func local(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0, in timeZone: String
    ) throws(CalendarError) -> DateTimeValue {
        guard let d = LocalDate(year: year, month: month, day: day), LocalDate.supportedYears.contains(year) else {
            throw CalendarError("\(year)-\(month)-\(day) is not a date between \(LocalDate.supportedYears.lowerBound) and \(LocalDate.supportedYears.upperBound)")
        }
        guard let t = LocalTime(hour: hour, minute: minute, second: second) else {
            throw CalendarError("\(hour):\(minute):\(second) is not a time of day (00:00:00 to 23:59:59)")
        }
        guard TimeZoneDatabase.isWellFormedName(timeZone) else {
            throw CalendarError("\"\(timeZone)\" is not an IANA time zone name such as Europe/London")
        }
        return .zoned(LocalDateTime(date: d, time: t), timeZone: timeZone)
    }

    /// A whole day (`DTSTART;VALUE=DATE:20261225`, RFC 5545 §3.3.4): an all-day event.
    public static func allDay(_ year: Int, _ month: Int, _ day: Int) throws(CalendarError) -> DateTimeValue {
        guard let d = LocalDate(year: year, month: month, day: day), LocalDate.supportedYears.contains(year) else {
            throw CalendarError("\(year)-\(month)-\(day) is not a date between \(LocalDate.supportedYears.lowerBound) and \(LocalDate.supportedYears.upperBound)")
        }
        return .date(d)
    }

    /// The property `name` holding this value, with its TZID or VALUE=DATE parameter.
    func property(_ name: String) -> Property {
        switch self {
        case .date(let d): Property(name, date: d)
        case .zoned(let l, let tz): Property(name, local: l, timeZone: tz)
        case .utc(let t): Property(name, utc: t)
        case .floating(let l): Property(name, raw: l.basicFormat)
        }
    }

    /// The same kind of value (RFC 5545 §3.3.10 asks UNTIL to match DTSTART this way).
    var kindName: String {
        switch self {
        case .date: "a date (VALUE=DATE)"
        case .zoned: "a time in a named zone (TZID)"
        case .utc: "a UTC time"
        case .floating: "a floating time"
        }
    }

    /// The zone this value names, if any.
    var timeZone: String? {
        if case .zoned(_, let tz) = self { return tz }
        return nil
    }
}
