import CivilTime
import Timetable

/// Every word members read, in the schedule's `calendar.language` with its `strings` in place
/// of the language's own: events' summaries and descriptions, feed names, and the page's
/// dates, times and durations. Owner-facing output (messages, `check`, `build --verbose`)
/// does not use it: it stays English.
package struct Wording: Sendable {
    package let language: Language
    let book: Phrasebook
    private let phrases: [PhraseKey: Template]
    /// The phrases of every event's description, at hand without a lookup.
    let instructorLine, bookingLine: Template
    /// The words before each event's booking link.
    let bookingLabel: String

    package init(language: Language, overrides: [PhraseKey: String] = [:]) {
        self.language = language
        let book = Phrasebook.of(language)
        self.book = book
        var phrases = [PhraseKey: Template](minimumCapacity: PhraseKey.allCases.count)
        for key in PhraseKey.allCases { phrases[key] = Template(overrides[key] ?? book.phrase(key)) }
        self.phrases = phrases
        instructorLine = phrases[.instructorLine] ?? Template("")
        bookingLine = phrases[.bookingLine] ?? Template("")
        bookingLabel = phrases[.bookingLabel]?.phrase ?? ""
    }

    /// A phrase split once into its text and its placeholders, so that filling it in (for
    /// every moved, changed or cancelled event) appends pieces rather than scanning it again.
    struct Template: Sendable {
        enum Piece: Sendable {
            case text(String)
            case placeholder(String)
        }
        let phrase: String
        let pieces: [Piece]

        init(_ phrase: String) {
            self.phrase = phrase
            pieces = Self.split(phrase) { .text($0) }
        }

        /// `phrase` as text and `{name}` placeholders, text made by `text`. Scanned as bytes:
        /// a build splits every phrase of its language (twice, for feeds and page), and a
        /// scan by characters or string indices was a third of a small studio's build.
        static func split(_ phrase: String, text: (String) -> Piece) -> [Piece] {
            let bytes = Array(phrase.utf8)
            let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
            guard bytes.contains(open) else { return phrase.isEmpty ? [] : [text(phrase)] }
            func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
            var pieces: [Piece] = []
            var rest = 0
            while let o = bytes[rest...].firstIndex(of: open), let c = bytes[o...].firstIndex(of: close) {
                if o > rest { pieces.append(text(string(rest..<o))) }
                pieces.append(.placeholder(string((o + 1)..<c)))
                rest = c + 1
            }
            if rest < bytes.count { pieces.append(text(string(rest..<bytes.count))) }
            return pieces
        }

        /// The same for a phrase of one or two placeholders, without a list of values: what
        /// every event's description is built from.
        func append(to out: inout String, _ n0: String, _ v0: String, _ n1: String = "", _ v1: String = "") {
            for piece in pieces {
                switch piece {
                case .text(let t): out += t
                case .placeholder(let name):
                    if name == n0 { out += v0 } else if name == n1 { out += v1 } else { out += "{" + name + "}" }
                }
            }
        }

        /// The phrase with its placeholders filled in; one without a value stays as written.
        /// Gathered as bytes and made a string once: appending piece by piece to a string
        /// was most of the cost of every class's name.
        func filled(_ values: [(String, String)]) -> String {
            var size = phrase.utf8.count
            for v in values { size += v.1.utf8.count }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(size)
            for piece in pieces {
                switch piece {
                case .text(let t):
                    bytes += t.utf8
                case .placeholder(let name):
                    if let v = values.first(where: { $0.0 == name }) {
                        bytes += v.1.utf8
                    } else {
                        bytes += "{\(name)}".utf8
                    }
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The schedule's wording: its language, its `strings`, and `calendar.bookingLabel`.
    package init(_ schedule: Schedule) {
        var overrides = schedule.strings
        if let label = schedule.calendar.bookingLabel { overrides[.bookingLabel] = label }
        self.init(language: schedule.calendar.language, overrides: overrides)
    }

    /// The phrase of a key, placeholders unfilled.
    package subscript(key: PhraseKey) -> String { phrases[key]?.phrase ?? "" }

    /// The phrase of a key with its placeholders filled in (a value that holds "{title}" is
    /// not filled in again).
    package func callAsFunction(_ key: PhraseKey, _ values: (String, String)...) -> String {
        guard let t = phrases[key] else { return "" }
        if t.pieces.count == 1, case .text(let plain) = t.pieces[0] { return plain }
        return t.filled(values)
    }

    /// Appends the phrase of a key, its placeholders filled in, to `out`.
    package func append(_ key: PhraseKey, to out: inout String, _ values: (String, String)...) {
        if let t = phrases[key] { out += t.filled(values) }
    }

    /// Any phrase with its placeholders filled in (one pass: a value is not filled in again).
    static func fill(_ template: String, _ values: [(String, String)]) -> String {
        Template(template).filled(values)
    }

    // MARK: - Lists, dates, times, durations

    /// "a", "a and b", "a, b and c".
    package func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + book.and + items[items.count - 1]
    }

    /// A weekday as written in a sentence ("Wednesday", "mercredi").
    package func weekday(_ d: Weekday) -> String { book.weekdays[d.rawValue - 1] }

    /// A weekday as a heading: its name with a capital ("Monday", "Lundi").
    package func weekdayHeading(_ d: Weekday) -> String { Self.capitalized(weekday(d)) }

    /// "Thu 24 Dec 2026", "jeu. 24 déc. 2026", "Do., 24. Dez. 2026".
    package func date(_ d: LocalDate) -> String {
        let c = d.components
        return self(
            .date, ("weekday", book.weekdaysShort[d.weekday.rawValue - 1]), ("day", book.dayOfMonth(c.day)),
            ("month", book.monthsShort[c.month - 1]), ("year", String(c.year)))
    }

    /// "17:15": every supported language writes times on the 24-hour clock.
    package func time(_ t: LocalTime) -> String { t.description }

    /// "30 min", "1 hour", "1 hour 15 min", "2 hours".
    package func duration(minutes: Int) -> String {
        let hours = minutes / 60, m = minutes % 60
        let minutesText = self(.durationMinutes, ("minutes", String(m)))
        if hours == 0 { return minutesText }
        let hoursText = hours == 1 ? self[.durationOneHour] : self(.durationHours, ("hours", String(hours)))
        return m == 0 ? hoursText : self(.durationHoursMinutes, ("hours", hoursText), ("minutes", minutesText))
    }

    /// A time zone as members know it: "UK time", "Paris time" (the last part of the IANA
    /// name, '_' as spaces), or the zone's own name when it has no city ("Etc/GMT+5").
    package func zoneName(_ identifier: String) -> String {
        if let known = book.zoneNames[identifier] { return known }
        let city = identifier.split(separator: "/").last.map { $0.replacing("_", with: " ") } ?? Substring(identifier)
        if identifier.hasPrefix("Etc/") || city.contains(where: \.isNumber) { return self(.zoneCity, ("city", identifier)) }
        return self(.zoneCity, ("city", String(city)))
    }

    /// The first letter in capitals ("un mercredi sur deux" -> "Un mercredi sur deux").
    package static func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    // MARK: - When a class runs

    /// How members read when a class that is not weekly runs: "every other Wednesday", "every
    /// 3 weeks on Mondays and Fridays", "first Saturday of the month", "second and fourth
    /// Tuesday of the month". Nil for weekly and one-off classes.
    package func recurrence(_ pattern: ClassPattern) -> String? {
        switch pattern {
        case .weekly, .dates:
            return nil
        case .everyNWeeks(let days, let interval, _):
            let repeating = list(days.map { book.weekdaysRepeating[$0.rawValue - 1] })
            if interval == 2 && days.count == 1 { return self(.everyOtherWeekday, ("weekday", weekday(days[0])), ("days", repeating)) }
            if interval == 2 { return self(.everyOtherWeekOn, ("days", repeating)) }
            return self(.everyNWeeksOn, ("n", String(interval)), ("days", repeating))
        case .monthly(let days):
            // Grouped by weekday: "first and third Saturday", "last Friday".
            var groups: [(weekday: Weekday, ordinals: [String])] = []
            for d in days.sorted() {
                let feminine = book.feminineWeekdays.contains(d.weekday)
                let words = feminine ? (book.feminineOrdinals ?? book.ordinals) : book.ordinals
                let k = d.ordinal > 0 ? d.ordinal - 1 : 5
                let word = words.indices.contains(k) ? words[k] : String(d.ordinal)
                if let g = groups.firstIndex(where: { $0.weekday == d.weekday }) { groups[g].ordinals.append(word) } else {
                    groups.append((d.weekday, [word]))
                }
            }
            return self(.monthlyOn, ("days", list(groups.map { list($0.ordinals) + " " + weekday($0.weekday) })))
        }
    }

    /// A class as its own feed is named: "Hip Mobility & Stretch, Mondays 17:15".
    package func className(_ cls: ClassDefinition) -> String {
        let time = time(cls.start)
        switch cls.pattern {
        case .weekly(let days):
            let names = days.map { book.weekdaysRepeating[$0.rawValue - 1] }
            let joined = book.nameDaySeparator.map { names.joined(separator: $0) } ?? list(names)
            return self(.weeklyClassName, ("title", cls.title), ("days", joined), ("time", time))
        case .everyNWeeks, .monthly:
            return self(.repeatingClassName, ("title", cls.title), ("repeats", recurrence(cls.pattern) ?? ""), ("time", time))
        case .dates(let dates):
            if dates.count == 1 {
                return self(.oneDateClassName, ("title", cls.title), ("date", date(dates[0])), ("isoDate", dates[0].description), ("time", time))
            }
            return self(.datesClassName, ("title", cls.title), ("time", time))
        }
    }

    // MARK: - Changes

    /// What members read of a change: "covered by Sam, in Studio 2, note: bring a strap".
    package func changeWords(_ c: OccurrenceChange, _ cls: ClassDefinition) -> String {
        var parts: [String] = []
        if let i = c.instructor, i != cls.instructor { parts.append(self(.coveredBy, ("instructor", i))) }
        if let rest = changeDetails(c, cls) { parts.append(rest) }
        return parts.isEmpty ? self[.unchanged] : parts.joined(separator: ", ")
    }

    /// The change without its instructor: "in Studio 2, as \"Hip Flow\", 45 minutes, note:
    /// bring a strap"; nil when only the instructor changes.
    package func changeDetails(_ c: OccurrenceChange, _ cls: ClassDefinition) -> String? {
        var parts: [String] = []
        if let l = c.location, l != cls.location { parts.append(self(.changedLocation, ("location", l))) }
        if let t = c.title, t != cls.title { parts.append(self(.changedTitle, ("title", t))) }
        if let m = c.durationMinutes, m != cls.durationMinutes { parts.append(self(.changedLength, ("minutes", String(m)))) }
        if let n = c.note { parts.append(self(.changedNote, ("note", n))) }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
