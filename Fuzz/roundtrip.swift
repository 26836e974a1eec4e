// libFuzzer target: a schedule made from the fuzz bytes -> FeedBuilder (feeds in memory) ->
// ICalendarReader: every feed reads back with exactly one VEVENT per occurrence, the right
// UIDs, times and text, and nothing else (no injected property or component).
//
// Two ways in, chosen by the first byte:
// - JSON: the bytes pick a schedule, written as schedule.json text (titles, reasons,
//   descriptions, locations, instructors and URLs full of `;` `,` `\` `:` quotes, line breaks,
//   right-to-left text, emoji and long words) and read by ScheduleDecoder, which must accept it.
// - Direct: the same shape built as a `Schedule` value with any text at all (NUL, CR, other
//   control characters), as a holiday calendar or a future caller could hand to FeedBuilder;
//   what the wire cannot carry must be neutralized, never written.
// Run with .ci/fuzz.sh; see docs/HARDENING.md.
import CivilTime
import FeedBuilder
import ICalendar
import JSON
import Timetable

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRoundTrip(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(Array(UnsafeBufferPointer(start: data, count: size)))
    let direct = input.byte() & 1 == 1
    guard var schedule = RandomSchedule.make(&input, direct: direct) else { return 0 }
    if ScheduleValidator.validate(schedule).contains(where: { $0.severity == .error }) { return 0 }
    schedule.holidayClosures = (0..<input.int(3)).map { _ in
        let from = RandomSchedule.windowStart.adding(days: input.int(60))
        return ScheduleException(holiday: input.text(direct: direct), from: from, to: from.adding(days: input.int(4)),
                                 file: "h.ics", line: 1)
    }
    let options = FeedOptions(
        from: RandomSchedule.windowStart, to: RandomSchedule.windowStart.adding(days: 14 + input.int(60)), stamp: 1_790_000_000)
    let builder = FeedBuilder(schedule: schedule, options: options)
    let feeds = builder.allFeeds()
    guard feeds.count == schedule.classes.count + 1 else { fatalError("expected \(schedule.classes.count + 1) feeds, got \(feeds.count)") }
    for (n, feed) in feeds.enumerated() {
        let classes = n == 0 ? Array(schedule.classes.indices) : [n - 1]
        var expected: [Occurrence] = []
        for i in classes { expected += builder.engine.occurrences(ofClass: i, from: options.from, to: options.to) }
        if schedule.calendar.cancellations == .remove { expected.removeAll(where: \.isCancelled) }
        check(feed, expected: expected, singleClass: n == 0 ? nil : n - 1, builder)
    }
    return 0
}

private func fail(_ message: String, _ feed: FeedFile) -> Never {
    fatalError("\(feed.name): \(message)\n" + String(decoding: feed.bytes, as: UTF8.self))
}

