import Timetable

extension Phrasebook {
    /// Italian (`it`): "lun 7 dic 2026", "il lunedì alle 17:15", ordinals that agree with the
    /// weekday ("la prima domenica", "il primo sabato").
    static let italian = Phrasebook(
        phrase: { key in
            switch key {
            case .bookingLabel: "Prenota le tue lezioni"
            case .bookingLine: "{label}: {url}"
            case .cancelledSummary: "Annullata: {title}"
            case .movedFrom: "Lezione spostata; era prevista per {date} alle {time}"
            case .changed: "Modifiche: {changes}"
            case .instructorLine: "Insegnante: {instructor}"
            case .coveredBy: "in sostituzione: {instructor}"
            case .changedLocation: "in {location}"
            case .changedTitle: "come «{title}»"
            case .changedLength: "durata: {minutes} minuti"
            case .changedNote: "nota: {note}"
            case .unchanged: "nessuna modifica"
            case .feedName: "{calendar}: {feed}"
            case .weeklyClassName: "{title}, {days} alle {time}"
            case .repeatingClassName: "{title}, {repeats} alle {time}"
            case .oneDateClassName: "{title}, {date} alle {time}"
            case .datesClassName: "{title}, alle {time}"
            case .classEnded: "{name} (questo corso è terminato)"
            case .calendarEnded: "{name} (questo calendario è terminato)"
            case .everyOtherWeekday: "a settimane alterne, {days}"
            case .everyOtherWeekOn: "a settimane alterne, {days}"
            case .everyNWeeksOn: "ogni {n} settimane, {days}"
            case .monthlyOn: "{days} del mese"
            case .date: "{weekday} {day} {month} {year}"
            case .durationMinutes: "{minutes}\u{A0}min"
            case .durationOneHour: "1\u{A0}ora"
            case .durationHours: "{hours}\u{A0}ore"
            case .durationHoursMinutes: "{hours} {minutes}"
            }
        },
        weekdays: ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
        weekdaysShort: ["lun", "mar", "mer", "gio", "ven", "sab", "dom"],
        weekdaysRepeating: ["il lunedì", "il martedì", "il mercoledì", "il giovedì", "il venerdì", "il sabato", "la domenica"],
        feminineWeekdays: [.sunday],
        monthsShort: ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
        ordinals: ["il primo", "il secondo", "il terzo", "il quarto", "il quinto", "l’ultimo"],
        feminineOrdinals: ["la prima", "la seconda", "la terza", "la quarta", "la quinta", "l’ultima"],
        and: " e ",
        nameDaySeparator: nil)
}
