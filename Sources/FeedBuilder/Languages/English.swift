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
        nameDaySeparator: " & ")
}
