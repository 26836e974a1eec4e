import ICalendar
import Testing

/// Feeds other people wrote: one bad event must not lose the calendar, zones may be defined in
/// the file, events come in several versions (issue 17, the real-world corpus).
@Suite("Reading real-world feeds leniently") struct LenientReadingTests {
    static let database = TimeZoneDatabase()
    /// 2026-01-01T00:00Z and a year on.
    static let from: Int64 = 1_767_225_600
    static let to: Int64 = from + 366 * 86400

    static func feed(_ lines: [String]) -> [UInt8] {
        Array(((["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"] + lines + ["END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n").utf8)
    }

    static func event(_ lines: [String]) -> [String] { ["BEGIN:VEVENT"] + lines + ["END:VEVENT"] }

    /// Reads and expands leniently: the instances as (uid, start) and the diagnostics.
    static func lenient(_ bytes: [UInt8]) throws -> (instances: [EventInstance], diagnostics: [ICalendarDiagnostic]) {
        var diagnostics: [ICalendarDiagnostic] = []
        let calendar = try ICalendar.Calendar(parsing: bytes, diagnostics: &diagnostics)
        let instances = calendar.occurrences(from: from, to: to, timeZones: database, diagnostics: &diagnostics)
        return (instances, diagnostics)
    }

    static func utc(_ text: String) -> Int64 {
        guard case .utc(let t) = DateTimeValue.parse(text, timeZone: nil, isDate: false) else { return 0 }
        return t
    }

    @Test func anEventWithoutUIDIsReadAsItsOwnAndReportedWithItsLine() throws {
        let bytes = Self.feed(
            Self.event(["UID:a", "DTSTART:20260105T100000Z", "X-CUSTOM;X-P=1:kept"])
                + Self.event(["DTSTART:20260106T100000Z", "SUMMARY:no uid"]))
        #expect(throws: ICalendarParseError(line: 9, message: "VEVENT without UID (RFC 5545 §3.6.1 requires one)")) {
            try ICalendar.Calendar(parsing: bytes)
        }
        let (instances, diagnostics) = try Self.lenient(bytes)
        #expect(instances.map(\.uid) == ["a", ""])
        #expect(instances.map(\.start) == [Self.utc("20260105T100000Z"), Self.utc("20260106T100000Z")])
        #expect(diagnostics.map(\.line) == [9])
        var ignored: [ICalendarDiagnostic] = []
        let calendar = try ICalendar.Calendar(parsing: bytes, diagnostics: &ignored)
        #expect(calendar.events[0].otherProperties.map(\.name) == ["X-CUSTOM"], "unknown properties are kept")
    }

    @Test func anEventWithARuleThatCannotBeReadIsSkippedAndTheOthersExpand() throws {
        let bytes = Self.feed(
            Self.event(["UID:bad", "DTSTART:20260105T100000Z", "RRULE:FREQ=FORTNIGHTLY"])
                + Self.event(["UID:good", "DTSTART:20260105T120000Z", "RRULE:FREQ=WEEKLY;COUNT=3"]))
        #expect(throws: ICalendarParseError.self) { try ICalendar.Calendar(parsing: bytes) }
        let (instances, diagnostics) = try Self.lenient(bytes)
        #expect(instances.map(\.uid) == ["good", "good", "good"])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.line == 7)
        #expect(diagnostics.first?.uid == "bad")
        #expect(diagnostics.first?.message.hasSuffix("(the event is skipped)") == true)
    }

    @Test func linesThatAreNotContentLinesAreSkippedWithTheirLine() throws {
        let bytes = Self.feed(
            Self.event(["UID:a", "DTSTART:20260105T100000Z", "ORGANIZER;CN=No colon here", "SUMMARY=typo"]) + ["END:VCALENDARD"])
        #expect(throws: ICalendarParseError.self) { try ICalendar.Calendar(parsing: bytes) }
        let (instances, diagnostics) = try Self.lenient(bytes)
        #expect(instances.map(\.uid) == ["a"])
        #expect(diagnostics.map(\.line) == [7, 8, 10, 11])
    }

    @Test func aWindowsZoneUsesTheFeedsVTIMEZONE() throws {
        // Outlook's VTIMEZONE: New York's rules, by a Windows name.
        let zone = [
            "BEGIN:VTIMEZONE", "TZID:Eastern Standard Time",
            "BEGIN:STANDARD", "DTSTART:16010101T020000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500",
            "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400",
            "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE",
        ]
        let bytes = Self.feed(
            zone + Self.event(["UID:a", "DTSTART;TZID=Eastern Standard Time:20260305T090000", "RRULE:FREQ=WEEKLY;COUNT=2"]))
        let calendar = try ICalendar.Calendar(parsing: bytes)
        #expect(calendar.timeZones.count == 1)
        let starts = try calendar.occurrences(from: Self.from, to: Self.to, timeZones: Self.database).map(\.start)
        // 9:00 EST, then 9:00 EDT after the second Sunday of March.
        #expect(starts == [Self.utc("20260305T140000Z"), Self.utc("20260312T130000Z")])
    }

    @Test func aFeedReadWithZonesThatAreNotIANANamesIsWrittenWithTheSameTZIDs() throws {
        let zone = [
            "BEGIN:VTIMEZONE", "TZID:Custom Zone",
            "BEGIN:STANDARD", "DTSTART:19701101T020000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500",
            "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", "TZNAME:XST", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:19700308T020000", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400",
            "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "TZNAME:XDT", "END:DAYLIGHT", "END:VTIMEZONE",
        ]
        let bytes = Self.feed(
            zone + Self.event(["UID:a", "DTSTART;TZID=Custom Zone:20260305T090000", "RRULE:FREQ=WEEKLY;COUNT=3"])
                + Self.event(["UID:b", "DTSTART;TZID=Eastern Standard Time:20260701T090000"]))
        let calendar = try ICalendar.Calendar(parsing: bytes)
        let written = try calendar.serialized(stamp: Self.from, timeZones: Self.database)
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.contains("TZID:Custom Zone\r\n"))
        #expect(text.contains("TZID:Eastern Standard Time\r\n"))
        let again = try ICalendar.Calendar(parsing: written)
        let before = try calendar.occurrences(from: Self.from, to: Self.to, timeZones: Self.database)
        #expect(try again.occurrences(from: Self.from, to: Self.to, timeZones: Self.database) == before)
        #expect(before.map(\.start) == [
            Self.utc("20260305T140000Z"), Self.utc("20260312T130000Z"), Self.utc("20260319T130000Z"), Self.utc("20260701T130000Z"),
        ])
    }

    @Test func aZoneTheFeedDoesNotDefineIsFoundByItsWindowsOrGloballyUniqueName() throws {
        for tzid in ["W. Europe Standard Time", "/mozilla.org/20070129_1/Europe/Berlin", "/Europe/Berlin"] {
            let bytes = Self.feed(Self.event(["UID:a", "DTSTART;TZID=\"\(tzid)\":20260701T090000"]))
            let starts = try ICalendar.Calendar(parsing: bytes).occurrences(from: Self.from, to: Self.to, timeZones: Self.database)
            #expect(starts.map(\.start) == [Self.utc("20260701T070000Z")], "\(tzid)")
        }
    }

    @Test func anIANANameKeepsTheTzDatabaseRulesWhateverTheFeedsVTIMEZONESays() throws {
        let wrong = [
            "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0500", "TZOFFSETTO:+0500", "END:STANDARD", "END:VTIMEZONE",
        ]
        let bytes = Self.feed(wrong + Self.event(["UID:a", "DTSTART;TZID=Europe/Berlin:20260701T090000"]))
        let starts = try ICalendar.Calendar(parsing: bytes).occurrences(from: Self.from, to: Self.to, timeZones: Self.database)
        #expect(starts.map(\.start) == [Self.utc("20260701T070000Z")])
    }

    @Test func anUnknownZoneIsReadAsFloatingWhenLenientAndRefusedWhenStrict() throws {
        let bytes = Self.feed(Self.event(["UID:a", "DTSTART;TZID=Nowhere/Special:20260701T090000"]))
        #expect(throws: RecurrenceError.self) {
            try ICalendar.Calendar(parsing: bytes).occurrences(from: Self.from, to: Self.to, timeZones: Self.database)
        }
        let (instances, diagnostics) = try Self.lenient(bytes)
        #expect(instances.map(\.start) == [Self.utc("20260701T090000Z")])
        #expect(diagnostics.map(\.line) == [4])
    }

    @Test func severalVersionsOfOneEventKeepTheHighestSequence() throws {
        let bytes = Self.feed(
            Self.event(["UID:a", "SEQUENCE:2", "DTSTART:20260105T100000Z", "SUMMARY:new"])
                + Self.event(["UID:a", "SEQUENCE:1", "DTSTART:20260105T090000Z", "SUMMARY:old"]))
        #expect(throws: ICalendarParseError.self) { try ICalendar.Calendar(parsing: bytes) }
        let (instances, diagnostics) = try Self.lenient(bytes)
        #expect(instances.map(\.summary) == ["new"])
        #expect(diagnostics.map(\.line) == [10])
    }

    @Test func anOverrideWithoutItsSeriesStandsAloneAsOneInstance() throws {
        let bytes = Self.feed(
            Self.event([
                "UID:a", "RECURRENCE-ID:20260105T100000Z", "DTSTART:20260105T110000Z", "SUMMARY:moved",
                "RRULE:FREQ=DAILY;COUNT=3", "RDATE:20260110T110000Z",
            ]))
        let instances = try ICalendar.Calendar(parsing: bytes).occurrences(from: Self.from, to: Self.to, timeZones: Self.database)
        #expect(instances.map(\.start) == [Self.utc("20260105T110000Z")])
        #expect(instances.map(\.recurrenceID) == [Self.utc("20260105T100000Z")])
    }

    @Test func floatingTimesFollowXWRTIMEZONE() throws {
        let bytes = Self.feed(["X-WR-TIMEZONE:Europe/London"] + Self.event(["UID:a", "DTSTART:20260701T090000"]))
        let instances = try ICalendar.Calendar(parsing: bytes).occurrences(from: Self.from, to: Self.to, timeZones: Self.database)
        #expect(instances.map(\.start) == [Self.utc("20260701T080000Z")])
    }

    @Test func dtendBeforeDtstartIsReadTheOtherWayRound() throws {
        let bytes = Self.feed(Self.event(["UID:a", "DTSTART:20260105T110000Z", "DTEND:20260105T100000Z"]))
        let (instances, diagnostics) = try Self.lenient(bytes)
        #expect(instances.map(\.start) == [Self.utc("20260105T100000Z")])
        #expect(instances.map(\.end) == [Self.utc("20260105T110000Z")])
        #expect(diagnostics.map(\.line) == [4])
    }

    @Test func aDateExdateOnATimedSeriesRemovesThatDaysInstance() throws {
        let bytes = Self.feed(
            Self.event([
                "UID:a", "DTSTART;TZID=America/New_York:20260105T230000", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE;VALUE=DATE:20260106",
            ]))
        let (instances, diagnostics) = try Self.lenient(bytes)
        // 23:00 in New York is 04:00Z the next day: the day is New York's.
        #expect(instances.map(\.start) == [Self.utc("20260106T040000Z"), Self.utc("20260108T040000Z")])
        #expect(diagnostics.count == 1)
    }

    @Test func aDateUntilOnATimedSeriesIncludesThatDay() throws {
        let bytes = Self.feed(
            Self.event(["UID:a", "DTSTART;TZID=Europe/London:20260105T100000", "RRULE:FREQ=DAILY;UNTIL=20260107"]))
        #expect(throws: ICalendarParseError.self) { try ICalendar.Calendar(parsing: bytes) }
        let (instances, diagnostics) = try Self.lenient(bytes)
        #expect(instances.count == 3)
        #expect(diagnostics.map(\.line) == [7])
    }

    @Test func anUnreadableExdateLosesItsDatesNotTheEvent() throws {
        let bytes = Self.feed(Self.event(["UID:a", "DTSTART:20260105T100000Z", "RRULE:FREQ=DAILY;COUNT=2", "EXDATE:tomorrow"]))
        #expect(throws: ICalendarParseError.self) { try ICalendar.Calendar(parsing: bytes) }
        let (instances, diagnostics) = try Self.lenient(bytes)
        #expect(instances.count == 2)
        #expect(diagnostics.map(\.line) == [8])
        #expect(diagnostics.first?.message.hasSuffix("(that EXDATE is ignored)") == true)
    }
}
