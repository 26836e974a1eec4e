import Timetable

extension Phrasebook {
    /// French (`fr`): a no-break space before a colon and inside guillemets, "1er" for the
    /// first of the month, 24-hour times.
    static let french = Phrasebook(
        phrase: { key in
            switch key {
            case .bookingLabel: "Réservez vos cours"
            case .bookingLine: "{label}\u{A0}: {url}"
            case .cancelledSummary: "Annulé\u{A0}: {title}"
            case .movedFrom: "Cours déplacé, initialement le {date} à {time}"
            case .changed: "Modifié\u{A0}: {changes}"
            case .instructorLine: "Cours animé par {instructor}"
            case .coveredBy: "assuré par {instructor}"
            case .changedLocation: "lieu\u{A0}: {location}"
            case .changedTitle: "sous le nom «\u{A0}{title}\u{A0}»"
            case .changedLength: "durée\u{A0}: {minutes}\u{A0}minutes"
            case .changedNote: "remarque\u{A0}: {note}"
            case .unchanged: "sans changement"
            case .feedName: "{calendar}\u{A0}: {feed}"
            case .weeklyClassName: "{title}, {days} à {time}"
            case .repeatingClassName: "{title}, {repeats} à {time}"
            case .oneDateClassName: "{title}, {date} à {time}"
            case .datesClassName: "{title}, à {time}"
            case .classEnded: "{name} (ce cours est terminé)"
            case .calendarEnded: "{name} (ce calendrier est terminé)"
            case .everyOtherWeekday: "un {weekday} sur deux"
            case .everyOtherWeekOn: "une semaine sur deux, {days}"
            case .everyNWeeksOn: "toutes les {n}\u{A0}semaines, {days}"
            case .monthlyOn: "{days} du mois"
            case .date: "{weekday} {day} {month} {year}"
            case .durationMinutes: "{minutes}\u{A0}min"
            case .durationOneHour: "1\u{A0}h"
            case .durationHours: "{hours}\u{A0}h"
            case .durationHoursMinutes: "{hours} {minutes}"
            }
        },
        weekdays: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        weekdaysShort: ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
        weekdaysRepeating: ["le lundi", "le mardi", "le mercredi", "le jeudi", "le vendredi", "le samedi", "le dimanche"],
        feminineWeekdays: [],
        dayOfMonth: { $0 == 1 ? "1er" : String($0) },
        monthsShort: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
        ordinals: ["le premier", "le deuxième", "le troisième", "le quatrième", "le cinquième", "le dernier"],
        feminineOrdinals: nil,
        and: " et ",
        nameDaySeparator: nil)
}
