import ICalendar
import Timetable

/// Turns a schedule's occurrences into iCalendar feeds: the combined feed and one per class,
/// in either style (see ``FeedStyle``).
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

    package var style: FeedStyle { options.style ?? schedule.calendar.style }
    package var cancellations: CancellationPolicy { schedule.calendar.cancellations }

    /// The combined feed followed by one feed per class.
    package func allFeeds() -> [FeedFile] {
        var files = [feed(classes: Array(schedule.classes.indices))]
        for i in schedule.classes.indices { files.append(feed(classIndex: i)) }
        return files
    }

    /// The file name of the combined feed (`nil`) or of one class's feed.
    package func fileName(classIndex: Int?) -> String {
        guard let i = classIndex else { return schedule.calendar.id + ".ics" }
        return schedule.calendar.id + "-" + schedule.classes[i].id + ".ics"
    }

    /// The feed of one class, named `<calendar id>-<class id>.ics`.
    package func feed(classIndex i: Int) -> FeedFile { feed(classes: [i], single: i) }

    /// The combined feed of the given classes, named `<calendar id>.ics`.
    package func feed(classes indices: [Int]) -> FeedFile { feed(classes: indices, single: nil) }

    private func feed(classes indices: [Int], single: Int?) -> FeedFile {
        var w = ContentLineWriter()
        writeHeader(&w, singleClass: single)
        var zones: [String] = []
        for z in [schedule.calendar.timeZone] + indices.map({ schedule.zoneName(ofClass: $0) }) where !zones.contains(z) {
            zones.append(z)
        }
        for z in zones.sorted() {
            guard let rules = schedule.zones[z] else { continue }
            w.write(TimeZoneComponent.make(rules, covering: span))
        }
        var count = 0
        for i in indices {
            switch style {
            case .occurrences: count += writeOccurrences(&w, classIndex: i)
            case .series: count += writeSeries(&w, classIndex: i)
            }
        }
        w.end("VCALENDAR")
        return FeedFile(name: fileName(classIndex: single), bytes: w.bytes, eventCount: count)
    }

    /// The instants a VTIMEZONE must cover: the window widened by a day either side; a series
    /// runs on past the window, so its VTIMEZONE's rules are left open-ended.
    private var span: ClosedRange<Int64> {
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

    // MARK: - Occurrences style

    /// One VEVENT per occurrence in the window.
    private func writeOccurrences(_ w: inout ContentLineWriter, classIndex i: Int) -> Int {
        var count = 0
        for o in engine.occurrences(ofClass: i, from: options.from, to: options.to) {
            if o.isCancelled && cancellations == .remove { continue }
            writeEvent(&w, o, uid: uid(o), recurrenceID: nil)
            count += 1
        }
        return count
    }

    /// The stable UID of an occurrence: class id, original date, uidDomain. Never random, never
    /// an array position, unchanged when the occurrence moves (RFC 5545 §3.8.4.7).
    package func uid(_ o: Occurrence) -> String {
        schedule.classes[o.classIndex].id + "-" + o.originalDate.basicFormat + "@" + schedule.calendar.uidDomain
    }

    /// The UID of a weekly class's series.
    package func seriesUID(classIndex i: Int) -> String {
        schedule.classes[i].id + "@" + schedule.calendar.uidDomain
    }

    /// What the event is called in the feed. A cancelled occurrence that is shown says so:
    /// "Cancelled: Hip Mobility & Stretch (Christmas Eve)".
    package func summary(_ o: Occurrence) -> String {
        let title = schedule.classes[o.classIndex].title
        guard case .cancelled(let reason) = o.status else { return title }
        return "Cancelled: " + title + (reason.map { " (\($0))" } ?? "")
    }

    /// One event: an occurrence, or a RECURRENCE-ID override of a series. Returns its SEQUENCE.
    @discardableResult
    private func writeEvent(
        _ w: inout ContentLineWriter, _ o: Occurrence, uid: String, recurrenceID: LocalDateTime?, minimumSequence: Int = 0
    ) -> Int {
        let cls = schedule.classes[o.classIndex]
        let zoneName = schedule.zoneName(ofClass: o.classIndex)
        var props = [Property("UID", raw: uid)]
        if let recurrenceID { props.append(Property("RECURRENCE-ID", local: recurrenceID, timeZone: zoneName)) }
        props.append(Property("DTSTART", local: o.localStart, timeZone: zoneName))
        props.append(endProperty(start: o.start, end: o.end, zoneName))
        appendDetails(&props, o, cls)
        return emit(&w, props, uid: uid, recurrenceID: recurrenceID?.basicFormat, minimumSequence: minimumSequence)
    }

    /// SUMMARY, DESCRIPTION, LOCATION, URL and STATUS.
    private func appendDetails(_ props: inout [Property], _ o: Occurrence, _ cls: ClassDefinition) {
        props.append(Property("SUMMARY", text: summary(o)))
        if let d = description(o, cls) { props.append(Property("DESCRIPTION", text: d)) }
        if let loc = cls.location ?? schedule.calendar.location { props.append(Property("LOCATION", text: loc)) }
        if let url = cls.url ?? schedule.calendar.url { props.append(Property("URL", raw: url)) }
        props.append(Property("STATUS", raw: o.isCancelled ? "CANCELLED" : "CONFIRMED"))
    }

    /// Writes a VEVENT with its revision properties: carried over from ``FeedOptions/history``
    /// when the content is unchanged, else SEQUENCE + 1 and DTSTAMP = LAST-MODIFIED = now.
    /// Returns the SEQUENCE written.
    private func emit(
        _ w: inout ContentLineWriter, _ props: [Property], uid: String, recurrenceID: String?, minimumSequence: Int
    ) -> Int {
        let fingerprint = RevisionHistory.fingerprint(props)
        var stamp = options.stamp
        var sequence = 0
        if let previous = options.history[RevisionHistory.key(uid: uid, recurrenceID: recurrenceID)] {
            if previous.fingerprint == fingerprint {
                stamp = previous.stamp
                sequence = previous.sequence
            } else {
                sequence = previous.sequence + 1
            }
            if sequence < minimumSequence {
                // An override must not have a lower SEQUENCE than its series (clients ignore it).
                sequence = minimumSequence
                stamp = options.stamp
            }
        } else {
            sequence = minimumSequence
        }
        w.begin("VEVENT")
        w.write(props[0])
        w.writeLine(name: "DTSTAMP", value: Property.utcString(stamp))
        for p in props.dropFirst() { w.write(p) }
        w.writeLine(name: "LAST-MODIFIED", value: Property.utcString(stamp))
        w.writeLine(name: "SEQUENCE", value: String(sequence))
        w.end("VEVENT")
        return sequence
    }

    /// DTEND in the event's zone; in UTC when that wall time would be read as a different
    /// instant (an end inside the repeated hour after the clocks go back).
    private func endProperty(start: Int64, end: Int64, _ zoneName: String) -> Property {
        guard let rules = schedule.zones[zoneName] else { return Property("DTEND", utc: end) }
        let local = rules.localDateTime(at: end)
        if rules.instant(for: local) == end { return Property("DTEND", local: local, timeZone: zoneName) }
        return Property("DTEND", utc: end)
    }

    /// The event description: a move note, the class's own text, the instructor, the booking link.
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

    // MARK: - Series style

    /// A weekly class as one VEVENT with an RRULE, its cancellations as EXDATEs (or cancelled
    /// overrides), its moves as RECURRENCE-ID overrides. One-off classes are one VEVENT per date.
    /// The series starts at the class's first real occurrence on or after the window's start
    /// and runs to its `until` (or forever).
    private func writeSeries(_ w: inout ContentLineWriter, classIndex i: Int) -> Int {
        let cls = schedule.classes[i]
        guard case .weekly(let days) = cls.pattern,
            let rules = schedule.zones[schedule.zoneName(ofClass: i)]
        else {
            return writeOneOffSeries(&w, classIndex: i)
        }
        let zoneName = rules.identifier
        let lo = max(options.from, cls.from ?? options.from)
        var first = lo
        while !days.contains(first.weekday) { first = first.adding(days: 1) }
        if let until = cls.until, first > until { return 0 }

        let exceptional = engine.exceptionalOccurrences(ofClass: i, from: first)
        var exdates: [LocalDate] = []
        var overrides: [Occurrence] = []
        var standalone: [Occurrence] = []
        for o in exceptional {
            if o.isCancelled {
                if cancellations == .show { overrides.append(o) } else { exdates.append(o.originalDate) }
            } else if o.movedFrom != nil {
                if moveKeepsOutlookRules(o, cls: cls, days: days, rules: rules, first: first) {
                    overrides.append(o)
                } else {
                    exdates.append(o.originalDate)
                    standalone.append(o)
                }
            }
        }
        let start = LocalDateTime(date: first, time: cls.start)
        let startInstant = rules.instant(for: start)
        let endInstant = startInstant + Int64(cls.durationMinutes) * 60
        var props = [Property("UID", raw: seriesUID(classIndex: i)), Property("DTSTART", local: start, timeZone: zoneName)]
        // DTEND states the exact duration only when both ends are unambiguous wall times;
        // otherwise DURATION, which RFC 5545 §3.3.6 makes exact.
        let endLocal = rules.localDateTime(at: endInstant)
        if case .unique = rules.resolve(start), rules.instant(for: endLocal) == endInstant {
            props.append(Property("DTEND", local: endLocal, timeZone: zoneName))
        } else {
            props.append(Property("DURATION", raw: "PT\(cls.durationMinutes)M"))
        }
        var rrule = "FREQ=WEEKLY;BYDAY=" + days.map(\.icalendarCode).joined(separator: ",")
        if let until = cls.until {
            // UNTIL must be UTC when DTSTART has a TZID (§3.3.10); the end of the last day is
            // inclusive of its occurrence whatever the clocks do.
            let endOfDay = rules.instant(for: LocalDateTime(date: until.adding(days: 1), time: LocalTime(secondsOfDay: 0))) - 1
            rrule += ";UNTIL=" + Property.utcString(endOfDay)
        }
        props.append(Property("RRULE", raw: rrule))
        for d in exdates {
            props.append(Property("EXDATE", local: LocalDateTime(date: d, time: cls.start), timeZone: zoneName))
        }
        let series = Occurrence(
            classIndex: i, originalDate: first, date: first, localStart: start, start: startInstant, end: endInstant,
            status: .confirmed)
        appendDetails(&props, series, cls)
        let masterSequence = emit(&w, props, uid: seriesUID(classIndex: i), recurrenceID: nil, minimumSequence: 0)
        for o in overrides {
            writeEvent(
                &w, o, uid: seriesUID(classIndex: i), recurrenceID: LocalDateTime(date: o.originalDate, time: cls.start),
                minimumSequence: masterSequence)
        }
        for o in standalone { writeEvent(&w, o, uid: uid(o), recurrenceID: nil) }
        return 1 + overrides.count + standalone.count
    }

    /// Outlook accepts a moved instance only if it stays between its neighbours and shares no
    /// day with another instance (MS-OXCICAL, PidLidAppointmentRecur).
    private func moveKeepsOutlookRules(
        _ o: Occurrence, cls: ClassDefinition, days: [Weekday], rules: ZoneRules, first: LocalDate
    ) -> Bool {
        func neighbour(_ step: Int) -> LocalDate? {
            var d = o.originalDate.adding(days: step)
            for _ in 0..<7 {
                if d < first { return nil }
                if let until = cls.until, d > until { return nil }
                if days.contains(d.weekday) { return d }
                d = d.adding(days: step)
            }
            return nil
        }
        if let p = neighbour(-1) {
            let pStart = rules.instant(for: LocalDateTime(date: p, time: cls.start))
            if o.start <= pStart || o.date == p { return false }
        }
        if let n = neighbour(1) {
            let nStart = rules.instant(for: LocalDateTime(date: n, time: cls.start))
            if o.start >= nStart || o.date == n { return false }
        }
        return true
    }

    /// A one-off class in a series feed: one VEVENT per date from the window's start on.
    private func writeOneOffSeries(_ w: inout ContentLineWriter, classIndex i: Int) -> Int {
        let last = LocalDate(dayNumber: LocalDate.dayNumber(year: LocalDate.supportedYears.upperBound, month: 12, day: 31))
        var count = 0
        for o in engine.occurrences(ofClass: i, from: options.from, to: last) {
            if o.isCancelled && cancellations == .remove { continue }
            writeEvent(&w, o, uid: uid(o), recurrenceID: nil)
            count += 1
        }
        return count
    }
}
