// ICalendarFoundation: conversions between Foundation's `Date` and `TimeZone` and the
// ICalendar library's instants, civil date-times and zone names. The core library stays free
// of Foundation; import this module where your code holds `Date` and `TimeZone` values.
import Foundation
@_exported import ICalendar

extension Date {
    /// The date at an instant of the ICalendar library: whole seconds since 1970-01-01 00:00 UTC
    /// (``EventInstance/start``, ``DateTimeValue/utc(_:)``).
    public init(instant: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(instant))
    }

    /// The instant of this date as the ICalendar library counts it: whole seconds since
    /// 1970-01-01 00:00 UTC, rounded down (iCalendar times have no fractions of a second).
    public var instant: Int64 {
        let seconds = timeIntervalSince1970.rounded(.down)
        // Beyond ±2^53 a Double no longer holds whole seconds exactly, and far beyond any date.
        let limit = 9_007_199_254_740_992.0
        guard seconds.isFinite else { return seconds > 0 ? Int64(limit) : -Int64(limit) }
        return Int64(Swift.min(Swift.max(seconds, -limit), limit))
    }
}

extension TimeZoneDatabase {
    /// The rules of a Foundation time zone, read from this database by its identifier.
    ///
    /// The rules come from the tz database this value points at, the one the library writes
    /// VTIMEZONEs from, not from Foundation's own copy (which can be older: a feed whose times
    /// came from one and whose VTIMEZONE from the other would contradict itself). A zone made
    /// with `TimeZone(secondsFromGMT:)` has no IANA name (`GMT+0100`) and is refused: use UTC
    /// times for it, or the IANA zone it stands for.
    ///
    /// - Throws: `ZoneDataError` when the identifier is not an IANA name this database has.
    public func rules(for timeZone: TimeZone) throws(ZoneDataError) -> ZoneRules {
        try rules(for: timeZone.identifier)
    }
}

extension TimeZone {
    /// The Foundation time zone with the identifier of these rules (`Europe/London`); nil when
    /// Foundation does not know the name.
    public init?(_ rules: ZoneRules) {
        self.init(identifier: rules.identifier)
    }
}

extension LocalDateTime {
    /// The wall-clock time at `date` in the zone of `rules`, to the whole second (rounded down).
    public init(_ date: Date, in rules: ZoneRules) {
        self = rules.localDateTime(at: date.instant)
    }
}

extension ZoneRules {
    /// The date of a wall-clock time in this zone, with RFC 5545 §3.3.5's rules: a time the
    /// clocks skip is shifted forward by the gap, a time they repeat means the first.
    public func date(for local: LocalDateTime) -> Date {
        Date(instant: instant(for: local))
    }
}
