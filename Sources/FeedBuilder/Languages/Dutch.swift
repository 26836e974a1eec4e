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
            case .coveredBy: "met invaldocent {instructor}"
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
            case .pageTitle: "{calendar}: rooster en agenda"
            case .whereLabel: "Waar:"
            case .addToCalendar: "Zet de lessen in je agenda"
            case .timetableHeading: "Weekrooster"
            case .noWeeklyClasses: "Er zijn op dit moment geen wekelijkse lessen."
            case .everyMonth: "Elke maand"
            case .allClassesUntil: "Alle lessen lopen tot en met {date}."
            case .nextDate: "volgende: {date}"
            case .startsOn: "Vanaf {date}"
            case .untilDate: "Tot en met {date}"
            case .instructorLabel: "Docent"
            case .locationLabel: "Locatie"
            case .bookClass: "{title} boeken"
            case .oneOffHeading: "Losse lessen"
            case .cancelledTag: "Geannuleerd"
            case .movedTag: "Verplaatst"
            case .changedTag: "Gewijzigd"
            case .closedTag: "Gesloten"
            case .movedFromWhen: "was gepland op {when}"
            case .changesHeading: "Wijzigingen in de komende {weeks} weken"
            case .noChanges: "Geen annuleringen, sluitingen of verplaatste lessen in de komende {weeks} weken."
            case .closedOn: "Geen lessen op {date}"
            case .closedFromTo: "Geen lessen van {from} tot en met {to}"
            case .classOnDate: "{title} op {when}"
            case .movedTime: "{title} op {date} begint om {time} in plaats van om {was}"
            case .movedDay: "{title} wordt verplaatst van {from} naar {to}"
            case .coversClass: "{instructor} valt in bij {title}"
            case .changeAndDetails: "{change}: {details}"
            case .downloadNoticeTitle: "Download de lessen naar je agenda."
            case .downloadNotice: "Open het gedownloade bestand en je agenda-app voegt de lessen toe. Een download is een kopie: die werkt zichzelf niet bij, dus download hem later opnieuw om annuleringen en wijzigingen te zien."
            case .subscribeIntro: "Abonneer je één keer en je agenda blijft vanzelf bij: geannuleerde lessen verdwijnen en verplaatste lessen schuiven mee. Kies hieronder je agenda-app."
            case .allClasses: "Alle lessen"
            case .someClassesHeading: "Alleen bepaalde lessen"
            case .someClassesIntro: "Agenda’s met de lessen van één docent, één zaal of één soort les. Als een les voor een dag een andere docent of zaal krijgt, staat hij die dag ook in een andere agenda."
            case .oneClassHeading: "Eén les"
            case .oneClassIntro: "Elke les heeft ook een eigen agenda, voor leden die alleen die les volgen."
            case .oneOffFeed: "{title} (eenmalig)"
            case .datesFeed: "{title} ({count} data)"
            case .downloadFile: "{file} downloaden"
            case .oneTimeWarning: "Een eenmalige kopie: die wordt niet bijgewerkt, dus latere annuleringen en wijzigingen komen niet in je agenda."
            case .calendarAddress: "Agenda-adres"
            case .copyButton: "Kopiëren"
            case .copiedButton: "Gekopieerd"
            case .appleHeading: "iPhone, iPad, Mac of Outlook voor Windows"
            case .subscribeButton: "Abonneren"
            case .appleHint: "Opent je agenda-app, die vraagt of je je wilt abonneren."
            case .googleHeading: "Android-telefoon of Google Agenda"
            case .googleStepOne: "Open op een computer {fromURLPage} (in Google Agenda: {menu}). De Google Agenda-app op een Android-telefoon kan geen agenda toevoegen via het adres, dus gebruik één keer een computer."
            case .googleFromURLLink: "de pagina ‘Via URL’ van Google Agenda"
            case .googleMenu: "Andere agenda’s › + › Via URL"
            case .googleStepTwo: "Plak het agenda-adres hierboven en kies {addCalendar}."
            case .googleAddCalendar: "Agenda toevoegen"
            case .googleHint: "Daarna staat hij ook in de Google Agenda-app op je telefoon (Android of iPhone). Google kijkt maar eens per 8 tot 24 uur of er wijzigingen zijn, dus een wijziging op dezelfde dag kan laat doorkomen."
            case .outlookHeading: "Outlook op het web"
            case .outlookStepOne: "Open in {outlookCom} of {microsoft365} (werk- of schoolaccount) de pagina om een agenda toe te voegen."
            case .outlookAddCalendar: "agenda toevoegen"
            case .outlookStepTwo: "Kies ervoor je te abonneren op een agenda van internet, plak het agenda-adres hierboven en bevestig het importeren."
            case .outlookSubscribeFromWeb: "abonneren via internet"
            case .outlookImport: "importeren"
            case .oneTimeHeading: "Eenmalige kopie"
            case .zoneOnly: "Tijden: {zone}."
            case .zoneWithAbbreviation: "Tijden: {zone} ({abbreviation})."
            case .zoneWithSummer: "Tijden: {zone} ({standard}, of {summer} in de zomer)."
            case .zoneChangesForSummer: "Tijden: {zone}, met zomertijd."
            case .zoneNote: "({zone})"
            case .zoneCity: "tijd in {city}"
            case .lastUpdated: "Laatst bijgewerkt: {time}."
            case .dateTimeAt: "{date} om {time} {zone}"
            case .dateAndTime: "{date}, {time}"
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
        zoneNames: [
            "Europe/Amsterdam": "Nederlandse tijd",
            "Europe/Brussels": "Belgische tijd",
            "Europe/London": "Britse tijd",
            "Europe/Dublin": "Ierse tijd",
            "Europe/Berlin": "Duitse tijd",
            "Europe/Paris": "Franse tijd",
            "America/New_York": "tijd in New York",
            "America/Paramaribo": "Surinaamse tijd",
            "America/Curacao": "tijd op Curaçao",
            "UTC": "UTC",
            "Etc/UTC": "UTC",
            "Etc/GMT": "GMT",
        ],
        nameDaySeparator: nil)
}
