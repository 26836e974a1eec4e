import CivilTime
import FeedBuilder
import Timetable

/// The human-readable table `upcoming` prints: one line per occurrence in the calendar's zone,
/// cancellations, moves and changes ("covered by Sam, in Studio 2") marked.
enum OccurrenceTable {
    static func render(_ list: [Occurrence], schedule: Schedule, from: LocalDate, to: LocalDate, color: Bool) -> String {
        var lines = ["Classes from \(from.humanDate) to \(to.humanDate) (times in \(schedule.calendar.timeZone))"]
        if list.isEmpty { lines.append("  no classes") }
        let width = list.map { schedule.classes[$0.classIndex].title.count }.max() ?? 0
        for o in list {
            let cls = schedule.classes[o.classIndex]
            var line = "  \(alignedDate(o.date))  \(o.localStart.time)  " + cls.title.padding(width)
            let zone = schedule.zoneName(ofClass: o.classIndex)
            if zone != schedule.calendar.timeZone { line += "  (\(zone))" }
            if case .cancelled(let reason) = o.status {
                let mark = "cancelled" + (reason.map { ": \($0)" } ?? "")
                line += "  " + (color ? "\u{1B}[31m\(mark)\u{1B}[0m" : mark)
            } else if o.movedFrom != nil || o.change != nil {
                var marks: [String] = []
                if let m = o.movedFrom { marks.append("moved from \(m.date.humanDate) \(m.time)" + (o.moveReason.map { " (\($0))" } ?? "")) }
                if let c = o.change {
                    // The move's own reason is said once, after the move.
                    let reason = o.changeReason == o.moveReason && o.movedFrom != nil ? nil : o.changeReason
                    marks.append(ExceptionEffects.changeWords(c, cls) + (reason.map { " (\($0))" } ?? ""))
                }
                let mark = marks.joined(separator: "; ")
                line += "  " + (color ? "\u{1B}[33m\(mark)\u{1B}[0m" : mark)
            }
            while line.hasSuffix(" ") { line.removeLast() }  // no padding after the last column
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

extension OccurrenceTable {
    /// "Mon  4 Jan 2027": the day of the month right-aligned, so that a column of dates lines up.
    static func alignedDate(_ d: LocalDate) -> String {
        let c = d.components
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(d.weekday.shortName) \(c.day < 10 ? " " : "")\(c.day) \(months[c.month - 1]) \(c.year)"
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
