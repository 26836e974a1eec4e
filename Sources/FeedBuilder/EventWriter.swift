import ICalendar
import Timetable

extension FeedBuilder {
    /// The lines every ordinary event of a class shares, encoded once per class: most of an
    /// event's bytes are copied, not rebuilt.
    struct ClassLines {
        var uid: LinePrefix            // "UID:<class id>-"
        var uidSuffix: ValueText       // "@<uidDomain>"
        var dtstart: LinePrefix        // "DTSTART;TZID=<zone>:"
        var dtend: LinePrefix          // "DTEND;TZID=<zone>:"
        var details: EncodedLines      // SUMMARY, DESCRIPTION, LOCATION, URL, STATUS:CONFIRMED
        var rules: ZoneRules?
    }

    /// Per-build working state: scratch writers reused for every event and the class caches.
    struct State {
        let builder: FeedBuilder
        var out = ContentLineWriter()
        /// The DTSTAMP and LAST-MODIFIED lines of the last stamp written (nearly every event
        /// shares one of a few stamps), and the same with SEQUENCE:0 and END:VEVENT after them:
        /// how nearly every event ends, appended as one.
        var stampLines: (stamp: Int64, lines: EncodedLines, closing: EncodedLines)?

        init(builder: FeedBuilder) { self.builder = builder }

        /// DTSTAMP and LAST-MODIFIED of `stamp`, and the same closing an event of SEQUENCE 0.
        mutating func lines(forStamp stamp: Int64) -> (lines: EncodedLines, closing: EncodedLines) {
            if let c = stampLines, c.stamp == stamp { return (c.lines, c.closing) }
            let d = ContentLineWriter.encode(Property("DTSTAMP", utc: stamp))
            let m = ContentLineWriter.encode(Property("LAST-MODIFIED", utc: stamp))
            let lines = EncodedLines([d, m]), closing = EncodedLines([d, m, FeedBuilder.sequenceZero, FeedBuilder.endEvent])
            stampLines = (stamp, lines, closing)
            return (lines, closing)
        }

        var schedule: Schedule { builder.schedule }

        /// The newest revision stamp written so far.
        var newestStamp: Int64?

        /// The revisions of the class being written.
        var history = RevisionHistory()
        /// True when ``history`` is one feed file's own (not the shared ``FeedOptions/history``).
        var historyIsOwnFile = false
        /// True while writing events of the combined feed (whose revisions go to ``FeedOptions/revisionLog``).
        var inCombinedFeed = false
        /// The revision log's entries while ``FeedBuilder/write(to:classFeeds:)`` runs (nil otherwise).
        var revisionEntries: RevisionLog.Entries?

        /// What subscribers have of an event: the later revision of the class's own previous
        /// feed and the combined feed's, so that whichever feeds the previous runs wrote (class
        /// feeds are left alone by `--no-class-feeds`), SEQUENCE and DTSTAMP never go back.
        func previousRevision(_ key: UInt64) -> RevisionHistory.Revision? {
            let own = history[key]
            guard builder.options.classHistory != nil || historyIsOwnFile, let shared = builder.options.history[key] else { return own }
            guard let own else { return shared }
            return (own.sequence, own.stamp) >= (shared.sequence, shared.stamp) ? own : shared
        }

        /// All events of one class, in the builder's style.
        mutating func events(ofClass i: Int) -> EventBlock {
            out = ContentLineWriter()
            history = builder.options.classHistory?(builder.fileName(classIndex: i)) ?? builder.options.history
            historyIsOwnFile = false
            inCombinedFeed = true
            defer { inCombinedFeed = false }
            var count = 0
            switch builder.style {
            case .occurrences: count = writeOccurrences(classIndex: i, from: builder.options.from, to: builder.options.to)
            case .series: count = writeSeries(classIndex: i)
            }
            return EventBlock(bytes: out.takeBytes(), count: count)
        }

