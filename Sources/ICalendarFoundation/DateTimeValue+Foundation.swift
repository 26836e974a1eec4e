import Foundation
import ICalendar

extension DateTimeValue {
    /// The wall-clock time of `date` in `timeZone`, as a DTSTART or DTEND in that zone
    /// (`DTSTART;TZID=Europe/London:20261130T171500`): recurrences keep this wall time across
    /// changes of offset. Seconds are kept, fractions dropped.
    ///
    /// ```swift
    /// let start = try DateTimeValue.local(Date(), in: TimeZone(identifier: "Europe/London")!)
    /// let event = try Event(uid: "hips@stillpoint.example", start: start, end: .duration(.minutes(30)))
    /// ```
    ///
    /// - Parameters:
    ///   - date: the moment.
    ///   - timeZone: a zone with an IANA identifier (`Europe/London`).
    ///   - timeZones: where the zone's rules are read from: the same database the calendar is
    ///     written with, so that the wall time and the VTIMEZONE agree.
    /// - Throws: ``CalendarError`` when the zone has no IANA name in `timeZones`, or the date is
    ///   outside the years the library supports.
    public static func local(
        _ date: Date, in timeZone: TimeZone, timeZones: TimeZoneDatabase = TimeZoneDatabase()
    ) throws(CalendarError) -> DateTimeValue {
        let rules = try Self.rules(timeZone, timeZones)
        let local = rules.localDateTime(at: date.instant)
        guard LocalDate.supportedYears.contains(local.date.year) else {
            throw CalendarError("\(date) is not between \(LocalDate.supportedYears.lowerBound) and \(LocalDate.supportedYears.upperBound)")
        }
        return .zoned(local, timeZone: rules.identifier)
    }

    /// The day `date` falls on in `timeZone`, as an all-day value (`DTSTART;VALUE=DATE:20261225`).
    ///
    /// - Throws: ``CalendarError`` as ``local(_:in:timeZones:)`` does.
    public static func allDay(
        _ date: Date, in timeZone: TimeZone, timeZones: TimeZoneDatabase = TimeZoneDatabase()
    ) throws(CalendarError) -> DateTimeValue {
        guard case .zoned(let local, _) = try local(date, in: timeZone, timeZones: timeZones) else {
            throw CalendarError("\(date) has no date in \(timeZone.identifier)")
        }
        return .date(local.date)
    }

    /// `date` as a UTC time (`DTSTART:20261130T171500Z`), to the whole second (rounded down).
    public static func utc(_ date: Date) -> DateTimeValue { .utc(date.instant) }

    /// The moment this value stands for.
    ///
    /// A ``zoned(_:timeZone:)`` time is resolved in its zone with RFC 5545 §3.3.5's rules (a
    /// time in a gap is shifted forward, a repeated time means the first); a ``utc(_:)`` time is
    /// exact; a ``date(_:)`` (its midnight) and a ``floating(_:)`` time are read in `floatingIn`,
    /// or as UTC when it is nil, as ``Calendar/occurrences(from:to:timeZones:)`` reads them.
    ///
    /// - Throws: ``CalendarError`` when a zone cannot be found in `timeZones`.
    public func date(floatingIn timeZone: TimeZone? = nil, timeZones: TimeZoneDatabase = TimeZoneDatabase()) throws(CalendarError) -> Date {
        switch self {
        case .utc(let t): return Date(instant: t)
        case .zoned(let l, let name):
            do throws(ZoneDataError) {
                return try timeZones.rules(for: name).date(for: l)
            } catch {
                throw CalendarError("unknown time zone \"\(name)\": \(error.description)")
            }
        case .floating(let l): return try Self.date(l, floatingIn: timeZone, timeZones)
        case .date(let d): return try Self.date(LocalDateTime(date: d, time: LocalTime(secondsOfDay: 0)), floatingIn: timeZone, timeZones)
        }
    }

    private static func date(_ l: LocalDateTime, floatingIn timeZone: TimeZone?, _ timeZones: TimeZoneDatabase) throws(CalendarError) -> Date {
        guard let timeZone else { return Date(instant: l.localSeconds) }
        return try rules(timeZone, timeZones).date(for: l)
    }

    private static func rules(_ timeZone: TimeZone, _ timeZones: TimeZoneDatabase) throws(CalendarError) -> ZoneRules {
        do throws(ZoneDataError) {
            return try timeZones.rules(for: timeZone)
        } catch {
            throw CalendarError(
                "the time zone \(timeZone.identifier) has no IANA rules in \(timeZones.directory) (\(error.description)); "
                    + "use an IANA zone such as Europe/London, or UTC times")
        }
    }
}

extension CalendarDuration {
    /// An exact duration of `interval` seconds, rounded to the nearest whole second
    /// (`PT1H30M` for 5,400): hours stay hours across a change of offset.
    public init(exactly interval: TimeInterval) {
        let seconds = interval.isFinite ? Swift.min(Swift.max(interval.rounded(), -1e15), 1e15) : 0
        self.init(seconds: Int(seconds))
    }
}

extension EventInstance {
    /// ``start`` as a date.
    public var startDate: Date { Date(instant: start) }
    /// ``end`` as a date.
    public var endDate: Date { Date(instant: end) }
    /// ``recurrenceID`` as a date: which instance of the series this is.
    public var recurrenceIDDate: Date? { recurrenceID.map(Date.init(instant:)) }
}

extension ICalendar.Calendar {
    /// ``occurrences(from:to:timeZones:)`` between two dates: the instances of every event
    /// that start at or after `from` and before `to`, sorted by start (``EventInstance/startDate``).
    ///
    /// - Parameters:
    ///   - from: the start of the window (included), to the second.
    ///   - to: the end of the window (excluded).
    ///   - timeZones: where the zones' rules are read from.
    public func occurrences(
        from: Date, to: Date, timeZones: TimeZoneDatabase = TimeZoneDatabase()
    ) throws(RecurrenceError) -> [EventInstance] {
        try occurrences(from: from.instant, to: to.instant, timeZones: timeZones)
    }
}
