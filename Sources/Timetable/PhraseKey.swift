/// Every member-facing phrase ClassFeed writes, by the key a studio overrides it with in
/// schedule.json's `strings` (`{ "bookingLabel": "Reserve a mat" }`).
///
/// Each language's table (`Sources/FeedBuilder/Languages/`) answers every key with an
/// exhaustive `switch`: a key missing from any language does not compile. A phrase may hold
/// the placeholders its key lists (`{instructor}`), filled in where it is used; an override may
/// use those and no others (the decoder says which, with "did you mean").
package enum PhraseKey: String, Sendable, CaseIterable, Hashable {
    // MARK: Events (SUMMARY, DESCRIPTION)
    case bookingLabel
    case bookingLine
    case cancelledSummary
    case movedFrom
    case changed
    case instructorLine
    case coveredBy
    case changedLocation
    case changedTitle
    case changedLength
    case changedNote
    case unchanged

    // MARK: Feed names (NAME, X-WR-CALNAME)
    case feedName
    case weeklyClassName
    case repeatingClassName
    case oneDateClassName
    case datesClassName
    case classEnded
    case calendarEnded

    // MARK: When a class runs
    case everyOtherWeekday
    case everyOtherWeekOn
    case everyNWeeksOn
    case monthlyOn

    // MARK: Dates, times and durations
    case date
    case durationMinutes
    case durationOneHour
    case durationHours
    case durationHoursMinutes

    /// The placeholders a phrase of this key may hold, without braces.
    package var placeholders: [String] {
        switch self {
        case .bookingLabel, .unchanged, .durationOneHour: []
        case .bookingLine: ["label", "url"]
        case .cancelledSummary, .changedTitle: ["title"]
        case .movedFrom: ["date", "time"]
        case .changed: ["changes"]
        case .instructorLine, .coveredBy: ["instructor"]
        case .changedLocation: ["location"]
        case .changedLength: ["minutes"]
        case .changedNote: ["note"]
        case .feedName: ["calendar", "feed"]
        case .weeklyClassName: ["title", "days", "time"]
        case .repeatingClassName: ["title", "repeats", "time"]
        case .oneDateClassName: ["title", "date", "isoDate", "time"]
        case .datesClassName: ["title", "time"]
        case .classEnded, .calendarEnded: ["name"]
        case .everyOtherWeekday: ["weekday", "days"]
        case .everyOtherWeekOn, .monthlyOn: ["days"]
        case .everyNWeeksOn: ["n", "days"]
        case .date: ["weekday", "day", "month", "year"]
        case .durationMinutes: ["minutes"]
        case .durationHours: ["hours"]
        case .durationHoursMinutes: ["hours", "minutes"]
        }
    }

    /// What a phrase is for, in the generated list of keys (docs/PHRASES.md).
    package var purpose: String {
        switch self {
        case .bookingLabel: "the words before the booking link in each event, and the page's booking button (`calendar.bookingLabel` sets it too)"
        case .bookingLine: "the booking line of an event's description"
        case .cancelledSummary: "the title of a cancelled class shown as cancelled (`\"cancellations\": \"show\"`); the reason follows in brackets"
        case .movedFrom: "the first line of a moved class's description; the reason follows in brackets, then a full stop"
        case .changed: "the line of a changed class's description: `{changes}` is the change phrases below, joined by commas"
        case .instructorLine: "the instructor line of an event's description"
        case .coveredBy: "a change of instructor"
        case .changedLocation: "a change of room or place"
        case .changedTitle: "a change of title"
        case .changedLength: "a change of length"
        case .changedNote: "a note added to one date"
        case .unchanged: "a change that changes nothing a member sees"
        case .feedName: "the name of a class feed or of one of `feeds` in members' apps"
        case .weeklyClassName: "a weekly class in a feed name: `{days}` the weekdays"
        case .repeatingClassName: "a class every N weeks or monthly in a feed name: `{repeats}` as below"
        case .oneDateClassName: "a one-off class with one date in a feed name (`{date}` worded, `{isoDate}` YYYY-MM-DD)"
        case .datesClassName: "a one-off class with several dates in a feed name"
        case .classEnded: "the name of the emptied feed of a class no longer in the schedule"
        case .calendarEnded: "the name of the emptied feed of one of `feeds` no longer in the schedule"
        case .everyOtherWeekday: "a class every other week on one day (`{weekday}` its name, `{days}` as in lists)"
        case .everyOtherWeekOn: "a class every other week on several days"
        case .everyNWeeksOn: "a class every 3 or more weeks"
        case .monthlyOn: "a monthly class: `{days}` such as \"first Saturday\""
        case .date: "a date: `{weekday}` and `{month}` abbreviated, `{day}` and `{year}` in digits"
        case .durationMinutes: "a length under an hour"
        case .durationOneHour: "a length of one hour"
        case .durationHours: "a length of whole hours, two or more"
        case .durationHoursMinutes: "a length in hours and minutes (`{hours}` worded as the two above)"
        }
    }
}
