// The code of the DocC articles, compiled. Between the markers it is the articles' code verbatim
// (their `import ICalendar` line aside); DocCArticleTests checks both copies agree and runs it.
// No Foundation here, as in a reader's first program.
import ICalendar

// ServingAFeed block 1 begins
struct FeedResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]
}

struct FeedEndpoint: Sendable {
    let timeZones = TimeZoneDatabase()

    /// The studio's events and when they last changed, from your own storage.
    func load() throws -> (events: [Event], lastEdited: Int64) {
        let mondays = try RecurrenceRule(.weekly, byDay: [.every(.monday)])
        let hips = try Event(
            uid: "hips@stillpoint.example", start: .local(2026, 11, 30, 17, 15, in: "Europe/London"),
            end: .duration(.minutes(30)), summary: "Hip Mobility & Stretch", recurrenceRule: mondays)
        return ([hips], 1_796_000_000)
    }

    func respond(path: String, ifNoneMatch: String?) -> FeedResponse {
        guard path == "/classes.ics" else { return FeedResponse(status: 404, headers: [], body: []) }
        do {
            let (events, lastEdited) = try load()
            let calendar = Calendar(name: "Stillpoint Studio", refreshInterval: .hours(1), events: events)
            let body = try calendar.serialized(stamp: lastEdited, timeZones: timeZones)
            let etag = "\"" + String(Self.hash(body), radix: 16) + "\""
            if ifNoneMatch == etag { return FeedResponse(status: 304, headers: [("ETag", etag)], body: []) }
            return FeedResponse(
                status: 200,
                headers: [
                    ("Content-Type", "text/calendar; charset=utf-8"),
                    ("Content-Disposition", "inline; filename=\"classes.ics\""),
                    ("Cache-Control", "public, max-age=900"),
                    ("ETag", etag),
                ],
                body: body)
        } catch {
            // A CalendarError says which event breaks which rule: log it, serve the last good feed.
            return FeedResponse(status: 500, headers: [("Content-Type", "text/plain")], body: Array("\(error)".utf8))
        }
    }

    /// FNV-1a over the bytes: the same feed gives the same tag.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
// ServingAFeed block 1 ends

enum ReadingArticle {
    static func run(_ bytes: [UInt8]) throws -> (names: [String], instances: [EventInstance]) {
        var names: [String] = []
        func print(_ items: Any...) { names.append(items.map { "\($0)" }.joined(separator: " ")) }
        // ReadingAndExpanding block 1 begins
        let calendar = try Calendar(parsing: bytes)  // bytes: [UInt8], the whole .ics file
        print(calendar.name ?? "(no name)", calendar.events.count)
        for event in calendar.events {
            print(event.uid, event.summary ?? "", event.recurrenceRule?.text ?? "once")
        }
        // ReadingAndExpanding block 1 ends
        var instances: [EventInstance] = []
        // ReadingAndExpanding block 2 begins
        let from: Int64 = 1_796_000_000  // seconds since 1970 UTC
        let to = from + 30 * 86_400
        for instance in try calendar.occurrences(from: from, to: to, timeZones: TimeZoneDatabase()) {
            print(instance.uid, instance.start, instance.end, instance.summary)
            instances.append(instance)
        }
        // ReadingAndExpanding block 2 ends
        return (names, instances)
    }
}

enum RecurrenceSetArticle {
    static func review() throws -> Event {
        // ReadingAndExpanding block 3 begins
        let lastWorkday = try RecurrenceRule(
            .monthly, byDay: [.every(.monday), .every(.tuesday), .every(.wednesday), .every(.thursday), .every(.friday)],
            bySetPosition: [-1], end: .count(12))
        var review = try Event(uid: "review@stillpoint.example", start: .local(2027, 1, 29, 16, 0, in: "Europe/London"),
                               end: .duration(.hours(1)), summary: "Monthly review", recurrenceRule: lastWorkday)
        review.recurrenceDates = try [.period(start: .local(2027, 2, 10, 9, 0, in: "Europe/London"), end: .duration(.minutes(90)))]
        // ReadingAndExpanding block 3 ends
        return review
    }
}