        /// The events of one class's occurrences in the window that `feed` includes, one event
        /// each, for a feed that holds some of the class's dates and not others (a cover teacher,
        /// a room change). Their revisions are the ones in the feed's own previous file (`name`).
        mutating func events(ofClass i: Int, in feed: FeedDefinition, fileName name: String) -> EventBlock {
            out = ContentLineWriter()
            if let own = builder.options.feedHistory ?? builder.options.classHistory {
                history = own(name)
                historyIsOwnFile = true
            } else {
                history = builder.options.history
                historyIsOwnFile = false
            }
            let schedule = builder.schedule
            let count = writeOccurrences(classIndex: i, from: builder.options.from, to: builder.options.to) {
                schedule.feed(feed, includes: $0)
            }
            return EventBlock(bytes: out.takeBytes(), count: count)
        }

        // MARK: Occurrences

        mutating func writeOccurrences(
            classIndex i: Int, from: LocalDate, to: LocalDate, including: ((Occurrence) -> Bool)? = nil
        ) -> Int {
            let lines = classLines(i)
            // A link filled in with each date or time differs from event to event.
            let linkVaries = builder.bookingLinkVaries(classIndex: i)
            var count = 0
            for o in builder.engine.occurrences(ofClass: i, from: from, to: to) {
                if o.isCancelled && builder.cancellations == .remove { continue }
                if let including, !including(o) { continue }
                if o.isCancelled || o.movedFrom != nil || o.startWasAmbiguous || o.change != nil || linkVaries {
                    writeEvent(o, uid: builder.uid(o), recurrenceID: nil)
                } else {
                    writeOrdinary(o, lines)
                }
                count += 1
            }
            return count
        }

        func classLines(_ i: Int) -> ClassLines {
            let cls = schedule.classes[i]
            let zone = schedule.zoneName(ofClass: i)
            var details: [Property] = []
            let ordinary = Occurrence(
                classIndex: i, originalDate: LocalDate(dayNumber: 0), date: LocalDate(dayNumber: 0),
                localStart: LocalDateTime(localSeconds: 0), start: 0, end: 0, status: .confirmed)
            builder.appendDetails(&details, ordinary, cls)
            return ClassLines(
                uid: LinePrefix(name: "UID", valueStart: cls.id + "-"), uidSuffix: ValueText("@" + schedule.calendar.uidDomain),
                dtstart: LinePrefix(name: "DTSTART", parameters: [Parameter("TZID", zone)]),
                dtend: LinePrefix(name: "DTEND", parameters: [Parameter("TZID", zone)]),
                details: EncodedLines(details.map { ContentLineWriter.encode($0) }), rules: schedule.zones[zone])
        }

        /// The fast path: an occurrence neither moved nor cancelled.
        mutating func writeOrdinary(_ o: Occurrence, _ lines: ClassLines) {
            var fp = Fingerprint()
            var key = RevisionHistory.Key()
            out.append(FeedBuilder.beginEvent)
            fp.add(out.writeLine(lines.uid, o.originalDate, lines.uidSuffix) { key.add($0) })
            fp.add(out.writeLine(lines.dtstart, o.localStart))
            let endLocal = lines.rules?.localDateTime(at: o.end)
            if let rules = lines.rules, let endLocal, FeedBuilder.isPlain(endLocal, rules) {
                fp.add(out.writeLine(lines.dtend, endLocal))
            } else {
                fp.add(out.write(Property("DTEND", utc: o.end)))
            }
            out.append(lines.details, to: &fp)
            _ = finish(key: key.value, fingerprint: fp.value, minimumSequence: 0)
        }

        /// Any event, from its properties (moved and cancelled occurrences, overrides, masters).
        /// Returns its SEQUENCE.
        @discardableResult
        mutating func writeEvent(_ o: Occurrence, uid: String, recurrenceID: LocalDateTime?, minimumSequence: Int = 0) -> Int {
            let cls = schedule.classes[o.classIndex]
            let zoneName = schedule.zoneName(ofClass: o.classIndex)
            // Written line by line: the same bytes as `write(_:)` of the equivalent properties,
            // without a Property and its Strings per line.
            var fp = Fingerprint()
            out.append(FeedBuilder.beginEvent)
            fp.add(out.writeLine(name: "UID", value: uid))
            if let recurrenceID {
                fp.add(out.writeLine(prefixes(zoneName).recurrenceID, recurrenceID))
            }
            for p in builder.timeProperties(start: o.start, end: o.end, zoneName) { fp.add(out.write(p)) }
            writeDetails(o, cls, &fp)
            let key = RevisionHistory.key(uid: uid, recurrenceID: recurrenceID?.basicFormat)
            return finish(key: key, fingerprint: fp.value, minimumSequence: minimumSequence)
        }

