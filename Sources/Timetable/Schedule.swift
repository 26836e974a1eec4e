import CivilTime
import JSON

/// A studio's timetable, as read from schedule.json. Every local date and time is civil; zones
/// are resolved by the recurrence engine at the very end.
package struct Schedule: Sendable {
    package var calendar: CalendarInfo
    package var classes: [ClassDefinition]
    package var exceptions: [ScheduleException]
    /// The rules of every zone the schedule names, by IANA name.
    package var zones: [String: ZoneRules]
    /// The file it was read from, for messages.
    package var sourceFile: String
    /// Its text, in which classes and exceptions know their offsets (nil for a schedule built
    /// in code).
    package var source: SourceText?
    /// `holidayCalendars`: iCalendar files whose all-day events close the studio (see HolidayClosure.swift).
    package var holidayCalendars: [HolidayCalendarReference] = []
    /// Cancellations read from those files by the executable. Not schedule entries: the engine
    /// applies them after the schedule's own, and classes with `ignoreHolidays` skip them.
    package var holidayClosures: [ScheduleException] = []

    package init(
        calendar: CalendarInfo, classes: [ClassDefinition], exceptions: [ScheduleException],
        zones: [String: ZoneRules] = [:], sourceFile: String = "schedule.json"
    ) {
        self.calendar = calendar
        self.classes = classes
        self.exceptions = exceptions
        self.zones = zones
        self.sourceFile = sourceFile
    }

    /// The IANA zone a class's local times are in.
    package func zoneName(ofClass i: Int) -> String { classes[i].timeZone ?? calendar.timeZone }

    package func classIndex(id: String) -> Int? { classes.firstIndex { $0.id == id } }
}

/// The `calendar` object.
package struct CalendarInfo: Sendable {
    package var id: String
    package var name: String
    /// IANA zone name; every local date and time in the schedule is in it unless a class says otherwise.
    package var timeZone: String
    package var uidDomain: String
    package var description: String?
    package var url: String?
    /// The public http(s) URL of the folder that serves the output folder, ending in "/"
    /// ("https://circl.example/feeds/"): the subscribe page builds its feed links on it.
    package var publicURL: String? = nil
    package var location: String?
    /// The words before the booking URL in each event's description ("Book your classes").
    package var bookingLabel: String
    /// How the feed is written unless the command line says otherwise.
    package var style: FeedStyle = .occurrences
    /// Whether cancelled occurrences are left out or shown as cancelled.
    package var cancellations: CancellationPolicy = .remove

    package static let defaultBookingLabel = "Book your classes"
}

/// How a feed states the classes: one event per occurrence, or one repeating series per class.
package enum FeedStyle: String, Sendable, CaseIterable {
    /// One VEVENT per occurrence in the window (every client reads it the same way).
    case occurrences
    /// One VEVENT with an RRULE per weekly class, EXDATEs and RECURRENCE-ID overrides.
    case series
}

/// What happens to a cancelled occurrence in the feed.
package enum CancellationPolicy: String, Sendable, CaseIterable {
    /// Left out (an EXDATE in a series).
    case remove
    /// Kept, with STATUS:CANCELLED and "Cancelled: <title> (<reason>)" as its summary.
    case show
}

/// When a class runs: on weekdays between its first and last date, or on listed dates.
package enum ClassPattern: Sendable, Hashable {
    case weekly([Weekday])
    case dates([LocalDate])
}

/// One entry of `classes`.
package struct ClassDefinition: Sendable {
    package var id: String
    package var title: String
    package var pattern: ClassPattern
    package var start: LocalTime
    package var durationMinutes: Int
    package var from: LocalDate?
    package var until: LocalDate?
    package var description: String?
    package var location: String?
    package var instructor: String?
    package var url: String?
    /// Overrides the calendar's zone for this class (a network spanning cities).
    package var timeZone: String?
    /// Where the class was written, for messages.
    package var entry: EntryPosition
    /// `ignoreHolidays`: the class runs on the dates of `holidayCalendars`.
    package var ignoreHolidays: Bool = false

    /// The class's JSON path, `classes[3]`.
    package var path: String { "classes[\(entry.index)]" }

    /// True when the class is scheduled (before exceptions) on `date`.
    package func runs(on date: LocalDate) -> Bool {
        if let from, date < from { return false }
        if let until, date > until { return false }
        switch pattern {
        case .weekly(let days): return days.contains(date.weekday)
        case .dates(let dates): return dates.contains(date)
        }
    }
}

/// One entry of `exceptions`: a cancellation over a date range, or a moved occurrence.
package struct ScheduleException: Sendable {
    package enum Kind: Sendable, Hashable {
        /// Every occurrence (of `classID`, or of every class) whose original date is in the range.
        case cancel(from: LocalDate, to: LocalDate)
        /// The occurrence of `classID` on `date` moves to a new date and/or start time.
        case move(date: LocalDate, toDate: LocalDate?, toStart: LocalTime?)
    }

    package var kind: Kind
    package var classID: String?
    package var reason: String?
    /// Where the entry is written in schedule.json (nil for a holiday calendar's closure).
    package var entry: EntryPosition?
    /// Written in schedule.json, or read from a holiday calendar.
    package var origin: Origin = .schedule

    /// The entry's JSON path, `exceptions[12]`, or the holiday calendar's file and line.
    package var path: String {
        if case .holidayCalendar(let file, let line) = origin { return "\(file):\(line)" }
        return "exceptions[\(entry?.index ?? 0)]"
    }

    package func covers(_ date: LocalDate, classID id: String) -> Bool {
        guard case .cancel(let from, let to) = kind else { return false }
        if let classID, classID != id { return false }
        return date >= from && date <= to
    }
}

/// Where an entry of `classes` or `exceptions` is written: its index in the array (its JSON
/// path) and the byte offset of its `{` in ``Schedule/source`` (its line:column, worked out
/// by a ``SourceLocator`` only when a message names it). Two words rather than a path string
/// and a location for each of thousands of entries.
package struct EntryPosition: Sendable, Hashable {
    package var index: Int32
    package var offset: UInt32

    package init(index: Int, offset: Int) {
        self.index = Int32(truncatingIfNeeded: index)
        self.offset = UInt32(truncatingIfNeeded: offset)
    }
}
