import ICalendar
import Timetable

/// Turns a schedule's occurrences into iCalendar feeds: the combined feed and one per class,
/// in either style (see ``FeedStyle``).
package struct FeedBuilder: Sendable {
    package let schedule: Schedule
    package let engine: RecurrenceEngine
    package let options: FeedOptions
    /// Every word members read, in the schedule's language.
    package let wording: Wording
    /// The starts of the text lines written in the schedule's language, with their LANGUAGE
    /// parameter (RFC 5545 §3.2.10); empty for English, whose feeds carry none (see
    /// ``languageParameters``).
    let taggedPrefixes: [String: LinePrefix]

    package static let productID = "-//ClassFeed//ClassFeed 1.0//EN"
    /// How often subscribers are asked to refresh (RFC 7986 §5.7; a hint most clients honour,
    /// Google ignores).
    package static let refreshInterval = "PT1H"

    /// Each zone's VTIMEZONE, encoded once: every class feed of a zone repeats it. It covers the
    /// window widened by a day either side; a series runs on past the window, so the VTIMEZONE's
    /// yearly rules are left open-ended.
    private let timeZoneBlocks: [String: EncodedComponent]

    package init(schedule: Schedule, options: FeedOptions) {
        self.schedule = schedule
        self.engine = RecurrenceEngine(schedule: schedule)
        self.options = options
        self.wording = Wording(schedule)
        let tagged = Self.languageParameters(schedule.calendar.language)
        taggedPrefixes = tagged.isEmpty ? [:] : Dictionary(
            uniqueKeysWithValues: ["SUMMARY", "DESCRIPTION", "NAME"].map { ($0, LinePrefix(name: $0, parameters: tagged)) })
        let lo = Int64(options.from.dayNumber - 1) * 86400
        let hi = Int64(options.to.dayNumber + 2) * 86400
        timeZoneBlocks = schedule.zones.mapValues { ContentLineWriter.encode(TimeZoneComponent.make($0, covering: lo...hi)) }
    }

    package var style: FeedStyle { options.style ?? schedule.calendar.style }

    /// The LANGUAGE parameter (RFC 5545 §3.2.10: "the language for text values in a property
    /// or property parameter") of the lines ClassFeed words in the schedule's language: each
    /// event's SUMMARY and DESCRIPTION, and the calendar's NAME (RFC 7986 §5.1) and
    /// DESCRIPTION. LOCATION (an address or a room's name), URL and the X-WR- names go without
    /// one. English, the default, carries none: a feed that was English before languages
    /// existed keeps its bytes, so no subscriber sees every event revised.
    static func languageParameters(_ language: Language) -> [Parameter] {
        language == .english ? [] : [Parameter("LANGUAGE", language.tag)]
    }
    package var cancellations: CancellationPolicy { schedule.calendar.cancellations }

    /// The combined feed followed by one feed per class, in memory (tests, small schedules).
    package func allFeeds() -> [FeedFile] {
        let sink = MemorySink()
        write(to: sink, classFeeds: true)
        return sink.files
    }

    /// The file name of the combined feed (`nil`) or of one class's feed.
    package func fileName(classIndex: Int?) -> String {
        guard let i = classIndex else { return schedule.calendar.id + ".ics" }
        // As bytes: a network's build names each of its 2,000 class feeds several times, and
        // joining four strings cost 1.8 K instructions.
        let calendar = schedule.calendar.id.utf8, id = schedule.classes[i].id.utf8
        var bytes: [UInt8] = []
        bytes.reserveCapacity(calendar.count + id.count + 5)
        bytes += calendar
        bytes.append(UInt8(ascii: "-"))
        bytes += id
        bytes += ".ics".utf8
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The feed of one class, named `<calendar id>-<class id>.ics`.
    package func feed(classIndex i: Int) -> FeedFile {
        let sink = MemorySink()
        var state = State(builder: self)
        let block = state.events(ofClass: i)
        writeFile(to: sink, name: fileName(classIndex: i), classes: [i], single: i, blocks: [block])
        return sink.files[0]
    }

    /// The combined feed of the given classes, named `<calendar id>.ics`.
    package func feed(classes indices: [Int]) -> FeedFile {
        let sink = MemorySink()
        var state = State(builder: self)
        let blocks = indices.map { state.events(ofClass: $0) }
        writeFile(to: sink, name: fileName(classIndex: nil), classes: indices, single: nil, blocks: blocks)
        return sink.files[0]
    }

    /// Streams every feed into `sink`: the combined feed and the schedule's `feeds` are written
    /// class by class while each class's own feed is written whole from the same event bytes,
    /// so memory stays at one class's events however large the schedule and however many feeds.
    /// Returns the newest revision stamp (LAST-MODIFIED) among the events, if any.
    @discardableResult
    package func write(to sink: FeedSink, classFeeds: Bool) -> Int64? {
        var state = State(builder: self)
        // Taken out of the log while the build appends to it, so that nothing else holds it.
        if let log = options.revisionLog {
            state.revisionEntries = log.entries
            log.entries = RevisionLog.Entries()
        }
        defer { if let e = state.revisionEntries { options.revisionLog?.entries = e } }
        let all = Array(schedule.classes.indices)
        let combined = fileName(classIndex: nil)
        var header = ContentLineWriter()
        writeHeader(&header, singleClass: nil, zones: zones(for: all))
        sink.begin(combined)
        sink.append(header.bytes, to: combined)
        var extras = beginExtraFeeds(sink)
        var total = 0
        for i in all {
            let first = state.revisionEntries?.count
            let block = state.events(ofClass: i)
            sink.append(block.bytes, to: combined)
            total += block.count
            if classFeeds {
                let name = fileName(classIndex: i)
                writeFile(to: sink, name: name, classes: [i], single: i, blocks: [block])
                if let first, let end = state.revisionEntries?.count {
                    state.revisionEntries?.files.append(RevisionLog.FileRange(name: name, events: first..<end))
                }
            }
            if !extras.feeds.isEmpty { appendToExtraFeeds(&extras, classIndex: i, block, &state, sink) }
        }
        sink.append(Self.endCalendar, to: combined)
        sink.finish(combined, events: total)
        finishExtraFeeds(extras, sink)
        return state.newestStamp
    }

    static let endCalendar = Array("END:VCALENDAR\r\n".utf8)

    private func writeFile(to sink: FeedSink, name: String, classes: [Int], single: Int?, blocks: [EventBlock]) {
        var header = ContentLineWriter()
        writeHeader(&header, singleClass: single, zones: zones(for: classes))
        sink.begin(name)
        sink.append(header.bytes, to: name)
        for b in blocks { sink.append(b.bytes, to: name) }
        sink.append(Self.endCalendar, to: name)
        sink.finish(name, events: blocks.reduce(0) { $0 + $1.count })
    }

    /// The class id a file name `<calendar id>-<class id>.ics` names, when it is one of this
    /// calendar's class feeds (of a current class or not), else nil.
    package func classID(ofFeedFile file: String) -> String? {
        let prefix = schedule.calendar.id + "-"
        guard file.hasPrefix(prefix), file.hasSuffix(".ics") else { return nil }
        let id = String(file.dropFirst(prefix.count).dropLast(4))
        guard ScheduleDecoder.isValidID(id) else { return nil }
        return id
    }

    /// The feed that replaces the feed of a class no longer in the schedule: a valid calendar
    /// with no events, so subscribed calendars empty themselves, named as it was with " (this class
    /// has ended)" (its header is read by the one iCalendar reader; when it cannot be read, by
    /// the class id). Returns nil when `previous` is not a class feed of this calendar (another
    /// calendar writing into the same folder under a similar name): that file is left alone.
    package func retiredClassFeed(classID: String, previous: [UInt8]) -> [UInt8]? {
        // The header ends where the first component starts; read only that much.
        let header = Self.calendarHeader(previous)
        guard let calendar = (try? ICalendarReader().parse(header))?.first, calendar.name == "VCALENDAR",
            calendar.property("PRODID")?.value == Self.productID
        else { return nil }
        var name = calendar.property("NAME")?.textValue ?? ""
        // Named by this calendar in its language, or in English (a feed written before the
        // studio chose a language).
        let prefixes = [wording, Wording(language: .english)].map { Self.namePrefix($0[.feedName], calendar: schedule.calendar.name) }
        guard prefixes.contains(where: { !$0.isEmpty && name.hasPrefix($0) }) else { return nil }
        let ended = calendar.property(Self.extraFeedProperty) == nil ? PhraseKey.classEnded : .calendarEnded
        // Not twice: a feed retired by an earlier build keeps its name.
        let phrase = wording[ended]
        let suffix = phrase.hasPrefix("{name}") ? String(phrase.dropFirst("{name}".count)) : nil
        if !(suffix.map { name.hasSuffix($0) } ?? false) { name = wording(ended, ("name", name)) }
        var w = ContentLineWriter()
        writeHeader(&w, singleClass: nil, zones: [], name: name)
        w.end("VCALENDAR")
        return w.takeBytes()
    }

    /// What a feed name starts with before its `{feed}`: "CIRCL: " for "{calendar}: {feed}";
    /// empty when the phrase does not put the feed last.
    static func namePrefix(_ phrase: String, calendar: String) -> String {
        guard phrase.hasSuffix("{feed}") else { return "" }
        return Wording.fill(String(phrase.dropLast("{feed}".count)), [("calendar", calendar)])
    }
    /// The header line that marks one of the schedule's `feeds`: `X-CLASSFEED-FEED:<feed id>`.
    static let extraFeedProperty = "X-CLASSFEED-FEED"

    /// The calendar's own lines of a feed: everything before its first BEGIN of a component,
    /// closed with END:VCALENDAR.
    static func calendarHeader(_ bytes: [UInt8]) -> [UInt8] {
        let marker = Array("\r\nBEGIN:".utf8)
        var end = bytes.count
        if bytes.count > marker.count + 1 {
            var i = 1
            while i + marker.count <= bytes.count {
                if bytes[i] == 0x0D, bytes[i..<(i + marker.count)].elementsEqual(marker) {
                    end = i + 2
                    break
                }
                i += 1
            }
        }
        if end == bytes.count, bytes.suffix(endCalendar.count).elementsEqual(endCalendar) { return bytes }
        return Array(bytes[..<end]) + endCalendar
    }

    /// The zones a set of classes uses, the calendar's first, sorted by name.
    func zones(for indices: [Int]) -> [ZoneRules] {
        // A short list, not a Set: a schedule has a few zones, and every class feed asks (a
        // Set of hashed names for each of a network's 2,000 class feeds showed in the build).
        var names = [schedule.calendar.timeZone]
        for i in indices {
            let zone = schedule.zoneName(ofClass: i)
            if !names.contains(zone) { names.append(zone) }
        }
        return names.sorted().compactMap { schedule.zones[$0] }
    }

    func writeHeader(
        _ w: inout ContentLineWriter, singleClass: Int?, zones: [ZoneRules], name fixedName: String? = nil, extraFeed: Int? = nil
    ) {
        let cal = schedule.calendar
        var name = fixedName ?? cal.name
        if let i = singleClass { name = wording(.feedName, ("calendar", cal.name), ("feed", wording.className(schedule.classes[i]))) }
        if let k = extraFeed { name = wording(.feedName, ("calendar", cal.name), ("feed", schedule.feeds[k].name)) }
        for line in Self.headerStart { w.append(line) }
        writeText(&w, "NAME", name)
        w.writeText(name: "X-WR-CALNAME", text: name)
        // Marks one of the schedule's feeds, so that a feed removed from the schedule is named
        // as a calendar that has ended, not as a class.
        if let k = extraFeed { w.writeLine(name: Self.extraFeedProperty, value: schedule.feeds[k].id) }
        if let d = cal.description {
            writeText(&w, "DESCRIPTION", d)
            w.writeText(name: "X-WR-CALDESC", text: d)
        }
        w.writeLine(name: "X-WR-TIMEZONE", value: cal.timeZone)
        if let url = cal.url { w.writeLine(name: "URL", value: url) }
        for line in Self.refreshLines { w.append(line) }
        for z in zones {
            if let block = timeZoneBlocks[z.identifier] { w.append(block) }
        }
    }

    /// A text line, with the LANGUAGE parameter when the schedule's language is not English.
    func writeText(_ w: inout ContentLineWriter, _ name: String, _ text: String) {
        if let prefix = taggedPrefixes[name] { w.writeText(prefix, text: text) } else { w.writeText(name: name, text: text) }
    }

    /// The lines that open every feed, and the refresh hints after its names and zone: encoded
    /// once, not for each of a network's 2,000 class feeds.
    private static let headerStart = [
        Property("BEGIN", raw: "VCALENDAR"), Property("VERSION", raw: "2.0"), Property("PRODID", raw: productID),
        Property("CALSCALE", raw: "GREGORIAN"),
    ].map { ContentLineWriter.encode($0) }
    private static let refreshLines = [
        Property("REFRESH-INTERVAL", raw: refreshInterval, parameters: [Parameter("VALUE", "DURATION")]),
        Property("X-PUBLISHED-TTL", raw: refreshInterval),
    ].map { ContentLineWriter.encode($0) }

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
        let title = schedule.title(of: o)
        guard case .cancelled(let reason) = o.status else { return title }
        return wording(.cancelledSummary, ("title", title)) + (reason.map { " (\($0))" } ?? "")
    }

    /// DTSTART and DTEND of a single event: wall times in the event's zone, except that a time
    /// in the repeated hour after the clocks go back is written in UTC. RFC 5545 §3.3.5 says a
    /// repeated local time means its first occurrence, but libical and khal read the later one
    /// and an end in the second pass cannot be written locally at all; a UTC time means the
    /// same instant to every reader. When the start is in UTC, so is the end.
    package func timeProperties(start: Int64, end: Int64, _ zoneName: String) -> [Property] {
        guard let rules = schedule.zones[zoneName] else { return [Property("DTSTART", utc: start), Property("DTEND", utc: end)] }
        let startLocal = rules.localDateTime(at: start)
        let endLocal = rules.localDateTime(at: end)
        let startIsPlain = Self.isPlain(startLocal, rules)
        let endIsPlain = startIsPlain && Self.isPlain(endLocal, rules)
        return [
            startIsPlain ? Property("DTSTART", local: startLocal, timeZone: zoneName) : Property("DTSTART", utc: start),
            endIsPlain ? Property("DTEND", local: endLocal, timeZone: zoneName) : Property("DTEND", utc: end),
        ]
    }

    /// True when a wall time happens exactly once in the zone.
    static func isPlain(_ local: LocalDateTime, _ rules: ZoneRules) -> Bool {
        if case .unique = rules.resolve(local) { return true }
        return false
    }

    /// The event description: a move note, a change note, the class's own text, the instructor,
    /// the booking link.
    func description(_ o: Occurrence, _ cls: ClassDefinition, url: String?) -> String? {
        // Appended into one string sized up front (paragraphs separated by a blank line), not
        // joined from an array of interpolated parts: it is built for every event written.
        let bookingLabel = wording.bookingLabel
        var text = ""
        text.reserveCapacity(
            (cls.description?.utf8.count ?? 0) + (cls.instructor?.utf8.count ?? 0) + (url?.utf8.count ?? 0)
                + bookingLabel.utf8.count + 64)
        func newParagraph() { if !text.isEmpty { text += "\n\n" } }
        if let from = o.movedFrom {
            wording.append(.movedFrom, to: &text, ("date", wording.date(from.date)), ("time", wording.time(from.time)))
            if let r = o.moveReason { text += " (" + r + ")" }
            text += "."
        }
        if let change = o.change {
            // "Changed: covered by Sam, in Studio 2, note: bring a strap (Priya is away)."
            newParagraph()
            wording.append(.changed, to: &text, ("changes", wording.changeWords(change, cls)))
            if let r = o.changeReason, r != o.moveReason { text += " (" + r + ")" }
            text += "."
        }
        if let d = cls.description {
            newParagraph()
            text += d
        }
        if let i = schedule.instructor(of: o) {
            newParagraph()
            wording.instructorLine.append(to: &text, "instructor", i)
        }
        if let url {
            newParagraph()
            wording.bookingLine.append(to: &text, "label", bookingLabel, "url", url)
        }
        return text.isEmpty ? nil : text
    }
}