        /// The details lines (``FeedBuilder/forEachDetail(_:_:_:)``) written straight into the output.
        mutating func writeDetails(_ o: Occurrence, _ cls: ClassDefinition, _ fp: inout Fingerprint, master: Bool = false) {
            builder.forEachDetail(o, cls, master: master) { name, value in
                switch value {
                case .text(let t): fp.add(out.writeText(name: name, text: t))
                case .taggedText(let t):
                    if let prefix = builder.taggedPrefixes[name] {
                        fp.add(out.writeText(prefix, text: t))
                    } else {
                        fp.add(out.writeText(name: name, text: t))
                    }
                case .raw(let r): fp.add(out.writeLine(name: name, value: r))
                }
            }
        }

        /// `NAME;TZID=zone:` line starts, per zone: a network's classes share a few zones.
        struct ZonedPrefixes {
            var dtstart, dtend, exdate, recurrenceID: LinePrefix
        }
        var zonedPrefixes: [String: ZonedPrefixes] = [:]

        mutating func prefixes(_ zone: String) -> ZonedPrefixes {
            if let p = zonedPrefixes[zone] { return p }
            let tzid = [Parameter("TZID", zone)]
            let p = ZonedPrefixes(
                dtstart: LinePrefix(name: "DTSTART", parameters: tzid), dtend: LinePrefix(name: "DTEND", parameters: tzid),
                exdate: LinePrefix(name: "EXDATE", parameters: tzid),
                recurrenceID: LinePrefix(name: "RECURRENCE-ID", parameters: tzid))
            zonedPrefixes[zone] = p
            return p
        }

        /// Ends the event being written with its revision properties: carried over from the
        /// history when the content is unchanged, else SEQUENCE + 1 and DTSTAMP = LAST-MODIFIED
        /// = now. They come last so the content can be written (and fingerprinted) in one pass.
        /// Returns the SEQUENCE written.
        mutating func finish(key: UInt64, fingerprint: UInt64, minimumSequence: Int) -> Int {
            var stamp = builder.options.stamp
            var sequence = minimumSequence
            if let previous = previousRevision(key) {
                if previous.fingerprint == fingerprint {
                    stamp = previous.stamp
                    sequence = previous.sequence
                } else {
                    // Never backwards, even when the clock (or --now) is behind the previous run's.
                    // Saturating: the history only holds values the scanner checked (0 to Int32.max).
                    sequence = min(previous.sequence, RevisionScanner.maxSequence - 1) + 1
                    stamp = max(stamp, previous.stamp)
                }
                if sequence < minimumSequence {
                    // An override must not have a lower SEQUENCE than its series (clients ignore it).
                    sequence = minimumSequence
                    stamp = max(stamp, builder.options.stamp)
                }
            }
            newestStamp = max(newestStamp ?? stamp, stamp)
            if inCombinedFeed && revisionEntries != nil {
                revisionEntries!.append(key: key, fingerprint: fingerprint, stamp: stamp, sequence: sequence)
            }
            let stampLines = lines(forStamp: stamp)
            if sequence == 0 {
                out.append(stampLines.closing)
            } else {
                out.append(stampLines.lines)
                out.writeLine(name: "SEQUENCE", value: String(sequence))
                out.append(FeedBuilder.endEvent)
            }
            return sequence
        }

        // MARK: Series

