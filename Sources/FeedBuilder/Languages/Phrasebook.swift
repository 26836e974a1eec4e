import CivilTime
import Timetable

/// One language's words: a phrase for every ``PhraseKey`` and the names that dates, weekly
/// and monthly classes are made of. Each language is one file beside this one that defines
/// its `Phrasebook` (an exhaustive `switch` over the keys, so a missing phrase does not
/// compile) and is named once in ``of(_:)``; `LanguageTests` checks each table's names and
/// placeholders.
struct Phrasebook: Sendable {
    /// Every phrase, by key.
    let phrase: @Sendable (PhraseKey) -> String
    /// Weekday names as written inside a sentence ("Wednesday", "mercredi"), Monday first.
    let weekdays: [String]
    /// Abbreviated weekdays for dates ("Mon", "lun.", "Mo."), Monday first.
    let weekdaysShort: [String]
    /// Weekdays as a class that runs on them is said to ("Mondays", "le lundi", "montags"),
    /// Monday first.
    let weekdaysRepeating: [String]
    /// The weekdays whose names are feminine, for the ordinals that agree with them ("la prima
    /// domenica", "a primeira segunda-feira").
    let feminineWeekdays: Set<Weekday>
    /// The day of the month in a date ("7"; French writes the first "1er").
    var dayOfMonth: @Sendable (Int) -> String = { String($0) }
    /// Abbreviated months for dates ("Dec", "déc.", "Dez."), January first.
    let monthsShort: [String]
    /// Ordinals before a weekday of a monthly class: first to fifth, then last ("first",
    /// "le premier", "ersten"); with an article where the language puts one there.
    let ordinals: [String]
    /// The same agreeing with a feminine weekday; nil when the language has no such form.
    let feminineOrdinals: [String]?
    /// The word between the last two items of a list (" and "); the others are separated by ", ".
    let and: String
    /// What members call a time zone whose name they do not know by its city ("UK time",
    /// "heure du Royaume-Uni", "horário de Brasília"), by IANA name; any other zone is its city
    /// in ``PhraseKey/zoneCity``.
    let zoneNames: [String: String]
    /// What separates the weekdays of a weekly class in its feed's name when it is not a list
    /// (English: " & ", "Mondays & Thursdays").
    let nameDaySeparator: String?

    /// The table of a language.
    static func of(_ language: Language) -> Phrasebook {
        switch language {
        case .english: .english
        case .french: .french
        case .german: .german
        case .spanish: .spanish
        case .portugueseBrazil: .portugueseBrazil
        case .italian: .italian
        case .dutch: .dutch
        }
    }
}
