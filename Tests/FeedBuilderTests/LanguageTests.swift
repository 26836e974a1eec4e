import Testing

@testable import FeedBuilder
import CivilTime
import ICalendar
@testable import Timetable

/// Each language's tables: every phrase present and well formed, every name list whole, and
/// dates, recurrences, durations and changes worded as that language writes them.
@Suite("languages") struct LanguageTests {
    @Test("every phrase of every language is text with only its key's placeholders", arguments: Language.allCases)
    func everyPhraseIsWellFormed(language: Language) {
        let book = Phrasebook.of(language)
        for key in PhraseKey.allCases {
            let phrase = book.phrase(key)
            #expect(ScheduleDecoder.textProblem(phrase) == nil, "\(language.tag) \(key)")
            #expect(ScheduleDecoder.placeholderProblem(phrase, allowed: key.placeholders) == nil, "\(language.tag) \(key): \(phrase)")
            #expect(phrase.trimmingCharacters(in: .whitespaces) == phrase, "\(language.tag) \(key): no space at either end")
        }
        // The placeholders a phrase must keep to say what it is about.
        for key in PhraseKey.allCases {
            // Optional: a weekday said one of two ways, a date given two ways, and the labels
            // of an app's buttons, which a language quotes only where it knows them.
            let optional = key == .everyOtherWeekday || key == .oneDateClassName ? ["weekday", "days", "isoDate", "date"] : []
            let labels = ["menu", "addCalendar", "subscribeFromWeb", "import"]
            let needed = key.placeholders.filter { !optional.contains($0) && !labels.contains($0) }
            for p in needed { #expect(book.phrase(key).contains("{\(p)}"), "\(language.tag) \(key) lacks {\(p)}") }
        }
    }

    @Test("every name list of every language is whole", arguments: Language.allCases)
    func everyNameListIsWhole(language: Language) {
        let book = Phrasebook.of(language)
        #expect(book.weekdays.count == 7 && book.weekdaysShort.count == 7 && book.weekdaysRepeating.count == 7)
        #expect(book.monthsShort.count == 12)
        #expect(book.ordinals.count == 6)
        #expect(book.feminineOrdinals.map { $0.count == 6 } ?? true)
        #expect(book.feminineWeekdays.isEmpty || book.feminineOrdinals != nil)
        for name in book.weekdays + book.weekdaysShort + book.weekdaysRepeating + book.monthsShort + book.ordinals {
            #expect(!name.isEmpty && ScheduleDecoder.textProblem(name) == nil)
        }
        #expect(Set(book.weekdays).count == 7 && Set(book.monthsShort).count == 12)
    }

    static let date = LocalDate(year: 2026, month: 12, day: 7)!
    static let first = LocalDate(year: 2027, month: 2, day: 1)!

    @Test("dates as each language writes them")
    func dates() {
        let expected: [Language: (String, String)] = [
            .english: ("Mon 7 Dec 2026", "Mon 1 Feb 2027"),
            .french: ("lun. 7 déc. 2026", "lun. 1er févr. 2027"),
            .german: ("Mo., 7. Dez. 2026", "Mo., 1. Feb. 2027"),
            .spanish: ("lun, 7 dic 2026", "lun, 1 feb 2027"),
            .portugueseBrazil: ("seg., 7 de dez. de 2026", "seg., 1 de fev. de 2027"),
            .italian: ("lun 7 dic 2026", "lun 1 feb 2027"),
            .dutch: ("ma 7 dec 2026", "ma 1 feb 2027"),
        ]
        for l in Language.allCases {
            let w = Wording(language: l)
            #expect((w.date(Self.date), w.date(Self.first)) == expected[l]!, "\(l.tag)")
        }
        // English dates are the one wording of messages too.
        #expect(Wording(language: .english).date(Self.date) == Self.date.humanDate)
    }

    @Test("when a class that is not weekly runs, and its feed's name")
    func recurrences() throws {
        let everyOther = ClassPattern.everyNWeeks(days: [.wednesday], interval: 2, anchor: Self.date)
        let everyThird = ClassPattern.everyNWeeks(days: [.monday, .friday], interval: 3, anchor: Self.date)
        let monthly = ClassPattern.monthly([
            MonthlyDay(ordinal: 2, weekday: .tuesday), MonthlyDay(ordinal: 4, weekday: .tuesday), MonthlyDay(ordinal: -1, weekday: .sunday),
        ])
        let expected: [Language: [String]] = [
            .english: ["every other Wednesday", "every 3 weeks on Mondays and Fridays", "second and fourth Tuesday and last Sunday of the month"],
            .french: ["un mercredi sur deux", "toutes les 3\u{A0}semaines, le lundi et le vendredi",
                      "le deuxième et le quatrième mardi et le dernier dimanche du mois"],
            .german: ["jeden zweiten Mittwoch", "alle 3 Wochen montags und freitags", "jeden zweiten und vierten Dienstag und letzten Sonntag im Monat"],
            .spanish: ["cada dos semanas, los miércoles", "cada 3 semanas, los lunes y los viernes",
                       "el segundo y el cuarto martes y el último domingo de cada mes"],
            .portugueseBrazil: ["a cada duas semanas, às quartas", "a cada 3 semanas, às segundas e às sextas",
                                "a segunda e a quarta terça-feira e o último domingo de cada mês"],
            .italian: ["a settimane alterne, il mercoledì", "ogni 3 settimane, il lunedì e il venerdì",
                       "il secondo e il quarto martedì e l’ultima domenica del mese"],
            .dutch: ["om de week op woensdag", "om de 3 weken op maandag en op vrijdag",
                     "de tweede en de vierde dinsdag en de laatste zondag van de maand"],
        ]
        for l in Language.allCases {
            let w = Wording(language: l)
            #expect([everyOther, everyThird, monthly].map { w.recurrence($0) ?? "" } == expected[l]!, "\(l.tag)")
        }
    }

    @Test("class feed names in each language")
    func classNames() throws {
        let s = try Support.schedule("""
            {"calendar": {"id": "c", "name": "C", "timezone": "Europe/London", "uidDomain": "c.example"},
             "classes": [
               {"id": "hips", "title": "Hips", "days": ["monday", "thursday"], "start": "17:15", "durationMinutes": 30},
               {"id": "open", "title": "Open Day", "dates": ["2026-12-19"], "start": "10:00", "durationMinutes": 120}]}
            """)
        let expected: [Language: [String]] = [
            .english: ["Hips, Mondays & Thursdays 17:15", "Open Day, 2026-12-19 10:00"],
            .french: ["Hips, le lundi et le jeudi à 17:15", "Open Day, sam. 19 déc. 2026 à 10:00"],
            .german: ["Hips, montags und donnerstags um 17:15", "Open Day, Sa., 19. Dez. 2026, 10:00"],
            .spanish: ["Hips, los lunes y los jueves a las 17:15", "Open Day, sáb, 19 dic 2026, 10:00"],
            .portugueseBrazil: ["Hips, às segundas e às quintas, 17:15", "Open Day, sáb., 19 de dez. de 2026, 10:00"],
            .italian: ["Hips, il lunedì e il giovedì alle 17:15", "Open Day, sab 19 dic 2026 alle 10:00"],
            .dutch: ["Hips, op maandag en op donderdag om 17:15", "Open Day, za 19 dec 2026 om 10:00"],
        ]
        for l in Language.allCases {
            let w = Wording(language: l)
            #expect(s.classes.map(w.className) == expected[l]!, "\(l.tag)")
        }
    }

    @Test("time zones as members call them")
    func zoneNames() {
        #expect(Wording(language: .english).zoneName("Europe/London") == "UK time")
        #expect(Wording(language: .english).zoneName("America/Argentina/Buenos_Aires") == "Buenos Aires time")
        #expect(Wording(language: .french).zoneName("Europe/Paris") == "heure de Paris")
        #expect(Wording(language: .french).zoneName("Europe/London") == "heure du Royaume-Uni")
        #expect(Wording(language: .portugueseBrazil).zoneName("America/Sao_Paulo") == "horário de Brasília")
        #expect(Wording(language: .german).zoneName("Etc/GMT+5") == "Ortszeit Etc/GMT+5")
        for l in Language.allCases {
            for (zone, name) in Phrasebook.of(l).zoneNames {
                #expect(!name.isEmpty && !zone.isEmpty && ScheduleDecoder.textProblem(name) == nil)
            }
        }
    }

    @Test("durations in each language")
    func durations() {
        let expected: [Language: [String]] = [
            .english: ["30 min", "1 hour", "1 hour 15 min", "2 hours"],
            .french: ["30\u{A0}min", "1\u{A0}h", "1\u{A0}h 15\u{A0}min", "2\u{A0}h"],
            .german: ["30\u{A0}Min.", "1\u{A0}Std.", "1\u{A0}Std. 15\u{A0}Min.", "2\u{A0}Std."],
            .italian: ["30\u{A0}min", "1\u{A0}ora", "1\u{A0}ora 15\u{A0}min", "2\u{A0}ore"],
            .dutch: ["30\u{A0}min", "1\u{A0}uur", "1\u{A0}uur 15\u{A0}min", "2\u{A0}uur"],
        ]
        for (l, words) in expected {
            #expect([30, 60, 75, 120].map { Wording(language: l).duration(minutes: $0) } == words, "\(l.tag)")
        }
    }

    @Test("the studio's strings replace the language's phrases, placeholders filled in once")
    func overrides() {
        let w = Wording(language: .french, overrides: [.bookingLabel: "Réservez sur le site", .instructorLine: "Prof\u{A0}: {instructor}"])
        #expect(w[.bookingLabel] == "Réservez sur le site")
        #expect(w(.instructorLine, ("instructor", "{instructor} Zoë")) == "Prof\u{A0}: {instructor} Zoë")
        #expect(w[.cancelledSummary] == "Annulé\u{A0}: {title}")
        #expect(Wording.fill("{a}{b}{c}{", [("a", "1"), ("b", "{a}")]) == "1{a}{c}{")
    }

    @Test("the feed says its language on SUMMARY, DESCRIPTION and NAME, except in English")
    func languageParameter() throws {
        let json = """
            {"calendar": {"id": "c", "name": "C", "timezone": "Europe/London", "uidDomain": "c.example", "description": "D",
                          "url": "https://c.example/", "language": "LANG"},
             "classes": [{"id": "hips", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 30,
                          "instructor": "Sam", "location": "Studio 1"}]}
            """
        let options = FeedOptions(from: Self.date, to: Self.date, stamp: 0)
        for l in Language.allCases {
            let s = try Support.schedule(json.replacingOccurrences(of: "LANG", with: l.tag))
            let files = FeedBuilder(schedule: s, options: options).allFeeds()
            let text = String(decoding: files[1].bytes, as: UTF8.self)
            if l == .english {
                #expect(!text.contains("LANGUAGE"))
                continue
            }
            for name in ["NAME", "DESCRIPTION", "SUMMARY"] {
                #expect(text.contains("\r\n\(name);LANGUAGE=\(l.tag):"), "\(l.tag) \(name)")
            }
            for name in ["X-WR-CALNAME", "X-WR-CALDESC", "LOCATION", "URL"] {
                #expect(text.contains("\r\n\(name):"), "\(l.tag) \(name)")
            }
            #expect(text.components(separatedBy: "LANGUAGE=").count == 5, "\(l.tag): NAME, the calendar's and the event's DESCRIPTION, SUMMARY")
        }
    }

    @Test("the emptied feed of a class that has ended says so in the studio's language, once, whatever language named it")
    func retiredFeeds() throws {
        func builder(_ tag: String) throws -> FeedBuilder {
            let s = try Support.schedule("""
                {"calendar": {"id": "c", "name": "C", "timezone": "Europe/London", "uidDomain": "c.example", "language": "\(tag)"},
                 "classes": [{"id": "hips", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 30}]}
                """)
            return FeedBuilder(schedule: s, options: FeedOptions(from: Self.date, to: Self.date, stamp: 0))
        }
        func name(_ bytes: [UInt8]?) throws -> String? {
            try ICalendarReader().parse(try #require(bytes)).first?.property("NAME")?.textValue
        }
        let french = try builder("fr")
        let feed = french.allFeeds()[1].bytes
        let retired = french.retiredClassFeed(classID: "hips", previous: feed)
        #expect(try name(retired) == "C\u{A0}: Hips, le lundi à 17:15 (ce cours est terminé)")
        #expect(try name(french.retiredClassFeed(classID: "hips", previous: try #require(retired))) == "C\u{A0}: Hips, le lundi à 17:15 (ce cours est terminé)")
        // Written in English before the studio chose French.
        let english = try builder("en").allFeeds()[1].bytes
        #expect(try name(french.retiredClassFeed(classID: "hips", previous: english)) == "C: Hips, Mondays 17:15 (ce cours est terminé)")
        // Another calendar's feed is left alone.
        #expect(try builder("de").retiredClassFeed(classID: "hips", previous: Array(String(decoding: feed, as: UTF8.self)
            .replacingOccurrences(of: "C\u{A0}: Hips", with: "D: Hips").utf8)) == nil)
    }

    @Test("build --verbose's change log stays English for a studio in another language")
    func changeLogStaysEnglish() throws {
        func builder(_ exceptions: String) throws -> FeedBuilder {
            let s = try Support.schedule("""
                {"calendar": {"id": "c", "name": "C", "timezone": "Europe/London", "uidDomain": "c.example", "language": "fr",
                              "cancellations": "show"},
                 "classes": [{"id": "hips", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 30}],
                 "exceptions": [\(exceptions)]}
                """)
            return FeedBuilder(schedule: s, options: FeedOptions(from: Self.date, to: Self.date.adding(days: 14), stamp: 0))
        }
        let old = try builder("").allFeeds()[0].bytes
        let new = try builder(#"{"date": "2026-12-14", "class": "hips", "reason": "Malade"}"#)
        #expect(ChangeLog.cancelledPrefix(new.wording) == "Annulé\u{A0}: ")
        let lines = ChangeLog.changes(builder: new, old: old, new: new.allFeeds()[0].bytes, now: 0)
        #expect(lines.contains("cancelled Mon 14 Dec 17:15 Hips (Malade)"), "\(lines)")
    }
}