private func check(_ feed: FeedFile, expected: [Occurrence], singleClass: Int?, _ builder: FeedBuilder) {
    let schedule = builder.schedule
    // Content lines: CRLF, at most 75 octets, no other control characters than HTAB.
    var lineStart = 0
    for (i, b) in feed.bytes.enumerated() {
        if b == 0x0A {
            guard i > lineStart, feed.bytes[i - 1] == 0x0D, i - 1 - lineStart <= 75 else { fail("bad line at byte \(lineStart)", feed) }
            lineStart = i + 1
        } else if (b < 0x20 && b != 0x09 && b != 0x0D) || b == 0x7F {
            fail("control byte \(b) at \(i)", feed)
        } else if b == 0x0D, i + 1 >= feed.bytes.count || feed.bytes[i + 1] != 0x0A {
            fail("bare CR at \(i)", feed)
        }
    }
    guard String(validating: feed.bytes, as: UTF8.self) != nil else { fail("not UTF-8", feed) }
    let components: [Component]
    do { components = try ICalendarReader().parse(feed.bytes) } catch { fail("unreadable: \(error)", feed) }
    guard components.count == 1, let cal = components.first, cal.name == "VCALENDAR" else { fail("not one VCALENDAR", feed) }
    guard cal.components.allSatisfy({ $0.name == "VEVENT" || $0.name == "VTIMEZONE" }) else { fail("unexpected component", feed) }
    let calendarProperties: Set = [
        "VERSION", "PRODID", "CALSCALE", "NAME", "X-WR-CALNAME", "DESCRIPTION", "X-WR-CALDESC", "X-WR-TIMEZONE", "URL",
        "REFRESH-INTERVAL", "X-PUBLISHED-TTL",
    ]
    guard cal.properties.allSatisfy({ calendarProperties.contains($0.name) }) else { fail("unexpected calendar property", feed) }
    guard cal.properties.count == Set(cal.properties.map(\.name)).count else { fail("a calendar property twice", feed) }
    var name = schedule.calendar.name
    if let i = singleClass { name = builder.wording(.feedName, ("calendar", name), ("feed", builder.wording.className(schedule.classes[i]))) }
    guard cal.property("NAME")?.textValue == Wire.text(name) else { fail("NAME is not the calendar name", feed) }
    guard cal.property("X-WR-CALDESC")?.textValue == schedule.calendar.description.map(Wire.text) else { fail("X-WR-CALDESC", feed) }

    let events = cal.components(named: "VEVENT")
    guard events.count == expected.count else { fail("\(events.count) events, expected \(expected.count)", feed) }
    let eventProperties: Set = [
        "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "STATUS", "LAST-MODIFIED", "SEQUENCE",
    ]
    for (e, o) in zip(events, expected) {
        let cls = schedule.classes[o.classIndex]
        guard e.components.isEmpty, e.properties.allSatisfy({ eventProperties.contains($0.name) }),
              e.properties.count == Set(e.properties.map(\.name)).count
        else { fail("unexpected content in \(e.property("UID")?.value ?? "?")", feed) }
        guard e.property("UID")?.value == builder.uid(o) else { fail("UID \(e.property("UID")?.value ?? "nil") != \(builder.uid(o))", feed) }
        guard e.property("SUMMARY")?.textValue == Wire.text(builder.summary(o)) else { fail("SUMMARY of \(builder.uid(o))", feed) }
        // A start in the repeated hour is written in UTC, any other in the class's zone.
        let start = e.property("DTSTART")
        let expectedStart = builder.timeProperties(start: o.start, end: o.end, schedule.zoneName(ofClass: o.classIndex))[0]
        guard start?.value == expectedStart.value, start?.parameter("TZID")?.value == expectedStart.parameter("TZID")?.value,
              expectedStart.value == (expectedStart.parameter("TZID") == nil ? Property.utcString(o.start) : o.localStart.basicFormat)
        else { fail("DTSTART of \(builder.uid(o))", feed) }
        guard e.property("LOCATION")?.textValue == (cls.location ?? schedule.calendar.location).map(Wire.text) else {
            fail("LOCATION of \(builder.uid(o))", feed)
        }
        guard e.property("URL")?.value == (cls.url ?? schedule.calendar.url).map(Wire.raw) else { fail("URL of \(builder.uid(o))", feed) }
        let description = e.property("DESCRIPTION")?.textValue ?? ""
        for part in [cls.description, cls.instructor, o.moveReason] {
            if let part, !description.contains(Wire.text(part)) { fail("DESCRIPTION of \(builder.uid(o)) lacks \(part.debugDescription)", feed) }
        }
        guard e.property("STATUS")?.value == (o.isCancelled ? "CANCELLED" : "CONFIRMED") else { fail("STATUS", feed) }
    }
    var history = RevisionHistory()
    do { try history.add(feed: feed.bytes) } catch { fail("RevisionHistory cannot read it: \(error)", feed) }
    guard history.count == events.count else { fail("RevisionHistory found \(history.count) events", feed) }
}

/// What a text reads back as after TEXT escaping (RFC 5545 §3.3.11): a line break (CRLF, CR
/// or LF) is one newline; other control characters, which a content line cannot carry, are
/// gone; HTAB stays.
enum Wire {
    static func text(_ s: String) -> String {
        var out: [UInt8] = []
        var previousWasCR = false
        for b in s.utf8 {
            switch b {
            case 0x0D: out.append(0x0A)
            case 0x0A: if !previousWasCR { out.append(0x0A) }
            case 0x09: out.append(b)
            case 0x00..<0x20, 0x7F: break
            default: out.append(b)
            }
            previousWasCR = b == 0x0D
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A raw value (URL): control characters other than HTAB are dropped.
    static func raw(_ s: String) -> String {
        String(decoding: s.utf8.filter { ($0 >= 0x20 && $0 != 0x7F) || $0 == 0x09 }, as: UTF8.self)
    }
}

/// The fuzz bytes as a stream of choices; zeros once they run out.
struct FuzzInput {
    let bytes: [UInt8]
    var i = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func byte() -> UInt8 {
        defer { i += 1 }
        return i < bytes.count ? bytes[i] : 0
    }

    mutating func int(_ n: Int) -> Int { n <= 1 ? 0 : Int(byte()) % n }

    /// Pieces that have broken calendar writers: escapes, separators, line breaks, injected
    /// lines, bidirectional overrides, emoji sequences, long words.
    static let pieces = [
        ";", ",", "\\", ":", "\"", "'", "\n", "\\n", "\\;", "\\,", "\\x", "\\", "\\\\", " ", "  ", "\t",
        "\r\n", "\r", "\0", "\u{1}", "\u{1B}", "\u{7F}", "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{200B}",
        "\u{202E}", "\u{200F}", "עברית", "مرحبا بكم", "é", "e\u{301}", "😀", "👩‍👩‍👧‍👦", "🇬🇧", "中文", "𝄞",
        "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected", "\nEND:VCALENDAR\n", "\r\n X-INJECTED:1",
        "<script>alert(1)</script>", "\" onmouseover=\"alert(1)", "&amp;", "DESCRIPTION:", ";TZID=x:",
        String(repeating: "x", count: 100), String(repeating: "é", count: 40), String(repeating: "😀", count: 30),
    ]

    /// Text from the pieces and ASCII letters. Direct text may hold anything; schedule.json
    /// text holds what the decoder accepts (no control characters other than newline) and is
    /// never blank.
    mutating func text(direct: Bool) -> String {
        var s = ""
        for _ in 0..<(1 + int(12)) {
            let b = byte()
            if b < 0x80 {
                s += Self.pieces[Int(b) % Self.pieces.count]
            } else {
                s.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "a") + b % 26))
            }
        }
        if direct { return s }
        s.unicodeScalars.removeAll { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
        return "T" + s
    }

