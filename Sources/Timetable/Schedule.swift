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
    /// `feeds`: extra feeds, each of the occurrences its filter matches.
    package var feeds: [FeedDefinition] = []
    /// `strings`: the studio's own wording of some phrases, in place of its language's.
    package var strings: [PhraseKey: String] = [:]
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
    /// The words before the booking URL in each event's description ("Book your classes");
    /// nil: the language's own (``PhraseKey/bookingLabel``).
    package var bookingLabel: String?
    /// How the feed is written unless the command line says otherwise.
    package var style: FeedStyle = .occurrences
    /// Whether cancelled occurrences are left out or shown as cancelled.
    package var cancellations: CancellationPolicy = .remove
    /// `bookingURL`: each event's link, filled in per occurrence, unless its class has its own.
    /// `url` stays the plain link (the page's "Book" button).
    package var bookingURL: BookingURLTemplate? = nil
    /// `brandColor`: the subscribe page's links and buttons, adjusted for contrast there.
    package var brandColor: BrandColor? = nil
    /// `logo`: the image at the top of the subscribe page.
    package var logo: PageLogo? = nil
    /// `language`: the language of every word members read.
    package var language: Language = .english
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

/// When a class runs: on weekdays between its first and last date (every week or every N
/// weeks), on the nth weekdays of each month, or on listed dates.
package enum ClassPattern: Sendable, Hashable {
    /// Every week on these weekdays (sorted, distinct).
    case weekly([Weekday])
    /// On these weekdays (sorted, distinct) every `interval` weeks (2 or more), counted in
    /// Monday-to-Sunday weeks from the week of the class's first date: `anchor` is that week's
    /// Monday. RRULE `FREQ=WEEKLY;INTERVAL=n;WKST=MO`, whose DTSTART is a date the class runs.
    case everyNWeeks(days: [Weekday], interval: Int, anchor: LocalDate)
    /// On these weekdays of each month ("second and fourth Tuesday"; sorted, distinct). RRULE
    /// `FREQ=MONTHLY;BYDAY=2TU,4TU`. A fifth weekday exists only in some months; those months
    /// have no occurrence for it, as RFC 5545 says of `BYDAY=5SA`.
    case monthly([MonthlyDay])
    /// On these dates (sorted, distinct).
    case dates([LocalDate])
}

extension ClassPattern {
    /// The Monday of `date`'s week (weeks run Monday to Sunday, ISO 8601 and RRULE's WKST=MO).
    package static func monday(of date: LocalDate) -> LocalDate { date.adding(days: 1 - date.weekday.rawValue) }

    /// How many weeks `date`'s week is after the week whose Monday is `anchor` (negative before it).
    package static func weekIndex(of date: LocalDate, anchor: LocalDate) -> Int {
        let d = monday(of: date).dayNumber - anchor.dayNumber
        return d >= 0 ? d / 7 : -((-d + 6) / 7)
    }

    /// The Monday of the week of the first date on or after `from` that falls on one of `days`:
    /// the week an every-N-weeks class counts from.
    package static func anchor(from: LocalDate, days: [Weekday]) -> LocalDate {
        let first = days.map { from.adding(days: ($0.rawValue - from.weekday.rawValue + 7) % 7) }.min() ?? from
        return monday(of: first)
    }
}

