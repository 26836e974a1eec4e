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
            case .coveredBy: "con {instructor} in sostituzione"
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
            case .pageTitle: "{calendar}: orario e calendario"
            case .whereLabel: "Dove:"
            case .addToCalendar: "Aggiungi le lezioni al tuo calendario"
            case .timetableHeading: "Orario settimanale"
            case .noWeeklyClasses: "Al momento non ci sono lezioni settimanali."
            case .everyMonth: "Ogni mese"
            case .allClassesUntil: "Ultima lezione di tutti i corsi: {date}."
            case .nextDate: "prossima: {date}"
            case .startsOn: "Inizia: {date}"
            case .untilDate: "Ultima lezione: {date}"
            case .instructorLabel: "Insegnante"
            case .locationLabel: "Luogo"
            case .bookClass: "Prenota {title}"
            case .oneOffHeading: "Lezioni singole"
            case .cancelledTag: "Annullata"
            case .movedTag: "Spostata"
            case .changedTag: "Modificata"
            case .closedTag: "Chiuso"
            case .movedFromWhen: "era prevista per {when}"
            case .changesHeading: "Cambiamenti nelle prossime {weeks} settimane"
            case .noChanges: "Nessuna lezione annullata o spostata e nessuna chiusura nelle prossime {weeks} settimane."
            case .closedOn: "Nessuna lezione: {date}"
            case .closedFromTo: "Nessuna lezione da {from} a {to}"
            case .classOnDate: "{title}: {when}"
            case .movedTime: "{title}: {date} inizia alle {time} invece che alle {was}"
            case .movedDay: "{title} si sposta da {from} a {to}"
            case .coversClass: "{title} tenuta da {instructor}"
            case .changeAndDetails: "{change}: {details}"
            case .downloadNoticeTitle: "Scarica le lezioni nel tuo calendario."
            case .downloadNotice: "Apri il file scaricato e la tua app di calendario aggiungerà le lezioni. Un download è una copia: non si aggiorna da solo, quindi scaricalo di nuovo più avanti per vedere annullamenti e cambiamenti."
            case .subscribeIntro: "Iscriviti una volta e il tuo calendario resterà sempre aggiornato: le lezioni annullate spariscono e quelle spostate si spostano. Scegli qui sotto la tua app di calendario."
            case .allClasses: "Tutte le lezioni"
            case .someClassesHeading: "Solo alcune lezioni"
            case .someClassesIntro: "Calendari con le lezioni di un insegnante, di una sala o di un tipo di lezione. Quando una lezione cambia insegnante o sala per un giorno, quel giorno cambia anche calendario."
            case .oneClassHeading: "Un solo corso"
            case .oneClassIntro: "Ogni corso ha anche un calendario tutto suo, per chi frequenta solo quel corso."
            case .oneOffFeed: "{title} (lezione singola)"
            case .datesFeed: "{title} ({count} date)"
            case .downloadFile: "Scarica {file}"
            case .oneTimeWarning: "Una copia unica: non si aggiornerà, quindi annullamenti e cambiamenti successivi non arriveranno al tuo calendario."
            case .calendarAddress: "Indirizzo del calendario"
            case .copyButton: "Copia"
            case .copiedButton: "Copiato"
            case .appleHeading: "iPhone, iPad, Mac o Outlook per Windows"
            case .subscribeButton: "Iscriviti"
            case .appleHint: "Apre la tua app di calendario, che ti chiede se vuoi iscriverti."
            case .googleHeading: "Telefono Android o Google Calendar"
            case .googleStepOne: "Su un computer, apri {fromURLPage} (in Google Calendar: {menu}). L’app Google Calendar di un telefono Android non può aggiungere un calendario dal suo indirizzo, quindi usa un computer una volta."
            case .googleFromURLLink: "la pagina «Da URL» di Google Calendar"
            case .googleMenu: "Altri calendari › + › Da URL"
            case .googleStepTwo: "Incolla l’indirizzo del calendario qui sopra e scegli {addCalendar}."
            case .googleAddCalendar: "Aggiungi calendario"
            case .googleHint: "Poi compare anche nell’app Google Calendar del tuo telefono (Android o iPhone). Google controlla i cambiamenti solo ogni 8-24 ore, quindi un cambiamento dello stesso giorno può arrivarti in ritardo."
            case .outlookHeading: "Outlook sul web"
            case .outlookStepOne: "In {outlookCom} o {microsoft365} (account di lavoro o della scuola), apri la pagina per aggiungere un calendario."
            case .outlookAddCalendar: "aggiungi calendario"
            case .outlookStepTwo: "Scegli di iscriverti a un calendario dal web, incolla l’indirizzo del calendario qui sopra e conferma l’importazione."
            case .outlookSubscribeFromWeb: "iscriviti dal web"
            case .outlookImport: "importa"
            case .oneTimeHeading: "Copia unica"
            case .zoneOnly: "Orari: {zone}."
            case .zoneWithAbbreviation: "Orari: {zone} ({abbreviation})."
            case .zoneWithSummer: "Orari: {zone} ({standard}, o {summer} d’estate)."
            case .zoneChangesForSummer: "Orari: {zone}, che cambia d’estate."
            case .zoneNote: "({zone})"
            case .zoneCity: "ora di {city}"
            case .lastUpdated: "Ultimo aggiornamento: {time}."
            case .dateTimeAt: "{date}, {time} {zone}"
            case .dateAndTime: "{date}, {time}"
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
        zoneNames: [
            "Europe/Rome": "ora italiana",
            "Europe/Zurich": "ora svizzera",
            "Europe/London": "ora del Regno Unito",
            "Europe/Dublin": "ora irlandese",
            "Europe/Brussels": "ora di Bruxelles",
            "Europe/Lisbon": "ora di Lisbona",
            "America/New_York": "ora di New York",
            "UTC": "UTC",
            "Etc/UTC": "UTC",
            "Etc/GMT": "GMT",
        ],
        nameDaySeparator: nil)
}
