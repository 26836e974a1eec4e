import Testing

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
}
