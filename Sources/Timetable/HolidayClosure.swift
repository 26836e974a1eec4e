import CivilTime
import JSON

/// Public holidays: `"holidayCalendars": ["holidays/england-and-wales.ics"]` names iCalendar
/// files whose all-day events close the studio. Timetable does not read iCalendar (it knows
/// nothing of the wire format); the executable reads the files and hands the dates back as plain
/// cancellations (``Schedule/holidayClosures``), which the engine applies after the schedule's
/// own exceptions and which classes with `"ignoreHolidays": true` skip.
extension ScheduleException {
    /// The reason of a holiday closure whose event has no title.
    package static let defaultHolidayReason = "Public holiday"

    /// Where an exception comes from.
    package enum Origin: Sendable, Hashable {
        /// An entry of schedule.json's `exceptions`.
        case schedule
        /// An all-day event of a holiday calendar: the file (as resolved for messages) and the
        /// line of its `BEGIN:VEVENT`.
        case holidayCalendar(file: String, line: Int)
    }

    /// A closure of every class on `from...to` read from a holiday calendar.
    package init(holiday name: String, from: LocalDate, to: LocalDate, file: String, line: Int) {
        self.init(
            kind: .cancel(from: from, to: to), classID: nil, reason: name, entry: nil,
            origin: .holidayCalendar(file: file, line: line))
    }

    package var isFromHolidayCalendar: Bool {
        if case .holidayCalendar = origin { return true }
        return false
    }
}

/// One entry of `holidayCalendars`, as written in schedule.json.
package struct HolidayCalendarReference: Sendable, Hashable {
    /// The path as written: relative to the schedule's folder.
    package var path: String
    /// `holidayCalendars[0]`.
    package var jsonPath: String
    package var location: SourceLocation?

    /// At most this many calendars; a documented limit (docs/EXCEPTIONS.md).
    package static let maxCount = 20

    /// Decodes the `holidayCalendars` value: an array of relative paths that stay inside the
    /// schedule's folder (no leading `/`, no `..`), so that a schedule and its holiday files
    /// move together from a laptop to the server.
    package static func decode(_ node: JSONNode, file: String) -> ([HolidayCalendarReference], [Diagnostic]) {
        var out: [HolidayCalendarReference] = []
        var diagnostics: [Diagnostic] = []
        func error(_ n: JSONNode, _ path: String, _ message: String, hint: String? = nil) {
            diagnostics.append(Diagnostic(.error, file: file, location: n.location, path: path, message: message, hint: hint))
        }
        guard case .array(let items) = node.value else {
            error(node, "holidayCalendars", "expected an array of file paths such as [\"holidays/england-and-wales.ics\"], found \(node.kind)")
            return ([], diagnostics)
        }
        guard items.count <= maxCount else {
            error(node, "holidayCalendars", "\(items.count) holiday calendars; the limit is \(maxCount)")
            return ([], diagnostics)
        }
        for (i, item) in items.enumerated() {
            let path = "holidayCalendars[\(i)]"
            guard case .string(let s) = item.value else {
                error(item, path, "expected a file path as a string, found \(item.kind)")
                continue
            }
            let components = s.split(separator: "/", omittingEmptySubsequences: false)
            if s.isEmpty || s.hasSuffix("/") {
                error(item, path, "expected the path of an .ics file, found \"\(s)\"")
            } else if s.hasPrefix("/") || s.hasPrefix("~") {
                error(item, path, "\"\(s)\" is an absolute path; holiday calendars are named relative to the schedule's folder",
                      hint: "copy the file next to the schedule, e.g. into holidays/, and write \"holidays/\(components.last ?? "")\"")
            } else if components.contains("..") {
                error(item, path, "\"\(s)\" leaves the schedule's folder ('..'); holiday calendars must be inside it",
                      hint: "copy the file into the schedule's folder, e.g. into holidays/")
            } else if s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                error(item, path, "the path contains a control character")
            } else if out.contains(where: { $0.path == s }) {
                diagnostics.append(Diagnostic(.warning, file: file, location: item.location, path: path,
                                              message: "\"\(s)\" is listed twice", hint: "remove the duplicate"))
            } else {
                out.append(HolidayCalendarReference(path: s, jsonPath: path, location: item.location))
            }
        }
        return (out, diagnostics)
    }
}

extension SourceLocation {
    /// A position in a file other than schedule.json (a holiday calendar's line).
    package static func at(line: Int, column: Int) -> SourceLocation { SourceLocation(line: line, column: column) }
}