        /// A weekly class as one VEVENT with an RRULE, its cancellations as EXDATEs (or cancelled
        /// overrides), its moves as RECURRENCE-ID overrides. One-off classes are one VEVENT per
        /// date. The series starts at the class's first real occurrence on or after the window's
        /// start whose times every client reads right as the series' length (see
        /// ``FeedBuilder/masterTimesAreExact(_:length:_:)``); an earlier one, crossing a clock
        /// change, is an event of its own. It runs to the class's `until` (or forever).
        mutating func writeSeries(classIndex i: Int) -> Int {
            let cls = schedule.classes[i]
            guard let rule = FeedBuilder.recurrenceRule(cls.pattern), let rules = schedule.zones[schedule.zoneName(ofClass: i)] else {
                return writeOccurrences(classIndex: i, from: builder.options.from, to: LocalDate.distantFuture)
            }
            let zoneName = rules.identifier
            let lo = max(builder.options.from, cls.from ?? builder.options.from)
            guard var first = FeedBuilder.nextDate(of: cls, onOrAfter: lo) else { return 0 }
            if let until = cls.until, first > until { return 0 }

            var standalone: [Occurrence] = []
            // Every instance of a series lasts as long as its master, and clients measure the
            // master in wall time (recurring-ical-events, Home Assistant's `ical`, Thunderbird:
            // DTEND - DTSTART; libical: DTSTART + DURATION, in a gap read with the later offset)
            // or read an end in a repeated hour with the later offset (libical, khal). So the
            // master starts at the first instance whose times are read right whatever a client
            // does; the ones before it (a 23:30 class in America/Santiago on the night the clocks
            // go forward at midnight) are events of their own, which every client reads right.
            let length = Int64(cls.durationMinutes) * 60
            var lead: [LocalDate] = []
            var seriesFirst = first
            // Whether the master's times (at `seriesFirst`) are exact, once known: the check
            // below is the one that ended this loop.
            var masterIsExact: Bool?
            while lead.count < ScheduleLimits.seriesLeadEvents {
                if FeedBuilder.masterTimesAreExact(LocalDateTime(date: seriesFirst, time: cls.start), length: length, rules) {
                    masterIsExact = true
                    break
                }
                lead.append(seriesFirst)
                guard let next = FeedBuilder.nextDate(of: cls, onOrAfter: seriesFirst.adding(days: 1)) else { break }
                seriesFirst = next
                if let until = cls.until, seriesFirst > until { break }
            }
            if lead.count == ScheduleLimits.seriesLeadEvents {
                // No clock changes every week: a zone this odd gets a DURATION master below.
                lead = []
                seriesFirst = first
                masterIsExact = nil
            }
            for d in lead {
                guard let o = builder.engine.occurrence(ofClass: i, originalDate: d) else { continue }
                // A moved one is among the moves from before the series' start, just below.
                if o.movedFrom != nil || (o.isCancelled && builder.cancellations == .remove) { continue }
                standalone.append(o)
            }
            first = seriesFirst
            if let until = cls.until, first > until {
                standalone += builder.engine.movedOccurrences(ofClass: i, originalBefore: first, targetFrom: builder.options.from)
                for o in standalone { writeEvent(o, uid: builder.uid(o), recurrenceID: nil) }
                return standalone.count
            }

            var exdates: [LocalDate] = []
            var overrides: [Occurrence] = []
            // A class moved from before the series' start into the feed's window has no instance
            // to override: it is a one-off event of its own.
            standalone += builder.engine.movedOccurrences(ofClass: i, originalBefore: first, targetFrom: builder.options.from)
            let exceptional = builder.engine.exceptionalDates(ofClass: i, from: first)
            exdates.reserveCapacity(exceptional.count)
            let hasChanges = builder.engine.hasChanges(classIndex: i)
            for date in exceptional {
                // A date no move or change names is cancelled: with the remove policy its EXDATE
                // is all there is to write, and making the occurrence (zone lookups, its reason)
                // is skipped.
                if builder.cancellations == .remove && builder.engine.move(classIndex: i, on: date) == nil
                    && !(hasChanges && builder.engine.isChanged(classIndex: i, on: date))
                {
                    exdates.append(date)
                    continue
                }
                guard let o = builder.engine.occurrence(ofClass: i, originalDate: date) else { continue }
                if o.isCancelled {
                    if builder.cancellations == .show { overrides.append(o) } else { exdates.append(o.originalDate) }
                } else if o.movedFrom != nil {
                    if builder.moveKeepsOutlookRules(o, cls: cls, rules: rules, first: first) {
                        overrides.append(o)
                    } else {
                        exdates.append(o.originalDate)
                        standalone.append(o)
                    }
                } else if o.change != nil {
                    // Same day and time, another teacher, room, title, note or length.
                    overrides.append(o)
                }
            }
            let start = LocalDateTime(date: first, time: cls.start)
            let startInstant = rules.instant(for: start)
            let endInstant = startInstant + Int64(cls.durationMinutes) * 60
            let uid = builder.seriesUID(classIndex: i)
            // The master is written line by line rather than through [Property]: with thousands
            // of EXDATEs per feed, building a Property (and its String value) per line dominated
            // the build. The bytes are the same as `write(_:)` of the equivalent properties.
            var fp = Fingerprint()
            out.append(FeedBuilder.beginEvent)
            fp.add(out.writeLine(name: "UID", value: uid))
            let zoned = prefixes(zoneName)
            fp.add(out.writeLine(zoned.dtstart, start))
            // DTEND when the master's times are exact (nearly always, see above); otherwise
            // DURATION, which RFC 5545 §3.3.6 makes exact for hours and minutes.
            let endLocal = rules.localDateTime(at: endInstant)
            if masterIsExact ?? FeedBuilder.masterTimesAreExact(start, length: endInstant - startInstant, rules) {
                fp.add(out.writeLine(zoned.dtend, endLocal))
            } else {
                fp.add(out.writeLine(name: "DURATION", value: "PT\(cls.durationMinutes)M"))
            }
            var rrule = rule
            if let until = cls.until {
                // UNTIL must be UTC when DTSTART has a TZID (§3.3.10); the end of the last day is
                // inclusive of its occurrence whatever the clocks do.
                let endOfDay = rules.instant(for: LocalDateTime(date: until.adding(days: 1), time: LocalTime(secondsOfDay: 0))) - 1
                rrule += ";UNTIL=" + Property.utcString(endOfDay)
            }
            fp.add(out.writeLine(name: "RRULE", value: rrule))
            for d in exdates {
                fp.add(out.writeLine(zoned.exdate, LocalDateTime(date: d, time: cls.start)))
            }
            let series = Occurrence(
                classIndex: i, originalDate: first, date: first, localStart: start, start: startInstant, end: endInstant,
                status: .confirmed)
            writeDetails(series, cls, &fp, master: true)
            let masterSequence = finish(
                key: RevisionHistory.key(uid: uid, recurrenceID: nil), fingerprint: fp.value, minimumSequence: 0)
            for o in overrides {
                writeEvent(o, uid: uid, recurrenceID: LocalDateTime(date: o.originalDate, time: cls.start), minimumSequence: masterSequence)
            }
            for o in standalone { writeEvent(o, uid: builder.uid(o), recurrenceID: nil) }
            return 1 + overrides.count + standalone.count
        }
    }

