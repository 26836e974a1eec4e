import CivilTime
import Testing

@testable import Timetable

/// Builds schedule.json texts with a fixed layout, so every line:column below is predictable:
/// line 1 `{`, line 2 the calendar, line 3 `"classes": [`, one line per class, then `],`,
/// `"exceptions": [` and one line per exception.
enum ScheduleFixture {
    static let calendar =
        #"  "calendar": { "id": "circl", "name": "CIRCL", "timezone": "Europe/London", "uidDomain": "circl.example" }"#
    static let hipsMonday =
        #"{ "id": "hips-monday", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#
    static let hipsThursday =
        #"{ "id": "hips-thursday", "title": "Hips", "days": ["thursday"], "start": "19:00", "durationMinutes": 30 }"#

    static func calendar(zone: String) -> String {
        #"  "calendar": { "id": "circl", "name": "CIRCL", "timezone": "\#(zone)", "uidDomain": "circl.example" }"#
    }

    static func json(calendar: String = calendar, classes: [String] = [hipsMonday], exceptions: [String]? = nil) -> String {
        var s = "{\n" + calendar + ",\n  \"classes\": [\n    " + classes.joined(separator: ",\n    ") + "\n  ]"
        if let exceptions { s += ",\n  \"exceptions\": [\n    " + exceptions.joined(separator: ",\n    ") + "\n  ]" }
        return s + "\n}\n"
    }

    /// The system tz database, as `classfeed` uses it.
    static func loadZone(_ name: String) throws(ZoneDataError) -> ZoneRules { try TimeZoneDatabase().rules(for: name) }

    /// Every diagnostic (decoder, then validator) as `classfeed check` would print it.
    static func diagnostics(_ json: String, file: String = "schedule.json") -> [String] {
        diagnostics(bytes: Array(json.utf8), file: file)
    }

