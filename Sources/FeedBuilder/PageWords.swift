import CivilTime
import Timetable

/// The subscribe page's words in the schedule's language (``Wording``), as HTML: the fixed
/// phrases escaped once per page, and the phrases around dates, times, links and labels
/// written with their pieces in place (``HTMLWriter/phrase(_:_:)``).
struct PageWords: Sendable {
    let wording: Wording
    /// Every page phrase without placeholders, escaped.
    private let escaped: [PhraseKey: String]
    /// Every phrase split into escaped text and placeholders, for ``HTMLWriter/phrase(_:_:)``:
    /// a big network's page writes "<title> on <date>" thousands of times.
    private let compiled: [PhraseKey: Compiled]
    /// " (US Eastern time)" of each zone the schedule names, escaped.
    /// A short list searched in order: a schedule names a few zones, and comparing the same
    /// zone name is cheaper than hashing it (the page asks for every class and change).
    private let zoneNotes: [(zone: String, note: String)]
    /// The phrases of every dated change and time on the page, and of each class's facts and
    /// booking link, at hand without a lookup (a network's page writes them thousands of times).
    let classOnDate, dateAndTime, bookClass: Compiled
    let instructorLabel, locationLabel: String

    /// - Parameter zones: the zones whose notes the page may write (the schedule's).
    init(_ wording: Wording, zones: [String] = []) {
        self.wording = wording
        var escaped = [PhraseKey: String](minimumCapacity: PhraseKey.allCases.count)
        var compiled = [PhraseKey: Compiled](minimumCapacity: PhraseKey.allCases.count)
        for key in PhraseKey.allCases {
            if key.placeholders.isEmpty { escaped[key] = Self.escape(wording[key]) } else { compiled[key] = Compiled(wording[key]) }
        }
        self.escaped = escaped
        self.compiled = compiled
        classOnDate = compiled[.classOnDate] ?? Compiled(wording[.classOnDate])
        dateAndTime = compiled[.dateAndTime] ?? Compiled(wording[.dateAndTime])
        bookClass = compiled[.bookClass] ?? Compiled(wording[.bookClass])
        instructorLabel = escaped[.instructorLabel] ?? Self.escape(wording[.instructorLabel])
        locationLabel = escaped[.locationLabel] ?? Self.escape(wording[.locationLabel])
        var notes: [(zone: String, note: String)] = []
        for zone in zones where !notes.contains(where: { $0.zone == zone }) {
            notes.append((zone, Self.escape(wording(.zoneNote, ("zone", wording.zoneName(zone))))))
        }
        zoneNotes = notes
    }

    /// A phrase without placeholders, escaped.
    subscript(key: PhraseKey) -> String { escaped[key] ?? Self.escape(wording[key]) }

    /// A phrase split into its text, escaped, and its placeholders.
    func phrase(_ key: PhraseKey) -> Compiled { compiled[key] ?? Compiled(wording[key]) }

    /// A phrase as the page writes it: its text escaped once (``PageWords/escape(_:)``), its
    /// placeholders by name.
    struct Compiled: Sendable {
        typealias Piece = Wording.Template.Piece
        let pieces: [Piece]

        init(_ phrase: String) {
            pieces = Wording.Template.split(phrase) { .text(PageWords.escape($0)) }
        }
    }

    /// A phrase as page text: `&`, `<`, `>` and `"` as character references. An apostrophe
    /// ("teacher's") stays as it is: the page writes phrases only as text and into
    /// double-quoted attributes, where it is inert (values from the schedule are escaped by
    /// ``HTMLText`` as always).
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The language's BCP 47 tag, for `<html lang>`.
    var languageTag: String { wording.language.tag }

    // MARK: - The time zone

    /// "Times are UK time (GMT, or BST in summer).", "Times are India time (IST).", "Times are
    /// Santiago time, which changes for summer." `standard` and `summer` are the zone's
    /// abbreviations in the coming year, nil where the tz data has only a number ("-04");
    /// `hasSummerTime` says whether the offset changes in that year. Escaped.
    func zoneSentence(zone: String, standard: String?, summer: String?, hasSummerTime: Bool) -> String {
        let name = wording.zoneName(zone)
        let sentence: String
        if hasSummerTime {
            if let standard, let summer {
                sentence = wording(.zoneWithSummer, ("zone", name), ("standard", standard), ("summer", summer))
            } else {
                sentence = wording(.zoneChangesForSummer, ("zone", name))
            }
        } else if let standard, standard != name {
            sentence = wording(.zoneWithAbbreviation, ("zone", name), ("abbreviation", standard))
        } else {
            sentence = wording(.zoneOnly, ("zone", name))
        }
        return Self.escape(sentence)
    }