    static let beginEvent = ContentLineWriter.encode(Property("BEGIN", raw: "VEVENT"))
    static let endEvent = ContentLineWriter.encode(Property("END", raw: "VEVENT"))
    static let sequenceZero = ContentLineWriter.encode(Property("SEQUENCE", raw: "0"))

    /// SUMMARY, DESCRIPTION, LOCATION, URL, CATEGORIES and STATUS.
    func appendDetails(_ props: inout [Property], _ o: Occurrence, _ cls: ClassDefinition) {
        forEachDetail(o, cls) { name, value in
            switch value {
            case .text(let t): props.append(Property(name, text: t))
            case .taggedText(let t): props.append(Property(name, text: t, parameters: Self.languageParameters(schedule.calendar.language)))
            case .raw(let r): props.append(Property(name, raw: r))
            }
        }
    }

    enum DetailValue {
        case text(String)  // escaped as TEXT when written
        case taggedText(String)  // the same, with the LANGUAGE parameter when not English
        case raw(String)   // written verbatim
    }

    /// The one definition of an event's details, in order, for both the Property form and the
    /// direct writer: what the occurrence's exceptions change (instructor, location, title,
    /// note) applied, its booking link filled in, its class's tags as CATEGORIES (RFC 5545
    /// §3.8.1.2). `master`: the event stands for every date of a series.
    func forEachDetail(_ o: Occurrence, _ cls: ClassDefinition, master: Bool = false, _ body: (String, DetailValue) -> Void) {
        let url = bookingLink(o, cls, master: master)
        body("SUMMARY", .taggedText(summary(o)))
        if let d = description(o, cls, url: url) { body("DESCRIPTION", .taggedText(d)) }
        if let loc = schedule.location(of: o) ?? schedule.calendar.location { body("LOCATION", .text(loc)) }
        if let url { body("URL", .raw(url)) }
        // Tags are made like ids (lowercase letters, digits, '-'): nothing in them needs escaping.
        if !cls.tags.isEmpty { body("CATEGORIES", .raw(cls.tags.joined(separator: ","))) }
        body("STATUS", .raw(o.isCancelled ? "CANCELLED" : "CONFIRMED"))
    }