    /// An http(s) URL the decoder accepts (direct: anything after the scheme).
    mutating func url(direct: Bool) -> String {
        var s = byte() & 1 == 0 ? "https://studio.example/" : "http://studio.example/"
        let chars = direct ? ["a", "?", "&", "=", "%20", "#", "'", ";", ",", ":", "é", "😀", "\r\n", "\"", " ", "<", "\0"]
                           : ["a", "?", "&", "=", "%20", "#", "'", ";", ",", ":", "é", "😀", "/", "~", "b"]
        for _ in 0..<int(16) { s += chars[int(chars.count)] }
        return s
    }
}

enum RandomSchedule {
    static let windowStart = LocalDate(year: 2026, month: 10, day: 1)!  // a literal date: safe
    static let zoneNames = ["Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham", "UTC"]
    nonisolated(unsafe) static var zoneCache: [String: ZoneRules] = [:]

    static func zone(_ name: String) throws(ZoneDataError) -> ZoneRules {
        if let z = zoneCache[name] { return z }
        let z = try TimeZoneDatabase().rules(for: name)
        zoneCache[name] = z
        return z
    }

    /// Text as schedule.json may hold it (what the decoder accepts) and, for the direct way
    /// in, as anything at all.
    struct Text {
        var json: String
        var raw: String
        init(_ input: inout FuzzInput, direct: Bool) {
            raw = input.text(direct: true)
            var s = raw
            s.unicodeScalars.removeAll { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
            json = "T" + s
            if !direct { raw = json }
        }
    }

    struct Class {
        var id: String
        var title: Text
        var weekly: [Weekday]?
        var dates: [LocalDate]
        var start: LocalTime
        var duration: Int
        var from: LocalDate?
        var until: LocalDate?
        var description: Text?
        var location: Text?
        var instructor: Text?
        var url: (json: String, raw: String)?
    }

    struct Exception {
        var classID: String?
        var date: LocalDate
        var to: LocalDate
        var move: (date: LocalDate?, start: LocalTime?)?
        var reason: Text?
    }

