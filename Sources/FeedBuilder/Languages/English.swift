import Timetable

extension Phrasebook {
    /// English (`en`), the default: British usage, 24-hour times.
    static let english = Phrasebook(
        phrase: { key in
            switch key {
            case .bookingLabel: "Book your classes"
            case .bookingLine: "{label}: {url}"
            case .cancelledSummary: "Cancelled: {title}"
            case .movedFrom: "Moved from {date} {time}"
            case .changed: "Changed: {changes}"
            case .instructorLine: "Instructor: {instructor}"
            case .coveredBy: "covered by {instructor}"
            case .changedLocation: "in {location}"
            case .changedTitle: "as \"{title}\""
            case .changedLength: "{minutes} minutes"
            case .changedNote: "note: {note}"
            case .unchanged: "unchanged"
            case .feedName: "{calendar}: {feed}"
            case .weeklyClassName: "{title}, {days} {time}"
            case .repeatingClassName: "{title}, {repeats} {time}"
            case .oneDateClassName: "{title}, {isoDate} {time}"
            case .datesClassName: "{title}, {time}"
            case .classEnded: "{name} (this class has ended)"
            case .calendarEnded: "{name} (this calendar has ended)"
            case .everyOtherWeekday: "every other {weekday}"
            case .everyOtherWeekOn: "every other week on {days}"
            case .everyNWeeksOn: "every {n} weeks on {days}"
            case .monthlyOn: "{days} of the month"
            case .date: "{weekday} {day} {month} {year}"
            case .durationMinutes: "{minutes} min"
            case .durationOneHour: "1 hour"
            case .durationHours: "{hours} hours"
            case .durationHoursMinutes: "{hours} {minutes}"
            case .pageTitle: "{calendar}: timetable and calendar"
            case .whereLabel: "Where:"
            case .addToCalendar: "Add the classes to your calendar"
            case .timetableHeading: "Weekly timetable"
            case .noWeeklyClasses: "There are no weekly classes at the moment."
            case .everyMonth: "Every month"
            case .allClassesUntil: "All classes run until {date}."
            case .nextDate: "next {date}"
            case .startsOn: "Starts {date}"
            case .untilDate: "Until {date}"
            case .instructorLabel: "Instructor"
            case .locationLabel: "Location"
            case .bookClass: "Book {title}"
            case .oneOffHeading: "One-off classes"
            case .cancelledTag: "Cancelled"
            case .movedTag: "Moved"
            case .changedTag: "Changed"
            case .closedTag: "Closed"
            case .movedFromWhen: "from {when}"
            case .changesHeading: "Changes in the coming {weeks} weeks"
            case .noChanges: "No cancellations, closures or moved classes in the coming {weeks} weeks."
            case .closedOn: "No classes on {date}"
            case .closedFromTo: "No classes from {from} to {to}"
            case .classOnDate: "{title} on {when}"
            case .movedTime: "{title} on {date} starts at {time} instead of {was}"
            case .movedDay: "{title} moves from {from} to {to}"
            case .coversClass: "{instructor} covers {title}"
            case .changeAndDetails: "{change}: {details}"
            case .downloadNoticeTitle: "Download the classes to your calendar."
            case .downloadNotice: "Open the file you download and your calendar app adds the classes. A download is a copy: it does not update itself, so download it again later to see cancellations and changes."
            case .subscribeIntro: "Subscribe once and your calendar keeps itself up to date: cancelled classes disappear and moved classes move. Pick your calendar app below."
            case .allClasses: "All classes"
            case .someClassesHeading: "Just some classes"
            case .someClassesIntro: "Calendars of a teacher's classes, a room's or a kind of class. When a class changes teacher or room for a day, it changes calendar for that day too."
            case .oneClassHeading: "Just one class"
            case .oneClassIntro: "Each class also has a calendar of its own, for members who come to that class only."
            case .oneOffFeed: "{title} (one-off)"
            case .datesFeed: "{title} ({count} dates)"
            case .downloadFile: "Download {file}"
            case .oneTimeWarning: "A one-time copy: it will not update, so later cancellations and changes will not reach your calendar."
            case .calendarAddress: "Calendar address"
            case .copyButton: "Copy"
            case .copiedButton: "Copied"
            case .appleHeading: "iPhone, iPad, Mac or Outlook for Windows"
            case .subscribeButton: "Subscribe"
            case .appleHint: "Opens your calendar app, which asks whether to subscribe."
            case .googleHeading: "Android phone or Google Calendar"
            case .googleStepOne: "On a computer, open {fromURLPage} (in Google Calendar: {menu}). The Google Calendar app on an Android phone cannot add a calendar by its address, so use a computer once."
            case .googleFromURLLink: "Google Calendar’s “From URL” page"
            case .googleMenu: "Other calendars › + › From URL"
            case .googleStepTwo: "Paste the calendar address above and choose {addCalendar}."
            case .googleAddCalendar: "Add calendar"
            case .googleHint: "It then shows in the Google Calendar app on your phone (Android or iPhone) too. Google looks for changes only every 8 to 24 hours, so a same-day change may reach you late."
            case .outlookHeading: "Outlook on the web"
            case .outlookStepOne: "Open {addCalendar} in {outlookCom} or {microsoft365} (work or school)."
            case .outlookAddCalendar: "Add calendar"
            case .outlookStepTwo: "Choose {subscribeFromWeb}, paste the calendar address above and choose {import}."
            case .outlookSubscribeFromWeb: "Subscribe from web"
            case .outlookImport: "Import"
            case .oneTimeHeading: "One-time copy"
            case .zoneOnly: "Times are {zone}."
            case .zoneWithAbbreviation: "Times are {zone} ({abbreviation})."
            case .zoneWithSummer: "Times are {zone} ({standard}, or {summer} in summer)."
            case .zoneChangesForSummer: "Times are {zone}, which changes for summer."
            case .zoneNote: "({zone})"
            case .zoneCity: "{city} time"
            case .lastUpdated: "Last updated {time}."
            case .dateTimeAt: "{date} at {time} {zone}"
            case .dateAndTime: "{date}, {time}"
            }
        },
        weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        weekdaysShort: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        weekdaysRepeating: ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"],
        feminineWeekdays: [],
        monthsShort: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        ordinals: ["first", "second", "third", "fourth", "fifth", "last"],
        feminineOrdinals: nil,
        and: " and ",
        zoneNames: [
            "Europe/London": "UK time",
            "Europe/Belfast": "UK time",
            "GB": "UK time",
            "Europe/Dublin": "Irish time",
            "Eire": "Irish time",
            "America/New_York": "US Eastern time",
            "US/Eastern": "US Eastern time",
            "America/Detroit": "US Eastern time",
            "America/Chicago": "US Central time",
            "US/Central": "US Central time",
            "America/Denver": "US Mountain time",
            "US/Mountain": "US Mountain time",
            "America/Phoenix": "Arizona time",
            "America/Los_Angeles": "US Pacific time",
            "US/Pacific": "US Pacific time",
            "America/Anchorage": "Alaska time",
            "Pacific/Honolulu": "Hawaii time",
            "America/Toronto": "Eastern time",
            "America/Vancouver": "Pacific time",
            "America/Sao_Paulo": "São Paulo time",
            "Asia/Kolkata": "India time",
            "Asia/Calcutta": "India time",
            "Asia/Tokyo": "Japan time",
            "Asia/Shanghai": "China time",
            "Pacific/Auckland": "New Zealand time",
            "NZ": "New Zealand time",
            "UTC": "UTC",
            "Etc/UTC": "UTC",
            "Etc/GMT": "GMT",
        ],
        nameDaySeparator: " & ")
}
