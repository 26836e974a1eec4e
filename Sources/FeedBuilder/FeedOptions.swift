import ICalendar
import Timetable

/// What to build: the window of nominal dates and the revision stamp.
package struct FeedOptions: Sendable {
    /// First and last local date (inclusive) whose occurrences are in the feed.
    package var from: LocalDate
    package var to: LocalDate
    /// "Now" (UTC seconds): the DTSTAMP and LAST-MODIFIED of every new or changed event. An
    /// unchanged event keeps the stamp in ``history``.
    package var stamp: Int64
    /// Occurrences or series; nil means the schedule's `calendar.style`.
    package var style: FeedStyle?
    /// What subscribers already have: unchanged events keep their revision stamps. With
    /// ``classHistory``, this is the combined feed's, and each event takes the later revision
    /// of the two.
    package var history = RevisionHistory()
    /// What subscribers of one class's feed have, by that feed's file name; when set, it is
    /// asked once per class (so the previous class feeds are read one small file at a time).
    package var classHistory: (@Sendable (String) -> RevisionHistory)?
    /// What subscribers of one of the schedule's `feeds` have, by its file name: asked for a
    /// class written date by date for that feed (its events may be in no other feed). Each
    /// event takes the later revision of that file's and ``history``'s.
    package var feedHistory: (@Sendable (String) -> RevisionHistory)?
    /// When set, the builder adds the revision of every event of the combined feed to it as
    /// it writes them (see ``RevisionLog``).
    package var revisionLog: RevisionLog?

    package init(from: LocalDate, to: LocalDate, stamp: Int64, style: FeedStyle? = nil) {
        self.from = from
        self.to = to
        self.stamp = stamp
        self.style = style
    }
}

/// One file to write into the output folder.
package struct FeedFile: Sendable {
    /// A bare file name, `<calendar id>.ics` or `<calendar id>-<class id>.ics`.
    package var name: String
    package var bytes: [UInt8]
    /// Events in the feed.
    package var eventCount: Int
}