    /// A schedule of one to four classes with exceptions, read by ScheduleDecoder (which must
    /// accept it); the direct way in then replaces every text with its raw form.
    static func make(_ input: inout FuzzInput, direct: Bool) -> Schedule? {
        func maybe(_ input: inout FuzzInput) -> Text? { input.byte() & 1 == 0 ? nil : Text(&input, direct: direct) }
        func maybeURL(_ input: inout FuzzInput) -> (json: String, raw: String)? {
            guard input.byte() & 1 == 1 else { return nil }
            let json = input.url(direct: false)
            return (json, direct ? json + input.text(direct: true) : json)
        }
        let zoneName = zoneNames[input.int(zoneNames.count)]
        let calendarID = "cal" + String(input.int(100))
        let name = Text(&input, direct: direct)
        let calendarDescription = maybe(&input)
        let calendarURL = maybeURL(&input)
        let calendarLocation = maybe(&input)
        let label = maybe(&input)
        let show = input.byte() & 1 == 1
        var classes: [Class] = []
        for i in 0..<(1 + input.int(4)) {
            var c = Class(
                id: "c\(i)-" + String(input.int(1000)), title: Text(&input, direct: direct), weekly: nil, dates: [],
                start: LocalTime(secondsOfDay: (input.int(24) * 60 + input.int(60)) * 60), duration: 1 + Int(input.byte()) * 5 % 1440)
            if input.byte() & 3 == 0 {
                c.dates = Set((0..<(1 + input.int(3))).map { _ in windowStart.adding(days: input.int(120)) }).sorted()
            } else {
                let bits = input.byte()
                let days = Weekday.allCases.filter { bits & (1 << ($0.rawValue - 1)) != 0 }
                c.weekly = days.isEmpty ? [.monday] : days
            }
            c.from = input.byte() & 3 == 0 ? windowStart.adding(days: input.int(60) - 10) : nil
            c.until = input.byte() & 3 == 0 ? windowStart.adding(days: 60 + input.int(60)) : nil
            c.description = maybe(&input)
            c.location = maybe(&input)
            c.instructor = maybe(&input)
            c.url = maybeURL(&input)
            classes.append(c)
        }
        var exceptions: [Exception] = []
        for _ in 0..<input.int(5) {
            let k = input.int(classes.count + 1)
            let date = windowStart.adding(days: input.int(120))
            var e = Exception(classID: k == classes.count ? nil : classes[k].id, date: date, to: date, move: nil, reason: maybe(&input))
            if e.classID != nil, input.byte() & 1 == 0 {
                let target = input.byte() & 1 == 0 ? nil : date.adding(days: input.int(7) - 3)
                let time = input.byte() & 1 == 0 ? nil : LocalTime(secondsOfDay: input.int(96) * 900)
                e.move = (target, time ?? (target == nil ? LocalTime(secondsOfDay: 3600) : nil))
            } else {
                e.to = date.adding(days: input.int(10))
            }
            exceptions.append(e)
        }

        // Every language's words around the same text (read last, so that older corpus inputs
        // mean what they meant).
        let language = Language.allCases[input.int(Language.allCases.count)]
        func q(_ s: String) -> String { JSONLayout.quote(s) }  // the JSON target's one writer of strings
        func opt(_ key: String, _ v: String?) -> String { v.map { ", \(q(key)): \(q($0))" } ?? "" }
        var json = "{\"calendar\": {\"id\": \(q(calendarID)), \"name\": \(q(name.json)), \"timezone\": \(q(zoneName)), "
            + "\"uidDomain\": \"fuzz.example\"" + opt("description", calendarDescription?.json) + opt("url", calendarURL?.json)
            + opt("location", calendarLocation?.json) + opt("bookingLabel", label?.json)
            + ", \"cancellations\": \(show ? "\"show\"" : "\"remove\"")" + opt("language", language.tag) + "},\n\"classes\": [\n"
        json += classes.map { c in
            var e = "{\"id\": \(q(c.id)), \"title\": \(q(c.title.json)), "
            if let days = c.weekly {
                e += "\"days\": [" + days.map { q($0.name) }.joined(separator: ", ") + "], "
            } else {
                e += "\"dates\": [" + c.dates.map { q($0.description) }.joined(separator: ", ") + "], "
            }
            e += "\"start\": \(q(c.start.description)), \"durationMinutes\": \(c.duration)"
            e += opt("from", c.from?.description) + opt("until", c.until?.description) + opt("description", c.description?.json)
                + opt("location", c.location?.json) + opt("instructor", c.instructor?.json) + opt("url", c.url?.json)
            return e + "}"
        }.joined(separator: ",\n") + "],\n\"exceptions\": [\n"
        json += exceptions.map { x in
            var e = "{\"date\": \(q(x.date.description))"
            if let move = x.move {
                e += ", \"moveTo\": {" + [move.date.map { "\"date\": \(q($0.description))" }, move.start.map { "\"start\": \(q($0.description))" }]
                    .compactMap { $0 }.joined(separator: ", ") + "}"
            } else if x.to != x.date {
                e = "{\"from\": \(q(x.date.description)), \"to\": \(q(x.to.description))"
            }
            return e + opt("class", x.classID) + opt("reason", x.reason?.json) + "}"
        }.joined(separator: ",\n") + "]}\n"

        var schedule: Schedule
        do {
            (schedule, _) = try ScheduleDecoder.decode(Array(json.utf8), file: "fuzz.json", zones: zone)
        } catch {
            fatalError("the decoder refused a generated schedule: \(error)\n\(json)")
        }
        guard direct else { return schedule }
        schedule.calendar.name = name.raw
        schedule.calendar.description = calendarDescription?.raw
        schedule.calendar.url = calendarURL?.raw
        schedule.calendar.location = calendarLocation?.raw
        if let label { schedule.calendar.bookingLabel = label.raw }
        for (i, c) in classes.enumerated() {
            schedule.classes[i].title = c.title.raw
            schedule.classes[i].description = c.description?.raw
            schedule.classes[i].location = c.location?.raw
            schedule.classes[i].instructor = c.instructor?.raw
            schedule.classes[i].url = c.url?.raw
        }
        for (i, e) in exceptions.enumerated() { schedule.exceptions[i].reason = e.reason?.raw }
        return schedule
    }
}
