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
            case .pageTitle: "{calendar}: grade de aulas e agenda"
            case .whereLabel: "Onde:"
            case .addToCalendar: "Adicione as aulas à sua agenda"
            case .timetableHeading: "Grade semanal"
            case .noWeeklyClasses: "No momento não há aulas semanais."
            case .everyMonth: "Todo mês"
            case .allClassesUntil: "Todas as aulas vão até {date}."
            case .nextDate: "próxima: {date}"
            case .startsOn: "Começa em {date}"
            case .untilDate: "Até {date}"
            case .instructorLabel: "Professor(a)"
            case .locationLabel: "Local"
            case .bookClass: "Reservar {title}"
            case .oneOffHeading: "Aulas avulsas"
            case .cancelledTag: "Cancelada"
            case .movedTag: "Remarcada"
            case .changedTag: "Alterada"
            case .closedTag: "Fechado"
            case .movedFromWhen: "antes era {when}"
            case .changesHeading: "Mudanças nas próximas {weeks} semanas"
            case .noChanges: "Nenhum cancelamento, fechamento ou aula remarcada nas próximas {weeks} semanas."
            case .closedOn: "Sem aulas em {date}"
            case .closedFromTo: "Sem aulas de {from} a {to}"
            case .classOnDate: "{title} em {when}"
            case .movedTime: "{title} em {date} começa às {time} em vez de às {was}"
            case .movedDay: "{title} passa de {from} para {to}"
            case .coversClass: "{instructor} dá a aula de {title}"
            case .changeAndDetails: "{change}: {details}"
            case .downloadNoticeTitle: "Baixe as aulas para a sua agenda."
            case .downloadNotice: "Abra o arquivo baixado e o seu app de agenda adiciona as aulas. Um download é uma cópia: ele não se atualiza sozinho, então baixe de novo mais tarde para ver cancelamentos e mudanças."
            case .subscribeIntro: "Assine uma vez e a sua agenda se mantém atualizada sozinha: aulas canceladas somem e aulas remarcadas mudam de horário. Escolha o seu app de agenda abaixo."
            case .allClasses: "Todas as aulas"
            case .someClassesHeading: "Só algumas aulas"
            case .someClassesIntro: "Agendas com as aulas de um professor, de uma sala ou de um tipo de aula. Quando uma aula muda de professor ou de sala por um dia, ela também muda de agenda nesse dia."
            case .oneClassHeading: "Só uma aula"
            case .oneClassIntro: "Cada aula também tem a sua própria agenda, para quem vem só a essa aula."
            case .oneOffFeed: "{title} (avulsa)"
            case .datesFeed: "{title} ({count} datas)"
            case .downloadFile: "Baixar {file}"
            case .oneTimeWarning: "Uma cópia única: ela não será atualizada, então cancelamentos e mudanças futuras não chegarão à sua agenda."
            case .calendarAddress: "Endereço da agenda"
            case .copyButton: "Copiar"
            case .copiedButton: "Copiado"
            case .appleHeading: "iPhone, iPad, Mac ou Outlook para Windows"
            case .subscribeButton: "Assinar"
            case .appleHint: "Abre o seu app de agenda, que pergunta se você quer assinar."
            case .googleHeading: "Celular Android ou Google Agenda"
            case .googleStepOne: "Em um computador, abra {fromURLPage} (no Google Agenda, ela fica no menu de outras agendas, no botão de mais). O app Google Agenda de um celular Android não adiciona agendas pelo endereço, então use um computador uma vez."
            case .googleFromURLLink: "a página do Google Agenda que adiciona uma agenda pelo URL"
            case .googleMenu: "outras agendas › + › adicionar pelo URL"
            case .googleStepTwo: "Cole o endereço da agenda acima e confirme para adicionar a agenda."
            case .googleAddCalendar: "adicionar agenda"
            case .googleHint: "Depois ela aparece também no app Google Agenda do seu celular (Android ou iPhone). O Google só procura mudanças a cada 8 a 24 horas, então uma mudança no mesmo dia pode chegar atrasada."
            case .outlookHeading: "Outlook na web"
            case .outlookStepOne: "No {outlookCom} ou no {microsoft365} (conta de trabalho ou escola), abra a opção de adicionar um calendário."
            case .outlookAddCalendar: "adicionar calendário"
            case .outlookStepTwo: "Escolha assinar um calendário da web, cole o endereço da agenda acima e confirme a importação."
            case .outlookSubscribeFromWeb: "assinar da web"
            case .outlookImport: "importar"
            case .oneTimeHeading: "Cópia única"
            case .zoneOnly: "Horários: {zone}."
            case .zoneWithAbbreviation: "Horários: {zone} ({abbreviation})."
            case .zoneWithSummer: "Horários: {zone} ({standard}, ou {summer} no verão)."
            case .zoneChangesForSummer: "Horários: {zone}, que muda no verão."
            case .zoneNote: "({zone})"
            case .zoneCity: "horário de {city}"
            case .lastUpdated: "Atualizado em {time}."
            case .dateTimeAt: "{date}, às {time} {zone}"
            case .dateAndTime: "{date}, {time}"
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
        zoneNames: [
            "America/Sao_Paulo": "horário de Brasília",
            "America/Bahia": "horário de Brasília",
            "America/Fortaleza": "horário de Brasília",
            "America/Recife": "horário de Brasília",
            "America/Manaus": "horário do Amazonas",
            "America/Noronha": "horário de Fernando de Noronha",
            "Europe/Lisbon": "horário de Lisboa",
            "Europe/London": "horário do Reino Unido",
            "America/New_York": "horário de Nova York",
            "UTC": "UTC",
            "Etc/UTC": "UTC",
            "Etc/GMT": "GMT",
        ],
        nameDaySeparator: nil)
}
