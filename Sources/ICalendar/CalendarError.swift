/// Why a typed value (``Event``, ``RecurrenceRule``, ``Calendar``) could not be built or
/// written: a rule of RFC 5545 it would break, or a time zone that cannot be found.
public struct CalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and, where it helps, what to do instead.
    public var message: String

    /// An error with this message.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
