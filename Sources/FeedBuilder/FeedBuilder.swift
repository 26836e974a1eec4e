import ICalendar
import Timetable

/// Turns a schedule's occurrences into iCalendar feeds: the combined feed and one per class.
package struct FeedBuilder: Sendable {
    package let schedule: Schedule
    package let engine: RecurrenceEngine
    package let options: FeedOptions

    package static let productID = "-//ClassFeed//ClassFeed 1.0//EN"
    /// How often subscribers are asked to refresh (RFC 7986 §5.7; a hint most clients honour,
    /// Google ignores).
    package static let refreshInterval = "PT1H"

    package init(schedule: Schedule, options: FeedOptions) {
        self.schedule = schedule
        self.engine = RecurrenceEngine(schedule: schedule)
        self.options = options
    }

    /// The combined feed followed by one feed per class.
    package func allFeeds() -> [FeedFile] {
        var files = [feed(classes: Array(schedule.classes.indices))]
        for i in schedule.classes.indices { files.append(feed(classes: [i])) }
        return files
    }

    /// The file name of the combined feed (`nil`) or of one class's feed.
    package func fileName(classIndex: Int?) -> String {
        guard let i = classIndex else { return schedule.calendar.id + ".ics" }
        return schedule.calendar.id + "-" + schedule.classes[i].id + ".ics"
    }

    /// A feed with the occurrences of the given classes.
    package func feed(classes indices: [Int]) -> FeedFile {
        var w = ContentLineWriter()
        let single = indices.count == 1 && schedule.classes.count > 1 ? indices.first : nil
        writeHeader(&w, singleClass: single)
        var zones: [String] = []
        for z in [schedule.calendar.timeZone] + indices.map({ schedule.zoneName(ofClass: $0) }) where !zones.contains(z) {
            zones.append(z)
        }
        for z in zones.sorted() {
            guard let rules = schedule.zones[z] else { continue }
            w.write(TimeZoneComponent.make(rules, covering: span(in: rules)))
        }
        var count = 0
        for i in indices {
            for o in engine.occurrences(ofClass: i, from: options.from, to: options.to) where !o.isCancelled {
                writeEvent(&w, o)
                count += 1
            }
        }
        w.end("VCALENDAR")
        return FeedFile(name: fileName(classIndex: single), bytes: w.bytes, eventCount: count)
    }

    /// The instants the window covers in a zone, widened by a day either side.
    private func span(in rules: ZoneRules) -> ClosedRange<Int64> {
        let lo = Int64(options.from.dayNumber - 1) * 86400
        let hi = Int64(options.to.dayNumber + 2) * 86400
        return lo...hi
    }

    private func writeHeader(_ w: inout ContentLineWriter, singleClass: Int?) {
        let cal = schedule.calendar
        var name = cal.name
        if let i = singleClass { name += ": " + FeedBuilder.describe(schedule.classes[i]) }
        w.begin("VCALENDAR")
        w.writeLine(name: "VERSION", value: "2.0")
        w.writeLine(name: "PRODID", value: FeedBuilder.productID)
        w.writeLine(name: "CALSCALE", value: "GREGORIAN")
        w.writeText(name: "NAME", text: name)
        w.writeText(name: "X-WR-CALNAME", text: name)
        if let d = cal.description {
            w.writeText(name: "DESCRIPTION", text: d)
            w.writeText(name: "X-WR-CALDESC", text: d)
        }
        w.writeLine(name: "X-WR-TIMEZONE", value: cal.timeZone)
        if let url = cal.url { w.writeLine(name: "URL", value: url) }
        w.write(Property("REFRESH-INTERVAL", raw: FeedBuilder.refreshInterval, parameters: [Parameter("VALUE", "DURATION")]))
        w.writeLine(name: "X-PUBLISHED-TTL", value: FeedBuilder.refreshInterval)
    }

    /// "Hip Mobility & Stretch, Mondays 17:15".
    package static func describe(_ cls: ClassDefinition) -> String {
        switch cls.pattern {
        case .weekly(let days):
            return cls.title + ", " + days.map { $0.name.prefix(1).uppercased() + $0.name.dropFirst() + "s" }.joined(separator: " & ") + " \(cls.start)"
        case .dates(let dates):
            return cls.title + (dates.count == 1 ? ", \(dates[0]) \(cls.start)" : ", \(cls.start)")
        }
    }

    /// The stable UID of an occurrence: class id, original date, uidDomain. Never random, never
    /// an array position, unchanged when the occurrence moves (RFC 5545 §3.8.4.7).
    package func uid(_ o: Occurrence) -> String {
        schedule.classes[o.classIndex].id + "-" + o.originalDate.basicFormat + "@" + schedule.calendar.uidDomain
    }

    private func writeEvent(_ w: inout ContentLineWriter, _ o: Occurrence) {
        let cls = schedule.classes[o.classIndex]
        let zoneName = schedule.zoneName(ofClass: o.classIndex)
        w.begin("VEVENT")
        w.writeLine(name: "UID", value: uid(o))
        w.writeLine(name: "DTSTAMP", value: Property.utcString(options.stamp))
        w.write(Property("DTSTART", local: o.localStart, timeZone: zoneName))
        w.write(endProperty(o, zoneName))
        w.writeText(name: "SUMMARY", text: summary(o))
        if let d = description(o, cls) { w.writeText(name: "DESCRIPTION", text: d) }
        if let loc = cls.location ?? schedule.calendar.location { w.writeText(name: "LOCATION", text: loc) }
        if let url = cls.url ?? schedule.calendar.url { w.writeLine(name: "URL", value: url) }
        w.writeLine(name: "STATUS", value: o.isCancelled ? "CANCELLED" : "CONFIRMED")
        w.end("VEVENT")
    }

    /// What the event is called in the feed. A cancelled occurrence that is shown says so:
    /// "Cancelled: Hip Mobility & Stretch (Christmas Eve)".
    package func summary(_ o: Occurrence) -> String {
        let title = schedule.classes[o.classIndex].title
        guard case .cancelled(let reason) = o.status else { return title }
        return "Cancelled: " + title + (reason.map { " (\($0))" } ?? "")
    }

    /// DTEND in the event's zone; in UTC when that wall time would be read as a different
    /// instant (an end inside the repeated hour after the clocks go back).
    private func endProperty(_ o: Occurrence, _ zoneName: String) -> Property {
        guard let rules = schedule.zones[zoneName] else { return Property("DTEND", utc: o.end) }
        let local = rules.localDateTime(at: o.end)
        if rules.instant(for: local) == o.end { return Property("DTEND", local: local, timeZone: zoneName) }
        return Property("DTEND", utc: o.end)
    }

    /// The event description: the class's own text, the instructor, a move note, the booking link.
    private func description(_ o: Occurrence, _ cls: ClassDefinition) -> String? {
        var parts: [String] = []
        if let from = o.movedFrom {
            var note = "Moved from \(FeedBuilder.humanDate(from.date)) \(from.time)"
            if let r = o.moveReason { note += " (\(r))" }
            parts.append(note + ".")
        }
        if let d = cls.description { parts.append(d) }
        if let i = cls.instructor { parts.append("Instructor: \(i)") }
        if let url = cls.url ?? schedule.calendar.url { parts.append("\(schedule.calendar.bookingLabel): \(url)") }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }

    /// "Thu 24 Dec 2026".
    package static func humanDate(_ d: LocalDate) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let c = d.components
        return "\(d.weekday.shortName) \(c.day) \(months[c.month - 1]) \(c.year)"
    }
}
