import Testing

@testable import Timetable

/// `calendar.language` and `strings`: the supported tags, the studio's own phrases, and the
/// located errors for what is not (an unknown language, key or placeholder).
@Suite("Language and strings in schedule.json") struct LanguageDecodingTests {
    static func json(language: String? = nil, strings: String? = nil, bookingLabel: String? = nil) -> String {
        var calendar = #"  "calendar": { "id": "circl", "name": "CIRCL", "timezone": "Europe/London", "uidDomain": "circl.example""#
        if let language { calendar += #", "language": "\#(language)""# }
        if let bookingLabel { calendar += #", "bookingLabel": "\#(bookingLabel)""# }
        calendar += " }"
        var s = "{\n" + calendar + ",\n  \"classes\": [\n    " + ScheduleFixture.hipsMonday + "\n  ]"
        if let strings { s += ",\n  \"strings\": " + strings }
        return s + "\n}\n"
    }

    @Test("every supported tag decodes, in any case; English is the default")
    func supportedTags() throws {
        #expect(try ScheduleFixture.schedule(Self.json()).calendar.language == .english)
        for l in Language.allCases {
            #expect(try ScheduleFixture.schedule(Self.json(language: l.tag)).calendar.language == l)
            #expect(try ScheduleFixture.schedule(Self.json(language: l.tag.uppercased())).calendar.language == l)
        }
    }

    @Test("an unknown language is an error that lists the supported ones")
    func unknownLanguage() {
        let supported = #""en", "fr", "de", "es", "pt-BR", "it", "nl""#
        #expect(ScheduleFixture.diagnostics(Self.json(language: "pt")) == [
            #"schedule.json:2:120: error: calendar.language: unsupported language "pt"; the supported ones are \#(supported)"#
                + "\n  hint: did you mean \"pt-BR\"?"
        ])
        #expect(ScheduleFixture.diagnostics(Self.json(language: "french")) == [
            #"schedule.json:2:120: error: calendar.language: unsupported language "french"; the supported ones are \#(supported)"#
                + "\n  hint: the supported languages are \(supported)"
        ])
    }

    @Test("strings override phrases by key")
    func goodOverrides() throws {
        let s = try ScheduleFixture.schedule(
            Self.json(language: "fr", strings: #"{ "bookingLabel": "Réservez sur notre site", "instructorLine": "Prof : {instructor}" }"#))
        #expect(s.strings == [.bookingLabel: "Réservez sur notre site", .instructorLine: "Prof : {instructor}"])
    }

    @Test("an unknown phrase key is an error at the key, with did you mean")
    func unknownKey() {
        #expect(ScheduleFixture.diagnostics(Self.json(strings: #"{ "bookingLable": "Reserve a mat" }"#)) == [
            "schedule.json:6:16: error: strings.bookingLable: unknown phrase key \"bookingLable\"\n  hint: did you mean \"bookingLabel\"?"
        ])
        #expect(ScheduleFixture.diagnostics(Self.json(strings: #"{ "welcome": "Hi" }"#)) == [
            "schedule.json:6:16: error: strings.welcome: unknown phrase key \"welcome\"\n  hint: the phrase keys are listed in docs/PHRASES.md"
        ])
    }

    @Test("a placeholder the phrase does not have, or an unmatched brace, is an error at the phrase")
    func badPlaceholders() {
        #expect(ScheduleFixture.diagnostics(Self.json(strings: #"{ "instructorLine": "Teacher: {instrutor}" }"#)) == [
            "schedule.json:6:34: error: strings.instructorLine: unknown placeholder {instrutor} in the phrase\n  hint: did you mean {instructor}? its placeholders are {instructor}"
        ])
        #expect(ScheduleFixture.diagnostics(Self.json(strings: #"{ "bookingLabel": "Book {now}" }"#)) == [
            "schedule.json:6:32: error: strings.bookingLabel: unknown placeholder {now} in the phrase\n  hint: this phrase has no placeholders"
        ])
        #expect(ScheduleFixture.diagnostics(Self.json(strings: #"{ "cancelledSummary": "Off: {title" }"#)) == [
            "schedule.json:6:36: error: strings.cancelledSummary: unmatched \"{\" in the phrase\n  hint: its placeholders are {title}; braces are only for placeholders"
        ])
    }

    @Test("strings must be an object of text")
    func stringsShape() {
        #expect(ScheduleFixture.diagnostics(Self.json(strings: #"["bookingLabel"]"#)).first?.hasPrefix(
            "schedule.json:6:14: error: strings: expected the studio's own phrases") == true)
        #expect(ScheduleFixture.diagnostics(Self.json(strings: #"{ "bookingLabel": "" }"#)).first?.hasPrefix(
            "schedule.json:6:32: error: strings.bookingLabel: the phrase is empty") == true)
    }

    @Test("the booking label set both in calendar and in strings is an error")
    func bookingLabelTwice() {
        #expect(ScheduleFixture.diagnostics(Self.json(strings: #"{ "bookingLabel": "Book" }"#, bookingLabel: "Reserve")) == [
            "schedule.json:2:124: error: calendar.bookingLabel: the booking label is set twice: here and in strings.bookingLabel\n  hint: keep one of them"
        ])
    }

    @Test("the placeholder check accepts exactly a key's placeholders")
    func placeholderCheck() {
        #expect(ScheduleDecoder.placeholderProblem("Moved from {date} at {time}", allowed: ["date", "time"]) == nil)
        #expect(ScheduleDecoder.placeholderProblem("No placeholders", allowed: []) == nil)
        #expect(ScheduleDecoder.placeholderProblem("a } b", allowed: [])?.message == "unmatched \"}\" in the phrase")
        #expect(ScheduleDecoder.placeholderProblem("{{date}}", allowed: ["date"])?.message == "unmatched \"{\" in the phrase")
        #expect(ScheduleDecoder.placeholderProblem("{}", allowed: ["date"])?.message == "unknown placeholder {} in the phrase")
    }

    @Test("thousands of unknown phrase keys keep a hundred errors and counts the rest, without a hint for each")
    func manyUnknownKeys() {
        let keys = (0..<3_000).map { "\"bookingLabel\($0)\": \"x\"" }.joined(separator: ", ")
        do {
            _ = try ScheduleDecoder.decode(Array(Self.json(strings: "{ " + keys + " }").utf8), file: "schedule.json", zones: ScheduleFixture.loadZone)
            Issue.record("decoded")
        } catch {
            #expect(error.errorCount == 3_000)
            #expect(error.diagnostics.count <= ScheduleLimits.keptErrors)
        }
    }
}
