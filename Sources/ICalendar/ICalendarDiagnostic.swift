/// Something a lenient read or expansion could not take as written, with the line it is about:
/// an event it skipped (no UID, a rule it does not support, a zone it cannot find) or a value
/// it read in a way of its own (a date UNTIL on a timed series, DTEND before DTSTART).
///
/// ``Calendar/init(parsing:reader:diagnostics:)`` and
/// ``Calendar/occurrences(from:to:timeZones:diagnostics:)`` collect these instead of throwing,
/// so that one bad event does not lose the calendar; their strict twins throw the first problem.
public struct ICalendarDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line of the property or component it is about (0 when not read from text).
    public var line: Int
    /// What was wrong, and what was done instead.
    public var message: String
    /// The UID of the event it is about, when there is one.
    public var uid: String?

    /// A diagnostic at `line`.
    public init(line: Int, message: String, uid: String? = nil) {
        self.line = line
        self.message = message
        self.uid = uid
    }

    public var description: String { "line \(line): \(message)" }
}
