import ICalendar
import Timetable

/// One of the files a build writes: the combined feed, a class's feed, or one of the schedule's
/// `feeds` (a teacher's, a room's, a kind of class's), by index into `Schedule.feeds`.
package enum FeedRef: Hashable, Sendable {
    case combined
    case classFeed(Int)
    case extra(Int)
}

extension FeedBuilder {
    /// The file a feed is written to: `<calendar id>.ics`, `<calendar id>-<class id>.ics` or
    /// `<calendar id>-<feed id>.ics`.
    package func fileName(_ ref: FeedRef) -> String {
        switch ref {
        case .combined: return fileName(classIndex: nil)
        case .classFeed(let i): return fileName(classIndex: i)
        case .extra(let k): return schedule.calendar.id + "-" + schedule.feeds[k].id + ".ics"
        }
    }

    /// The file names of the schedule's `feeds`, in order.
    package var extraFeedFileNames: [String] { schedule.feeds.indices.map { fileName(.extra($0)) } }
}
