import CivilTime

/// Hints that start from the owner's own value: what a time or a date written another way
/// most likely means. Written once, used by the schedule decoder (`"start": "5:15pm"`) and by
/// the command line (`--to-time 5:15pm`), so both say the same thing.
package enum ValueHint {
    /// A time that is not `HH:MM`, read the ways people write times: `"5:15pm"` gives
    /// `did you mean "17:15"?`, `"9:30"` gives `did you mean "09:30"?`, `"17.15"` gives
    /// `did you mean "17:15"?`. Nil when it cannot be read as a time.
    package static func time(_ text: String) -> String? {
        var s = text.lowercased().filter { $0 != " " }
        var meridiem: Character?
        for suffix in ["a.m.", "p.m.", "am", "pm", "a", "p"] where s.hasSuffix(suffix) {
            meridiem = suffix.first
            s.removeLast(suffix.count)
            break
        }
        // "5.15pm" and "17.15": a dot between the hour and the minutes is a colon.
        let parts = s.split(omittingEmptySubsequences: false) { $0 == ":" || $0 == "." }
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              var hour = Int(parts[0])
        else {
            return meridiem == nil ? nil : "use the 24-hour clock: 7pm is \"19:00\""
        }
        let minute = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        // Seconds are not part of a class's time; ":00" may be dropped, anything else may not.
        if parts.count == 3, Int(parts[2]) != 0 { return nil }
        if parts.count > 1, parts[1].count != 2 { return nil }
        if let meridiem {
            guard (1...12).contains(hour) else { return "use the 24-hour clock: 7pm is \"19:00\"" }
            hour = hour % 12 + (meridiem == "p" ? 12 : 0)
        } else if parts.count == 1 {
            return nil  // "17" alone: too little to guess from
        }
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return "did you mean \"\(twoDigits(hour)):\(twoDigits(minute))\"?"
    }

    /// A date that is not `YYYY-MM-DD`, read the ways people write dates: `"05/12/2026"`
    /// gives `"2026-12-05" (5 December) or "2026-05-12" (12 May)?` (day first, as most of the
    /// world writes it, then month first), a single `did you mean "2026-12-25" (25 December)?`
    /// when only one reading is a date, and `"2026/12/05"` gives `did you mean "2026-12-05"?`.
    /// Nil when it cannot be read as a date.
    package static func date(_ text: String) -> String? {
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "." || $0 == "-" }
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2])
        else { return nil }
        if parts[0].count == 4 {
            guard parts[1].count <= 2, parts[2].count <= 2, let d = valid(year: a, month: b, day: c) else { return nil }
            return "did you mean \"\(d.description)\"?"
        }
        guard parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2 else { return nil }
        var readings: [LocalDate] = []
        for d in [valid(year: c, month: b, day: a), valid(year: c, month: a, day: b)] {
            if let d, !readings.contains(d) { readings.append(d) }
        }
        switch readings.count {
        case 1: return "did you mean \"\(readings[0].description)\" (\(dayAndMonth(readings[0])))?"
        case 2: return "\"\(readings[0].description)\" (\(dayAndMonth(readings[0]))) or \"\(readings[1].description)\" (\(dayAndMonth(readings[1])))?"
        default: return nil
        }
    }

    private static func valid(year: Int, month: Int, day: Int) -> LocalDate? {
        guard LocalDate.supportedYears.contains(year) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// "5 December".
    private static func dayAndMonth(_ d: LocalDate) -> String {
        let c = d.components
        return "\(c.day) \(monthNames[c.month - 1])"
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
