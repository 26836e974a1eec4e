import Foundation
import Testing

@testable import FeedBuilder
import ICalendar
import Timetable

/// Rendered feeds compared byte for byte with reviewed golden files.
@Suite struct GoldenFeedTests {
    /// The studio's real timetable, as in the repository's schedule.json.
    static let studio = """
        {
          "calendar": {"id": "circl", "name": "CIRCL", "timezone": "Europe/London", "uidDomain": "circl.example",
                       "description": "Hip mobility and stretch classes. Book your classes online.",
                       "url": "https://circl.example/book"},
          "classes": [
            {"id": "hips-monday", "title": "Hip Mobility & Stretch", "days": ["monday"], "start": "17:15", "durationMinutes": 30},
            {"id": "hips-thursday", "title": "Hip Mobility & Stretch", "days": ["thursday"], "start": "19:00", "durationMinutes": 30}
          ],
          "exceptions": [{"from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure"}]
        }
        """

    /// Every exception kind, a one-off class, a DST-gap start, text that needs escaping and folding.
    static let everything = """
        {
          "calendar": {"id": "studio", "name": "Studio; Main, Hall \\\\ One", "timezone": "Europe/London",
                       "uidDomain": "studio.example", "location": "1 High St, Town"},
          "classes": [
            {"id": "early", "title": "Early Riser, Stretch; Flow", "days": ["sunday"], "start": "01:30", "durationMinutes": 60,
             "from": "2027-03-21", "until": "2027-04-04", "instructor": "Zoë",
             "description": "Line one\\nLine two with a very long sentence that goes well past seventy-five octets 🧘‍♀️ for sure"},
            {"id": "mon", "title": "Hip Mobility & Stretch", "days": ["monday", "thursday"], "start": "17:15", "durationMinutes": 30,
             "url": "https://studio.example/book?class=mon&x=1"},
            {"id": "workshop", "title": "Workshop", "dates": ["2026-12-19"], "start": "10:00", "durationMinutes": 120},
            {"id": "night", "title": "Night Owl", "dates": ["2027-03-28"], "start": "01:30", "durationMinutes": 60}
          ],
          "exceptions": [
            {"date": "2026-12-03", "reason": "Staff training"},
            {"from": "2026-12-24", "to": "2027-01-03", "reason": "Closed"},
            {"date": "2026-12-07", "class": "mon", "reason": "Instructor ill"},
            {"date": "2026-12-10", "class": "mon", "moveTo": {"date": "2026-12-11", "start": "18:00"}, "reason": "Hall booked"},
            {"date": "2026-12-14", "class": "mon", "moveTo": {"start": "18:30"}},
            {"date": "2027-03-28", "class": "early", "moveTo": {"date": "2027-03-27"}},
            {"date": "2026-12-17", "class": "mon", "moveTo": {"date": "2026-12-21", "start": "10:00"}, "reason": "Swap"}
          ]
        }
        """

