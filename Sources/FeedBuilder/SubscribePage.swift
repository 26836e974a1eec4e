import ICalendar
import Timetable

/// The subscribe page, `index.html` beside the feeds: the studio, its weekly timetable, the
/// changes of the coming weeks, and for the combined feed and each class feed the ways to add
/// it to a calendar app (issue 6).
///
/// One static HTML5 document: inline CSS, one inline script (the copy buttons', progressive
/// enhancement), nothing fetched but the studio's logo when it has one. A
/// Content-Security-Policy `<meta>` allows that script by its hash and the logo by its origin
/// and forbids everything else, so even a value that slipped past escaping could not run or
/// load anything. Every value from the schedule is escaped by ``HTMLWriter``.
///
/// Deterministic like the feeds: the same schedule, date and update time give the same bytes.
/// The only moving part is "last updated", chosen by ``page(previous:newestRevision:now:)`` so
/// that an unchanged page keeps its bytes from one cron run to the next.
package struct SubscribePage: Sendable {
    /// The page's file name in the output folder.
    package static let fileName = "index.html"
    /// A previous page larger than this is not read back (a page lists classes and a few weeks'
    /// changes: a network of 2,000 classes makes well under 1 MiB); it is treated as damaged.
    package static let maxPreviousBytes = 4 << 20

    package let builder: FeedBuilder
    /// Today in the calendar's zone: ended classes are left out, changes are listed from here.
    package let today: LocalDate
    /// How far ahead the changes section looks.
    package var changeWeeks = 8
    /// Whether the build writes a feed per class: without them (`--no-class-feeds`) the page
    /// offers only the combined feed, and links to no file that is not there.
    package var classFeeds = true
    /// Ids of the classes with a move to today or later (a one-off class whose dates are past
    /// but which was moved into the future is still current).
    let classesMovedAhead: Set<String>
    /// The page's words in the schedule's language.
    let words: PageWords

    package init(builder: FeedBuilder, today: LocalDate) {
        self.builder = builder
        self.today = today
        self.words = PageWords(builder.wording, zones: Array(builder.schedule.zones.keys))
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
        // The page without its update time, hashed in its three parts rather than assembled.
        let content = Self.fingerprint(head(updated: nil, fingerprint: nil), body, tail(updated: nil))
        let updated: Int64
        if let previous, let state = Self.state(ofPage: previous), state.content == content {
            updated = state.updated
        } else if previous == nil, let newestRevision, newestRevision <= now {
            updated = newestRevision
        } else {
            updated = now
        }
        return document(updated: updated, fingerprint: content, body: body)
    }

    /// The page with a given "last updated" time.
    package func render(updated: Int64) -> [UInt8] {
        document(updated: updated, fingerprint: contentFingerprint)
    }

    /// FNV-1a of the page without its update time: what "unchanged" means.
    package var contentFingerprint: UInt64 {
        Self.fingerprint(head(updated: nil, fingerprint: nil), body(), tail(updated: nil))
    }

    /// FNV-1a of the three parts one after the other.
    static func fingerprint(_ head: borrowing HTMLWriter, _ body: borrowing HTMLWriter, _ tail: borrowing HTMLWriter) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        h = head.withBytes { fnv1a($0, continuing: h) }
        h = body.withBytes { fnv1a($0, continuing: h) }
        h = tail.withBytes { fnv1a($0, continuing: h) }
        return h
    }

    /// FNV-1a of `bytes` from the hash `h` of what came before, kept in a local: updated
    /// through a nested function's capture, the hash went to memory and back for every byte of
    /// the page (7.4 M instructions on a big network's page; 5.5 M this way).
    private static func fnv1a(_ bytes: Span<UInt8>, continuing h: UInt64) -> UInt64 {
        var h = h
        for k in bytes.indices { h = (h ^ UInt64(bytes[k])) &* 0x100_0000_01B3 }
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
    func document(updated: Int64?, fingerprint: UInt64?) -> [UInt8] {
        document(updated: updated, fingerprint: fingerprint, body: body())
    }

    /// Everything between the state comment and the footer: the costly part, rendered once per
    /// build however many times the page is assembled. Every line ends with LF.
    func body() -> HTMLWriter {
        let cal = schedule.calendar
        // About 1 KiB per class on a big network's page: reserved up front, the buffer is
        // rarely copied to grow.
        var h = HTMLWriter(capacity: 16384 + 1280 * schedule.classes.count)
        h.words = words
        h.line("<meta charset=\"utf-8\">")
        h.line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        // Unescaped for a readable policy: its parts are fixed words, a base64 hash and an origin
        // checked by the decoder to be "https://" and a host name (letters, digits, . - :).
        h.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        h.unescaped(contentSecurityPolicy)
        h.line("\">")
        h.line("<meta name=\"color-scheme\" content=\"light dark\">")
        h.line("<meta name=\"generator\" content=\"ClassFeed\">")
        if let d = cal.description {
            h.raw("<meta name=\"description\" content=\"")
            h.text(d)
            h.line("\">")
        }
        h.raw("<title>")
        h.phrase(words.phrase(.pageTitle)) { name, h in
            guard name == "calendar" else { return false }
            h.text(cal.name)
            return true
        }
        h.line("</title>")
        h.line("<link rel=\"icon\" href=\"data:,\">")
        h.line("<style>")
        h.unescaped(Self.colourCSS)
        h.newline()
        if let brand = cal.brandColor {
            h.unescaped(Self.brandCSS(BrandPalette(brand)))
            h.newline()
        }
        h.unescaped(Self.layoutCSS)
        h.newline()
        h.line("</style>")
        h.line("</head>")
        h.line("<body>")
        header(&h)
        h.line("<main>")
        // Worked out once for both lists: a class read from the array is a copy of all its strings.
        let current = schedule.classes.indices.filter { isCurrent(schedule.classes[$0]) }
        timetable(&h, current: current)
        oneOffClasses(&h)
        changes(&h)
        subscribe(&h, current: current)
        h.line("</main>")
        return h
    }

    /// The page around a rendered ``body()``, assembled in one array.
    func document(updated: Int64?, fingerprint: UInt64?, body: borrowing HTMLWriter) -> [UInt8] {
        let head = head(updated: updated, fingerprint: fingerprint), tail = tail(updated: updated)
        var page: [UInt8] = []
        page.reserveCapacity(head.count + body.count + tail.count)
        head.appendContents(to: &page)
        body.appendContents(to: &page)
        tail.appendContents(to: &page)
        return page
    }

    /// What comes before ``body()``: the state comment when there is an update time.
    private func head(updated: Int64?, fingerprint: UInt64?) -> HTMLWriter {
        var h = HTMLWriter(capacity: 256)
        h.line("<!DOCTYPE html>")
        // The language of every word ClassFeed writes; the studio's own text (titles, names)
        // keeps its direction through `dir="auto"` and `<bdi>`.
        h.raw("<html lang=\"")
        h.text(words.languageTag)
        h.line("\">")
        h.line("<head>")
        if let updated, let fingerprint {
            h.unescaped(Self.stateMarker + "content=" + Self.hex16(fingerprint) + " updated=\(updated) -->")
            h.newline()
        }
        return h
    }

    /// What comes after ``body()``: the footer and the end of the document.
    private func tail(updated: Int64?) -> HTMLWriter {
        var h = HTMLWriter(capacity: 512)
        footer(&h, updated: updated)
        if hasCopyButtons {
            h.raw("<script>")
            h.raw(Self.copyScript)
            h.line("</script>")
        }
        h.line("</body>")
        h.line("</html>")
        return h
    }

    private func header(_ h: inout HTMLWriter) {
        let cal = schedule.calendar
        h.line("<header>")
        logo(&h)
        h.raw("<h1 dir=\"auto\">")
        h.text(cal.name)
        h.line("</h1>")
        if let d = cal.description { h.paragraphs(d, class: "lead") }
        if let loc = cal.location {
            h.raw("<p class=\"where\"><span class=\"label\">")
            h.unescaped(words[.whereLabel])
            h.raw("</span> ")
            h.multiline(loc)
            h.line("</p>")
        }
        h.raw("<p class=\"actions\">")
        if let url = cal.url {
            h.raw("<a class=\"button primary\" href=\"")
            h.text(url)
            h.raw("\">")
            h.text(builder.wording[.bookingLabel])
            h.raw("</a>\n")
        }
        h.raw("<a class=\"button\" href=\"#subscribe\">")
        h.unescaped(words[.addToCalendar])
        h.raw("</a>")
        h.line("</p>")
        h.line("</header>")
    }

    private func footer(_ h: inout HTMLWriter, updated: Int64?) {
        h.line("<footer>")
        h.raw("<p>")
        h.unescaped(words.footerZone(schedule.calendar.timeZone))
        h.line("</p>")
        if let updated {
            h.raw("<p>")
            h.phrase(words.phrase(.lastUpdated)) { name, h in
                guard name == "time" else { return false }
                h.raw("<time datetime=\"")
                h.unescaped(Self.isoUTC(updated))
                h.raw("\">")
                h.text(dateTimeText(updated))
                h.raw("</time>")
                return true
            }
            h.line("</p>")
        }
        h.line("</footer>")
    }

    /// The studio's logo above its name: the copy beside the page, or its https address.
    /// Decorative (`alt=""`): the name follows in the heading.
    private func logo(_ h: inout HTMLWriter) {
        switch schedule.calendar.logo {
        case nil:
            return
        case .file(_, let type, _)?:
            h.raw("<img class=\"logo\" src=\"")
            h.text(Self.logoFileName(type))
            h.line("\" alt=\"\">")
        case .remote(let url, _)?:
            h.raw("<img class=\"logo\" src=\"")
            h.text(url)
            h.line("\" alt=\"\" referrerpolicy=\"no-referrer\">")
        }
    }

    /// The name of the logo's copy in the output folder: "logo.png", "logo.svg".
    package static func logoFileName(_ type: PageLogo.LogoType) -> String { "logo." + type.fileExtension }

    /// Every name a logo's copy can have: a build removes the others, left by an earlier logo.
    package static var logoFileNames: [String] { PageLogo.LogoType.allCases.map(logoFileName) }

    /// Whether the page shows calendar addresses, and so copy buttons and their script.
    var hasCopyButtons: Bool { schedule.calendar.publicURL != nil }

    /// The page's Content-Security-Policy: nothing may load or run but the inline style, the
    /// copy button's script by its hash (when there are addresses to copy), and the logo from
    /// the page's own folder or its exact https origin.
    package var contentSecurityPolicy: String {
        var p = "default-src 'none'; "
        if hasCopyButtons { p += "script-src 'sha256-\(Self.copyScriptHash)'; " }
        p += "style-src 'unsafe-inline'; img-src data:"
        switch schedule.calendar.logo {
        case nil: break
        case .file?: p += " 'self'"
        case .remote(_, let origin)?: p += " " + origin
        }
        return p + "; base-uri 'none'; form-action 'none'"
    }

    private static func hex16(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 16 - s.count)) + s
    }
}
