import Timetable

extension Phrasebook {
    /// Dutch (`nl`): "ma 7 dec 2026", "op maandag om 17:15".
    static let dutch = Phrasebook(
        phrase: { key in
            switch key {
            case .bookingLabel: "Boek je lessen"
            case .bookingLine: "{label}: {url}"
            case .cancelledSummary: "Geannuleerd: {title}"
            case .movedFrom: "Verplaatst; was gepland op {date} om {time}"
            case .changed: "Gewijzigd: {changes}"
            case .instructorLine: "Docent: {instructor}"
            case .coveredBy: "invaldocent: {instructor}"
            case .changedLocation: "in {location}"
            case .changedTitle: "als ‘{title}’"
            case .changedLength: "duur: {minutes} minuten"
            case .changedNote: "let op: {note}"
            case .unchanged: "ongewijzigd"
            case .feedName: "{calendar}: {feed}"
            case .weeklyClassName: "{title}, {days} om {time}"
            case .repeatingClassName: "{title}, {repeats} om {time}"
            case .oneDateClassName: "{title}, {date} om {time}"
            case .datesClassName: "{title}, om {time}"
            case .classEnded: "{name} (deze les is gestopt)"
            case .calendarEnded: "{name} (deze agenda is gestopt)"
            case .everyOtherWeekday: "om de week {days}"
            case .everyOtherWeekOn: "om de week {days}"
            case .everyNWeeksOn: "om de {n} weken {days}"
            case .monthlyOn: "{days} van de maand"
            case .date: "{weekday} {day} {month} {year}"
            case .durationMinutes: "{minutes}\u{A0}min"
            case .durationOneHour: "1\u{A0}uur"
            case .durationHours: "{hours}\u{A0}uur"
            case .durationHoursMinutes: "{hours} {minutes}"
            }
        },
        weekdays: ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
        weekdaysShort: ["ma", "di", "wo", "do", "vr", "za", "zo"],
        weekdaysRepeating: ["op maandag", "op dinsdag", "op woensdag", "op donderdag", "op vrijdag", "op zaterdag", "op zondag"],
        feminineWeekdays: [],
        monthsShort: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
        ordinals: ["de eerste", "de tweede", "de derde", "de vierde", "de vijfde", "de laatste"],
        feminineOrdinals: nil,
        and: " en ",
        nameDaySeparator: nil)
}
