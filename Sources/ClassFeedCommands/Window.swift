import CivilTime
import Timetable

/// The build window: `--from`/`--to`, or the rolling default.
///
/// The default runs from the Monday four weeks before today to 30 weeks after it (about seven
/// months). It moves once a week, not daily, so an unchanged schedule gives an unchanged feed
/// all week and subscribers re-download nothing.
enum Window {
    static let weeksBack = 4
    static let weeksTotal = 30

    static func resolve(from: String?, to: String?, today: LocalDate) throws(CLIError) -> (LocalDate, LocalDate) {
        let monday = today.adding(days: -(today.weekday.rawValue - 1))
        let defaultFrom = monday.adding(days: -7 * weeksBack)
        var lo = defaultFrom
        var hi = defaultFrom.adding(days: 7 * weeksTotal - 1)
        if let from {
            guard let d = LocalDate(iso: from), LocalDate.supportedYears.contains(d.year) else {
                throw CLIError(.usage, "--from expects a date YYYY-MM-DD, got '\(from)'" + hintLine(ValueHint.date(from)))
            }
            lo = d
            if to == nil { hi = max(hi, d.adding(days: 7 * weeksTotal - 1)) }
        }
        if let to {
            guard let d = LocalDate(iso: to), LocalDate.supportedYears.contains(d.year) else {
                throw CLIError(.usage, "--to expects a date YYYY-MM-DD, got '\(to)'" + hintLine(ValueHint.date(to)))
            }
            hi = d
        }
        guard lo <= hi else { throw CLIError(.usage, "--from (\(lo)) is after --to (\(hi))") }
        guard hi.dayNumber - lo.dayNumber <= ScheduleLimits.windowDays else {
            throw CLIError(.usage, "the window \(lo) to \(hi) is longer than \(ScheduleLimits.windowDays) days")
        }
        return (lo, hi)
    }

    /// Today's date in the calendar's zone at an instant.
    static func today(at now: Int64, in schedule: Schedule) -> LocalDate {
        guard let rules = schedule.zones[schedule.calendar.timeZone] else {
            return LocalDateTime(localSeconds: now).date
        }
        return today(at: now, rules: rules)
    }

    /// Today's date in a zone at an instant.
    static func today(at now: Int64, rules: ZoneRules) -> LocalDate { rules.localDateTime(at: now).date }
}
