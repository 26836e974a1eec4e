import ICalendar
import Timetable

/// The subscribe page, `index.html` beside the feeds: the studio, its weekly timetable, the
/// changes of the coming weeks, and for the combined feed and each class feed the ways to add
/// it to a calendar app (issue 6).
///
/// One static HTML5 document: inline CSS, no script, no external asset, nothing fetched (a
/// Content-Security-Policy `<meta>` forbids it, so even a value that slipped past escaping could
/// not run or load anything). Every value from the schedule goes through ``HTMLText``.
///
/// Deterministic like the feeds: the same schedule, date and update time give the same bytes.
/// The only moving part is "last updated", chosen by ``page(previous:newestRevision:now:)`` so
/// that an unchanged page keeps its bytes from one cron run to the next.
package struct SubscribePage: Sendable {
    /// The page's file name in the output folder.
    package static let fileName = "index.html"

    package let builder: FeedBuilder
    /// Today in the calendar's zone: ended classes are left out, changes are listed from here.
    package let today: LocalDate
    /// How far ahead the changes section looks.
    package var changeWeeks = 8
    /// Ids of the classes with a move to today or later (a one-off class whose dates are past
    /// but which was moved into the future is still current).
    let classesMovedAhead: Set<String>

    package init(builder: FeedBuilder, today: LocalDate) {
        self.builder = builder
        self.today = today
        var moved = Set<String>()
        for e in builder.schedule.exceptions {
            if case .move(_, let toDate?, _) = e.kind, toDate >= today, let id = e.classID { moved.insert(id) }
        }
        classesMovedAhead = moved
    }

    package var schedule: Schedule { builder.schedule }

    // MARK: - The page and its update time

    /// The page to write.
    ///
    /// "Last updated" is the previous page's time when everything else on the page is unchanged
    /// (so the bytes are too); the newest revision time of the feed's events when there is no
    /// previous page (the timetable is as old as its last change); otherwise `now`.
    ///
    /// - Parameters:
    ///   - previous: the page already in the output folder, if any.
    ///   - newestRevision: the latest LAST-MODIFIED of the combined feed's events
    ///     (``newestRevision(ofFeed:)``).
    ///   - now: the build's clock, UTC seconds.
    package func page(previous: [UInt8]?, newestRevision: Int64?, now: Int64) -> [UInt8] {
        let body = body()
        let content = Self.fingerprint(of: document(updated: nil, fingerprint: nil, body: body))
        let updated: Int64
        if let previous, let state = Self.state(ofPage: previous), state.content == content {
            updated = state.updated
        } else if previous == nil, let newestRevision, newestRevision <= now {
            updated = newestRevision
        } else {
            updated = now
        }
        return Array(document(updated: updated, fingerprint: content, body: body).utf8)
    }

    /// The page with a given "last updated" time.
    package func render(updated: Int64) -> [UInt8] {
        Array(document(updated: updated, fingerprint: contentFingerprint).utf8)
    }

    /// FNV-1a of the page without its update time: what "unchanged" means.
    package var contentFingerprint: UInt64 { Self.fingerprint(of: document(updated: nil, fingerprint: nil)) }

    static func fingerprint(of document: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        // Over the contiguous UTF-8 buffer: iterating `String.UTF8View` costs several times
        // more per byte, and a page is megabytes.
        var document = document
        document.withUTF8 { bytes in
            for b in bytes {
                h ^= UInt64(b)
                h = h &* 0x100_0000_01B3
            }
        }
        return h
    }

    /// What a page written by ``render(updated:)`` records about itself, from the comment at the
    /// top of its `<head>`; nil for any other file.
    package static func state(ofPage bytes: [UInt8]) -> (content: UInt64, updated: Int64)? {
        let head = Array(bytes.prefix(4096))
        let marker = Array(Self.stateMarker.utf8)
        guard head.count >= marker.count,
            let at = (0...(head.count - marker.count)).first(where: { head[$0..<($0 + marker.count)].elementsEqual(marker) })
        else { return nil }
        let rest = head[(at + marker.count)...].prefix { $0 != UInt8(ascii: "-") }
        let fields = String(decoding: rest, as: UTF8.self).split(separator: " ")
        var content: UInt64?
        var updated: Int64?
        for f in fields {
            if f.hasPrefix("content=") { content = UInt64(f.dropFirst(8), radix: 16) }
            if f.hasPrefix("updated=") { updated = Int64(f.dropFirst(8)) }
        }
        guard let content, let updated else { return nil }
        return (content, updated)
    }

    /// The latest LAST-MODIFIED (else DTSTAMP) of a feed's events; nil when it has none or
    /// cannot be read.
    package static func newestRevision(ofFeed bytes: [UInt8]) -> Int64? {
        var history = RevisionHistory()
        guard (try? history.add(feed: bytes)) != nil else { return nil }
        return history.revisions.values.map(\.stamp).max()
    }

    static let stateMarker = "<!-- classfeed-page "

    // MARK: - The document

    /// The whole page; `updated == nil` leaves the update time (and the state comment) out, for
    /// the fingerprint.
    func document(updated: Int64?, fingerprint: UInt64?) -> String {
        document(updated: updated, fingerprint: fingerprint, body: body())
    }

    /// Everything between the state comment and the footer: the costly part, rendered once per
    /// build however many times the page is assembled.
    func body() -> String {
        let cal = schedule.calendar
        var h: [String] = []
        h.append("<meta charset=\"utf-8\">")
        h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        h.append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">"
        )
        h.append("<meta name=\"color-scheme\" content=\"light dark\">")
        h.append("<meta name=\"generator\" content=\"ClassFeed\">")
        if let d = cal.description {
            h.append("<meta name=\"description\" content=\"" + HTMLText.escape(d) + "\">")
        }
        h.append("<title>" + HTMLText.escape(cal.name) + ": timetable and calendar</title>")
        h.append("<link rel=\"icon\" href=\"data:,\">")
        h.append("<style>")
        h.append(Self.css)
        h.append("</style>")
        h.append("</head>")
        h.append("<body>")
        header(&h)
        h.append("<main>")
        timetable(&h)
        oneOffClasses(&h)
        changes(&h)
        subscribe(&h)
        h.append("</main>")
        return h.joined(separator: "\n")
    }

    func document(updated: Int64?, fingerprint: UInt64?, body: String) -> String {
        var h: [String] = []
        h.append("<!DOCTYPE html>")
        h.append("<html lang=\"en\">")
        h.append("<head>")
        if let updated, let fingerprint {
            h.append(Self.stateMarker + "content=" + Self.hex16(fingerprint) + " updated=\(updated) -->")
        }
        h.append(body)
        footer(&h, updated: updated)
        h.append("</body>")
        h.append("</html>")
        return h.joined(separator: "\n") + "\n"
    }

    private func header(_ h: inout [String]) {
        let cal = schedule.calendar
        h.append("<header>")
        h.append("<h1>" + HTMLText.escape(cal.name) + "</h1>")
        if let d = cal.description { h += HTMLText.paragraphs(d, class: "lead") }
        if let loc = cal.location {
            h.append("<p class=\"where\"><span class=\"label\">Where:</span> " + HTMLText.multiline(loc) + "</p>")
        }
        var actions: [String] = []
        if let url = cal.url {
            actions.append("<a class=\"button primary\" href=\"" + HTMLText.escape(url) + "\">" + HTMLText.escape(cal.bookingLabel) + "</a>")
        }
        actions.append("<a class=\"button\" href=\"#subscribe\">Add the classes to your calendar</a>")
        h.append("<p class=\"actions\">" + actions.joined(separator: "\n") + "</p>")
        h.append("</header>")
    }

    private func footer(_ h: inout [String], updated: Int64?) {
        h.append("<footer>")
        h.append("<p>Times are " + HTMLText.escape(schedule.calendar.timeZone) + " time.</p>")
        if let updated {
            h.append(
                "<p>Last updated <time datetime=\"" + Self.isoUTC(updated) + "\">" + HTMLText.escape(dateTimeText(updated))
                    + "</time>.</p>")
        }
        h.append("</footer>")
    }

    private static func hex16(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 16 - s.count)) + s
    }
}
