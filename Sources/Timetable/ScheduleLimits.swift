/// Bounds no real studio comes near, which keep a bad or hostile schedule from eating the
/// machine. Exceeding one is a schedule error (exit 65), never a hang. Documented, with the tests that
/// cover each, in docs/HARDENING.md.
package enum ScheduleLimits {
    /// schedule.json size.
    package static let fileBytes = 8 << 20
    /// JSON nesting depth (the format itself needs 4).
    package static let nestingDepth = 16
    /// A studio has tens of classes; the benchmark studio network has 2,000. Bounds the work of
    /// checks that pair every class with every exception.
    package static let classes = 5_000
    /// Decades of closures and moves for a network (the benchmark network has 20,000).
    package static let exceptions = 50_000
    /// Extra feeds (`feeds`): one per instructor, room and kind of class of a large studio.
    package static let feeds = 500
    /// Tags of one class.
    package static let tagsPerClass = 20
    /// The largest "every N weeks".
    package static let everyWeeks = 52
    /// Dates listed by one one-off class.
    package static let datesPerClass = 1_000
    /// Characters in any text value (titles, descriptions, reasons).
    package static let textLength = 4_000
    /// Characters in an id.
    package static let idLength = 64
    /// Longest build window, in days (about 20 years).
    package static let windowDays = 7_320
    /// Events in one feed (checked before building, see OccurrenceBudget): about 2 GB of
    /// iCalendar, far past what any calendar client subscribes to, yet ten times the benchmark
    /// network's two years (memory stays flat: feeds are streamed).
    package static let occurrencesPerFeed = 5_000_000
    /// Errors the decoder keeps; the rest are only counted. 600,000 unknown keys fit in the
    /// file size limit, and locating each, finding it a hint and printing it took 30 s and
    /// 137 MB of messages; only the first 20 are shown.
    package static let keptErrors = 100
    /// Instances at the start of a weekly series that may be written as events of their own
    /// because they cross a clock change (the series' master starts after them); past this many
    /// the master states DURATION instead. Real zones need one at most.
    package static let seriesLeadEvents = 8
}
