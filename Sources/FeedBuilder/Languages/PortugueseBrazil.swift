import Timetable

extension Phrasebook {
    /// Portuguese as written in Brazil (`pt-BR`): "seg., 7 de dez. de 2026", "às segundas",
    /// ordinals that agree with the weekday ("a primeira segunda-feira", "o último sábado").
    static let portugueseBrazil = Phrasebook(
        phrase: { key in
            switch key {
            case .bookingLabel: "Reserve suas aulas"
            case .bookingLine: "{label}: {url}"
            case .cancelledSummary: "Cancelada: {title}"
            case .movedFrom: "Aula remarcada; antes era {date}, às {time}"
            case .changed: "Alterações: {changes}"
            case .instructorLine: "Aula com {instructor}"
            case .coveredBy: "com {instructor}"
            case .changedLocation: "local: {location}"
            case .changedTitle: "como “{title}”"
            case .changedLength: "duração: {minutes} minutos"
            case .changedNote: "observação: {note}"
            case .unchanged: "sem alterações"
            case .feedName: "{calendar}: {feed}"
            case .weeklyClassName: "{title}, {days}, {time}"
            case .repeatingClassName: "{title}, {repeats}, {time}"
            case .oneDateClassName: "{title}, {date}, {time}"
            case .datesClassName: "{title}, às {time}"
            case .classEnded: "{name} (esta aula foi encerrada)"
            case .calendarEnded: "{name} (este calendário foi encerrado)"
            case .everyOtherWeekday: "a cada duas semanas, {days}"
            case .everyOtherWeekOn: "a cada duas semanas, {days}"
            case .everyNWeeksOn: "a cada {n} semanas, {days}"
            case .monthlyOn: "{days} de cada mês"
            case .date: "{weekday}, {day} de {month} de {year}"
            case .durationMinutes: "{minutes}\u{A0}min"
            case .durationOneHour: "1\u{A0}h"
            case .durationHours: "{hours}\u{A0}h"
            case .durationHoursMinutes: "{hours} {minutes}"
            }
        },
        weekdays: ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"],
        weekdaysShort: ["seg.", "ter.", "qua.", "qui.", "sex.", "sáb.", "dom."],
        weekdaysRepeating: ["às segundas", "às terças", "às quartas", "às quintas", "às sextas", "aos sábados", "aos domingos"],
        feminineWeekdays: [.monday, .tuesday, .wednesday, .thursday, .friday],
        monthsShort: ["jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."],
        ordinals: ["o primeiro", "o segundo", "o terceiro", "o quarto", "o quinto", "o último"],
        feminineOrdinals: ["a primeira", "a segunda", "a terceira", "a quarta", "a quinta", "a última"],
        and: " e ",
        nameDaySeparator: nil)
}
