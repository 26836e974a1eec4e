// A studio's week in two zones, written as a feed, read back and expanded: what a Swift server
// does with the ICalendar library. Run: swift run studio-feed (the instances it reads back), or
// swift run studio-feed --ics > studio.ics (the feed itself; .ci/docs-interop.sh reads it with
// the interop suite's engines).
import Glibc
import ICalendar

let database = TimeZoneDatabase()
// DTSTAMP is this run's time: the executable reads the clock, the library never does.
let now = Int64(time(nil))

do {
    let london = "Europe/London"
    let mondays = try RecurrenceRule(.weekly, byDay: [.every(.monday)], end: .until(.utc(1_806_000_000)))
    var hips = try Event(
        uid: "hips@stillpoint.example", start: .local(2026, 11, 30, 17, 15, in: london),
        end: .duration(.minutes(30)), summary: "Hip Mobility & Stretch", location: "Studio 1",
        categories: ["Yoga", "Mobility"], recurrenceRule: mondays,
        exceptionDates: [.local(2026, 12, 28, 17, 15, in: london)])
    // One Monday moves to 18:00 with a cover teacher.
    hips.overrides.append(
        try Event(
            uid: hips.uid, start: .local(2027, 1, 11, 18, 0, in: london), end: .duration(.minutes(30)),
            summary: "Hip Mobility & Stretch (cover: Sam)", sequence: 1,
            recurrenceID: .local(2027, 1, 11, 17, 15, in: london)))
    let lastFridays = try RecurrenceRule(.monthly, byDay: [.last(.friday)], end: .count(6))
    let social = try Event(
        uid: "social@stillpoint.example", start: .local(2026, 12, 25, 19, 0, in: "America/New_York"),
        end: .at(.local(2026, 12, 25, 21, 0, in: "America/New_York")), summary: "Members' social, NYC",
        url: "https://stillpoint.example/social", recurrenceRule: lastFridays)
    let closed = try Event(uid: "closed-2026@stillpoint.example", start: .allDay(2026, 12, 24), end: .at(.allDay(2026, 12, 27)), summary: "Studio closed")
    let calendar = Calendar(
        name: "Stillpoint Studio", description: "Every class, in its own zone", refreshInterval: .hours(1),
        events: [hips, social, closed])
    let body = try calendar.serialized(stamp: now, timeZones: database)
    if CommandLine.arguments.dropFirst().first == "--ics" {
        _ = write(1, body, body.count)
        exit(0)
    }
    // Read it back and list the next instances, in London time.
    let read = try Calendar(parsing: body)
    let rules = try database.rules(for: london)
    for i in try read.occurrences(from: 1_796_000_000, to: 1_800_000_000, timeZones: database) {
        print("\(rules.localDateTime(at: i.start)) London  \(i.summary)")
    }
    print("\(body.count) bytes, \(read.events.count) events")
} catch {
    print("studio-feed: \(error)")
    exit(65)
}
