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
            case .coveredBy: "Vertretung durch {instructor}"
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
            case .pageTitle: "{calendar}: Kursplan und Kalender"
            case .whereLabel: "Ort:"
            case .addToCalendar: "Kurse zum Kalender hinzufügen"
            case .timetableHeading: "Wochenplan"
            case .noWeeklyClasses: "Zurzeit gibt es keine wöchentlichen Kurse."
            case .everyMonth: "Jeden Monat"
            case .allClassesUntil: "Alle Kurse laufen bis {date}."
            case .nextDate: "nächster Termin {date}"
            case .startsOn: "Ab {date}"
            case .untilDate: "Bis {date}"
            case .instructorLabel: "Kursleitung"
            case .locationLabel: "Ort"
            case .bookClass: "{title} buchen"
            case .oneOffHeading: "Einzeltermine"
            case .cancelledTag: "Abgesagt"
            case .movedTag: "Verschoben"
            case .changedTag: "Geändert"
            case .closedTag: "Geschlossen"
            case .movedFromWhen: "ursprünglich {when}"
            case .changesHeading: "Änderungen in den nächsten {weeks} Wochen"
            case .noChanges: "Keine Absagen, Schließtage oder verschobenen Kurse in den nächsten {weeks} Wochen."
            case .closedOn: "Keine Kurse am {date}"
            case .closedFromTo: "Keine Kurse vom {from} bis {to}"
            case .classOnDate: "{title} am {when}"
            case .movedTime: "{title} am {date} beginnt um {time} statt um {was}"
            case .movedDay: "{title} wird von {from} auf {to} verschoben"
            case .coversClass: "{instructor} übernimmt {title}"
            case .changeAndDetails: "{change}: {details}"
            case .downloadNoticeTitle: "Kurse in den Kalender herunterladen."
            case .downloadNotice: "Öffnen Sie die heruntergeladene Datei, und Ihre Kalender-App fügt die Kurse hinzu. Ein Download ist eine Kopie: Er aktualisiert sich nicht, laden Sie ihn also später erneut herunter, um Absagen und Änderungen zu sehen."
            case .subscribeIntro: "Einmal abonnieren, und Ihr Kalender bleibt von selbst auf dem neuesten Stand: Abgesagte Kurse verschwinden, verschobene Kurse wandern mit. Wählen Sie unten Ihre Kalender-App."
            case .allClasses: "Alle Kurse"
            case .someClassesHeading: "Nur einige Kurse"
            case .someClassesIntro: "Kalender für die Kurse einer Kursleitung, eines Raums oder einer Kursart. Wechselt ein Kurs für einen Tag Kursleitung oder Raum, wechselt er an diesem Tag auch den Kalender."
            case .oneClassHeading: "Nur ein Kurs"
            case .oneClassIntro: "Jeder Kurs hat auch einen eigenen Kalender, für Mitglieder, die nur zu diesem Kurs kommen."
            case .oneOffFeed: "{title} (einmalig)"
            case .datesFeed: "{title} ({count} Termine)"
            case .downloadFile: "{file} herunterladen"
            case .oneTimeWarning: "Eine einmalige Kopie: Sie wird nicht aktualisiert, spätere Absagen und Änderungen erreichen Ihren Kalender also nicht."
            case .calendarAddress: "Kalenderadresse"
            case .copyButton: "Kopieren"
            case .copiedButton: "Kopiert"
            case .appleHeading: "iPhone, iPad, Mac oder Outlook für Windows"
            case .subscribeButton: "Abonnieren"
            case .appleHint: "Öffnet Ihre Kalender-App, die fragt, ob Sie abonnieren möchten."
            case .googleHeading: "Android-Smartphone oder Google Kalender"
            case .googleStepOne: "Öffnen Sie an einem Computer {fromURLPage} (in Google Kalender: {menu}). Die Google Kalender-App auf einem Android-Smartphone kann keinen Kalender über seine Adresse hinzufügen, nutzen Sie also einmal einen Computer."
            case .googleFromURLLink: "die Seite „Per URL“ von Google Kalender"
            case .googleMenu: "Weitere Kalender › + › Per URL"
            case .googleStepTwo: "Fügen Sie die Kalenderadresse von oben ein und wählen Sie {addCalendar}."
            case .googleAddCalendar: "Kalender hinzufügen"
            case .googleHint: "Er erscheint dann auch in der Google Kalender-App auf Ihrem Smartphone (Android oder iPhone). Google sucht nur alle 8 bis 24 Stunden nach Änderungen, eine Änderung am selben Tag kann Sie also spät erreichen."
            case .outlookHeading: "Outlook im Web"
            case .outlookStepOne: "Öffnen Sie {addCalendar} in {outlookCom} oder {microsoft365} (Geschäfts- oder Schulkonto)."
            case .outlookAddCalendar: "Kalender hinzufügen"
            case .outlookStepTwo: "Wählen Sie {subscribeFromWeb}, fügen Sie die Kalenderadresse von oben ein und wählen Sie {import}."
            case .outlookSubscribeFromWeb: "Aus dem Web abonnieren"
            case .outlookImport: "Importieren"
            case .oneTimeHeading: "Einmalige Kopie"
            case .zoneOnly: "Alle Zeiten: {zone}."
            case .zoneWithAbbreviation: "Alle Zeiten: {zone} ({abbreviation})."
            case .zoneWithSummer: "Alle Zeiten: {zone} ({standard}, im Sommer {summer})."
            case .zoneChangesForSummer: "Alle Zeiten: {zone}, mit Sommerzeit."
            case .zoneNote: "({zone})"
            case .zoneCity: "Ortszeit {city}"
            case .lastUpdated: "Zuletzt aktualisiert: {time}."
            case .dateTimeAt: "{date}, {time} {zone}"
            case .dateAndTime: "{date}, {time}"
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
        zoneNames: [
            "Europe/Berlin": "deutsche Zeit",
            "Europe/Vienna": "österreichische Zeit",
            "Europe/Zurich": "Schweizer Zeit",
            "Europe/London": "britische Zeit",
            "Europe/Dublin": "irische Zeit",
            "Europe/Brussels": "Ortszeit Brüssel",
            "Europe/Rome": "Ortszeit Rom",
            "Europe/Lisbon": "Ortszeit Lissabon",
            "America/New_York": "Ortszeit New York",
            "UTC": "UTC",
            "Etc/UTC": "UTC",
            "Etc/GMT": "GMT",
        ],
        nameDaySeparator: nil)
}
