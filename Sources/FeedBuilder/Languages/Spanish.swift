import Timetable

extension Phrasebook {
    /// Spanish (`es`): "lun, 7 dic 2026", "los lunes a las 17:15", angle quotes.
    static let spanish = Phrasebook(
        phrase: { key in
            switch key {
            case .bookingLabel: "Reserva tus clases"
            case .bookingLine: "{label}: {url}"
            case .cancelledSummary: "Cancelada: {title}"
            case .movedFrom: "Clase trasladada; estaba prevista el {date} a las {time}"
            case .changed: "Cambios: {changes}"
            case .instructorLine: "Imparte: {instructor}"
            case .coveredBy: "la imparte {instructor}"
            case .changedLocation: "en {location}"
            case .changedTitle: "como «{title}»"
            case .changedLength: "duración: {minutes} minutos"
            case .changedNote: "nota: {note}"
            case .unchanged: "sin cambios"
            case .feedName: "{calendar}: {feed}"
            case .weeklyClassName: "{title}, {days} a las {time}"
            case .repeatingClassName: "{title}, {repeats} a las {time}"
            case .oneDateClassName: "{title}, {date}, {time}"
            case .datesClassName: "{title}, a las {time}"
            case .classEnded: "{name} (esta clase ha terminado)"
            case .calendarEnded: "{name} (este calendario ha terminado)"
            case .everyOtherWeekday: "cada dos semanas, {days}"
            case .everyOtherWeekOn: "cada dos semanas, {days}"
            case .everyNWeeksOn: "cada {n} semanas, {days}"
            case .monthlyOn: "{days} de cada mes"
            case .date: "{weekday}, {day} {month} {year}"
            case .durationMinutes: "{minutes}\u{A0}min"
            case .durationOneHour: "1\u{A0}h"
            case .durationHours: "{hours}\u{A0}h"
            case .durationHoursMinutes: "{hours} {minutes}"
            }
        },
        weekdays: ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
        weekdaysShort: ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
        weekdaysRepeating: ["los lunes", "los martes", "los miércoles", "los jueves", "los viernes", "los sábados", "los domingos"],
        feminineWeekdays: [],
        monthsShort: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
        ordinals: ["el primer", "el segundo", "el tercer", "el cuarto", "el quinto", "el último"],
        feminineOrdinals: nil,
        and: " y ",
        nameDaySeparator: nil)
}
