import TestSupport
import Foundation
import Testing

@testable import FeedBuilder
import ICalendar
import Timetable

/// Seeded property tests: whatever text a schedule or a holiday calendar carries, a feed reads
/// back with exactly one VEVENT per occurrence, the original text (less what a content line
/// cannot carry), and no property, parameter or component that the builder did not write.
@Suite("injection and escaping")
struct InjectionPropertyTests {
    /// Pieces that have broken calendar writers.
    static let pieces = [
        ";", ",", "\\", ":", "\"", "'", "\n", "\\n", "\\;", "\\,", "\\x", "\\\\", " ", "\t", "\r\n", "\r", "\0", "\u{1}",
        "\u{1B}", "\u{7F}", "\u{85}", "\u{2028}", "\u{FEFF}", "\u{202E}", "\u{200F}", "עברית", "مرحبا بكم", "e\u{301}", "😀",
        "👩‍👩‍👧‍👦", "🇬🇧", "𝄞", "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected", "\nEND:VCALENDAR\n", "\r\n X-INJECTED:1",
        "<script>alert(1)</script>", "\" onmouseover=\"alert(1)", "DESCRIPTION:", ";TZID=x:", "=", "A",
        String(repeating: "w", count: 200), String(repeating: "é", count: 90), String(repeating: "😀", count: 40),
    ]

    /// Every phrase and name of every language (accents, guillemets, no-break spaces,
    /// apostrophes, placeholders), mixed into the text below.
    static let phrases: [String] = Language.allCases.flatMap { l -> [String] in
        let book = Phrasebook.of(l)
        var all: [String] = PhraseKey.allCases.map(book.phrase)
        for names in [book.weekdays, book.weekdaysShort, book.weekdaysRepeating, book.monthsShort, book.ordinals] { all += names }
        all += book.feminineOrdinals ?? []
        return all
    }

    static func text(_ g: inout SeededGenerator) -> String {
        (0..<Int.random(in: 1...14, using: &g)).map { _ in
            Int.random(in: 0..<4, using: &g) == 0 ? phrases.randomElement(using: &g)! : pieces.randomElement(using: &g)!
        }.joined()
    }

