import ICalendar
import Testing

@Suite struct CalendarTests {
    static let database = TimeZoneDatabase()
    static let stamp: Int64 = 1_796_000_000  // 2026-11-30T00:53:20Z

    static func studio() throws -> ICalendar.Calendar {
        let mondays = try RecurrenceRule(.weekly, byDay: [.every(.monday)], end: .count(20))
        var hips = try Event(
            uid: "hips@stillpoint.example", start: .local(2026, 11, 30, 17, 15, in: "Europe/London"),
            end: .duration(.minutes(30)), summary: "Hips, stretch; rest\\relax\nall levels", location: "Room 1, upstairs",
            url: "https://stillpoint.example/hips", status: .confirmed, categories: ["Yoga", "Mobility, gentle"],
            sequence: 2, recurrenceRule: mondays, exceptionDates: [.local(2026, 12, 28, 17, 15, in: "Europe/London")])
        hips.overrides = [
            try Event(
                uid: "hips@stillpoint.example", start: .local(2026, 12, 21, 18, 0, in: "Europe/London"),
                end: .duration(.minutes(30)), summary: "Hips (moved)",
                recurrenceID: .local(2026, 12, 21, 17, 15, in: "Europe/London"))
        ]
        let flow = try Event(
            uid: "flow@stillpoint.example", start: .local(2026, 12, 2, 7, 0, in: "America/New_York"),
            end: .at(.local(2026, 12, 2, 8, 0, in: "America/New_York")), summary: "Morning Flow")
        let closed = try Event(uid: "closed@stillpoint.example", start: .allDay(2026, 12, 25), end: .at(.allDay(2026, 12, 26)), summary: "Closed")
        return ICalendar.Calendar(
            name: "Stillpoint, all classes", description: "Every class", refreshInterval: .hours(1), events: [hips, flow, closed])
    }

    @Test func aCalendarIsWrittenWithEscapedTextAndOneTimeZonePerZone() throws {
        let bytes = try Self.studio().serialized(stamp: Self.stamp, timeZones: Self.database)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ClassFeed//ICalendar//EN\r\nNAME:Stillpoint\\, all classes\r\n"))
        #expect(text.contains("X-WR-CALNAME:Stillpoint\\, all classes\r\n"))
        #expect(text.contains("REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\nX-PUBLISHED-TTL:PT1H\r\n"))
        #expect(text.contains("SUMMARY:Hips\\, stretch\\; rest\\\\relax\\nall levels\r\n"))
        #expect(text.contains("CATEGORIES:Yoga,Mobility\\, gentle\r\n"))
        #expect(text.contains("DTSTAMP:20261130T005320Z\r\n"))
        #expect(text.contains("RRULE:FREQ=WEEKLY;COUNT=20;BYDAY=MO\r\n"))
        #expect(text.contains("EXDATE;TZID=Europe/London:20261228T171500\r\n"))
        #expect(text.contains("RECURRENCE-ID;TZID=Europe/London:20261221T171500\r\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:20261225\r\n"))
        let cal = try #require(try ICalendarReader().parse(bytes).first)
        #expect(cal.components(named: "VTIMEZONE").compactMap { $0.property("TZID")?.value } == ["America/New_York", "Europe/London"])
        #expect(cal.components(named: "VEVENT").count == 4)
        // Same inputs, same bytes.
        #expect(try Self.studio().serialized(stamp: Self.stamp, timeZones: Self.database) == bytes)
    }

    @Test func theTimeZoneCoversExactlyTheSeries() throws {
        // 20 Mondays from 30 Nov 2026 end on 12 Apr 2027: London's spring change (28 Mar 2027)
        // is inside, the autumn one (31 Oct 2027) is the next change after the span.
        let london = try Self.database.rules(for: "Europe/London")
        let cal = try Self.studio()
        let bytes = try cal.serialized(stamp: Self.stamp, timeZones: Self.database)
        let parsed = try #require(try ICalendarReader().parse(bytes).first)
        let tz = try #require(parsed.components(named: "VTIMEZONE").first { $0.property("TZID")?.value == "Europe/London" })
        let first = london.instant(for: LocalDateTime(date: LocalDate(year: 2026, month: 11, day: 30)!, time: LocalTime(hour: 17, minute: 15)!))
        let last = london.instant(for: LocalDateTime(date: LocalDate(year: 2027, month: 4, day: 12)!, time: LocalTime(hour: 17, minute: 15)!))
        #expect(tz.withoutLines == TimeZoneComponent.make(london, covering: first...last + 1800))
    }