    static func diagnostics(bytes: [UInt8], file: String = "schedule.json") -> [String] {
        do {
            let (schedule, warnings) = try ScheduleDecoder.decode(bytes, file: file, zones: loadZone)
            return (warnings + ScheduleValidator.validate(schedule)).map(\.description)
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    /// A schedule that must decode and validate without errors.
    static func schedule(_ json: String) throws -> Schedule {
        let (schedule, _) = try ScheduleDecoder.decode(Array(json.utf8), file: "schedule.json", zones: loadZone)
        let errors = ScheduleValidator.validate(schedule).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        return schedule
    }
}

/// One input and the exact diagnostics it must produce.
struct DiagnosticCase: Sendable, CustomTestStringConvertible {
    var name: String
    var json: String
    var expected: [String]
    var testDescription: String { name }
}

private func c(_ name: String, _ json: String, _ expected: String...) -> DiagnosticCase {
    DiagnosticCase(name: name, json: json, expected: expected)
}

private func withClass(_ cls: String) -> String { ScheduleFixture.json(classes: [cls]) }

@Suite("ScheduleDecoder")
struct ScheduleDecoderTests {
    static let syntaxCases: [DiagnosticCase] = [
        c("missing comma", "{\n  \"calendar\": {\n    \"id\": \"circl\"\n    \"name\": \"CIRCL\"\n  }\n}\n",
          "schedule.json:4:5: error: unexpected '\"'; expected ',' or '}' (is a comma missing?)"),
        c("missing comma in an array", "{\n  \"classes\": [1 2]\n}\n",
          "schedule.json:2:17: error: unexpected '2'; expected ',' or ']' (is a comma missing?)"),
        c("trailing comma in an object", "{\n  \"calendar\": {\n    \"id\": \"circl\",\n  },\n  \"classes\": []\n}\n",
          "schedule.json:4:3: error: trailing comma before '}' is not allowed in JSON"),
        c("trailing comma in an array", "{\n  \"classes\": [1, 2,]\n}\n",
          "schedule.json:2:20: error: trailing comma before ']' is not allowed in JSON"),
        c("single-quoted value", "{\n  \"calendar\": 'circl'\n}\n",
          "schedule.json:2:15: error: strings must use double quotes (\"), not single quotes"),
        c("unterminated string at the end of the file", "{\"calendar\": \"abc",
          "schedule.json:1:18: error: unterminated string: expected a closing '\"'"),
        c("empty file", "", "schedule.json:1:1: error: the file is empty; expected a JSON object"),
        c("duplicate key", "{\n  \"calendar\": {},\n  \"calendar\": {}\n}",
          "schedule.json:3:3: error: duplicate key \"calendar\" (first at line 2); keep only one"),
        c("text after the value", "{} x", "schedule.json:1:4: error: unexpected 'x' after the end of the JSON value"),
        c("leading zero", "{\"a\": 01}", "schedule.json:1:7: error: invalid number: leading zeros are not allowed"),
        c("bad literal", "{\"a\": nul}", "schedule.json:1:7: error: unexpected 'n'; expected a value"),
        c("bad escape", "{\"a\": \"\\x\"}", "schedule.json:1:9: error: invalid escape '\\x' in a string; write a backslash as \\\\"),
        c("columns count characters, not bytes", "{\"é😀\": tru}", "schedule.json:1:8: error: unexpected 't'; expected a value"),
        c("curly quotes around a value", "{\n  \"calendar\": \u{201C}circl\u{201D}\n}\n",
          "schedule.json:2:15: error: unexpected byte 0xE2; expected a value (object, array, string, number, true, false or null)\n  hint: replace \u{201C} \u{201D} with straight quotes (\"): JSON needs them around every key and text"),
        c("curly quotes around a key", "{\n  \u{201C}calendar\u{201D}: {}\n}\n",
          "schedule.json:2:3: error: unexpected byte 0xE2; expected a key in double quotes\n  hint: replace \u{201C} \u{201D} with straight quotes (\"): JSON needs them around every key and text"),
        c("a line comment", "{\n  // the studio\n  \"calendar\": {}\n}\n",
          "schedule.json:2:3: error: unexpected '/'; expected a key in double quotes\n  hint: JSON has no comments: remove the comment"),
        c("a block comment after a value", "{\n  \"calendar\": {} /* the studio */\n}\n",
          "schedule.json:2:18: error: unexpected '/'; expected ',' or '}' (is a comma missing?)\n  hint: JSON has no comments: remove the comment"),
    ]

    @Test("JSON syntax errors name file, line and column", arguments: syntaxCases)
    func syntaxErrors(t: DiagnosticCase) {
        #expect(ScheduleFixture.diagnostics(t.json) == t.expected)
    }

    @Test("the file name given is the one in every message")
    func fileName() {
        #expect(ScheduleFixture.diagnostics("", file: "studio/schedule.json") == ["studio/schedule.json:1:1: error: the file is empty; expected a JSON object"])
    }

    static let shapeCases: [DiagnosticCase] = [
        c("not an object", "[]", "schedule.json:1:1: error: expected the schedule (a JSON object { ... }), found an array"),
        c("missing calendar and classes", "{}",
          "schedule.json:1:1: error: missing required key \"calendar\" (the calendar's id, name, timezone and uidDomain)",
          "schedule.json:1:1: error: missing required key \"classes\" (the list of classes)"),
        c("missing calendar keys", "{\n  \"calendar\": {},\n  \"classes\": []\n}",
          "schedule.json:2:15: error: calendar: missing required key \"id\" (the feed's file name, e.g. \"circl\")",
          "schedule.json:2:15: error: calendar: missing required key \"name\" (the calendar's display name)",
          "schedule.json:2:15: error: calendar: missing required key \"timezone\" (an IANA time zone such as \"Europe/London\")",
          "schedule.json:2:15: error: calendar: missing required key \"uidDomain\" (a domain you control, e.g. \"circl.example\")"),
        c("unknown top-level key close to a known one", "{\n" + ScheduleFixture.calendar + ",\n  \"clases\": []\n}",
          "schedule.json:3:3: error: clases: unknown key \"clases\"\n  hint: did you mean \"classes\"?",
          "schedule.json:1:1: error: missing required key \"classes\" (the list of classes)"),
        c("unknown class key close to a known one",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": ["monday"], "strat": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:65: error: classes[0].strat: unknown key \"strat\"\n  hint: did you mean \"start\"?",
          "schedule.json:4:5: error: classes[0]: missing required key \"start\" (the 24-hour start time, e.g. \"17:15\")"),
        c("classes is not an array", "{\n" + ScheduleFixture.calendar + ",\n  \"classes\": {}\n}",
          "schedule.json:3:14: error: classes: expected an array of classes [ ... ], found an object"),
        c("duration as a string",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": "30" }"#),
          "schedule.json:4:102: error: classes[0].durationMinutes: expected a whole number of minutes from 1 to 1440, found \"30\""),
        c("days as a string",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": "monday", "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:53: error: classes[0].days: expected an array of weekdays such as [\"monday\"], found \"monday\""),
        c("title as a number",
          withClass(#"{ "id": "hips-monday", "title": 5, "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:37: error: classes[0].title: expected the title as a string, found 5"),
        c("bad weekdays, with hints where one helps",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": ["Monday", "mon", "funday", "xyz"], "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:54: error: classes[0].days[0]: expected a weekday \"monday\" ... \"sunday\" (lowercase), found \"Monday\"\n  hint: did you mean \"monday\"?",
          "schedule.json:4:64: error: classes[0].days[1]: expected a weekday \"monday\" ... \"sunday\" (lowercase), found \"mon\"\n  hint: did you mean \"monday\"?",
          "schedule.json:4:71: error: classes[0].days[2]: expected a weekday \"monday\" ... \"sunday\" (lowercase), found \"funday\"\n  hint: did you mean \"sunday\"?",
          "schedule.json:4:81: error: classes[0].days[3]: expected a weekday \"monday\" ... \"sunday\" (lowercase), found \"xyz\""),
        c("a 12-hour time",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": ["monday"], "start": "7pm", "durationMinutes": 30 }"#),
          "schedule.json:4:74: error: classes[0].start: expected a 24-hour time \"HH:MM\" such as \"17:15\", found \"7pm\"\n  hint: did you mean \"19:00\"?"),
        c("a 12-hour time with minutes",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": ["monday"], "start": "5:15pm", "durationMinutes": 30 }"#),
          "schedule.json:4:74: error: classes[0].start: expected a 24-hour time \"HH:MM\" such as \"17:15\", found \"5:15pm\"\n  hint: did you mean \"17:15\"?"),
        c("a date written day/month/year, which could be either",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "dates": ["05/12/2026"], "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:55: error: classes[0].dates[0]: expected a date \"YYYY-MM-DD\" such as \"2026-12-24\", found \"05/12/2026\"\n  hint: \"2026-12-05\" (5 December) or \"2026-05-12\" (12 May)?"),
        c("a date written day/month/year that can only be one",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "dates": ["25/12/2026"], "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:55: error: classes[0].dates[0]: expected a date \"YYYY-MM-DD\" such as \"2026-12-24\", found \"25/12/2026\"\n  hint: did you mean \"2026-12-25\" (25 December)?"),
        c("24:00",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": ["monday"], "start": "24:00", "durationMinutes": 30 }"#),
          "schedule.json:4:74: error: classes[0].start: expected a 24-hour time \"HH:MM\" such as \"17:15\", found \"24:00\""),
        c("a one-digit hour",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": ["monday"], "start": "9:30", "durationMinutes": 30 }"#),
          "schedule.json:4:74: error: classes[0].start: expected a 24-hour time \"HH:MM\" such as \"17:15\", found \"9:30\"\n  hint: did you mean \"09:30\"?"),
        c("a date in the wrong format",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "dates": ["26-1-1"], "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:55: error: classes[0].dates[0]: expected a date \"YYYY-MM-DD\" such as \"2026-12-24\", found \"26-1-1\""),
        c("a year outside 1900-2199",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": ["monday"], "from": "1899-12-31", "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:73: error: classes[0].from: the year 1899 is outside the supported years 1900-2199"),
        c("duration 0",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 0 }"#),
          "schedule.json:4:102: error: classes[0].durationMinutes: expected a whole number of minutes from 1 to 1440, found 0"),
        c("duration 1441",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 1441 }"#),
          "schedule.json:4:102: error: classes[0].durationMinutes: expected a whole number of minutes from 1 to 1440, found 1441"),
        c("a fractional duration",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 30.5 }"#),
          "schedule.json:4:102: error: classes[0].durationMinutes: expected a whole number of minutes from 1 to 1440, found 30.5"),
        c("a zone name that is not an IANA name",
          ScheduleFixture.json(calendar: ScheduleFixture.calendar(zone: "../etc/passwd"), classes: []),
          "schedule.json:2:61: error: calendar.timezone: expected an IANA time zone name such as \"Europe/London\", found \"../etc/passwd\""),
        c("unsafe class id with a path",
          withClass(#"{ "id": "../x", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:13: error: classes[0].id: expected an id made of lowercase letters, digits and '-' (at most 64, not starting with '-'), found \"../x\"\n  hint: ids become file names and UIDs, e.g. \"hips-monday\""),
        c("unsafe class id with capitals",
          withClass(#"{ "id": "Hips", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:13: error: classes[0].id: expected an id made of lowercase letters, digits and '-' (at most 64, not starting with '-'), found \"Hips\"\n  hint: ids become file names and UIDs, e.g. \"hips-monday\""),
        c("unsafe calendar id",
          "{\n  \"calendar\": { \"id\": \"../feeds\", \"name\": \"CIRCL\", \"timezone\": \"Europe/London\", \"uidDomain\": \"circl.example\" },\n  \"classes\": []\n}",
          "schedule.json:2:23: error: calendar.id: expected an id made of lowercase letters, digits and '-' (at most 64, not starting with '-'), found \"../feeds\"\n  hint: ids become file names and UIDs, e.g. \"hips-monday\""),
        c("until before from",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 30, "from": "2026-06-01", "until": "2026-05-31" }"#),
          "schedule.json:4:137: error: classes[0].until: \"until\" (2026-05-31) is before \"from\" (2026-06-01)\n  hint: \"until\" is the last date the class runs, inclusive"),
        c("both days and dates",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": ["monday"], "dates": ["2026-12-19"], "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:74: error: classes[0].dates: a class has either \"days\" (weekly) or \"dates\" (one-off), not both\n  hint: split it into two classes with different ids"),
        c("neither days nor dates",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:5: error: classes[0]: a class needs \"days\" (weekly), \"monthly\" or \"dates\" (one-off), and has none of them\n  hint: add \"days\": [\"monday\"], \"monthly\": [\"first saturday\"] or \"dates\": [\"2026-12-19\"]"),
        c("empty days",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": [], "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:53: error: classes[0].days: \"days\" is empty; list at least one weekday\n  hint: to stop a class, set \"until\" to its last date"),
        c("empty dates",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "dates": [], "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:54: error: classes[0].dates: \"dates\" is empty; list at least one date"),
        c("a control character in a title",
          withClass(#"{ "id": "hips-monday", "title": "Hips\u0007", "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:37: error: classes[0].title: the title contains the control character U+0007\n  hint: remove it; only line breaks (\\n) are allowed in text"),
        c("a tab in a reason (only newlines are allowed)",
          ScheduleFixture.json(exceptions: [#"{ "date": "2026-11-30", "reason": "Closed\tall day" }"#]),
          "schedule.json:7:39: error: exceptions[0].reason: the reason contains the control character U+0009\n  hint: remove it; only line breaks (\\n) are allowed in text"),
        c("a blank title",
          withClass(#"{ "id": "hips-monday", "title": "  ", "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:37: error: classes[0].title: the title is empty\n  hint: write some text, or remove the key"),
        c("a move without a class",
          ScheduleFixture.json(exceptions: [#"{ "date": "2026-11-30", "moveTo": { "date": "2026-12-01" } }"#]),
          "schedule.json:7:5: error: exceptions[0]: a move needs \"class\": the id of the class that moves"),
        c("a move without a date",
          ScheduleFixture.json(exceptions: [#"{ "class": "hips-monday", "moveTo": { "date": "2026-12-01" } }"#]),
          "schedule.json:7:5: error: exceptions[0]: a move needs \"date\": the date of the occurrence that moves"),
        c("an empty moveTo",
          ScheduleFixture.json(exceptions: [#"{ "date": "2026-11-30", "class": "hips-monday", "moveTo": {} }"#]),
          "schedule.json:7:63: error: exceptions[0].moveTo: \"moveTo\" is empty; give a new \"date\", a new \"start\", or both"),
        c("moveTo that is not an object",
          ScheduleFixture.json(exceptions: [#"{ "date": "2026-11-30", "class": "hips-monday", "moveTo": "2026-12-01" }"#]),
          "schedule.json:7:63: error: exceptions[0].moveTo: expected the new date and/or start (a JSON object { ... }), found \"2026-12-01\""),
        c("a range that ends before it starts",
          ScheduleFixture.json(exceptions: [#"{ "from": "2026-12-24", "to": "2026-12-20" }"#]),
          "schedule.json:7:35: error: exceptions[0].to: \"to\" (2026-12-20) is before \"from\" (2026-12-24)\n  hint: the range is inclusive: \"from\" is the first closed day"),
        c("a range without its end", ScheduleFixture.json(exceptions: [#"{ "from": "2026-12-24" }"#]),
          "schedule.json:7:5: error: exceptions[0]: missing required key \"to\" (the last closed date of the range, inclusive)"),
        c("an exception with no date", ScheduleFixture.json(exceptions: [#"{ "reason": "x" }"#]),
          "schedule.json:7:5: error: exceptions[0]: an exception needs \"date\" (one day) or \"from\" and \"to\" (a range)"),
        c("an exception with both a date and a range",
          ScheduleFixture.json(exceptions: [#"{ "date": "2026-12-24", "from": "2026-12-24", "to": "2026-12-25" }"#]),
          "schedule.json:7:37: error: exceptions[0]: use either \"date\" (one day) or \"from\"/\"to\" (a range), not both"),
        c("every error in a class is reported, not just the first",
          withClass(#"{ "id": "Hips", "title": "", "days": ["mon"], "start": "7pm", "durationMinutes": 0 }"#),
          "schedule.json:4:13: error: classes[0].id: expected an id made of lowercase letters, digits and '-' (at most 64, not starting with '-'), found \"Hips\"\n  hint: ids become file names and UIDs, e.g. \"hips-monday\"",
          "schedule.json:4:30: error: classes[0].title: the title is empty\n  hint: write some text, or remove the key",
          "schedule.json:4:60: error: classes[0].start: expected a 24-hour time \"HH:MM\" such as \"17:15\", found \"7pm\"\n  hint: did you mean \"19:00\"?",
          "schedule.json:4:86: error: classes[0].durationMinutes: expected a whole number of minutes from 1 to 1440, found 0",
          "schedule.json:4:43: error: classes[0].days[0]: expected a weekday \"monday\" ... \"sunday\" (lowercase), found \"mon\"\n  hint: did you mean \"monday\"?"),
        c("duplicate weekday is a warning",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "days": ["monday", "monday"], "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:64: warning: classes[0].days[1]: \"monday\" is listed twice\n  hint: remove the duplicate"),
        c("duplicate date is a warning",
          withClass(#"{ "id": "hips-monday", "title": "Hips", "dates": ["2026-12-19", "2026-12-19"], "start": "17:15", "durationMinutes": 30 }"#),
          "schedule.json:4:69: warning: classes[0].dates[1]: 2026-12-19 is listed twice\n  hint: remove the duplicate"),
    ]

    @Test("schedule errors and warnings are stated exactly, with file:line:column, path, message and hint", arguments: shapeCases)
    func shapeErrors(t: DiagnosticCase) {
        #expect(ScheduleFixture.diagnostics(t.json) == t.expected)
    }

    // The next four are rejected and located correctly, but their wording is not asserted:
    // each message is misleading (see the report) and should not be enshrined.

    @Test("an unterminated string that runs into a line break is an error at that line")
    func unterminatedString() {
        let d = ScheduleFixture.diagnostics("{\n  \"calendar\": {\n    \"id\": \"circl,\n    \"name\": \"CIRCL\"\n  }\n}\n")
        #expect(d.count == 1)
        #expect(d.first?.hasPrefix("schedule.json:3:18: error: ") == true)
    }

    @Test("a single-quoted key is an error at the quote")
    func singleQuotedKey() {
        let d = ScheduleFixture.diagnostics("{\n  'calendar': {}\n}\n")
        #expect(d.count == 1)
        #expect(d.first?.hasPrefix("schedule.json:2:3: error: ") == true)
    }

    @Test("dates that do not exist are errors at the date")
    func impossibleDates() {
        let d = ScheduleFixture.diagnostics(
            withClass(#"{ "id": "hips-monday", "title": "Hips", "dates": ["2026-02-30", "2026-13-01"], "start": "17:15", "durationMinutes": 30 }"#))
        #expect(d.count == 2)
        #expect(d.first?.hasPrefix("schedule.json:4:55: error: classes[0].dates[0]: ") == true)
        #expect(d.first?.contains("\"2026-02-30\"") == true)
        #expect(d.last?.hasPrefix("schedule.json:4:69: error: classes[0].dates[1]: ") == true)
    }

    @Test("an unknown time zone is an error at the zone, with a hint")
    func unknownZone() {
        let d = ScheduleFixture.diagnostics(ScheduleFixture.json(calendar: ScheduleFixture.calendar(zone: "Europe/Londn"), classes: []))
        #expect(d.count == 1)
        #expect(d.first?.hasPrefix("schedule.json:2:61: error: calendar.timezone: unknown time zone \"Europe/Londn\"") == true)
        #expect(d.first?.hasSuffix("\n  hint: use an IANA name such as \"Europe/London\" or \"America/New_York\"") == true)
    }

    @Test("an oversized file is rejected before parsing")
    func oversizedFile() {
        let bytes = Array(ScheduleFixture.json().utf8) + [UInt8](repeating: 0x20, count: ScheduleLimits.fileBytes)
        #expect(ScheduleFixture.diagnostics(bytes: bytes) == [
            "schedule.json: error: the file is \(bytes.count) bytes; the limit is 8388608 bytes\n  hint: is this really a schedule? split a studio network into one schedule per studio"
        ])
        // The limit itself is allowed.
        let padded = Array(ScheduleFixture.json().utf8)
        let atLimit = padded + [UInt8](repeating: 0x20, count: ScheduleLimits.fileBytes - padded.count)
        #expect(ScheduleFixture.diagnostics(bytes: atLimit) == [])
    }

    @Test("nesting deeper than the limit is a syntax error, not a stack overflow")
    func deepNesting() {
        let deep = "{\"a\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let d = ScheduleFixture.diagnostics(deep)
        #expect(d == ["schedule.json:1:22: error: nesting deeper than 16 levels"])
    }

    @Test("a valid schedule decodes into its calendar, classes and exceptions")
    func decodesValidSchedule() throws {
        let json = ScheduleFixture.json(
            classes: [
                #"{ "id": "hips-monday", "title": "Hip Mobility & Stretch", "days": ["thursday", "monday"], "start": "17:15", "durationMinutes": 30, "from": "2026-01-05", "until": "2027-07-26", "description": "Bring a mat\nand water", "location": "Studio 1", "instructor": "Sam", "url": "https://circl.example/book" }"#,
                #"{ "id": "xmas-special", "title": "Special", "dates": ["2026-12-19", "2026-12-12"], "start": "09:00", "durationMinutes": 1440 }"#,
            ],
            exceptions: [
                #"{ "date": "2026-12-24", "reason": "Christmas Eve" }"#,
                #"{ "from": "2026-12-24", "to": "2027-01-03", "reason": "Closed" }"#,
                #"{ "date": "2026-11-30", "class": "hips-monday", "reason": "Ill" }"#,
                #"{ "date": "2026-12-10", "class": "hips-monday", "moveTo": { "date": "2026-12-11", "start": "18:00" } }"#,
            ])
        let (s, warnings) = try ScheduleDecoder.decode(Array(json.utf8), file: "schedule.json", zones: ScheduleFixture.loadZone)
        #expect(warnings.isEmpty)
        #expect(s.calendar.id == "circl")
        #expect(s.calendar.name == "CIRCL")
        #expect(s.calendar.timeZone == "Europe/London")
        #expect(s.calendar.uidDomain == "circl.example")
        #expect(s.calendar.bookingLabel == nil)  // the language's own (FeedBuilder's Wording)
        #expect(s.calendar.language == .english)
        #expect(s.strings.isEmpty)
        #expect(s.zones.keys.sorted() == ["Europe/London"])
        #expect(s.classes.count == 2)
        let hips = s.classes[0]
        #expect(hips.pattern == .weekly([.monday, .thursday]))
        #expect(hips.start == LocalTime(hour: 17, minute: 15))
        #expect(hips.durationMinutes == 30)
        #expect(hips.from == LocalDate(iso: "2026-01-05"))
        #expect(hips.until == LocalDate(iso: "2027-07-26"))
        #expect(hips.description == "Bring a mat\nand water")
        #expect(hips.location == "Studio 1")
        #expect(hips.instructor == "Sam")
        #expect(hips.url == "https://circl.example/book")
        #expect(hips.path == "classes[0]")
        #expect(s.classes[1].pattern == .dates([LocalDate(iso: "2026-12-12")!, LocalDate(iso: "2026-12-19")!]))
        #expect(s.classes[1].durationMinutes == 1440)
        #expect(s.exceptions.map(\.kind) == [
            .cancel(from: LocalDate(iso: "2026-12-24")!, to: LocalDate(iso: "2026-12-24")!),
            .cancel(from: LocalDate(iso: "2026-12-24")!, to: LocalDate(iso: "2027-01-03")!),
            .cancel(from: LocalDate(iso: "2026-11-30")!, to: LocalDate(iso: "2026-11-30")!),
            .move(date: LocalDate(iso: "2026-12-10")!, toDate: LocalDate(iso: "2026-12-11")!, toStart: LocalTime(hour: 18, minute: 0)),
        ])
        #expect(s.exceptions.map(\.classID) == [nil, nil, "hips-monday", "hips-monday"])
        #expect(s.exceptions.map(\.reason) == ["Christmas Eve", "Closed", "Ill", nil])
        #expect(s.exceptions.map(\.path) == ["exceptions[0]", "exceptions[1]", "exceptions[2]", "exceptions[3]"])
        #expect(ScheduleValidator.validate(s).isEmpty)
    }

    @Test("the studio's own schedule.json decodes and validates without a diagnostic")
    func studioSchedule() throws {
        let path = String(#filePath.split(separator: "/Tests/").first ?? "") + "/schedule.json"
        let bytes = try #require(readRepositoryFile(path))
        let (s, warnings) = try ScheduleDecoder.decode(bytes, file: "schedule.json", zones: ScheduleFixture.loadZone)
        #expect(warnings.isEmpty)
        #expect(ScheduleValidator.validate(s).isEmpty)
        #expect(s.calendar.timeZone == "Europe/London")
        #expect(!s.classes.isEmpty)
    }

    @Test("a UTF-8 byte order mark is tolerated")
    func byteOrderMark() {
        #expect(ScheduleFixture.diagnostics(bytes: [0xEF, 0xBB, 0xBF] + Array(ScheduleFixture.json().utf8)) == [])
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func readRepositoryFile(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n <= 0 { break }
        out += buf[0..<n]
    }
    return out
}