/// "The second Tuesday" or "the last Saturday" of a month.
package struct MonthlyDay: Sendable, Hashable, Comparable {
    /// 1...5 counts from the start of the month; -1 is the last.
    package var ordinal: Int
    package var weekday: Weekday

    package init(ordinal: Int, weekday: Weekday) {
        self.ordinal = ordinal
        self.weekday = weekday
    }

    /// The words of schedule.json, by ordinal.
    package static let ordinalNames: [(name: String, ordinal: Int)] = [
        ("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5), ("last", -1),
    ]

    /// "first saturday", as written in schedule.json.
    package var name: String {
        (Self.ordinalNames.first { $0.ordinal == ordinal }?.name ?? "\(ordinal)") + " " + weekday.name
    }

    /// Parses "first saturday" or "last tuesday" (lowercase, one space).
    package init?(name: String) {
        let parts = name.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, let o = Self.ordinalNames.first(where: { $0.name == parts[0] }),
            let d = Weekday(name: String(parts[1]))
        else { return nil }
        self.init(ordinal: o.ordinal, weekday: d)
    }

    /// Its date in a month, if the month has one (a fifth weekday is in some months only).
    package func date(year: Int, month: Int) -> LocalDate? {
        let days = LocalDate.daysIn(month: month, year: year)
        guard let first = LocalDate(year: year, month: month, day: 1) else { return nil }
        if ordinal > 0 {
            let offset = (weekday.rawValue - first.weekday.rawValue + 7) % 7 + (ordinal - 1) * 7
            return offset < days ? first.adding(days: offset) : nil
        }
        let last = first.adding(days: days - 1)
        return last.adding(days: -((last.weekday.rawValue - weekday.rawValue + 7) % 7))
    }

    /// True when `date` is this weekday of its month.
    package func matches(_ date: LocalDate) -> Bool {
        guard date.weekday == weekday else { return false }
        let c = date.components
        if ordinal > 0 { return (c.day - 1) / 7 + 1 == ordinal }
        return c.day + 7 > LocalDate.daysIn(month: c.month, year: c.year)
    }

    /// RRULE BYDAY item: "1SA", "-1SA".
    package var icalendarCode: String { "\(ordinal)\(weekday.icalendarCode)" }

    package static func < (a: MonthlyDay, b: MonthlyDay) -> Bool {
        // Month order: first...fifth, then last.
        let ka = a.ordinal < 0 ? 6 : a.ordinal
        let kb = b.ordinal < 0 ? 6 : b.ordinal
        return (ka, a.weekday.rawValue) < (kb, b.weekday.rawValue)
    }
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
    /// Its own, else the calendar's (the decoder fills it in).
    package var location: String?
    package var instructor: String?
    package var url: String?
    /// Overrides the calendar's zone for this class (a network spanning cities).
    package var timeZone: String?
    /// Where the class was written, for messages.
    package var entry: EntryPosition
    /// `ignoreHolidays`: the class runs on the dates of `holidayCalendars`.
    package var ignoreHolidays: Bool = false
    /// `tags`: kinds of class ("beginner", "mobility"), each event's CATEGORIES; feeds filter on them.
    package var tags: [String] = []
    /// `bookingURL`: the link of each event, filled in per occurrence (else the calendar's).
    package var bookingURL: BookingURLTemplate? = nil

    /// The class's JSON path, `classes[3]`.
    package var path: String { "classes[\(entry.index)]" }

    /// True when the class is scheduled (before exceptions) on `date`.
    package func runs(on date: LocalDate) -> Bool {
        if let from, date < from { return false }
        if let until, date > until { return false }
        switch pattern {
        case .weekly(let days): return days.contains(date.weekday)
        case .everyNWeeks(let days, let interval, let anchor):
            return days.contains(date.weekday) && ClassPattern.weekIndex(of: date, anchor: anchor) % interval == 0
        case .monthly(let days): return days.contains { $0.matches(date) }
        case .dates(let dates): return dates.contains(date)
        }
    }
}

/// One entry of `exceptions`: a cancellation over a date range, or a moved occurrence.
package struct ScheduleException: Sendable {
    package enum Kind: Sendable, Hashable {
        /// Every occurrence (of `classID`, or of every class) whose original date is in the range.
        case cancel(from: LocalDate, to: LocalDate)
        /// The occurrence of `classID` on `date` moves to a new date and/or start time (and may
        /// change as ``ScheduleException/changes`` says too).
        case move(date: LocalDate, toDate: LocalDate?, toStart: LocalTime?)
        /// The occurrences of `classID` whose original date is in the range change as
        /// ``ScheduleException/changes`` says (instructor, location, title, note, length).
        case change(from: LocalDate, to: LocalDate)
    }

    package var kind: Kind
    package var classID: String?
    package var reason: String?
    /// `change`: what a `change` (or a move) changes besides the date and time.
    package var changes: OccurrenceChange? = nil
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

/// What an exception changes about an occurrence besides its date and time: the `change` object
/// of an exception. Nil fields are unchanged. A reference, so that an occurrence carries one
/// word for it (most have none) and the thousands of occurrences of a change share one.
package final class OccurrenceChange: Sendable, Hashable, CustomStringConvertible {
    package let instructor: String?
    package let location: String?
    package let title: String?
    /// A note for members ("bring a strap"), added to the event's description.
    package let note: String?
    package let durationMinutes: Int?
    /// The reason of the exception it comes from (of the first, when several are merged). Not
    /// part of what the change is (`==`): it is here so that an occurrence carries one word.
    package let reason: String?

    package init(
        instructor: String? = nil, location: String? = nil, title: String? = nil, note: String? = nil, durationMinutes: Int? = nil,
        reason: String? = nil
    ) {
        self.instructor = instructor
        self.location = location
        self.title = title
        self.note = note
        self.durationMinutes = durationMinutes
        self.reason = reason
    }

    package var isEmpty: Bool { instructor == nil && location == nil && title == nil && note == nil && durationMinutes == nil }

    /// The fields in schedule.json's order, as (key, value) for messages and JSON.
    package var fields: [(key: String, value: String)] {
        var out: [(String, String)] = []
        if let instructor { out.append(("instructor", instructor)) }
        if let location { out.append(("location", location)) }
        if let title { out.append(("title", title)) }
        if let note { out.append(("note", note)) }
        if let durationMinutes { out.append(("durationMinutes", String(durationMinutes))) }
        return out
    }

    /// This change with `other`'s fields added where this one has none; `conflict` names a
    /// field both set to different values (this one's value is kept).
    package func merged(with other: OccurrenceChange) -> (change: OccurrenceChange, conflict: String?) {
        var conflict: String?
        func pick<T: Equatable>(_ a: T?, _ b: T?, _ key: String) -> T? {
            if let a, let b, a != b, conflict == nil { conflict = key }
            return a ?? b
        }
        let m = OccurrenceChange(
            instructor: pick(instructor, other.instructor, "instructor"), location: pick(location, other.location, "location"),
            title: pick(title, other.title, "title"), note: pick(note, other.note, "note"),
            durationMinutes: pick(durationMinutes, other.durationMinutes, "durationMinutes"), reason: reason ?? other.reason)
        return (m, conflict)
    }

    /// The fields that differ from what the class says anyway (a change of the instructor to
    /// the class's own instructor changes nothing).
    package func differences(from cls: ClassDefinition) -> OccurrenceChange {
        OccurrenceChange(
            instructor: instructor == cls.instructor ? nil : instructor, location: location == cls.location ? nil : location,
            title: title == cls.title ? nil : title, note: note,
            durationMinutes: durationMinutes == cls.durationMinutes ? nil : durationMinutes, reason: reason)
    }

    /// "instructor Sam, location Studio 2".
    package var description: String {
        fields.map { $0.key == "durationMinutes" ? "\($0.value) minutes" : "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    package static func == (a: OccurrenceChange, b: OccurrenceChange) -> Bool {
        a === b || (a.instructor == b.instructor && a.location == b.location && a.title == b.title && a.note == b.note
            && a.durationMinutes == b.durationMinutes)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(instructor)
        hasher.combine(location)
        hasher.combine(title)
        hasher.combine(note)
        hasher.combine(durationMinutes)
    }
}

/// One entry of `feeds`: an extra feed of the occurrences that match every filter it gives.
/// Filters apply per occurrence, after changes: when Sam covers Priya's class, that occurrence
/// is in Sam's feed and not in Priya's.
package struct FeedDefinition: Sendable, Hashable {
    /// Part of the file name, `<calendar id>-<feed id>.ics`.
    package var id: String
    /// The calendar's name in members' apps.
    package var name: String
    package var instructor: String?
    package var location: String?
    package var tag: String?
    /// Class ids: the occurrence's class is one of them.
    package var classes: [String]?
    /// Its index in `feeds`, for messages.
    package var index: Int
    package var entry: EntryPosition

    package init(
        id: String, name: String, instructor: String? = nil, location: String? = nil, tag: String? = nil, classes: [String]? = nil,
        index: Int = 0, entry: EntryPosition = EntryPosition(index: 0, offset: 0)
    ) {
        self.id = id
        self.name = name
        self.instructor = instructor
        self.location = location
        self.tag = tag
        self.classes = classes
        self.index = index
        self.entry = entry
    }

    package var path: String { "feeds[\(index)]" }

    /// True when the class could have an occurrence in the feed: its class-level fields match,
    /// or an exception's change could make one match.
    package func matches(instructor i: String?, location l: String?, tags: [String], classID: String) -> Bool {
        if let instructor, instructor != i { return false }
        if let location, location != l { return false }
        if let tag, !tags.contains(tag) { return false }
        if let classes, !classes.contains(classID) { return false }
        return true
    }

    /// "instructor Priya, tag mobility".
    package var filterDescription: String {
        var parts: [String] = []
        if let instructor { parts.append("instructor \(instructor)") }
        if let location { parts.append("location \(location)") }
        if let tag { parts.append("tag \(tag)") }
        if let classes { parts.append("classes " + classes.joined(separator: ", ")) }
        return parts.joined(separator: ", ")
    }
}

/// A booking link that may hold `{date}`, `{time}` and `{class}`, filled in per occurrence with
/// the occurrence's date (YYYY-MM-DD), start (HH:MM) and class id, percent-encoded.
package struct BookingURLTemplate: Sendable, Hashable {
    /// As written.
    package var template: String

    package init(_ template: String) { self.template = template }

    package static let placeholders = ["{date}", "{time}", "{class}"]

    package var hasPlaceholders: Bool { Self.placeholders.contains { template.contains($0) } }

    /// The link for one occurrence.
    package func filled(date: LocalDate, time: LocalTime, classID: String) -> String {
        guard hasPlaceholders else { return template }
        var out = template.replacingAll("{date}", with: Self.percentEncoded(date.description))
        out = out.replacingAll("{time}", with: Self.percentEncoded(time.description))
        return out.replacingAll("{class}", with: Self.percentEncoded(classID))
    }

    /// The link of a series, whose one event stands for every date: `{class}` filled in, and
    /// the query parameters that hold `{date}` or `{time}` left out
    /// (`https://circl.example/book?class={class}&date={date}` gives `...?class=hips-monday`).
    /// Nil when `{date}` or `{time}` is elsewhere than in a query parameter.
    package func seriesLink(classID: String) -> String? {
        guard hasPlaceholders else { return template }
        let parts = template.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard !path.contains("{date}"), !path.contains("{time}") else { return nil }
        var link = path
        if parts.count == 2 {
            let (query, fragment): (Substring, Substring?) = {
                let q = parts[1].split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                return (q[0], q.count == 2 ? q[1] : nil)
            }()
            if let fragment, fragment.contains("{date}") || fragment.contains("{time}") { return nil }
            let kept = query.split(separator: "&", omittingEmptySubsequences: false).filter { !$0.contains("{date}") && !$0.contains("{time}") }
            if !kept.isEmpty { link += "?" + kept.joined(separator: "&") }
            if let fragment { link += "#" + fragment }
        }
        return BookingURLTemplate(link).filled(date: LocalDate(dayNumber: 0), time: LocalTime(secondsOfDay: 0), classID: classID)
    }

    /// RFC 3986 unreserved characters kept, every other byte as %XX.
    package static func percentEncoded(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(UnicodeScalar(hex[Int(b >> 4)])) + String(UnicodeScalar(hex[Int(b & 15)]))
            }
        }
        return out
    }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation-free).
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
