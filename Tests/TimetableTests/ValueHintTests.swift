import Testing

@testable import Timetable

/// The hints that start from the owner's own value, as both schedule.json and the command
/// line give them.
@Suite struct ValueHintTests {
    @Test("a time written the 12-hour way, or loosely, gets the 24-hour time it means", arguments: [
        ("5:15pm", "did you mean \"17:15\"?"),
        ("5:15 PM", "did you mean \"17:15\"?"),
        ("7pm", "did you mean \"19:00\"?"),
        ("12am", "did you mean \"00:00\"?"),
        ("12:30pm", "did you mean \"12:30\"?"),
        ("9.30a.m.", "did you mean \"09:30\"?"),
        ("9:30", "did you mean \"09:30\"?"),
        ("17.15", "did you mean \"17:15\"?"),
        ("17:15:00", "did you mean \"17:15\"?"),
    ])
    func times(_ text: String, _ hint: String) {
        #expect(ValueHint.time(text) == hint)
    }

    @Test("a time that cannot be read gets no guess, or the 24-hour rule when it says am or pm", arguments: [
        ("24:00", nil), ("17", nil), ("1715", nil), ("noon", nil), ("17:15:30", nil), ("5:5pm", nil),
        ("13pm", "use the 24-hour clock: 7pm is \"19:00\""),
    ] as [(String, String?)])
    func unreadableTimes(_ text: String, _ hint: String?) {
        #expect(ValueHint.time(text) == hint)
    }

    @Test("a date written another way gets each date it can mean, day first", arguments: [
        ("05/12/2026", "\"2026-12-05\" (5 December) or \"2026-05-12\" (12 May)?"),
        ("5.12.2026", "\"2026-12-05\" (5 December) or \"2026-05-12\" (12 May)?"),
        ("25/12/2026", "did you mean \"2026-12-25\" (25 December)?"),
        ("12/25/2026", "did you mean \"2026-12-25\" (25 December)?"),
        ("07/07/2026", "did you mean \"2026-07-07\" (7 July)?"),
        ("2026/12/05", "did you mean \"2026-12-05\"?"),
        ("2026-1-5", "did you mean \"2026-01-05\"?"),
    ])
    func dates(_ text: String, _ hint: String) {
        #expect(ValueHint.date(text) == hint)
    }

    @Test("a date that is no date at all gets no guess", arguments: ["32/13/2026", "26-1-1", "tomorrow", "2026-02-30", "05/12/26", ""])
    func unreadableDates(_ text: String) {
        #expect(ValueHint.date(text) == nil)
    }
}
