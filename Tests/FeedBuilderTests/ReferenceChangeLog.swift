@testable import FeedBuilder
import CivilTime
import ICalendar
import Timetable

/// The change log as it was before it streamed: both feeds parsed whole, every instance and
/// every occurrence of the window in memory, every line listed. ``ChangeLog`` must say the same
/// (when its log is not summarised).
struct ReferenceChangeLog {
    let builder: FeedBuilder

    func changes(old: [UInt8]?, new: [UInt8], now: Int64) -> [String] {
        let s = builder.schedule
        guard let rules = s.zones[s.calendar.timeZone] else { return [] }
        let zones = s.zones
        let expander = RecurrenceExpander { zones[$0] }
        let end = rules.instant(for: LocalDateTime(date: builder.options.to.adding(days: 1), time: LocalTime(secondsOfDay: 0)))
        func instances(_ bytes: [UInt8]?) -> [String: EventInstance] {
            guard let bytes, let cal = try? ICalendarReader().parse(bytes).first,
                let list = try? expander.expand(cal, from: now - 86400 * 2, to: end)
            else { return [:] }
            var out: [String: EventInstance] = [:]
            for i in list where i.end > now { out[i.uid + "/" + (i.recurrenceID.map(String.init) ?? "")] = i }
            return out
        }
        let before = instances(old)
        let after = instances(new)
        var cancelledReasons: [Int64: String?] = [:]
        for o in builder.engine.occurrences(from: builder.options.from, to: builder.options.to) {
            if case .cancelled(let reason) = o.status { cancelledReasons[o.start] = reason }
        }
        func when(_ t: Int64) -> String {
            let l = rules.localDateTime(at: t)
            let c = l.date.components
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return "\(l.date.weekday.shortName) \(c.day) \(months[c.month - 1]) \(l.time)"
        }
        func cancelled(_ i: EventInstance) -> String {
            let prefix = ChangeLog.cancelledPrefix(builder.wording)
            let title = i.summary.hasPrefix(prefix) ? String(i.summary.dropFirst(prefix.count)) : i.summary
            if let reason = cancelledReasons[i.start], let reason, !title.hasSuffix("(\(reason))") {
                return "cancelled \(when(i.start)) \(title) (\(reason))"
            }
            return "cancelled \(when(i.start)) \(title)"
        }
        var lines: [(Int64, String)] = []
        for (k, o) in before {
            guard let n = after[k] else {
                lines.append((o.start, cancelledReasons[o.start] != nil ? cancelled(o) : "removed \(when(o.start)) \(o.summary)"))
                continue
            }
            if n.status == "CANCELLED" && o.status != "CANCELLED" {
                lines.append((o.start, cancelled(o)))
            } else if o.status == "CANCELLED" && n.status != "CANCELLED" {
                lines.append((n.start, "reinstated \(when(n.start)) \(n.summary)"))
            } else if n.start != o.start || n.end != o.end {
                lines.append((n.start, "moved \(when(o.start)) \(o.summary) to \(when(n.start))" + (n.end - n.start != o.end - o.start ? " (now \((n.end - n.start) / 60) minutes)" : "")))
            } else if n.summary != o.summary {
                lines.append((n.start, "renamed \(when(o.start)) \(o.summary) to \(n.summary)"))
            }
        }
        for (k, n) in after where before[k] == nil {
            lines.append((n.start, n.status == "CANCELLED" ? cancelled(n) : "added \(when(n.start)) \(n.summary)"))
        }
        return lines.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.1)
    }
}
