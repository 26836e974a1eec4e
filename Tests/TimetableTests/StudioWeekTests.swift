import CivilTime
import TestSupport
import Testing

@testable import Timetable

// Issue #15: classes every N weeks and on nth weekdays of the month, changes to occurrences,
// tags, booking link templates and feeds, as the schedule states them and the engine expands
// them. Feed output is tested in FeedBuilderTests.

private func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

private func withClasses(_ classes: [String], exceptions: [String]? = nil) -> String {
    ScheduleFixture.json(classes: classes, exceptions: exceptions)
}

/// The dates a class runs on in `from...to`, as the engine expands them (before exceptions).
private func dates(_ cls: ClassDefinition, _ from: String, _ to: String) -> [LocalDate] {
    var out: [LocalDate] = []
    cls.forEachScheduledDate(in: d(from)...d(to)) { out.append($0) }
    return out.sorted()
}

private let priyaMonday =
    #"{ "id": "hips-monday", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 30, "instructor": "Priya", "location": "Studio 1" }"#

@Suite("A studio's week: patterns, changes, feeds")
struct StudioWeekTests {
    // MARK: - Every N weeks

    @Test("every other Wednesday counts weeks from the week of its first date")
    func everyOtherWednesday() throws {
        let s = try ScheduleFixture.schedule(withClasses([
            #"{ "id": "beg", "title": "Beginners", "days": ["wednesday"], "every": 2, "from": "2027-01-06", "start": "18:00", "durationMinutes": 45 }"#
        ]))
        #expect(dates(s.classes[0], "2026-12-01", "2027-02-28") == ["2027-01-06", "2027-01-20", "2027-02-03", "2027-02-17"].map(d))
        #expect(s.classes[0].runs(on: d("2027-01-20")))
        #expect(!s.classes[0].runs(on: d("2027-01-13")))
        #expect(s.classes[0].pattern.recurrenceWords == "every other Wednesday")
    }

    @Test("a from that is not a class day anchors on the first class day after it, as DTSTART does")
    func anchorIsTheFirstClassDay() throws {
        // From a Thursday: the first Monday is 11 January, so that week is on, the next off.
        let s = try ScheduleFixture.schedule(withClasses([
            #"{ "id": "beg", "title": "B", "days": ["monday", "friday"], "every": 2, "from": "2027-01-07", "start": "18:00", "durationMinutes": 45 }"#
        ]))
        #expect(dates(s.classes[0], "2027-01-01", "2027-01-31") == ["2027-01-08", "2027-01-18", "2027-01-22"].map(d))
        // From Thursday 7 Jan the first class day is Friday 8 Jan: its week (4-10 Jan) is on.
        #expect(s.classes[0].pattern.recurrenceWords == "every other week on Mondays and Fridays")
    }