    /// What TEXT escaping keeps (RFC 5545 §3.3.11, §3.1): CRLF, CR and LF read back as one
    /// newline; other control characters but HTAB are dropped.
    static func wire(_ s: String) -> String {
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

    /// Physical lines: CRLF only, at most 75 octets, no control bytes but HTAB.
    static func expectWellFormedLines(_ bytes: [UInt8], _ context: String) {
        var lineStart = 0
        for (i, b) in bytes.enumerated() {
            if b == 0x0A {
                #expect(i > lineStart && bytes[i - 1] == 0x0D && i - 1 - lineStart <= 75, "\(context): line at byte \(lineStart)")
                lineStart = i + 1
            } else if b == 0x0D {
                #expect(i + 1 < bytes.count && bytes[i + 1] == 0x0A, "\(context): bare CR at \(i)")
            } else {
                #expect(b >= 0x20 && b != 0x7F || b == 0x09, "\(context): control byte \(b) at \(i)")
            }
        }
        #expect(lineStart == bytes.count)
        #expect(String(validating: bytes, as: UTF8.self) != nil, "\(context): UTF-8")
    }

    @Test("any text in any field of a schedule and in holiday reasons reads back exactly, one event per occurrence", arguments: 0..<PropertyRounds.of(150))
    func scheduleText(seed: Int) throws {
        var g = SeededGenerator(state: UInt64(seed) &* 0x9E37_79B9 &+ 11)
        var schedule = try Support.schedule("""
            {"calendar": {"id": "circl", "name": "N", "timezone": "Europe/London", "uidDomain": "circl.example",
                          "cancellations": "\(seed % 2 == 0 ? "show" : "remove")"},
             "classes": [
               {"id": "mon", "title": "T", "days": ["monday", "wednesday"], "start": "17:15", "durationMinutes": 30},
               {"id": "one-off", "title": "T", "dates": ["2026-12-05", "2026-12-12"], "start": "10:00", "durationMinutes": 90}],
             "exceptions": [
               {"date": "2026-12-07", "class": "mon", "reason": "R"},
               {"date": "2026-12-09", "class": "mon", "moveTo": {"date": "2026-12-10", "start": "18:00"}, "reason": "R"},
               {"date": "2026-12-21", "class": "mon", "change": {"instructor": "S", "note": "N", "durationMinutes": 45}, "reason": "R"}]}
            """)
        // Any text at all, as a holiday calendar or another caller could hand it over.
        schedule.calendar.name = Self.text(&g)
        schedule.calendar.description = Self.text(&g)
        schedule.calendar.location = Self.text(&g)
        schedule.calendar.bookingLabel = Self.text(&g)
        schedule.calendar.url = "https://studio.example/" + Self.text(&g)
        for i in schedule.classes.indices {
            schedule.classes[i].title = Self.text(&g)
            schedule.classes[i].description = Self.text(&g)
            schedule.classes[i].location = Bool.random(using: &g) ? Self.text(&g) : nil
            schedule.classes[i].instructor = Self.text(&g)
        }
        for i in schedule.exceptions.indices {
            schedule.exceptions[i].reason = Self.text(&g)
            if let c = schedule.exceptions[i].changes {
                schedule.exceptions[i].changes = OccurrenceChange(
                    instructor: Self.text(&g), location: nil, title: nil, note: Self.text(&g), durationMinutes: c.durationMinutes,
                    reason: schedule.exceptions[i].reason)
            }
        }
        // Every language in turn, and the studio's own phrases around their placeholders.
        schedule.calendar.language = Language.allCases[seed % Language.allCases.count]
        if seed % 3 == 0 {
            schedule.strings[.cancelledSummary] = Self.text(&g) + "{title}" + Self.text(&g)
            schedule.strings[.movedFrom] = Self.text(&g) + "{date}" + Self.text(&g) + "{time}"
            schedule.strings[.instructorLine] = "{instructor}" + Self.text(&g)
        }
        let holiday = LocalDate(year: 2026, month: 12, day: 14)!
        schedule.holidayClosures = [ScheduleException(holiday: Self.text(&g), from: holiday, to: holiday.adding(days: 3), file: "h.ics", line: 1)]

        let options = FeedOptions(from: LocalDate(year: 2026, month: 11, day: 30)!, to: LocalDate(year: 2026, month: 12, day: 31)!, stamp: 0)
        let builder = FeedBuilder(schedule: schedule, options: options)
        for (n, feed) in builder.allFeeds().enumerated() {
            Self.expectWellFormedLines(feed.bytes, "seed \(seed) \(feed.name)")
            let calendars = try ICalendarReader().parse(feed.bytes)
            #expect(calendars.count == 1)
            let cal = try #require(calendars.first)
            #expect(cal.components.allSatisfy { $0.name == "VEVENT" || $0.name == "VTIMEZONE" })
            #expect(Set(cal.properties.map(\.name)) == ["VERSION", "PRODID", "CALSCALE", "NAME", "X-WR-CALNAME", "DESCRIPTION",
                                                       "X-WR-CALDESC", "X-WR-TIMEZONE", "URL", "REFRESH-INTERVAL", "X-PUBLISHED-TTL"])
            #expect(cal.properties.count == 11)
            #expect(cal.property("X-WR-CALDESC")?.textValue == Self.wire(schedule.calendar.description ?? ""))
            let indices = n == 0 ? Array(schedule.classes.indices) : [n - 1]
            var expected = indices.flatMap { builder.engine.occurrences(ofClass: $0, from: options.from, to: options.to) }
            if schedule.calendar.cancellations == .remove { expected.removeAll(where: \.isCancelled) }
            let events = cal.components(named: "VEVENT")
            #expect(events.count == expected.count, "seed \(seed) \(feed.name)")
            for (e, o) in zip(events, expected) {
                let cls = schedule.classes[o.classIndex]
                #expect(e.properties.map(\.name) == ["UID", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"]
                    + (cls.location ?? schedule.calendar.location == nil ? [] : ["LOCATION"])
                    + ["URL", "STATUS", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE"])
                #expect(e.components.isEmpty)
                #expect(e.property("UID")?.value == builder.uid(o))
                #expect(e.property("SUMMARY")?.textValue == Self.wire(builder.summary(o)), "seed \(seed)")
                #expect(e.property("DESCRIPTION")?.textValue == Self.wire(builder.description(o, cls, url: cls.url ?? schedule.calendar.url) ?? ""), "seed \(seed)")
                #expect(e.property("LOCATION")?.textValue == (cls.location ?? schedule.calendar.location).map(Self.wire))
                #expect(e.property("URL")?.value == Self.wire(schedule.calendar.url ?? "").replacingOccurrences(of: "\n", with: ""))
            }
            var history = RevisionHistory()
            try history.add(feed: feed.bytes)
            #expect(history.count == events.count)
        }
    }

    @Test("a property of any name, parameters and value is one content line that reads back as written", arguments: 0..<PropertyRounds.of(300))
    func contentLines(seed: Int) throws {
        var g = SeededGenerator(state: UInt64(seed) &+ 0xC0FFEE)
        let value = Self.text(&g)
        let parameter = Self.text(&g)
        let name = Self.text(&g)
        var w = ContentLineWriter(foldWidth: [75, 8, 9, 10, 20][seed % 5])
        w.begin("VCALENDAR")
        w.write(Property("X-" + name, text: value, parameters: [Parameter("X-P", parameter, "b")]))
        w.writeText(name: "SUMMARY", text: value)
        w.end("VCALENDAR")
        var lines = w.bytes
        if w.foldWidth == 75 { Self.expectWellFormedLines(lines, "seed \(seed)") }
        let cal = try #require(try ICalendarReader().parse(lines).first)
        #expect(cal.properties.count == 2, "seed \(seed)")
        let x = try #require(cal.properties.first)
        // A name keeps only the characters a name may have (ALPHA, DIGIT, "-"), uppercased.
        #expect(x.name == "X-" + String(String.UnicodeScalarView(name.unicodeScalars.filter {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
        })).uppercased())
        #expect(x.textValue == Self.wire(value))
        #expect(cal.properties[1].textValue == Self.wire(value))
        // A parameter value cannot hold DQUOTE or control characters; the rest survives.
        let expectedParameter = String(decoding: parameter.utf8.filter { ($0 >= 0x20 && $0 != 0x7F && $0 != 0x22) || $0 == 0x09 }, as: UTF8.self)
        #expect(x.parameters == [Parameter(name: "X-P", values: [expectedParameter, "b"])], "seed \(seed)")
        lines.removeAll()
    }
}
