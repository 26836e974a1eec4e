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
            case .pageTitle: "{calendar}\u{A0}: planning et agenda"
            case .whereLabel: "Lieu\u{A0}:"
            case .addToCalendar: "Ajouter les cours à votre agenda"
            case .timetableHeading: "Planning de la semaine"
            case .noWeeklyClasses: "Il n’y a pas de cours hebdomadaire en ce moment."
            case .everyMonth: "Chaque mois"
            case .allClassesUntil: "Tous les cours ont lieu jusqu’au {date}."
            case .nextDate: "prochain cours le {date}"
            case .startsOn: "À partir du {date}"
            case .untilDate: "Jusqu’au {date}"
            case .instructorLabel: "Avec"
            case .locationLabel: "Lieu"
            case .bookClass: "Réserver le cours {title}"
            case .oneOffHeading: "Cours ponctuels"
            case .cancelledTag: "Annulé"
            case .movedTag: "Déplacé"
            case .changedTag: "Modifié"
            case .closedTag: "Fermé"
            case .movedFromWhen: "initialement le {when}"
            case .changesHeading: "Changements des {weeks}\u{A0}prochaines semaines"
            case .noChanges: "Aucune annulation, fermeture ni déplacement de cours dans les {weeks}\u{A0}prochaines semaines."
            case .closedOn: "Pas de cours le {date}"
            case .closedFromTo: "Pas de cours du {from} au {to}"
            case .classOnDate: "{title} le {when}"
            case .movedTime: "{title} le {date} commence à {time} au lieu de {was}"
            case .movedDay: "{title} est déplacé du {from} au {to}"
            case .coversClass: "{title} assuré par {instructor}"
            case .changeAndDetails: "{change}\u{A0}: {details}"
            case .downloadNoticeTitle: "Téléchargez les cours dans votre agenda."
            case .downloadNotice: "Ouvrez le fichier téléchargé et votre agenda ajoute les cours. Un téléchargement est une copie\u{A0}: il ne se met pas à jour, téléchargez-le donc à nouveau plus tard pour voir les annulations et les changements."
            case .subscribeIntro: "Abonnez-vous une fois et votre agenda se tient à jour tout seul\u{A0}: les cours annulés disparaissent et les cours déplacés se déplacent. Choisissez votre application d’agenda ci-dessous."
            case .allClasses: "Tous les cours"
            case .someClassesHeading: "Seulement certains cours"
            case .someClassesIntro: "Des agendas pour les cours d’un professeur, d’une salle ou d’un type de cours. Quand un cours change de professeur ou de salle pour une journée, il change aussi d’agenda ce jour-là."
            case .oneClassHeading: "Un seul cours"
            case .oneClassIntro: "Chaque cours a aussi son propre agenda, pour les membres qui ne viennent qu’à ce cours."
            case .oneOffFeed: "{title} (ponctuel)"
            case .datesFeed: "{title} ({count}\u{A0}dates)"
            case .downloadFile: "Télécharger {file}"
            case .oneTimeWarning: "Une copie unique\u{A0}: elle ne se mettra pas à jour, les annulations et changements ultérieurs n’arriveront donc pas dans votre agenda."
            case .calendarAddress: "Adresse de l’agenda"
            case .copyButton: "Copier"
            case .copiedButton: "Copié"
            case .appleHeading: "iPhone, iPad, Mac ou Outlook pour Windows"
            case .subscribeButton: "S’abonner"
            case .appleHint: "Ouvre votre application d’agenda, qui vous demande si vous voulez vous abonner."
            case .googleHeading: "Téléphone Android ou Google Agenda"
            case .googleStepOne: "Sur un ordinateur, ouvrez {fromURLPage} (dans Google Agenda\u{A0}: {menu}). L’application Google Agenda d’un téléphone Android ne sait pas ajouter un agenda à partir de son adresse\u{A0}: passez une fois par un ordinateur."
            case .googleFromURLLink: "la page «\u{A0}À partir de l’URL\u{A0}» de Google Agenda"
            case .googleMenu: "Autres agendas › + › À partir de l’URL"
            case .googleStepTwo: "Collez l’adresse de l’agenda ci-dessus et choisissez {addCalendar}."
            case .googleAddCalendar: "Ajouter un agenda"
            case .googleHint: "Il apparaît ensuite aussi dans l’application Google Agenda de votre téléphone (Android ou iPhone). Google ne cherche les changements que toutes les 8 à 24\u{A0}heures\u{A0}: un changement du jour même peut donc vous parvenir en retard."
            case .outlookHeading: "Outlook sur le web"
            case .outlookStepOne: "Ouvrez {addCalendar} dans {outlookCom} ou {microsoft365} (compte professionnel ou scolaire)."
            case .outlookAddCalendar: "Ajouter un calendrier"
            case .outlookStepTwo: "Choisissez {subscribeFromWeb}, collez l’adresse de l’agenda ci-dessus et choisissez {import}."
            case .outlookSubscribeFromWeb: "S’abonner à partir du web"
            case .outlookImport: "Importer"
            case .oneTimeHeading: "Copie unique"
            case .zoneOnly: "Horaires\u{A0}: {zone}."
            case .zoneWithAbbreviation: "Horaires\u{A0}: {zone} ({abbreviation})."
            case .zoneWithSummer: "Horaires\u{A0}: {zone} ({standard}, ou {summer} en été)."
            case .zoneChangesForSummer: "Horaires\u{A0}: {zone}, qui change en été."
            case .zoneNote: "({zone})"
            case .zoneCity: "heure de {city}"
            case .lastUpdated: "Mis à jour le {time}."
            case .dateTimeAt: "{date} à {time} {zone}"
            case .dateAndTime: "{date} à {time}"
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
        zoneNames: [
            "Europe/London": "heure du Royaume-Uni",
            "Europe/Dublin": "heure de l’Irlande",
            "Europe/Brussels": "heure de Bruxelles",
            "Europe/Lisbon": "heure de Lisbonne",
            "Europe/Rome": "heure de Rome",
            "Europe/Vienna": "heure de Vienne",
            "Europe/Zurich": "heure de Zurich",
            "America/Montreal": "heure de Montréal",
            "America/Toronto": "heure de l’Est (Canada)",
            "America/New_York": "heure de New York",
            "America/Martinique": "heure de la Martinique",
            "Indian/Reunion": "heure de La Réunion",
            "UTC": "UTC",
            "Etc/UTC": "UTC",
            "Etc/GMT": "GMT",
        ],
        nameDaySeparator: nil)
}