    /// The booking link of an event: the template filled in for its date (for a series'
    /// master, with `{class}` only; see ``BookingURLTemplate/seriesLink(classID:)``), else the
    /// class's or the calendar's plain `url`.
    func bookingLink(_ o: Occurrence, _ cls: ClassDefinition, master: Bool) -> String? {
        if master, let t = cls.bookingURL ?? schedule.calendar.bookingURL {
            return t.seriesLink(classID: cls.id) ?? cls.url ?? schedule.calendar.url
        }
        return schedule.bookingURL(of: o)
    }

    /// True when a class's booking link differs from date to date (`{date}` or `{time}`).
    func bookingLinkVaries(classIndex i: Int) -> Bool {
        guard let t = schedule.classes[i].bookingURL ?? schedule.calendar.bookingURL else { return false }
        return t.template.contains("{date}") || t.template.contains("{time}")
    }

    /// The RRULE of a class that repeats (nil for one-off dates): weekly, every N weeks
    /// (WKST=MO: weeks are counted Monday to Sunday, as the engine counts them), or on the nth
    /// weekdays of each month.
    static func recurrenceRule(_ pattern: ClassPattern) -> String? {
        switch pattern {
        case .weekly(let days):
            return "FREQ=WEEKLY;BYDAY=" + days.map(\.icalendarCode).joined(separator: ",")
        case .everyNWeeks(let days, let interval, _):
            return "FREQ=WEEKLY;INTERVAL=\(interval);BYDAY=" + days.map(\.icalendarCode).joined(separator: ",") + ";WKST=MO"
        case .monthly(let days):
            return "FREQ=MONTHLY;BYDAY=" + days.map(\.icalendarCode).joined(separator: ",")
        case .dates:
            return nil
        }
    }

    /// The first date on or after `date` the class is scheduled on (before exceptions and
    /// `until`), looking at most a year and a week ahead (every pattern repeats within that).
    static func nextDate(of cls: ClassDefinition, onOrAfter date: LocalDate) -> LocalDate? {
        if case .weekly(let days) = cls.pattern {
            var d = date
            while !days.contains(d.weekday) { d = d.adding(days: 1) }
            return d
        }
        var found: LocalDate?
        cls.forEachScheduledDate(in: date...date.adding(days: 7 * ScheduleLimits.everyWeeks + 7)) { d in
            if found == nil || d < found! { found = d }
        }
        return found
    }

    /// Whether a series master starting at `start` can state its length with DTEND so that every
    /// client reads it right: the start and the end each happen once (libical and khal read a
    /// repeated or skipped wall time with the later offset), and the end's wall time minus the
    /// start's is the exact length (recurring-ical-events, Home Assistant's `ical`, Thunderbird
    /// and libical measure a master in wall time and give every instance that length).
    static func masterTimesAreExact(_ start: LocalDateTime, length: Int64, _ rules: ZoneRules) -> Bool {
        guard isPlain(start, rules) else { return false }
        let endLocal = rules.localDateTime(at: rules.instant(for: start) + length)
        return isPlain(endLocal, rules) && endLocal.localSeconds - start.localSeconds == length
    }

    /// Outlook accepts a moved instance only if it stays between its neighbours and shares no
    /// day with another instance (MS-OXCICAL, PidLidAppointmentRecur).
    func moveKeepsOutlookRules(_ o: Occurrence, cls: ClassDefinition, rules: ZoneRules, first: LocalDate) -> Bool {
        // The instances next to it: within a week for a weekly class, further for the others.
        let reach: Int
        switch cls.pattern {
        case .everyNWeeks(_, let interval, _): reach = 7 * interval
        case .monthly: reach = 62
        case .weekly, .dates: reach = 7
        }
        func neighbour(_ step: Int) -> LocalDate? {
            var d = o.originalDate.adding(days: step)
            for _ in 0..<reach {
                if d < first { return nil }
                if let until = cls.until, d > until { return nil }
                if cls.runs(on: d) { return d }
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
}
