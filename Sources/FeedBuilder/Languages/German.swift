import Timetable

extension Phrasebook {
    /// German (`de`): "Mo., 7. Dez. 2026", "montags um 17:15", German quotation marks.
    static let german = Phrasebook(
        phrase: { key in
            switch key {
            case .bookingLabel: "Kurse buchen"
            case .bookingLine: "{label}: {url}"
            case .cancelledSummary: "Abgesagt: {title}"
            case .movedFrom: "Verschoben, ursprünglich {date}, {time} Uhr"
            case .changed: "Geändert: {changes}"
            case .instructorLine: "Kursleitung: {instructor}"
            case .coveredBy: "Vertretung: {instructor}"
            case .changedLocation: "Ort: {location}"
            case .changedTitle: "als „{title}“"
            case .changedLength: "Dauer: {minutes} Minuten"
            case .changedNote: "Hinweis: {note}"
            case .unchanged: "unverändert"
            case .feedName: "{calendar}: {feed}"
            case .weeklyClassName: "{title}, {days} um {time}"
            case .repeatingClassName: "{title}, {repeats} um {time}"
            case .oneDateClassName: "{title}, {date}, {time}"
            case .datesClassName: "{title}, um {time}"
            case .classEnded: "{name} (dieser Kurs ist beendet)"
            case .calendarEnded: "{name} (dieser Kalender ist beendet)"
            case .everyOtherWeekday: "jeden zweiten {weekday}"
            case .everyOtherWeekOn: "jede zweite Woche {days}"
            case .everyNWeeksOn: "alle {n} Wochen {days}"
            case .monthlyOn: "jeden {days} im Monat"
            case .date: "{weekday}, {day}. {month} {year}"
            case .durationMinutes: "{minutes}\u{A0}Min."
            case .durationOneHour: "1\u{A0}Std."
            case .durationHours: "{hours}\u{A0}Std."
            case .durationHoursMinutes: "{hours} {minutes}"
            }
        },
        weekdays: ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
        weekdaysShort: ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
        weekdaysRepeating: ["montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags"],
        feminineWeekdays: [],
        monthsShort: ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
        ordinals: ["ersten", "zweiten", "dritten", "vierten", "fünften", "letzten"],
        feminineOrdinals: nil,
        and: " und ",
        nameDaySeparator: nil)
}
