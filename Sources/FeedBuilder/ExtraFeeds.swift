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

extension FeedBuilder {
    /// The schedule's `feeds` being written: each one's file, the classes that may have
    /// occurrences in it (ascending), how far the build has got through them, and its events.
    struct ExtraFeeds {
        struct Feed {
            var name: String
            var classes: [Int]
            var next = 0
            var events = 0
        }
        var feeds: [Feed] = []
        let membership: FeedMembership
    }

    /// Begins every one of the schedule's feeds, with the zones of the classes it may hold.
    func beginExtraFeeds(_ sink: FeedSink) -> ExtraFeeds {
        var extras = ExtraFeeds(membership: FeedMembership(schedule))
        for k in schedule.feeds.indices {
            let feed = schedule.feeds[k]
            let classes = schedule.classes.indices.filter { extras.membership.feed(feed, mayInclude: $0) }
            let name = fileName(.extra(k))
            var header = ContentLineWriter()
            writeHeader(&header, singleClass: nil, zones: zones(for: classes), extraFeed: k)
            sink.begin(name)
            sink.append(header.bytes, to: name)
            extras.feeds.append(ExtraFeeds.Feed(name: name, classes: classes))
        }
        return extras
    }

    /// Adds class `i`'s events to each feed that may hold some: the class's block as it is when
    /// all of its occurrences are in the feed (no exception changes its instructor or room),
    /// else the occurrences the feed includes, one event each, written for that feed. A class
    /// whose cover teacher or room change moves some dates between feeds is the only one
    /// written twice.
    func appendToExtraFeeds(_ extras: inout ExtraFeeds, classIndex i: Int, _ block: EventBlock, _ state: inout State, _ sink: FeedSink) {
        for k in extras.feeds.indices {
            let f = extras.feeds[k]
            guard f.next < f.classes.count, f.classes[f.next] == i else { continue }
            extras.feeds[k].next += 1
            if extras.membership.isUniform(classIndex: i, for: schedule.feeds[k]) {
                sink.append(block.bytes, to: f.name)
                extras.feeds[k].events += block.count
            } else {
                let own = state.events(ofClass: i, in: schedule.feeds[k], fileName: f.name)
                sink.append(own.bytes, to: f.name)
                extras.feeds[k].events += own.count
            }
        }
    }

    func finishExtraFeeds(_ extras: ExtraFeeds, _ sink: FeedSink) {
        for f in extras.feeds {
            sink.append(Self.endCalendar, to: f.name)
            sink.finish(f.name, events: f.events)
        }
    }
}