    func build(_ json: String, from: String, to: String, style: FeedStyle = .occurrences, show: Bool = false) throws -> [FeedFile] {
        var s = try Support.schedule(json)
        if show { s.calendar.cancellations = .show }
        let options = FeedOptions(
            from: try #require(LocalDate(iso: from)), to: try #require(LocalDate(iso: to)), stamp: 1_796_000_000, style: style)
        return FeedBuilder(schedule: s, options: options).allFeeds()
    }

    @Test func studioFeedMatchesGoldenFile() throws {
        let files = try build(Self.studio, from: "2026-11-23", to: "2027-01-17")
        #expect(files.map(\.name) == ["circl.ics", "circl-hips-monday.ics", "circl-hips-thursday.ics"])
        for f in files { try Support.expectGolden(f.bytes, "occurrences-" + f.name) }
    }

    @Test func everyExceptionKindMatchesGoldenFile() throws {
        let files = try build(Self.everything, from: "2026-11-30", to: "2027-04-11")
        try Support.expectGolden(files[0].bytes, "occurrences-everything.ics")
    }

    @Test(arguments: [FeedStyle.occurrences, .series], [false, true])
    func everyStyleAndCancellationPolicyMatchesGoldenFiles(style: FeedStyle, show: Bool) throws {
        let files = try build(Self.everything, from: "2026-11-30", to: "2027-04-11", style: style, show: show)
        let suffix = show ? "-show" : ""
        try Support.expectGolden(files[0].bytes, "\(style.rawValue)-everything\(suffix).ics")
        try Support.expectGolden(files[2].bytes, "\(style.rawValue)-everything\(suffix)-class.ics")
    }

    @Test func studioSeriesFeedMatchesGoldenFile() throws {
        let files = try build(Self.studio, from: "2026-11-23", to: "2027-01-17", style: .series)
        for f in files { try Support.expectGolden(f.bytes, "series-" + f.name) }
    }

    @Test func seriesFeedStatesMovesAsOverridesOrStandaloneEventsWhereOutlookNeedsIt() throws {
        let feed = try build(Self.everything, from: "2026-11-30", to: "2027-04-11", style: .series)[0]
        let cal = try #require(try ICalendarReader().parse(feed.bytes).first)
        let events = cal.components(named: "VEVENT")
        let master = try #require(events.first { $0.property("UID")?.value == "mon@studio.example" && $0.property("RRULE") != nil })
        #expect(master.property("RRULE")?.value == "FREQ=WEEKLY;BYDAY=MO,TH")
        #expect(master.property("DTSTART")?.value == "20261130T171500")
        let exdates = master.properties(named: "EXDATE").map(\.value)
        // Cancelled: 3 Dec (everyone), 7 Dec (class), the Christmas closure; moved with a fallback: 17 Dec.
        #expect(exdates.contains("20261203T171500") && exdates.contains("20261207T171500") && exdates.contains("20261217T171500"))
        #expect(master.properties(named: "EXDATE").allSatisfy { $0.parameter("TZID")?.value == "Europe/London" })
        // 10 Dec -> Fri 11 Dec stays between its neighbours: an override with the same UID.
        let override = try #require(events.first { $0.property("RECURRENCE-ID")?.value == "20261210T171500" })
        #expect(override.property("UID")?.value == "mon@studio.example")
        #expect(override.property("DTSTART")?.value == "20261211T180000")
        #expect(override.property("RECURRENCE-ID")?.parameter("TZID")?.value == "Europe/London")
        // 17 Dec -> Mon 21 Dec shares a day with another instance: EXDATE plus a standalone event.
        let standalone = try #require(events.first { $0.property("UID")?.value == "mon-20261217@studio.example" })
        #expect(standalone.property("RECURRENCE-ID") == nil)
        #expect(standalone.property("DTSTART")?.value == "20261221T100000")
        // A term with an end date: UNTIL in UTC, at the end of the last day.
        let early = try #require(events.first { $0.property("UID")?.value == "early@studio.example" })
        #expect(early.property("RRULE")?.value == "FREQ=WEEKLY;BYDAY=SU;UNTIL=20270404T225959Z")
    }

    @Test func aSeriesKeepsAClassMovedFromBeforeItsStartIntoTheWindow() throws {
        // Found by the interop suite: the 30 Nov class moves to 2 Dec, the window starts 1 Dec.
        let json = Self.studio.replacingOccurrences(
            of: "\"exceptions\": [",
            with: "\"exceptions\": [{\"date\": \"2026-11-30\", \"class\": \"hips-monday\", \"moveTo\": {\"date\": \"2026-12-02\"}},")
        let feed = try build(json, from: "2026-12-01", to: "2026-12-31", style: .series)[0]
        let cal = try #require(try ICalendarReader().parse(feed.bytes).first)
        let moved = try #require(cal.components(named: "VEVENT").first { $0.property("UID")?.value == "hips-monday-20261130@circl.example" })
        #expect(moved.property("DTSTART")?.value == "20261202T171500")
        #expect(moved.property("RECURRENCE-ID") == nil)
    }

    @Test func startsInTheRepeatedHourAreWrittenInUTC() throws {
        // 01:30 on 25 Oct 2026 happens twice in London; RFC 5545 means the first (00:30Z), but
        // libical and khal read the second, so the feed states the instant itself.
        let json = Self.studio.replacingOccurrences(of: "\"days\": [\"monday\"], \"start\": \"17:15\"", with: "\"days\": [\"sunday\"], \"start\": \"01:30\"")
        let feed = try build(json, from: "2026-10-18", to: "2026-11-01")[0]
        let cal = try #require(try ICalendarReader().parse(feed.bytes).first)
        let events = cal.components(named: "VEVENT")
        let ambiguous = try #require(events.first { $0.property("UID")?.value == "hips-monday-20261025@circl.example" })
        #expect(ambiguous.property("DTSTART")?.value == "20261025T003000Z")
        #expect(ambiguous.property("DTEND")?.value == "20261025T010000Z")
        let plain = try #require(events.first { $0.property("UID")?.value == "hips-monday-20261101@circl.example" })
        #expect(plain.property("DTSTART")?.value == "20261101T013000")
        #expect(plain.property("DTSTART")?.parameter("TZID")?.value == "Europe/London")
    }

    @Test func feedsAreByteIdenticalForIdenticalInputs() throws {
        let a = try build(Self.everything, from: "2026-11-30", to: "2027-04-11")
        let b = try build(Self.everything, from: "2026-11-30", to: "2027-04-11")
        #expect(a.map(\.bytes) == b.map(\.bytes))
    }

    @Test func everyLineIsCRLFTerminatedAndAtMost75Octets() throws {
        for f in try build(Self.everything, from: "2026-11-30", to: "2027-04-11") {
            var line = 0
            var i = 0
            let b = f.bytes
            while i < b.count {
                if b[i] == 0x0A {
                    #expect(i > 0 && b[i - 1] == 0x0D, "bare LF in \(f.name)")
                }
                if b[i] == 0x0D {
                    #expect(line <= 75, "line over 75 octets in \(f.name)")
                    line = 0
                    i += 2
                    continue
                }
                line += 1
                i += 1
            }
            #expect(b.suffix(2) == [0x0D, 0x0A])
        }
    }

    @Test func cancelledOccurrencesAreLeftOutAndMovedOnesKeepTheirUID() throws {
        let feed = try build(Self.everything, from: "2026-11-30", to: "2027-04-11")[0]
        let cal = try #require(try ICalendarReader().parse(feed.bytes).first)
        let events = cal.components(named: "VEVENT")
        let uids = events.compactMap { $0.property("UID")?.value }
        #expect(Set(uids).count == uids.count, "UIDs are unique")
        // 2026-12-03 closed for everyone, 2026-12-07 cancelled for "mon", Christmas closure.
        #expect(!uids.contains("mon-20261203@studio.example"))
        #expect(!uids.contains("mon-20261207@studio.example"))
        #expect(!uids.contains("mon-20261228@studio.example"))
        // The 10 Dec occurrence moved to 11 Dec 18:00 and keeps its identity.
        let moved = try #require(events.first { $0.property("UID")?.value == "mon-20261210@studio.example" })
        #expect(moved.property("DTSTART")?.value == "20261211T180000")
        #expect(moved.property("DTEND")?.value == "20261211T183000")
        #expect(moved.property("DESCRIPTION")?.textValue.hasPrefix("Moved from Thu 10 Dec 2026 17:15 (Hall booked).") == true)
        // A start in the spring-forward gap is shifted forward by the gap (RFC 5545 §3.3.5) and
        // still lasts exactly 60 minutes.
        let gap = try #require(events.first { $0.property("UID")?.value == "early-20270328@studio.example" })
        #expect(gap.property("DTSTART")?.value == "20270327T013000", "moved off the gap night to Saturday")
        let night = try #require(events.first { $0.property("UID")?.value == "night-20270328@studio.example" })
        #expect(night.property("DTSTART")?.value == "20270328T023000")
        #expect(night.property("DTEND")?.value == "20270328T033000")
        let april = try #require(events.first { $0.property("UID")?.value == "early-20270404@studio.example" })
        #expect(april.property("DTSTART")?.value == "20270404T013000")
    }

    @Test func aWindowWithNoClassesStillHasItsTimeZone() throws {
        let feed = try build(Self.studio, from: "2026-12-25", to: "2027-01-03")[0]
        let cal = try #require(try ICalendarReader().parse(feed.bytes).first)
        #expect(cal.components(named: "VEVENT").isEmpty)
        #expect(cal.components(named: "VTIMEZONE").first?.property("TZID")?.value == "Europe/London")
    }
}
