import Testing

import JSON
@testable import Timetable

@Suite("Diagnostic")
struct DiagnosticTests {
    @Test("diagnostics render compiler-style: file:line:column: severity: path: message, then the hint")
    func rendering() {
        let full = Diagnostic(
            .error, file: "schedule.json", location: SourceLocation(line: 12, column: 14), path: "classes[1].start",
            message: "expected a 24-hour time", hint: "use the 24-hour clock")
        #expect(full.description == "schedule.json:12:14: error: classes[1].start: expected a 24-hour time\n  hint: use the 24-hour clock")
        let bare = Diagnostic(.warning, file: "s.json", location: nil, path: "", message: "something")
        #expect(bare.description == "s.json: warning: something")
        let error = ScheduleError([full, bare])
        #expect(error.errors == [full])
        #expect(error.description == full.description + "\n" + bare.description)
    }

    @Test(
        "hints suggest the closest known word only when it is close",
        arguments: [
            ("clases", "classes"), ("strat", "start"), ("durationMinute", "durationMinutes"), ("Monday", "monday"),
            ("tuesdya", "tuesday"), ("desc", "description"), ("timeZone", "timezone"), ("xyz", nil), ("colour", nil),
        ] as [(String, String?)])
    func closest(word: String, expected: String?) {
        let candidates = ["calendar", "classes", "exceptions", "start", "durationMinutes", "monday", "tuesday", "description", "timezone", "title"]
        #expect(closestMatch(to: word, in: candidates) == expected)
    }

    @Test("a report shows errors before warnings, at most the limit, each hint once, then how many more there are")
    func report() {
        func d(_ severity: Diagnostic.Severity, _ k: Int, hint: String? = "known keys here: \"a\", \"b\"") -> Diagnostic {
            Diagnostic(severity, file: "s.json", location: SourceLocation(line: k, column: 1), path: "k\(k)", message: "m\(k)", hint: hint)
        }
        let warnings = (1...30).map { d(.warning, $0) }
        let errors = (31...60).map { d(.error, $0, hint: $0 == 32 ? "other" : "known keys here: \"a\", \"b\"") }
        let lines = Diagnostic.report(warnings + errors, omittedErrors: 1_000, limit: 20)
        #expect(lines.count == 21)
        #expect(lines[0] == "s.json:31:1: error: k31: m31\n  hint: known keys here: \"a\", \"b\"")
        #expect(lines[1] == "s.json:32:1: error: k32: m32\n  hint: other")
        #expect(lines[2] == "s.json:33:1: error: k33: m33", "the same hint is not repeated")
        #expect(lines[19] == "s.json:50:1: error: k50: m50")
        #expect(lines[20] == "... and 1040 more (1010 errors, 30 warnings)")
        // Few enough: everything, in order, errors first.
        let few = Diagnostic.report([d(.warning, 1, hint: nil), d(.error, 2, hint: nil)])
        #expect(few == ["s.json:2:1: error: k2: m2", "s.json:1:1: warning: k1: m1"])
        #expect(Diagnostic.report(Array(errors.prefix(21)), limit: 20).last == "... and 1 more error")
        #expect(Diagnostic.report(Array(warnings.prefix(22)), limit: 20).last == "... and 2 more warnings")
        #expect(Diagnostic.report([], omittedErrors: 3, limit: 20) == ["... and 3 more errors"])
    }
}