    @Test("runs(on:), the expansion, the count and runs(in:) agree for every-N-weeks and monthly classes (seeded)")
    func patternViewsAgree() throws {
        var rng = SeededRandom(state: 0x5EED_0015)
        let ordinals = [1, 2, 3, 4, 5, -1]
        for _ in 0..<PropertyRounds.of(400) {
            let days = Array(Set((0..<Int.random(in: 1...3, using: &rng)).map { _ in Weekday.allCases.randomElement(using: &rng)! })).sorted()
            let from = d("2026-01-01").adding(days: Int.random(in: 0...700, using: &rng))
            let pattern: ClassPattern
            if Bool.random(using: &rng) {
                let n = Int.random(in: 2...6, using: &rng)
                pattern = .everyNWeeks(days: days, interval: n, anchor: ClassPattern.anchor(from: from, days: days))
            } else {
                let monthly = Set(days.map { MonthlyDay(ordinal: ordinals.randomElement(using: &rng)!, weekday: $0) })
                pattern = .monthly(monthly.sorted())
            }
            let cls = ClassDefinition(
                id: "c", title: "C", pattern: pattern, start: LocalTime(hour: 10, minute: 0)!, durationMinutes: 30, from: from,
                until: nil, description: nil, location: nil, instructor: nil, url: nil, timeZone: nil,
                entry: EntryPosition(index: 0, offset: 0))
            let lo = from.adding(days: Int.random(in: -60...400, using: &rng))
            let hi = lo.adding(days: Int.random(in: 0...500, using: &rng))
            var expanded: [LocalDate] = []
            cls.forEachScheduledDate(in: lo...hi) { expanded.append($0) }
            var scanned: [LocalDate] = []
            var day = lo
            while day <= hi {
                if cls.runs(on: day) { scanned.append(day) }
                day = day.adding(days: 1)
            }
            #expect(expanded.sorted() == scanned, "\(pattern) \(lo)...\(hi)")
            #expect(Set(expanded).count == expanded.count)
            #expect(cls.scheduledCount(in: lo...hi) == scanned.count, "\(pattern) \(lo)...\(hi)")
            // runs(in:) looks ahead at most a year.
            if hi.dayNumber - lo.dayNumber <= 366 { #expect(cls.runs(in: lo...hi) == !scanned.isEmpty, "\(pattern) \(lo)...\(hi)") }
            // The first date of an every-N-weeks class is its DTSTART: the weeks are counted from it.
            if case .everyNWeeks(_, let n, _) = pattern, let first = scanned.first, lo <= from {
                #expect(ClassPattern.weekIndex(of: first, anchor: ClassPattern.monday(of: first)) == 0)
                for date in scanned { #expect((ClassPattern.monday(of: date).dayNumber - ClassPattern.monday(of: first).dayNumber) % (7 * n) == 0) }
            }
        }
    }

    // MARK: - Monthly

    @Test("the first, the last, and the second and fourth weekday of each month")
    func monthlyDates() throws {
        let s = try ScheduleFixture.schedule(withClasses([
            #"{ "id": "workshop", "title": "Workshop", "monthly": ["first saturday"], "start": "10:00", "durationMinutes": 120 }"#,
            #"{ "id": "flow", "title": "Flow", "monthly": ["fourth tuesday", "second tuesday"], "start": "10:00", "durationMinutes": 60 }"#,
            #"{ "id": "late", "title": "Late", "monthly": ["last friday"], "start": "20:00", "durationMinutes": 60 }"#,
        ]))
        #expect(dates(s.classes[0], "2027-01-01", "2027-04-30") == ["2027-01-02", "2027-02-06", "2027-03-06", "2027-04-03"].map(d))
        #expect(dates(s.classes[1], "2027-01-01", "2027-02-28") == ["2027-01-12", "2027-01-26", "2027-02-09", "2027-02-23"].map(d))
        #expect(dates(s.classes[2], "2027-01-01", "2027-03-31") == ["2027-01-29", "2027-02-26", "2027-03-26"].map(d))
        #expect(s.classes[0].pattern.recurrenceWords == "first Saturday of the month")
        #expect(s.classes[1].pattern.recurrenceWords == "second and fourth Tuesday of the month")
        #expect(s.classes[2].pattern.recurrenceWords == "last Friday of the month")
    }

    @Test("a fifth weekday runs only in the months that have one, as BYDAY=5SA does")
    func fifthWeekday() throws {
        let s = try ScheduleFixture.schedule(withClasses([
            #"{ "id": "extra", "title": "Extra", "monthly": ["fifth saturday"], "start": "10:00", "durationMinutes": 60 }"#
        ]))
        #expect(dates(s.classes[0], "2027-01-01", "2027-12-31") == ["2027-01-30", "2027-05-29", "2027-07-31", "2027-10-30"].map(d))
    }

    @Test("monthly classes across clock changes: the gap shifts forward, the repeated hour takes the first")
    func monthlyAcrossClockChanges() throws {
        // Europe/London: clocks go forward at 01:00 on Sunday 28 March 2027 and back at 02:00
        // on Sunday 31 October 2027, both the last Sunday of the month.
        let s = try ScheduleFixture.schedule(withClasses([
            #"{ "id": "night", "title": "Night", "monthly": ["last sunday"], "start": "01:30", "durationMinutes": 60 }"#
        ]))
        let engine = RecurrenceEngine(schedule: s)
        let march = try #require(engine.occurrences(ofClass: 0, from: d("2027-03-01"), to: d("2027-03-31")).first)
        #expect(march.date == d("2027-03-28") && march.startWasInGap)
        #expect(march.localStart.time == LocalTime(hour: 2, minute: 30)!)
        #expect(march.start == Int64(d("2027-03-28").dayNumber) * 86400 + 3600 + 1800)  // 01:30 UTC = 02:30 BST
        let october = try #require(engine.occurrences(ofClass: 0, from: d("2027-10-01"), to: d("2027-10-31")).first)
        #expect(october.date == d("2027-10-31") && october.startWasAmbiguous)
        #expect(october.start == Int64(d("2027-10-31").dayNumber) * 86400 + 1800)  // the first 01:30 is BST, 00:30 UTC
        #expect(october.end - october.start == 3600)
        // A fortnightly class over the spring change keeps its wall time on both sides.
        let f = try ScheduleFixture.schedule(withClasses([
            #"{ "id": "beg", "title": "B", "days": ["sunday"], "every": 2, "from": "2027-03-14", "start": "18:00", "durationMinutes": 45 }"#
        ]))
        let around = RecurrenceEngine(schedule: f).occurrences(ofClass: 0, from: d("2027-03-14"), to: d("2027-04-11"))
        #expect(around.map(\.date) == ["2027-03-14", "2027-03-28", "2027-04-11"].map(d))
        #expect(around.allSatisfy { $0.localStart.time == LocalTime(hour: 18, minute: 0)! })
        #expect(around[1].start - around[0].start == 14 * 86400 - 3600)
    }

    // MARK: - Changes

    @Test("a change over a range gives each occurrence in it the new values, keeping its identity")
    func changeOverARange() throws {
        let s = try ScheduleFixture.schedule(withClasses([priyaMonday], exceptions: [
            #"{ "from": "2027-01-04", "to": "2027-01-25", "class": "hips-monday", "change": { "instructor": "Sam" }, "reason": "Priya away" }"#,
            #"{ "date": "2027-01-11", "class": "hips-monday", "change": { "location": "Studio 2", "durationMinutes": 45, "note": "bring a strap" } }"#,
        ]))
        let engine = RecurrenceEngine(schedule: s)
        let all = engine.occurrences(ofClass: 0, from: d("2026-12-28"), to: d("2027-02-01"))
        #expect(all.map { s.instructor(of: $0) ?? "" } == ["Priya", "Sam", "Sam", "Sam", "Sam", "Priya"])
        #expect(all.map { s.location(of: $0) ?? "" } == ["Studio 1", "Studio 1", "Studio 2", "Studio 1", "Studio 1", "Studio 1"])
        let eleventh = all[2]
        #expect(eleventh.originalDate == d("2027-01-11") && eleventh.movedFrom == nil)
        #expect(eleventh.end - eleventh.start == 45 * 60)
        #expect(eleventh.change?.note == "bring a strap")
        #expect(eleventh.changeReason == "Priya away")  // the first entry's
        #expect(all[1].end - all[1].start == 30 * 60)
        // A series states every changed date as an override.
        #expect(engine.exceptionalDates(ofClass: 0, from: d("2026-12-28")) == ["2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25"].map(d))
        #expect(ExceptionEffects.changeSentence(eleventh.change!, s.classes[0], date: eleventh.date)
            == "Sam covers Hips on Mon 11 Jan 2027: in Studio 2, 45 minutes, note: bring a strap")
    }

    @Test("a moved occurrence may change too")
    func moveWithChange() throws {
        let s = try ScheduleFixture.schedule(withClasses([priyaMonday], exceptions: [
            #"{ "date": "2027-01-04", "class": "hips-monday", "moveTo": { "start": "18:00" }, "change": { "location": "Studio 2" } }"#
        ]))
        let o = try #require(RecurrenceEngine(schedule: s).occurrence(ofClass: 0, originalDate: d("2027-01-04")))
        #expect(o.movedFrom != nil && o.localStart.time == LocalTime(hour: 18, minute: 0)!)
        #expect(s.location(of: o) == "Studio 2" && s.instructor(of: o) == "Priya")
    }

    @Test("changes that cannot be: nothing changed, no occurrence, cancelled, two values for one field")
    func changeErrors() {
        let cases: [(String, [String])] = [
            (#"{ "date": "2027-01-04", "class": "hips-monday", "change": { "instructor": "Priya" } }"#,
             ["schedule.json:7:5: error: exceptions[0].change: the change changes nothing: \"hips-monday\" already has instructor Priya\n  hint: give another instructor, location, title, note or length, or remove the entry"]),
            (#"{ "date": "2027-01-05", "class": "hips-monday", "change": { "instructor": "Sam" } }"#,
             ["schedule.json:7:5: error: exceptions[0].date: class \"hips-monday\" has no occurrence on Tue 5 Jan 2027 to change\n  hint: it runs on mondays"]),
            (#"{ "date": "2027-01-04", "change": { "instructor": "Sam" } }"#,
             ["schedule.json:7:5: error: exceptions[0]: a change applies to one class: add \"class\", the id of the class that changes"]),
            (#"{ "date": "2027-01-04", "class": "hips-monday", "change": {} }"#,
             ["schedule.json:7:63: error: exceptions[0].change: \"change\" is empty; give a new \"instructor\", \"location\", \"title\", \"note\" or \"durationMinutes\"\n  hint: e.g. \"change\": { \"instructor\": \"Sam\" }"]),
        ]
        for (entry, expected) in cases {
            #expect(ScheduleFixture.diagnostics(withClasses([priyaMonday], exceptions: [entry])) == expected)
        }
        #expect(ScheduleFixture.diagnostics(withClasses([priyaMonday], exceptions: [
            #"{ "date": "2027-01-04", "class": "hips-monday", "reason": "Closed" }"#,
            #"{ "date": "2027-01-04", "class": "hips-monday", "change": { "instructor": "Sam" } }"#,
        ])) == ["schedule.json:8:5: error: exceptions[1]: cannot change the Mon 4 Jan 2027 occurrence of \"hips-monday\": exceptions[0] cancels it\n  hint: remove the cancellation or the change"])
        #expect(ScheduleFixture.diagnostics(withClasses([priyaMonday], exceptions: [
            #"{ "from": "2027-01-04", "to": "2027-01-25", "class": "hips-monday", "change": { "instructor": "Sam" } }"#,
            #"{ "date": "2027-01-11", "class": "hips-monday", "change": { "instructor": "Alex", "location": "Studio 2" } }"#,
        ])) == ["schedule.json:8:5: error: exceptions[1].change.instructor: exceptions[0] and exceptions[1] both change the Mon 11 Jan 2027 occurrence of \"hips-monday\": instructor \"Sam\" and \"Alex\"\n  hint: keep one instructor for that date: shorten one range, or remove one of them"])
        // A range that is partly cancelled changes the rest, and is fine.
        #expect(ScheduleFixture.diagnostics(withClasses([priyaMonday], exceptions: [
            #"{ "date": "2027-01-11", "class": "hips-monday", "reason": "Closed" }"#,
            #"{ "from": "2027-01-04", "to": "2027-01-25", "class": "hips-monday", "change": { "instructor": "Sam" } }"#,
        ])) == [])
    }

    // MARK: - Shapes

    @Test("wrong shapes for the new keys are located errors with hints")
    func shapeErrors() {
        func one(_ cls: String) -> [String] { ScheduleFixture.diagnostics(withClasses([cls])) }
        #expect(one(#"{ "id": "beg", "title": "B", "days": ["wednesday"], "every": 0, "from": "2027-01-06", "start": "18:00", "durationMinutes": 45 }"#)
            == ["schedule.json:4:66: error: classes[0].every: expected a whole number of weeks from 1 to 52, found 0\n  hint: 2 is every other week; leave \"every\" out for every week"])
        #expect(one(#"{ "id": "beg", "title": "B", "days": ["wednesday"], "every": 2, "start": "18:00", "durationMinutes": 45 }"#)
            == ["schedule.json:4:5: error: classes[0]: a class every 2 weeks needs \"from\": the date it first runs, from which the weeks are counted\n  hint: add \"from\": \"YYYY-MM-DD\", a date of a week the class runs"])
        #expect(one(#"{ "id": "ws", "title": "W", "monthly": ["first saturday"], "every": 2, "start": "10:00", "durationMinutes": 120 }"#)
            == ["schedule.json:4:73: error: classes[0].every: \"every\" counts weeks between runs of a class on \"days\"; this class has no \"days\"\n  hint: a monthly class runs every month; leave \"every\" out"])
        #expect(one(#"{ "id": "ws", "title": "W", "monthly": ["frist saturday"], "start": "10:00", "durationMinutes": 120 }"#)
            == ["schedule.json:4:45: error: classes[0].monthly[0]: unknown ordinal \"frist\" in \"frist saturday\"\n  hint: did you mean \"first saturday\"?"])
        #expect(one(#"{ "id": "ws", "title": "W", "monthly": ["sixth saturday"], "start": "10:00", "durationMinutes": 120 }"#)
            == ["schedule.json:4:45: error: classes[0].monthly[0]: unknown ordinal \"sixth\" in \"sixth saturday\"\n  hint: the ordinal is one of first, second, third, fourth, fifth and last"])
        #expect(one(#"{ "id": "ws", "title": "W", "monthly": ["first saturdy"], "start": "10:00", "durationMinutes": 120 }"#)
            == ["schedule.json:4:45: error: classes[0].monthly[0]: expected a day of the month such as \"first saturday\" or \"last friday\", found \"first saturdy\"\n  hint: did you mean \"first saturday\"?"])
        #expect(one(#"{ "id": "ws", "title": "W", "days": ["monday"], "tags": ["Beginner"], "start": "10:00", "durationMinutes": 120 }"#)
            == ["schedule.json:4:62: error: classes[0].tags[0]: expected a tag made of lowercase letters, digits and '-' (at most 64, not starting with '-'), found \"Beginner\"\n  hint: tags are short words such as \"beginner\"; feeds filter on them"])
        #expect(one(#"{ "id": "ws", "title": "W", "days": ["monday"], "bookingURL": "https://circl.example/book?d={dat}", "start": "10:00", "durationMinutes": 120 }"#)
            == ["schedule.json:4:67: error: classes[0].bookingURL: unknown placeholder {dat} in the booking link\n  hint: did you mean {date}? the placeholders are {date} (YYYY-MM-DD), {time} (HH:MM) and {class} (the class id)"])
        #expect(one(#"{ "id": "ws", "title": "W", "days": ["monday"], "bookingURL": "https://{class}:99999/x", "start": "10:00", "durationMinutes": 120 }"#)
            == ["schedule.json:4:67: error: classes[0].bookingURL: expected a URL with a host name (and a port from 1 to 65535, if any) once its placeholders are filled in (e.g. \"https://ws:99999/x\"), found \"https://{class}:99999/x\"\n  hint: e.g. \"https://circl.example/book?class={class}&date={date}\""])
    }

    @Test("limits: 500 feeds, 20 tags a class, every 1 to 52 weeks, 40 days a month")
    func limits() {
        func errors(_ json: String) -> [String] { ScheduleFixture.diagnostics(json).filter { $0.contains(": error: ") } }
        let feeds = (0...ScheduleLimits.feeds).map { #"{ "id": "f\#($0)", "name": "F", "classes": ["hips-monday"] }"# }
        let tooManyFeeds = ScheduleFixture.json().replacingOccurrences(of: "\n}\n", with: ",\n  \"feeds\": [" + feeds.joined(separator: ", ") + "]\n}\n")
        #expect(errors(tooManyFeeds).count == 1 && errors(tooManyFeeds)[0].contains("feeds: 501 feeds; the limit is 500"))
        let tags = (0...ScheduleLimits.tagsPerClass).map { "\"t\($0)\"" }.joined(separator: ", ")
        let tagged = withClasses([#"{ "id": "c", "title": "C", "days": ["monday"], "start": "10:00", "durationMinutes": 30, "tags": [\#(tags)] }"#])
        #expect(errors(tagged).count == 1 && errors(tagged)[0].contains("classes[0].tags: 21 tags; the limit is 20"))
        let every = withClasses([#"{ "id": "c", "title": "C", "days": ["monday"], "every": 53, "from": "2027-01-04", "start": "10:00", "durationMinutes": 30 }"#])
        #expect(errors(every).count == 1 && errors(every)[0].contains("expected a whole number of weeks from 1 to 52, found 53"))
        #expect(errors(withClasses([#"{ "id": "c", "title": "C", "days": ["monday"], "every": 52, "from": "2027-01-04", "start": "10:00", "durationMinutes": 30 }"#])).isEmpty)
        let days = (0..<41).map { _ in "\"first monday\"" }.joined(separator: ", ")
        let monthly = withClasses([#"{ "id": "c", "title": "C", "monthly": [\#(days)], "start": "10:00", "durationMinutes": 30 }"#])
        #expect(errors(monthly).contains { $0.contains("classes[0].monthly: 41 days a month; at most 40") })
    }

    @Test("the calendar's location is every class's that gives none: for feed filters and for a change that changes nothing")
    func calendarLocationIsTheDefault() throws {
        let json = ScheduleFixture.json(
            calendar: #"  "calendar": { "id": "circl", "name": "CIRCL", "timezone": "Europe/London", "uidDomain": "circl.example", "location": "Studio 1" }"#,
            classes: [ScheduleFixture.hipsMonday])
            .replacingOccurrences(of: "\n}\n", with: ",\n  \"feeds\": [ { \"id\": \"s1\", \"name\": \"Studio 1\", \"location\": \"Studio 1\" } ]\n}\n")
        let s = try ScheduleFixture.schedule(json)
        let o = try #require(RecurrenceEngine(schedule: s).occurrences(ofClass: 0, from: d("2027-01-04"), to: d("2027-01-04")).first)
        #expect(s.location(of: o) == "Studio 1" && s.feed(s.feeds[0], includes: o))
        let nothing = json.replacingOccurrences(
            of: "\n  ],\n  \"feeds\"",
            with: "\n  ],\n  \"exceptions\": [ { \"date\": \"2027-01-04\", \"class\": \"hips-monday\", \"change\": { \"location\": \"Studio 1\" } } ],\n  \"feeds\"")
        #expect(nothing != json)
        #expect(ScheduleFixture.diagnostics(nothing).contains { $0.contains("the change changes nothing: \"hips-monday\" already has location Studio 1") })
    }

    @Test("hints that lead to a valid schedule, not to the next error")
    func hintsLeadSomewhere() {
        func one(_ cls: String, exceptions: [String]? = nil) -> [String] { ScheduleFixture.diagnostics(withClasses([cls], exceptions: exceptions)) }
        #expect(one(#"{ "id": "ws", "title": "W", "monthly": ["First Saturday"], "start": "10:00", "durationMinutes": 120 }"#)
            == ["schedule.json:4:45: error: classes[0].monthly[0]: expected a day of the month in lowercase, found \"First Saturday\"\n  hint: write \"first saturday\""])
        #expect(one(#"{ "id": "ws", "title": "W", "dates": ["2027-01-02"], "every": 2, "start": "10:00", "durationMinutes": 120 }"#)
            == ["schedule.json:4:67: error: classes[0].every: \"every\" counts weeks between runs of a class on \"days\"; this class has no \"days\"\n  hint: a one-off class runs on its \"dates\"; leave \"every\" out"])
        let teacher = one(priyaMonday, exceptions: [#"{ "date": "2027-01-04", "class": "hips-monday", "change": { "teacher": "Sam" } }"#])
        // Only the unknown key: not also "change is empty".
        #expect(teacher.count == 1 && teacher[0].contains("exceptions[0].change.teacher: unknown key \"teacher\""), "\(teacher)")
    }

    @Test("booking links are filled in per occurrence and percent-encoded")
    func bookingLinks() throws {
        let s = try ScheduleFixture.schedule(withClasses([
            #"{ "id": "hips-monday", "title": "Hips", "days": ["monday"], "start": "17:15", "durationMinutes": 30, "bookingURL": "https://circl.example/book?class={class}&date={date}&time={time}" }"#
        ]))
        let o = try #require(RecurrenceEngine(schedule: s).occurrences(ofClass: 0, from: d("2027-01-04"), to: d("2027-01-04")).first)
        #expect(s.bookingURL(of: o) == "https://circl.example/book?class=hips-monday&date=2027-01-04&time=17%3A15")
        #expect(BookingURLTemplate.percentEncoded("a b&c/é") == "a%20b%26c%2F%C3%A9")
    }

    // MARK: - Feeds

    @Test("feeds follow changes per occurrence; filters that match nothing are warnings with hints")
    func feeds() throws {
        let json = ScheduleFixture.json(
            classes: [priyaMonday.replacingOccurrences(of: #""location": "Studio 1""#, with: #""location": "Studio 1", "tags": ["mobility"]"#)],
            exceptions: [#"{ "date": "2027-01-04", "class": "hips-monday", "change": { "instructor": "Sam", "location": "Studio 2" } }"#])
            .replacingOccurrences(of: "\n}\n", with: ",\n  \"feeds\": [\n    " + [
                #"{ "id": "sam", "name": "Classes with Sam", "instructor": "Sam" }"#,
                #"{ "id": "priya", "name": "Classes with Priya", "instructor": "Priya" }"#,
                #"{ "id": "mob", "name": "Mobility", "tag": "mobilty" }"#,
                #"{ "id": "s1sam", "name": "Sam in Studio 1", "location": "Studio 1", "instructor": "Sam" }"#,
            ].joined(separator: ",\n    ") + "\n  ]\n}\n")
        let s = try ScheduleFixture.schedule(json)
        let engine = RecurrenceEngine(schedule: s)
        let all = engine.occurrences(ofClass: 0, from: d("2026-12-28"), to: d("2027-01-11"))
        let sam = s.feeds[0], priya = s.feeds[1]
        #expect(all.filter { s.feed(sam, includes: $0) }.map(\.date) == [d("2027-01-04")])
        #expect(all.filter { s.feed(priya, includes: $0) }.map(\.date) == [d("2026-12-28"), d("2027-01-11")])
        let membership = FeedMembership(s)
        #expect(membership.feed(sam, mayInclude: 0) && membership.feed(priya, mayInclude: 0) && !membership.isUniform(classIndex: 0, for: sam))
        #expect(ScheduleFixture.diagnostics(json) == [
            "schedule.json:12:5: warning: feeds[2].tag: no class has the tag \"mobilty\"; the feed has no events\n  hint: did you mean \"mobility\"?",
            "schedule.json:13:5: warning: feeds[3]: no class matches instructor Sam, location Studio 1; the feed has no events\n  hint: every filter given must match: check them together",
        ])
    }
}