    /// "Times are UK time." in the footer. Escaped.
    func footerZone(_ zone: String) -> String { Self.escape(wording(.zoneOnly, ("zone", wording.zoneName(zone)))) }

    /// "(US Eastern time)" after a class in another zone than the calendar's. Escaped.
    func zoneNote(_ zone: String) -> String {
        zoneNotes.first { $0.zone == zone }?.note ?? Self.escape(wording(.zoneNote, ("zone", wording.zoneName(zone))))
    }

    // MARK: - The steps of each app

    /// Google Calendar's two steps, each an `<li>`: its "From URL" page linked, the labels on
    /// the way there and its button emphasised.
    func googleSteps(_ h: inout HTMLWriter) {
        h.raw("<li>")
        h.phrase(phrase(.googleStepOne)) { name, h in
            switch name {
            case "fromURLPage":
                h.raw("<a href=\"https://calendar.google.com/calendar/r/settings/addbyurl\">")
                h.unescaped(Self.escape(wording[.googleFromURLLink]))
                h.raw("</a>")
            case "menu":
                for (k, label) in wording[.googleMenu].split(separator: "›").enumerated() {
                    if k > 0 { h.raw(" › ") }
                    h.raw("<em>")
                    h.unescaped(Self.escape(Self.trimmed(label)))
                    h.raw("</em>")
                }
            default: return false
            }
            return true
        }
        h.line("</li>")
        h.raw("<li>")
        h.phrase(phrase(.googleStepTwo)) { name, h in
            guard name == "addCalendar" else { return false }
            Self.label(&h, wording[.googleAddCalendar])
            return true
        }
        h.line("</li>")
    }

    /// Outlook on the web's two steps, each an `<li>`: Outlook.com and Microsoft 365 linked,
    /// the labels emphasised.
    func outlookSteps(_ h: inout HTMLWriter) {
        h.raw("<li>")
        h.phrase(phrase(.outlookStepOne)) { name, h in
            switch name {
            case "addCalendar": Self.label(&h, wording[.outlookAddCalendar])
            case "outlookCom": h.raw("<a href=\"https://outlook.live.com/calendar/0/addcalendar\">Outlook.com</a>")
            case "microsoft365": h.raw("<a href=\"https://outlook.office.com/calendar/addcalendar\">Microsoft 365</a>")
            default: return false
            }
            return true
        }
        h.line("</li>")
        h.raw("<li>")
        h.phrase(phrase(.outlookStepTwo)) { name, h in
            switch name {
            case "subscribeFromWeb": Self.label(&h, wording[.outlookSubscribeFromWeb])
            case "import": Self.label(&h, wording[.outlookImport])
            default: return false
            }
            return true
        }
        h.line("</li>")
    }

    /// Without the spaces at either end (also the no-break ones).
    private static func trimmed(_ s: Substring) -> String {
        var t = s.drop(while: \.isWhitespace)
        while let last = t.last, last.isWhitespace { t = t.dropLast() }
        return String(t)
    }

    /// A label an app shows, as the page quotes it: `<em>Add calendar</em>`.
    private static func label(_ h: inout HTMLWriter, _ text: String) {
        h.raw("<em>")
        h.unescaped(escape(text))
        h.raw("</em>")
    }
}

extension HTMLWriter {
    /// Writes a phrase as escaped text (``PageWords/escape(_:)``), each `{placeholder}` written by `fill` (a date's `<time>`
    /// element, a link, a label); one that `fill` does not write (it returns false) is written
    /// as the text it is.
    mutating func phrase(_ template: String, _ fill: (String, inout HTMLWriter) -> Bool) {
        phrase(PageWords.Compiled(template), fill)
    }

    /// The same for a phrase split once (``PageWords/phrase(_:)``).
    mutating func phrase(_ compiled: PageWords.Compiled, _ fill: (String, inout HTMLWriter) -> Bool) {
        for piece in compiled.pieces {
            switch piece {
            case .text(let t):
                unescaped(t)
            case .placeholder(let name):
                if !fill(name, &self) { unescaped("{" + PageWords.escape(name) + "}") }
            }
        }
    }
}
