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

    // MARK: The subscribe page
    case pageTitle
    case whereLabel
    case addToCalendar
    case timetableHeading
    case noWeeklyClasses
    case everyMonth
    case allClassesUntil
    case nextDate
    case startsOn
    case untilDate
    case instructorLabel
    case locationLabel
    case bookClass
    case oneOffHeading
    case cancelledTag
    case movedTag
    case changedTag
    case closedTag
    case movedFromWhen
    case changesHeading
    case noChanges
    case closedOn
    case closedFromTo
    case classOnDate
    case movedTime
    case movedDay
    case coversClass
    case changeAndDetails
    case downloadNoticeTitle
    case downloadNotice
    case subscribeIntro
    case allClasses
    case someClassesHeading
    case someClassesIntro
    case oneClassHeading
    case oneClassIntro
    case oneOffFeed
    case datesFeed
    case downloadFile
    case oneTimeWarning
    case calendarAddress
    case copyButton
    case copiedButton
    case appleHeading
    case subscribeButton
    case appleHint
    case googleHeading
    case googleStepOne
    case googleFromURLLink
    case googleMenu
    case googleStepTwo
    case googleAddCalendar
    case googleHint
    case outlookHeading
    case outlookStepOne
    case outlookAddCalendar
    case outlookStepTwo
    case outlookSubscribeFromWeb
    case outlookImport
    case oneTimeHeading
    case zoneOnly
    case zoneWithAbbreviation
    case zoneWithSummer
    case zoneChangesForSummer
    case zoneNote
    case zoneCity
    case lastUpdated
    case dateTimeAt
    case dateAndTime

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
        case .pageTitle: ["calendar"]
        case .whereLabel, .addToCalendar, .timetableHeading, .noWeeklyClasses, .everyMonth, .instructorLabel, .locationLabel, .oneOffHeading, .cancelledTag, .movedTag, .changedTag, .closedTag, .downloadNoticeTitle, .downloadNotice, .subscribeIntro, .allClasses, .someClassesHeading, .someClassesIntro, .oneClassHeading, .oneClassIntro, .oneTimeWarning, .calendarAddress, .copyButton, .copiedButton, .appleHeading, .subscribeButton, .appleHint, .googleHeading, .googleFromURLLink, .googleMenu, .googleAddCalendar, .googleHint, .outlookHeading, .outlookAddCalendar, .outlookSubscribeFromWeb, .outlookImport, .oneTimeHeading: []
        case .allClassesUntil, .nextDate, .startsOn, .untilDate, .closedOn: ["date"]
        case .bookClass, .oneOffFeed: ["title"]
        case .movedFromWhen: ["when"]
        case .changesHeading, .noChanges: ["weeks"]
        case .closedFromTo: ["from", "to"]
        case .classOnDate: ["title", "when"]
        case .movedTime: ["title", "date", "time", "was"]
        case .movedDay: ["title", "from", "to"]
        case .coversClass: ["instructor", "title"]
        case .changeAndDetails: ["change", "details"]
        case .datesFeed: ["title", "count"]
        case .downloadFile: ["file"]
        case .googleStepOne: ["fromURLPage", "menu"]
        case .googleStepTwo: ["addCalendar"]
        case .outlookStepOne: ["addCalendar", "outlookCom", "microsoft365"]
        case .outlookStepTwo: ["subscribeFromWeb", "import"]
        case .zoneOnly, .zoneChangesForSummer, .zoneNote: ["zone"]
        case .zoneWithAbbreviation: ["zone", "abbreviation"]
        case .zoneWithSummer: ["zone", "standard", "summer"]
        case .zoneCity: ["city"]
        case .lastUpdated: ["time"]
        case .dateTimeAt: ["date", "time", "zone"]
        case .dateAndTime: ["date", "time"]
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
        case .pageTitle: "the page's title in the browser"
        case .whereLabel: "the label before the calendar's location in the page's header"
        case .addToCalendar: "the header's button and the heading of the ways to subscribe"
        case .timetableHeading: "the heading of the weekly timetable"
        case .noWeeklyClasses: "the timetable when no weekly class is current"
        case .everyMonth: "the heading of the monthly classes"
        case .allClassesUntil: "said once above the timetable when every class ends on the same day"
        case .nextDate: "after when a class that is not weekly runs: its next date"
        case .startsOn: "a class that has not started yet"
        case .untilDate: "the last date of a class"
        case .instructorLabel: "the label of a class's instructor"
        case .locationLabel: "the label of a class's location"
        case .bookClass: "the link to a class's own booking page"
        case .oneOffHeading: "the heading of the one-off classes"
        case .cancelledTag: "the mark of a cancelled class"
        case .movedTag: "the mark of a moved class"
        case .changedTag: "the mark of a changed class"
        case .closedTag: "the mark of a closure"
        case .movedFromWhen: "after the moved mark of a one-off class: where it was"
        case .changesHeading: "the heading of the coming changes"
        case .noChanges: "the coming changes when there are none"
        case .closedOn: "a closure of one day"
        case .closedFromTo: "a closure of several days"
        case .classOnDate: "a cancelled or changed class and its date and time"
        case .movedTime: "a class that starts at another time on its day"
        case .movedDay: "a class that moves to another day"
        case .coversClass: "a class another instructor covers"
        case .changeAndDetails: "a changed class and its date, then what else changes (\"in Studio 2, 45 minutes\")"
        case .downloadNoticeTitle: "the page without a public address: the notice's first words"
        case .downloadNotice: "the page without a public address: the rest of the notice"
        case .subscribeIntro: "the words above the ways to subscribe"
        case .allClasses: "the combined feed"
        case .someClassesHeading: "the heading of the schedule's `feeds`"
        case .someClassesIntro: "the words under it"
        case .oneClassHeading: "the heading of the class feeds"
        case .oneClassIntro: "the words under it"
        case .oneOffFeed: "the feed of a one-off class with one date"
        case .datesFeed: "the feed of a one-off class with several dates"
        case .downloadFile: "the link that downloads a feed once"
        case .oneTimeWarning: "the warning under it"
        case .calendarAddress: "the label of a feed's address"
        case .copyButton: "the button that copies the address"
        case .copiedButton: "what the button says once it has copied"
        case .appleHeading: "the apps that subscribe from a webcal:// link"
        case .subscribeButton: "the button that subscribes"
        case .appleHint: "the words under it"
        case .googleHeading: "Android phones and Google Calendar"
        case .googleStepOne: "Google's first step: `{fromURLPage}` the link below, `{menu}` the menu path below"
        case .googleFromURLLink: "the link to Google Calendar's page that adds a calendar by its address"
        case .googleMenu: "the labels Google Calendar shows on the way there, separated by \" › \" (each shown emphasised)"
        case .googleStepTwo: "Google's second step"
        case .googleAddCalendar: "the label of Google's button that adds the calendar"
        case .googleHint: "the words under Google's steps"
        case .outlookHeading: "Outlook on the web"
        case .outlookStepOne: "Outlook's first step (`{outlookCom}` and `{microsoft365}` are links)"
        case .outlookAddCalendar: "the label of Outlook's \"add calendar\" page"
        case .outlookStepTwo: "Outlook's second step"
        case .outlookSubscribeFromWeb: "the label of Outlook's choice that subscribes by address"
        case .outlookImport: "the label of Outlook's button that adds it"
        case .oneTimeHeading: "the heading of the one-time download"
        case .zoneOnly: "the time zone, and the footer's sentence"
        case .zoneWithAbbreviation: "a time zone without summer time"
        case .zoneWithSummer: "a time zone with summer time"
        case .zoneChangesForSummer: "a time zone with summer time the tz data has no names for"
        case .zoneNote: "after a class in another zone than the calendar's"
        case .zoneCity: "a time zone by its city (\"Paris time\")"
        case .lastUpdated: "the footer's update time"
        case .dateTimeAt: "the update time: date, time and zone abbreviation"
        case .dateAndTime: "a date and a time on the page"
        }
    }
}
