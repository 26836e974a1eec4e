import CivilTime
import ICalendar
import Timetable

/// What subscribers will see change between the feed they have and the new one, in words:
/// "cancelled Thu 24 Dec 19:00 Hip Mobility & Stretch (Christmas Eve)". Both feeds are expanded
/// (so series and occurrences feeds are compared the same way) from `now` to the window's end;
/// changes to classes already over are not reported.
///
/// Both feeds arrive as streams of chunks and are read event by event (``EventSplitter``, then
/// the one reader and the expander): each instance is kept only as a 24-byte fingerprint (a
/// hash of its UID and RECURRENCE-ID, start, length, status, summary), in two arrays sorted by
/// key and walked side by side, rather than two whole feeds and their component trees (a
/// network's `--dry-run` took 757 MB that way; hash tables of the fingerprints, 40 MB).
/// A long log is summarised: one line per kind of change ("cancelled 540 events from Thu 3 Dec
/// 2026 to Thu 31 Dec 2026"), the first lines by time, and a count.
package struct ChangeLog {
    package let builder: FeedBuilder
    package let now: Int64
    /// Up to this many lines, the log lists every change.
    package var limit = 60
    /// A longer log lists this many, after its summary.
    package var listed = 10

    /// One instance as subscribers see it, in 32 bytes: a network's feed has over 100,000.
    private struct Instance {
        /// ``RevisionHistory/Key`` of the UID and the instance's RECURRENCE-ID instant.
        var key: UInt64
        var start: Int64
        var length: Int32
        /// The summary's index in ``ChangeLog/summaries``, shifted left past three flags.
        private var bits: UInt32
        /// A hash of the event's location and description (a cover teacher, a room, a note).
        var details: UInt64

        init(key: UInt64, start: Int64, end: Int64, summary: Int32, cancelled: Bool, isOverride: Bool, visible: Bool, details: UInt64) {
            self.key = key
            self.start = start
            length = Int32(clamping: end - start)
            bits = UInt32(summary) << 3 | (cancelled ? 1 : 0) | (isOverride ? 2 : 0) | (visible ? 4 : 0)
            self.details = details
        }

        var end: Int64 { start + Int64(length) }
        var summary: Int { Int(bits >> 3) }
        var cancelled: Bool { bits & 1 != 0 }
        /// From an event with a RECURRENCE-ID: it replaces the instance its master generates,
        /// whichever comes first in the feed.
        var isOverride: Bool { bits & 2 != 0 }
        /// Starts in the compared span and ends after `now` (an override moved out of it hides
        /// its master's instance all the same).
        var visible: Bool { bits & 4 != 0 }
    }

    private struct Side {
        var splitter = EventSplitter()
        /// In feed order while reading; by key, one per key, once finished.
        var instances: [Instance] = []
        var failed = false
    }

    private var previous = Side()
    private var current = Side()
    /// Summaries, each stored once: a network repeats a few thousand titles.
    private var summaries: [String] = []
    private var summaryIndex: [String: Int32] = [:]
    private let expander: RecurrenceExpander
    private let rules: ZoneRules?
    private let from: Int64
    private let to: Int64

    package init(builder: FeedBuilder, now: Int64) {
        self.builder = builder
        self.now = now
        let s = builder.schedule
        let zones = s.zones
        expander = RecurrenceExpander { zones[$0] }
        rules = s.zones[s.calendar.timeZone]
        from = now - 86400 * 2
        to = rules.map { $0.instant(for: LocalDateTime(date: builder.options.to.adding(days: 1), time: LocalTime(secondsOfDay: 0))) } ?? from
    }

    /// The next chunk of the feed subscribers have now. A feed that cannot be read counts as none.
    package mutating func addPrevious(_ chunk: [UInt8]) { add(chunk, to: \.previous) }
    package mutating func finishPrevious() { finish(\.previous) }
    /// The previous feed could not be read to the end: it counts as none.
    package mutating func discardPrevious() { fail(\.previous) }
    /// The next chunk of the new feed.
    package mutating func addNew(_ chunk: [UInt8]) { add(chunk, to: \.current) }
    package mutating func finishNew() { finish(\.current) }

    /// Both feeds whole (tests, small schedules).
    package static func changes(builder: FeedBuilder, old: [UInt8]?, new: [UInt8], now: Int64) -> [String] {
        var log = ChangeLog(builder: builder, now: now)
        if let old { log.addPrevious(old) }
        log.finishPrevious()
        log.addNew(new)
        log.finishNew()
        return log.lines()
    }

    private typealias SidePath = WritableKeyPath<ChangeLog, Side>

    private mutating func add(_ chunk: [UInt8], to side: SidePath) {
        guard !self[keyPath: side].failed else { return }
        var events: [[UInt8]] = []
        self[keyPath: side].splitter.feed(chunk) { events.append($0) }
        for e in events where !self[keyPath: side].failed { read(event: e, into: side) }
        if self[keyPath: side].splitter.failed { fail(side) }
    }

    private mutating func finish(_ side: SidePath) {
        var events: [[UInt8]] = []
        self[keyPath: side].splitter.finish { events.append($0) }
        for e in events where !self[keyPath: side].failed { read(event: e, into: side) }
        if self[keyPath: side].splitter.failed { fail(side) }
        // By key, an override after the instance it replaces; then the last of each key stays.
        var list = self[keyPath: side].instances
        self[keyPath: side].instances = []
        list.sort { ($0.key, $0.isOverride ? 1 : 0) < ($1.key, $1.isOverride ? 1 : 0) }
        var kept = 0
        for i in list.indices {
            if kept > 0 && list[kept - 1].key == list[i].key { kept -= 1 }
            list[kept] = list[i]
            kept += 1
        }
        list.removeLast(list.count - kept)
        self[keyPath: side].instances = list
    }

    private mutating func fail(_ side: SidePath) {
        self[keyPath: side].failed = true
        self[keyPath: side].instances = []
    }

    private static let calendarStart = Array("BEGIN:VCALENDAR\r\n".utf8)
    private static let calendarEnd = Array("END:VCALENDAR\r\n".utf8)

    /// One VEVENT: its instances in the span, as the expander sees them.
    private mutating func read(event bytes: [UInt8], into side: SidePath) {
        guard rules != nil,
            var event = try? ICalendarReader().parse(Self.calendarStart + bytes + Self.calendarEnd).first?.components.first,
            let uid = event.property("UID")?.value
        else { return fail(side) }
        var overrideID: Int64?
        if let p = event.property("RECURRENCE-ID") {
            // Read on its own, as one single event (a rule on an override means nothing, RFC 5545
            // §3.8.4.4, and unbounded it could be a million instances); its key is the instance
            // it replaces.
            guard let v = DateTimeValue.values(of: p)?.first, let id = try? expander.instant(v, line: p.line) else { return fail(side) }
            overrideID = id
            event.properties.removeAll { $0.name == "RECURRENCE-ID" || $0.name == "RRULE" || $0.name == "RDATE" }
        }
        var details = RevisionHistory.Key()
        details.add((event.property("LOCATION")?.value ?? "").utf8)
        details.add(0)
        details.add((event.property("DESCRIPTION")?.value ?? "").utf8)
        // An override counts whenever it is: moved out of the span, it still hides its instance.
        let span = overrideID == nil ? (from, to) : (Int64.min / 2, Int64.max / 2)
        guard let list = try? expander.expand(Component("VCALENDAR", components: [event]), from: span.0, to: span.1) else { return fail(side) }
        for i in list {
            let rid = overrideID ?? i.recurrenceID
            var key = RevisionHistory.Key()
            key.add(uid.utf8)
            if let rid {
                key.add(0)
                for shift in stride(from: 0, to: 64, by: 8) { key.add(UInt8(truncatingIfNeeded: rid >> shift)) }
            }
            let visible = i.start >= from && i.start < to && i.end > now
            guard visible || overrideID != nil else { continue }
            self[keyPath: side].instances.append(Instance(
                key: key.value, start: i.start, end: i.end, summary: intern(i.summary), cancelled: i.status == "CANCELLED",
                isOverride: overrideID != nil, visible: visible, details: details.value))
        }
    }

    private mutating func intern(_ s: String) -> Int32 {
        if let i = summaryIndex[s] { return i }
        let i = Int32(summaries.count)
        summaries.append(s)
        summaryIndex[s] = i
        return i
    }

    /// The kinds of change, in the order the summary lists them.
    private enum Change: Int, CaseIterable {
        case cancelled, reinstated, moved, changed, renamed, updated, added, removed

        var verb: String {
            switch self {
            case .cancelled: "cancelled"
            case .reinstated: "reinstated"
            case .moved: "moved"
            case .changed: "changed"
            case .renamed: "renamed"
            case .updated: "updated"
            case .added: "added"
            case .removed: "removed"
            }
        }
    }

    /// The changes, in time order; summarised when there are more than ``limit``.
    /// What a cancelled event's SUMMARY starts with before its title: "Cancelled: " in English.
    static func cancelledPrefix(_ wording: Wording) -> String {
        let phrase = wording[.cancelledSummary]
        guard let title = phrase.firstRange(of: "{title}") else { return "" }
        return Wording.fill(String(phrase[..<title.lowerBound]), [])
    }

    package func lines() -> [String] {
        guard let rules else { return [] }
        // Why classes are cancelled, by start: only the occurrences the schedule cancels (a
        // class at a time), not every occurrence of the window.
        var cancelledReasons: [Int64: String?] = [:]
        // What the schedule changes of an occurrence (a cover teacher, a room), by start.
        var changes: [Int64: (classIndex: Int, change: OccurrenceChange)] = [:]
        let schedule = builder.schedule
        for i in schedule.classes.indices {
            for o in builder.engine.occurrences(ofClass: i, from: builder.options.from, to: builder.options.to) {
                if case .cancelled(let reason) = o.status { cancelledReasons[o.start] = reason }
                if let c = o.change, !o.isCancelled { changes[o.start] = (i, c) }
            }
        }
        func when(_ t: Int64) -> String {
            let l = rules.localDateTime(at: t)
            let c = l.date.components
            return "\(l.date.weekday.shortName) \(c.day) \(Self.months[c.month - 1]) \(l.time)"
        }
        // A cancelled event's title as members read it ("Cancelled: ", "Annulé : "), which the
        // owner's log (English) leaves out.
        let cancelledPrefix = Self.cancelledPrefix(builder.wording)
        func cancelled(_ i: Instance) -> String {
            let summary = summaries[i.summary]
            let title = !cancelledPrefix.isEmpty && summary.hasPrefix(cancelledPrefix) ? String(summary.dropFirst(cancelledPrefix.count)) : summary
            if let reason = cancelledReasons[i.start], let reason, !title.hasSuffix("(\(reason))") {
                return "cancelled \(when(i.start)) \(title) (\(reason))"
            }
            return "cancelled \(when(i.start)) \(title)"
        }
        var out = CappedLines<Int64>(limit: limit)
        var tallies: [(count: Int, first: Int64, last: Int64)?] = Array(repeating: nil, count: Change.allCases.count)
        func add(_ start: Int64, _ change: Change, _ line: () -> String) {
            if let t = tallies[change.rawValue] {
                tallies[change.rawValue] = (t.count + 1, min(t.first, start), max(t.last, start))
            } else {
                tallies[change.rawValue] = (1, start, start)
            }
            out.add(start, line)
        }
        func gone(_ o: Instance) {
            if cancelledReasons[o.start] != nil {
                add(o.start, .cancelled) { cancelled(o) }
            } else {
                add(o.start, .removed) { "removed \(when(o.start)) \(summaries[o.summary])" }
            }
        }
        func came(_ n: Instance) {
            if n.cancelled {
                add(n.start, .cancelled) { cancelled(n) }
            } else {
                add(n.start, .added) { "added \(when(n.start)) \(summaries[n.summary])" }
            }
        }
        // Both sides are sorted by key: walk them together.
        let old = previous.instances
        let new = current.instances
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if j == new.count || (i < old.count && old[i].key < new[j].key) {
                if old[i].visible { gone(old[i]) }
                i += 1
                continue
            }
            if i == old.count || new[j].key < old[i].key {
                if new[j].visible { came(new[j]) }
                j += 1
                continue
            }
            let o = old[i]
            let n = new[j]
            i += 1
            j += 1
            if !o.visible || !n.visible {
                if o.visible { gone(o) }
                if n.visible { came(n) }
            } else if n.cancelled && !o.cancelled {
                add(o.start, .cancelled) { cancelled(o) }
            } else if o.cancelled && !n.cancelled {
                add(n.start, .reinstated) { "reinstated \(when(n.start)) \(summaries[n.summary])" }
            } else if n.start == o.start, n.end != o.end || n.summary != o.summary || n.details != o.details,
                let (i, change) = changes[n.start]
            {
                // The page's words: "Sam covers Hip Mobility & Stretch on Mon 4 Jan 17:15: in Studio 2".
                add(n.start, .changed) {
                    let cls = schedule.classes[i]
                    return "changed: " + ExceptionEffects.changeSubject(change, cls) + " on " + when(n.start)
                        + (ExceptionEffects.changeDetails(change, cls).map { ": " + $0 } ?? "")
                }
            } else if n.start != o.start || n.end != o.end {
                add(n.start, .moved) {
                    "moved \(when(o.start)) \(summaries[o.summary]) to \(when(n.start))"
                        + (n.end - n.start != o.end - o.start ? " (now \((n.end - n.start) / 60) minutes)" : "")
                }
            } else if n.summary != o.summary {
                add(n.start, .renamed) { "renamed \(when(o.start)) \(summaries[o.summary]) to \(summaries[n.summary])" }
            } else if n.details != o.details {
                // Back as planned after a change, or a description or location edited in the schedule.
                add(n.start, .updated) { "updated \(when(n.start)) \(summaries[n.summary]) (location or description)" }
            }
        }
        guard out.isLong else { return out.first(limit) }
        var lines: [String] = []
        for change in Change.allCases {
            guard let t = tallies[change.rawValue] else { continue }
            let a = rules.localDateTime(at: t.first).date.humanDate
            let b = rules.localDateTime(at: t.last).date.humanDate
            let n = CappedLines<Int64>.grouped(t.count)
            lines.append("\(change.verb) \(t.count == 1 ? "1 event" : "\(n) events") " + (a == b ? "on \(a)" : "from \(a) to \(b)"))
        }
        lines += out.first(listed)
        lines.append("... and \(CappedLines<Int64>.grouped(out.total - listed)) more")
        return lines
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
