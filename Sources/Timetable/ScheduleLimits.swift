/// Bounds no real studio comes near, which keep a bad or hostile schedule from eating the
/// machine. Exceeding one is a schedule error (exit 65), never a hang. Documented in docs/LIMITS.md.
package enum ScheduleLimits {
    /// schedule.json size.
    package static let fileBytes = 8 << 20
    /// JSON nesting depth (the format itself needs 4).
    package static let nestingDepth = 16
    package static let classes = 10_000
    package static let exceptions = 100_000
    /// Dates listed by one one-off class.
    package static let datesPerClass = 1_000
    /// Characters in any text value (titles, descriptions, reasons).
    package static let textLength = 4_000
    /// Characters in an id.
    package static let idLength = 64
    /// Longest build window, in days (about 20 years).
    package static let windowDays = 7_320
    /// Occurrences in one feed.
    package static let occurrencesPerFeed = 5_000_000
}