    @Test func aFeedReadsBackToTheSameValues() throws {
        let cal = try Self.studio()
        let bytes = try cal.serialized(stamp: Self.stamp, timeZones: Self.database)
        var read = try ICalendar.Calendar(parsing: bytes)
        #expect(read.events.map(\.stamp) == [Self.stamp, Self.stamp, Self.stamp])
        #expect(read.events[0].overrides.map(\.stamp) == [Self.stamp])
        for i in read.events.indices {
            read.events[i].stamp = nil
            for j in read.events[i].overrides.indices { read.events[i].overrides[j].stamp = nil }
        }
        #expect(read == cal)
        #expect(try read.serialized(stamp: Self.stamp, timeZones: Self.database) == bytes)
    }

    @Test func unknownPropertiesAndComponentsAreKept() throws {
        let feed = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Other//EN\r
            METHOD:PUBLISH\r
            X-WR-CALNAME:Old name\r
            BEGIN:VEVENT\r
            UID:1\r
            DTSTAMP:20260101T000000Z\r
            DTSTART:20260105T100000Z\r
            X-COLOUR:teal\r
            STATUS:X-ODD\r
            BEGIN:VALARM\r
            ACTION:DISPLAY\r
            TRIGGER:-PT15M\r
            END:VALARM\r
            END:VEVENT\r
            BEGIN:VTODO\r
            UID:2\r
            END:VTODO\r
            END:VCALENDAR\r

            """
        let cal = try ICalendar.Calendar(parsing: Array(feed.utf8))
        #expect(cal.name == "Old name")
        #expect(cal.productID == "-//Other//EN")
        #expect(cal.otherProperties.map(\.name) == ["METHOD"])
        #expect(cal.otherComponents.map(\.name) == ["VTODO"])
        #expect(cal.events[0].otherProperties.map(\.value) == ["teal", "X-ODD"])
        let again = String(decoding: try cal.serialized(stamp: 0) { _ in nil }, as: UTF8.self)
        for line in ["METHOD:PUBLISH", "X-COLOUR:teal", "STATUS:X-ODD", "BEGIN:VALARM", "TRIGGER:-PT15M", "BEGIN:VTODO", "DTSTAMP:20260101T000000Z"] {
            #expect(again.contains(line + "\r\n"), "\(line)")
        }
    }

    @Test func readingErrorsNameTheLine() throws {
        func error(_ body: String) -> ICalendarParseError? {
            let feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n" + body + "END:VEVENT\r\nEND:VCALENDAR\r\n"
            return #expect(throws: ICalendarParseError.self) { try ICalendar.Calendar(parsing: Array(feed.utf8)) }
        }
        #expect(error("DTSTART:20260105T100000Z\r\n")?.line == 3)  // no UID: the BEGIN:VEVENT line
        #expect(error("UID:1\r\nDTSTART:20260105T100000Z\r\nRRULE:FREQ=WEEKLY;COUNT=2;UNTIL=20270101T000000Z\r\n")?.line == 6)
        #expect(error("UID:1\r\nDTSTART;VALUE=DATE:20260105\r\nRRULE:FREQ=WEEKLY;UNTIL=20270101T000000Z\r\n")?.line == 6)
        #expect(error("UID:1\r\nDTSTART:2026-01-05\r\n")?.line == 5)
        #expect(error("UID:1\r\nDTSTART:20260105T100000Z\r\nDURATION:30 minutes\r\n")?.line == 6)
    }

    @Test func occurrencesFollowTheRuleExceptionsAndOverrides() throws {
        let cal = try Self.studio()
        let from: Int64 = 1_795_000_000  // 18 Nov 2026
        let to: Int64 = 1_799_500_000  // 10 Jan 2027
        let all = try cal.occurrences(from: from, to: to, timeZones: Self.database)
        let hips = all.filter { $0.uid == "hips@stillpoint.example" }
        let london = try Self.database.rules(for: "Europe/London")
        let local = hips.map { london.localDateTime(at: $0.start).description }
        // 28 Dec is excluded; 21 Dec moved to 18:00.
        #expect(local == ["2026-11-30T17:15", "2026-12-07T17:15", "2026-12-14T17:15", "2026-12-21T18:00", "2027-01-04T17:15"])
        #expect(hips.allSatisfy { $0.end - $0.start == 1800 })
        #expect(all.map(\.uid).filter { $0 != "hips@stillpoint.example" } == ["flow@stillpoint.example", "closed@stillpoint.example"])
    }

    @Test func aWallTimeInTheGapMovesForwardAndDurationsAreExact() throws {
        // London springs forward at 01:00 on 28 Mar 2027: 01:30 does not exist that day.
        let daily = try RecurrenceRule(.daily, end: .count(3))
        let e = try Event(uid: "g", start: .local(2027, 3, 27, 1, 30, in: "Europe/London"), end: .duration(.hours(1)), recurrenceRule: daily)
        let cal = ICalendar.Calendar(events: [e])
        let london = try Self.database.rules(for: "Europe/London")
        let all = try cal.occurrences(from: 1_800_000_000, to: 1_900_000_000, timeZones: Self.database)
        #expect(all.map { london.localDateTime(at: $0.start).description } == ["2027-03-27T01:30", "2027-03-28T02:30", "2027-03-29T01:30"])
        #expect(all.allSatisfy { $0.end - $0.start == 3600 })
    }

    @Test func anUnknownZoneOrABadEventIsRefusedWhenWriting() throws {
        let e = try Event(uid: "z", start: .local(2026, 1, 1, 9, 0, in: "Mars/Olympus_Mons"))
        #expect(throws: CalendarError.self) { try ICalendar.Calendar(events: [e]).serialized(stamp: 0, timeZones: Self.database) }
        var bad = try Event(uid: "b", start: .local(2026, 1, 1, 9, 0, in: "Europe/London"))
        bad.recurrenceRule = try RecurrenceRule(.weekly, end: .until(.date(LocalDate(year: 2026, month: 3, day: 1)!)))
        #expect(throws: CalendarError.self) { try ICalendar.Calendar(events: [bad]).serialized(stamp: 0, timeZones: Self.database) }
        #expect(throws: CalendarError.self) { try DateTimeValue.local(2026, 2, 30, 9, 0, in: "Europe/London") }
        #expect(throws: CalendarError.self) { try Event(uid: "", start: .allDay(2026, 1, 1)) }
        #expect(throws: CalendarError.self) { try Event(uid: "d", start: .allDay(2026, 1, 1), end: .duration(.hours(2))) }
        #expect(throws: CalendarError.self) { try Event(uid: "d", start: .allDay(2026, 1, 1), end: .at(.utc(0))) }
    }

    @Test func durationsAreWrittenAsRFC5545Says() {
        #expect(CalendarDuration.minutes(30).description == "PT30M")
        #expect(CalendarDuration.hours(1).description == "PT1H")
        #expect(CalendarDuration(days: 1, seconds: 5400).description == "P1DT1H30M")
        #expect(CalendarDuration.days(0).description == "PT0S")
        #expect(CalendarDuration(seconds: -900).description == "-PT15M")
        #expect(CalendarDuration(parsing: "P1W") == .days(7))
    }
}

extension Component {
    /// The component with every line number cleared (components read back carry them).
    var withoutLines: Component {
        var c = self
        c.line = 0
        c.properties = c.properties.map { var p = $0; p.line = 0; return p }
        c.components = c.components.map(\.withoutLines)
        return c
    }
}
