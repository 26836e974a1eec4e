import Foundation
import Testing

@testable import FeedBuilder
import ICalendar
import JSON
import Timetable

/// A series master's length is what every instance of the series lasts. RFC 5545 measures
/// DTEND - DTSTART exactly, but recurring-ical-events, Home Assistant's `ical` and Thunderbird
/// take it in wall time, and libical and khal read an end in a repeated hour with the later
/// offset: a master whose first class crosses a clock change then shows the class one or two
/// hours too long all year. Such a series starts a week later, its first class an event of its
/// own; only where no instance is exact does the master state DURATION (exact for hours and
/// minutes, §3.3.6), which libical in turn measures in wall time.
@Suite struct SeriesMasterLengthTests {
    static func schedule(zone: String, day: String, start: String, minutes: Int, from: String, exceptions: String = "") -> String {
        """
        {"calendar": {"id": "s", "name": "S", "timezone": "\(zone)", "uidDomain": "s.example"},
         "classes": [{"id": "c", "title": "C", "days": ["\(day)"], "start": "\(start)", "durationMinutes": \(minutes), "from": "\(from)"}],
         "exceptions": [\(exceptions)]}
        """
    }

    static func seriesFeed(_ json: String, from: String, to: String, stamp: Int64 = 1_796_000_000,
                           history: RevisionHistory = RevisionHistory(), show: Bool = false) throws -> [UInt8] {
        var s = try Support.schedule(json)
        if show { s.calendar.cancellations = .show }
        var options = FeedOptions(
            from: try #require(LocalDate(iso: from)), to: try #require(LocalDate(iso: to)), stamp: stamp, style: .series)
        options.history = history
        return FeedBuilder(schedule: s, options: options).feed(classIndex: 0).bytes
    }

    /// The master VEVENT (the one with an RRULE) as its unfolded lines.
    static func master(_ bytes: [UInt8]) throws -> Component {
        let cal = try #require(try ICalendarReader().parse(bytes).first)
        return try #require(cal.components(named: "VEVENT").first { $0.property("RRULE") != nil })
    }

    /// The length of every instance as a reader that works in wall time sees it: DTEND - DTSTART
    /// as wall times, or DURATION; nil when an end in a repeated hour makes the reading depend on
    /// the offset a reader picks (libical and khal pick the later one).
    static func wallClockLength(_ master: Component, _ rules: ZoneRules) throws -> Int64? {
        if let d = master.property("DURATION") {
            let parsed = try #require(RecurrenceExpander.parseDuration(d.value))
            #expect(parsed.days == 0, "a day in a DURATION is a calendar day, not 24 hours")
            return Int64(parsed.seconds)
        }
        let startValue = try #require(master.property("DTSTART")).value
        let endValue = try #require(master.property("DTEND")).value
        let start = try #require(LocalDateTime(basic: startValue))
        let end = try #require(LocalDateTime(basic: endValue))
        guard FeedBuilder.isPlain(start, rules), FeedBuilder.isPlain(end, rules) else { return nil }
        return end.localSeconds - start.localSeconds
    }

    /// Checks a class whose first instance in the window crosses a clock change: the master
    /// starts a week later with an exact DTEND, the first class is an event of its own, and the
    /// feed expands to exactly the engine's occurrences.
    func expectFirstClassStandsAlone(zone: String, first: LocalDateTime, minutes: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let rules = try Support.database.rules(for: zone)
        let json = Self.schedule(zone: zone, day: first.date.weekday.name, start: "\(first.time)", minutes: minutes, from: "\(first.date)")
        let from = first.date.adding(days: -3)
        let to = first.date.adding(days: 120)
        let bytes = try Self.seriesFeed(json, from: "\(from)", to: "\(to)")
        let master = try Self.master(bytes)
        let second = LocalDateTime(date: first.date.adding(days: 7), time: first.time)
        #expect(master.property("DTSTART")?.value == second.basicFormat, sourceLocation: sourceLocation)
        #expect(master.property("DURATION") == nil, sourceLocation: sourceLocation)
        #expect(try Self.wallClockLength(master, rules) == Int64(minutes) * 60, sourceLocation: sourceLocation)
        let cal = try #require(try ICalendarReader().parse(bytes).first)
        let alone = cal.components(named: "VEVENT").filter { $0.property("UID")?.value == "c-\(first.date.basicFormat)@s.example" }
        #expect(alone.count == 1 && alone.first?.property("RRULE") == nil, "the first class, an event of its own", sourceLocation: sourceLocation)
        // Every instance, the first included, at its exact times.
        let lo = rules.instant(for: LocalDateTime(date: from, time: LocalTime(secondsOfDay: 0)))
        let hi = rules.instant(for: LocalDateTime(date: to.adding(days: 1), time: LocalTime(secondsOfDay: 0)))
        let expanded = try SeriesAgreementTests.instances(bytes, lo: lo, hi: hi).map { String($0.prefix(33)) }
        let expected = RecurrenceEngine(schedule: try Support.schedule(json)).occurrences(ofClass: 0, from: from, to: to)
            .map { "\(Property.utcString($0.start)) \(Property.utcString($0.end))" }.sorted()
        #expect(expanded == expected, sourceLocation: sourceLocation)
        #expect(expected.count > 10, sourceLocation: sourceLocation)
    }

    @Test("Santiago 23:30 for 60 minutes, first class on the night the clocks go forward at midnight: not the master")
    func santiagoFirstClassAcrossMidnightChange() throws {
        // DTEND 01:30 after DTSTART 23:30 is exactly 60 minutes, but two hours in wall time.
        try expectFirstClassStandsAlone(zone: "America/Santiago", first: try #require(LocalDateTime(basic: "20260905T233000")), minutes: 60)
    }

    @Test("the event budget counted before building still bounds a series with a class of its own")
    func budgetCountsLeadEvents() throws {
        let json = Self.schedule(zone: "America/Santiago", day: "saturday", start: "23:30", minutes: 60, from: "2026-09-05")
        let s = try Support.schedule(json)
        let from = try #require(LocalDate(iso: "2026-09-01"))
        let to = try #require(LocalDate(iso: "2027-04-30"))
        let feed = FeedBuilder(schedule: s, options: FeedOptions(from: from, to: to, stamp: 0, style: .series)).feed(classIndex: 0)
        #expect(feed.eventCount == 2)
        #expect(feed.eventCount <= OccurrenceBudget.count(s, from: from, to: to, style: .series))
        #expect(feed.eventCount <= OccurrenceBudget.upperBound(s, from: from, to: to, style: .series))
    }

    @Test("Casablanca 54 minutes ending in the repeated hour of the night the clocks go back: not the master")
    func casablancaEndInRepeatedHour() throws {
        // The first night from September 2026 on when Morocco's clocks go back (7 Feb 2027 at
        // 03:00 in tz 2025b; 20 Sep 2026 at 02:00 in 2026f): a class 30 minutes before the
        // repeated hour ends in it, and read with the later offset (libical, khal) lasts 114 minutes.
        let rules = try Support.database.rules(for: "Africa/Casablanca")
        let september = rules.instant(for: try #require(LocalDateTime(basic: "20260901T000000")))
        let back = try #require(rules.transitions(from: september, to: september + 3 * 366 * 86400).first { $0.after.seconds < $0.before.seconds })
        let start = LocalDateTime(localSeconds: rules.localDateTime(at: back.instant).localSeconds - 1800)
        guard case .ambiguous = rules.resolve(LocalDateTime(localSeconds: start.localSeconds + 54 * 60)) else {
            Issue.record("the class's end should be in the repeated hour")
            return
        }
        try expectFirstClassStandsAlone(zone: "Africa/Casablanca", first: start, minutes: 54)
    }

    @Test("a master is never a lone instance: a class whose only date crosses a change is one event")
    func onlyInstanceCrossesTheChange() throws {
        let json = """
            {"calendar": {"id": "s", "name": "S", "timezone": "America/Santiago", "uidDomain": "s.example"},
             "classes": [{"id": "c", "title": "C", "days": ["saturday"], "start": "23:30", "durationMinutes": 60, "from": "2026-09-05", "until": "2026-09-10"}]}
            """
        let bytes = try Self.seriesFeed(json, from: "2026-09-01", to: "2026-12-31")
        let cal = try #require(try ICalendarReader().parse(bytes).first)
        let events = cal.components(named: "VEVENT")
        #expect(events.count == 1)
        #expect(events.first?.property("UID")?.value == "c-20260905@s.example")
        #expect(events.first?.property("RRULE") == nil)
        #expect(events.first?.property("DTEND")?.value == "20260906T013000")
    }

    @Test("an ordinary master keeps DTEND (the golden files do not change)")
    func ordinaryMasterKeepsDTEND() throws {
        let json = Self.schedule(zone: "America/Santiago", day: "saturday", start: "23:30", minutes: 60, from: "2026-09-12")
        let master = try Self.master(try Self.seriesFeed(json, from: "2026-09-01", to: "2027-04-30"))
        #expect(master.property("DTEND")?.value == "20260913T003000")
        #expect(master.property("DURATION") == nil)
    }

    static let zones = [
        "America/Santiago", "Africa/Casablanca", "Europe/London", "America/New_York", "Australia/Sydney",
        "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham", "America/Sao_Paulo", "America/Havana",
        "America/Asuncion", "Asia/Beirut",
    ]

    @Test("every series master's length reads the same exactly and in wall time (seeded)", arguments: 0..<40)
    func masterLengthIsWallClockExact(seed: Int) throws {
        var g = SeededGenerator(state: UInt64(seed) &* 104_729 &+ 3)
        let zone = Self.zones[seed % Self.zones.count]
        let rules = try Support.database.rules(for: zone)
        // Start on or just before a night the clocks change, so the first class crosses it.
        let year = Int.random(in: 2026...2030, using: &g)
        let lo = rules.instant(for: LocalDateTime(date: try #require(LocalDate(year: year, month: 1, day: 1)), time: LocalTime(secondsOfDay: 0)))
        let changes = rules.transitions(from: lo, to: lo + 366 * 86400).map(\.instant)
        for _ in 0..<12 {
            let day: LocalDate
            if let t = changes.randomElement(using: &g) {
                day = rules.localDateTime(at: t).date.adding(days: Int.random(in: -1...0, using: &g))
            } else {
                day = try #require(LocalDate(year: year, month: Int.random(in: 1...12, using: &g), day: 1))
            }
            let minutes = [1, 15, 30, 54, 60, 90, 120, 240, 1440].randomElement(using: &g) ?? 60
            let start = LocalTime(secondsOfDay: 60 * (Int.random(in: 0..<48, using: &g) * 30 + Int.random(in: 0...1, using: &g) * 15))
            let json = Self.schedule(zone: zone, day: day.weekday.name, start: "\(start)", minutes: minutes, from: "\(day)")
            let master = try Self.master(try Self.seriesFeed(json, from: "\(day.adding(days: -3))", to: "\(day.adding(days: 60))"))
            #expect(try Self.wallClockLength(master, rules) == Int64(minutes) * 60, "\(zone) \(day) \(start) \(minutes) min: \(master.properties.map { "\($0.name):\($0.value)" })")
        }
    }

    @Test("overrides on a clock-change night keep their exact times")
    func overridesOnChangeNights() throws {
        // The first class moves to 23:45 (still across the change); 2027-04-03 (23:30 happens twice) is cancelled.
        let json = Self.schedule(
            zone: "America/Santiago", day: "saturday", start: "23:30", minutes: 60, from: "2026-09-05",
            exceptions: #"{"date": "2026-09-05", "class": "c", "moveTo": {"start": "23:45"}}, {"date": "2027-04-03", "reason": "Cambio de hora"}"#)
        let schedule = try Support.schedule(json)
        for show in [false, true] {
            let bytes = try Self.seriesFeed(json, from: "2026-09-01", to: "2027-04-30", show: show)
            let rules = try Support.database.rules(for: "America/Santiago")
            let lo = rules.instant(for: try #require(LocalDateTime(basic: "20260901T000000")))
            let hi = rules.instant(for: try #require(LocalDateTime(basic: "20270501T000000")))
            let series = try SeriesAgreementTests.instances(bytes, lo: lo, hi: hi)
            let engine = RecurrenceEngine(schedule: schedule)
            let expected = engine.occurrences(ofClass: 0, from: try #require(LocalDate(iso: "2026-09-01")), to: try #require(LocalDate(iso: "2027-04-30")))
                .filter { !$0.isCancelled || show }
                .map { "\(Property.utcString($0.start)) \(Property.utcString($0.end))" }
            #expect(series.map { String($0.prefix(33)) } == expected.sorted(), "show: \(show)")
            #expect(series.first?.hasPrefix("20260906T034500Z 20260906T044500Z") == true, "the moved first class, 60 minutes")
        }
    }

    /// A made-up zone (TZif version 1, named UTC so it can stand in for the real one) whose clocks
    /// change at 00:00 UTC every night for `nights` nights from `day`, alternating +00:00 and
    /// +01:00: a daily class at 23:30 for two hours crosses a change every night.
    static func nightlyZone(from day: LocalDate, nights: Int) throws -> ZoneRules {
        var b = Array("TZif".utf8) + [UInt8](repeating: 0, count: 16)
        func be32(_ v: Int) { b += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: v >> $0) } }
        let chars = Array("AAA\0BBB\0".utf8)
        for c in [0, 0, 0, nights, 2, chars.count] { be32(c) }
        for k in 0..<nights { be32((day.dayNumber + k + 1) * 86400) }
        for k in 0..<nights { b.append(k % 2 == 0 ? 1 : 0) }
        be32(0)
        b += [0, 0]
        be32(3600)
        b += [1, 4]
        b += chars
        return try ZoneRules(identifier: "UTC", tzif: b)
    }

    static let nightlyDay = LocalDate(year: 2026, month: 9, day: 1)!

    static func nightlyFeed(title: String = "C", stamp: Int64, history: RevisionHistory = RevisionHistory()) throws -> [UInt8] {
        let json = """
            {"calendar": {"id": "s", "name": "S", "timezone": "UTC", "uidDomain": "s.example"},
             "classes": [{"id": "c", "title": "\(title)", "days": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
                          "start": "23:30", "durationMinutes": 120, "from": "\(nightlyDay)"}]}
            """
        var s = try Support.schedule(json)
        s.zones["UTC"] = try nightlyZone(from: nightlyDay, nights: 40)
        var options = FeedOptions(from: nightlyDay, to: nightlyDay.adding(days: 20), stamp: stamp, style: .series)
        options.history = history
        return FeedBuilder(schedule: s, options: options).feed(classIndex: 0).bytes
    }

    @Test("when every instance crosses a change (no real zone does), the master states DURATION")
    func durationWhenNoInstanceIsExact() throws {
        let bytes = try Self.nightlyFeed(stamp: 1_790_000_000)
        let master = try Self.master(bytes)
        #expect(master.property("DTSTART")?.value == "20260901T233000")
        #expect(master.property("DTEND") == nil)
        #expect(master.property("DURATION")?.value == "PT120M")
        let cal = try #require(try ICalendarReader().parse(bytes).first)
        #expect(cal.components(named: "VEVENT").count == 1, "no events of their own")
    }

    @Test("a master with DURATION keeps its SEQUENCE and DTSTAMP when rebuilt unchanged")
    func durationMasterRevisionsCarryForward() throws {
        let first = try Self.nightlyFeed(stamp: 1_790_000_000)
        #expect(try Self.master(first).property("DURATION")?.value == "PT120M")
        var history = RevisionHistory()
        try history.add(feed: first)
        let second = try Self.nightlyFeed(stamp: 1_796_000_000, history: history)
        #expect(second == first, "an unchanged rebuild changes nothing")

        // A real change still counts: SEQUENCE 1 and the new stamp on the master.
        let third = try Self.nightlyFeed(title: "C2", stamp: 1_796_000_000, history: history)
        let master = try Self.master(third)
        #expect(master.property("SEQUENCE")?.value == "1")
        #expect(master.property("DTSTAMP")?.value == Property.utcString(1_796_000_000))
    }

    @Test("a series starting with a class of its own keeps every revision when rebuilt unchanged")
    func leadEventRevisionsCarryForward() throws {
        let json = Self.schedule(zone: "America/Santiago", day: "saturday", start: "23:30", minutes: 60, from: "2026-09-05",
                                 exceptions: #"{"date": "2027-04-03", "reason": "Cambio de hora"}"#)
        let first = try Self.seriesFeed(json, from: "2026-09-01", to: "2027-04-30", stamp: 1_790_000_000, show: true)
        var history = RevisionHistory()
        try history.add(feed: first)
        let second = try Self.seriesFeed(json, from: "2026-09-01", to: "2027-04-30", stamp: 1_796_000_000, history: history, show: true)
        #expect(second == first, "an unchanged rebuild changes nothing")
    }
}
