import Foundation
import Testing

@testable import FeedBuilder
import ICalendar
import JSON
import Timetable

/// The subscribe page (index.html): golden files, escaping, links, changes, a stable update time.
@Suite struct SubscribePageTests {
    /// The studio's timetable, published at https://circl.example/feeds/.
    static let studio = GoldenFeedTests.studio.replacingOccurrences(
        of: "\"url\": \"https://circl.example/book\"",
        with: "\"url\": \"https://circl.example/book\", \"publicURL\": \"https://circl.example/feeds/\"")

    /// Every exception kind, a one-off class, a class in another zone, an ended class, a future
    /// term, instructors, locations and descriptions.
    static let everything = """
        {
          "calendar": {"id": "studio", "name": "Studio & Co", "timezone": "Europe/London", "uidDomain": "studio.example",
                       "location": "1 High St, Town", "url": "https://studio.example/book?a=1&b=2", "bookingLabel": "Book a mat",
                       "publicURL": "http://studio.example/cal",
                       "description": "Small classes.\\n\\nBring water & a towel.\\nMats provided."},
          "classes": [
            {"id": "early", "title": "Early Riser", "days": ["sunday"], "start": "08:30", "durationMinutes": 75,
             "from": "2027-01-10", "until": "2027-04-04", "instructor": "Zoë", "location": "Garden room",
             "description": "Gentle start.\\nNo experience needed."},
            {"id": "mon", "title": "Hip Mobility & Stretch", "days": ["monday", "thursday"], "start": "17:15", "durationMinutes": 30,
             "url": "https://studio.example/book?class=mon&x=1"},
            {"id": "old", "title": "Summer Term", "days": ["tuesday"], "start": "18:00", "durationMinutes": 60, "until": "2026-09-01"},
            {"id": "nyc", "title": "Online from New York", "days": ["wednesday"], "start": "12:00", "durationMinutes": 45,
             "timezone": "America/New_York"},
            {"id": "workshop", "title": "Workshop", "dates": ["2026-11-01", "2026-12-19", "2027-02-20"], "start": "10:00",
             "durationMinutes": 120, "instructor": "Sam"}
          ],
          "exceptions": [
            {"date": "2026-12-03", "reason": "Staff training"},
            {"from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure"},
            {"date": "2026-12-07", "class": "mon", "reason": "Instructor ill"},
            {"date": "2026-12-10", "class": "mon", "moveTo": {"date": "2026-12-11", "start": "18:00"}, "reason": "Hall booked"},
            {"date": "2026-12-14", "class": "mon", "moveTo": {"start": "18:30"}},
            {"date": "2027-02-20", "class": "workshop", "reason": "Teacher away"},
            {"date": "2027-01-21", "class": "mon", "moveTo": {"date": "2027-03-01"}, "reason": "Exam hall"}
          ]
        }
        """

    static let updated: Int64 = 1_795_770_000  // 2026-11-27T09:00:00Z

    func page(_ json: String, today: String = "2026-11-27") throws -> SubscribePage {
        let s = try Support.schedule(json)
        let day = try #require(LocalDate(iso: today))
        let builder = FeedBuilder(schedule: s, options: FeedOptions(from: day, to: day.adding(days: 200), stamp: Self.updated))
        return SubscribePage(builder: builder, today: day)
    }

    func html(_ json: String, today: String = "2026-11-27") throws -> String {
        String(decoding: try page(json, today: today).render(updated: Self.updated), as: UTF8.self)
    }

    /// The page without its line-break opportunities (`<wbr>` in the calendar addresses): the
    /// text as a member copies it.
    static func plain(_ html: String) -> String { html.replacingOccurrences(of: "<wbr>", with: "") }

    /// `Support.expectGolden`, with the first differing line of an LF-terminated file in the message.
    func expectGoldenPage(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = Support.goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CLASSFEED_RECORD_GOLDEN"] != "1",
            let expected = try? String(contentsOf: url, encoding: .utf8), expected != text
        {
            let a = expected.components(separatedBy: "\n"), b = text.components(separatedBy: "\n")
            let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record(
                "\(name) differs from the golden file at line \(i + 1):\n  expected: \(i < a.count ? a[i] : "<end>")\n  actual:   \(i < b.count ? b[i] : "<end>")",
                sourceLocation: sourceLocation)
            return
        }
        try Support.expectGolden(Array(text.utf8), name, sourceLocation: sourceLocation)
    }

    // MARK: - Golden files

    @Test func theStudioPageMatchesItsGoldenFile() throws {
        try expectGoldenPage(try html(Self.studio), "page-circl.html")
    }

    @Test func aPageWithEveryKindOfChangeMatchesItsGoldenFile() throws {
        try expectGoldenPage(try html(Self.everything, today: "2026-11-30"), "page-everything.html")
    }

    @Test func aPageWithoutPublicURLMatchesItsGoldenFile() throws {
        try expectGoldenPage(try html(GoldenFeedTests.studio), "page-no-public-url.html")
    }

    // MARK: - Content

    @Test func theStudioPageShowsTheTimetableAndEveryWayToSubscribe() throws {
        let h = try html(Self.studio)
        #expect(h.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"))
        #expect(h.contains("<h1 dir=\"auto\">CIRCL</h1>"))
        #expect(h.contains("<h3 id=\"day-monday\">Monday</h3>"))
        #expect(h.contains("<time datetime=\"17:15\">17:15</time>–<time datetime=\"17:45\">17:45</time> <span class=\"duration\">30 min</span>"))
        #expect(h.contains("<time datetime=\"19:00\">19:00</time>"))
        #expect(h.contains("<h4 dir=\"auto\">Hip Mobility &amp; Stretch</h4>"))
        #expect(h.contains("<a class=\"button primary\" href=\"https://circl.example/book\">Book your classes</a>"))
        // The combined feed and both class feeds, each with all four ways.
        for name in ["circl.ics", "circl-hips-monday.ics", "circl-hips-thursday.ics"] {
            #expect(h.contains("href=\"webcal://circl.example/feeds/\(name)\">Subscribe</a>"), "\(name)")
            #expect(Self.plain(h).contains("\">https://circl.example/feeds/\(name)</code>"), "\(name)")
            #expect(h.contains("href=\"https://circl.example/feeds/\(name)\" download type=\"text/calendar\">Download \(name)</a>"))
        }
        #expect(h.components(separatedBy: "https://outlook.office.com/calendar/addcalendar").count == 4)
        #expect(h.components(separatedBy: "<em>From URL</em>").count == 4)
        #expect(h.components(separatedBy: "it will not update").count == 4)
        #expect(!h.contains("cid="), "Google's undocumented ?cid= deep link is not used")
        #expect(h.contains("<p class=\"address\"><span class=\"label\">Calendar address</span>\n<code id=\"address-all\">"))
        #expect(h.components(separatedBy: "<h4>Android phone or Google Calendar</h4>").count == 4, "Android named in every feed's steps")
        #expect(h.contains("<summary dir=\"auto\">Hip Mobility &amp; Stretch, Thursdays 19:00</summary>"))
        #expect(h.contains("No classes from <time datetime=\"2026-12-24\">Thu 24 Dec 2026</time> to <time datetime=\"2027-01-03\">Sun 3 Jan 2027</time> <span class=\"reason\">(<bdi>Christmas closure</bdi>)</span>"))
        #expect(h.contains("<p class=\"zone\">Times are UK time (GMT, or BST in summer).</p>"))
        #expect(h.contains("<p>Times are UK time.</p>"))
        #expect(!h.contains("UTC+"), "no offsets for members")
        #expect(h.contains("Last updated <time datetime=\"2026-11-27T09:00:00Z\">Fri 27 Nov 2026 at 09:00 GMT</time>."))
    }

    @Test func thePageLoadsNothingAndRunsOnlyTheCopyButtonsScript() throws {
        let script = "<script>\(SubscribePage.copyScript)</script>"
        for h in [try html(Self.studio), try html(Self.everything, today: "2026-11-30")] {
            #expect(h.lowercased().components(separatedBy: "<script").count == 2, "one script")
            #expect(h.contains(script + "\n</body>"))
            #expect(!h.contains(" src="))
            #expect(!h.contains("url("), "no CSS resources")
            #expect(!h.contains("@import"))
            #expect(!h.contains("<link rel=\"stylesheet\""))
            #expect(h.contains(
                "content=\"default-src 'none'; script-src 'sha256-\(SubscribePage.copyScriptHash)'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\""))
            #expect(h.contains("<link rel=\"icon\" href=\"data:,\">"), "no favicon request either")
            #expect(h.range(of: #" on[a-z]+="#, options: .regularExpression) == nil, "no event handlers")
        }
    }

    @Test func everyColourPairMeetsWCAGContrastInLightAndDarkSchemes() throws {
        // The first two :root blocks of the style sheet: the light scheme, then the dark one.
        let blocks = SubscribePage.css.components(separatedBy: ":root{").dropFirst().prefix(2).map { $0.prefix { $0 != "}" } }
        #expect(blocks.count == 2)
        for block in blocks {
            var colour: [String: String] = [:]
            for decl in block.split(separator: ";") {
                let kv = decl.split(separator: ":")
                if kv.count == 2 { colour[String(kv[0].dropFirst(2))] = String(kv[1]) }
            }
            func ratio(_ a: String, _ b: String) throws -> Double {
                func luminance(_ name: String) throws -> Double {
                    var hex = try #require(colour[name], "--\(name)").dropFirst()
                    if hex.count == 3 { hex = Substring(hex.flatMap { [$0, $0] }) }
                    let v = try #require(Int(hex, radix: 16))
                    func linear(_ channel: Int) -> Double {
                        let x = Double(channel) / 255
                        return x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
                    }
                    let r: Double = linear(v >> 16), g: Double = linear((v >> 8) & 255), b: Double = linear(v & 255)
                    return 0.2126 * r + 0.7152 * g + 0.0722 * b
                }
                let (x, y) = (try luminance(a), try luminance(b))
                return (max(x, y) + 0.05) / (min(x, y) + 0.05)
            }
            // WCAG 2.2 §1.4.3: 4.5:1 for text; the page aims higher.
            for text in ["fg", "muted", "accent", "bad", "warn"] {
                for background in ["bg", "card", "warn-bg"] {
                    #expect(try ratio(text, background) >= 6, "--\(text) on --\(background)")
                }
            }
            #expect(try ratio("on-accent", "accent") >= 6, "button text")
            #expect(try ratio("fg", "bg") >= 13, "body text")
            // §1.4.11: the keyboard focus ring against the page.
            #expect(try ratio("focus", "bg") >= 3, "focus ring")
        }
    }

    @Test func withoutPublicURLThePageOffersDownloadsAndNoOwnerInstructions() throws {
        let h = try html(GoldenFeedTests.studio)
        #expect(h.contains("<strong>Download the classes to your calendar.</strong>"))
        #expect(h.contains("it does not update itself"))
        // What the owner must do is said by check and build, never to members.
        #expect(!h.contains("publicURL"))
        #expect(!h.contains("schedule.json"))
        #expect(!h.contains("<code>"))
        #expect(h.contains("<a class=\"download\" href=\"circl.ics\" download type=\"text/calendar\">Download circl.ics</a>"))
        #expect(!h.contains("webcal:"))
        #expect(!h.contains("<textarea"))
        #expect(!h.contains("addcalendar"))
    }

    @Test func everythingPageListsOneOffClassesZonesTermsAndLeavesEndedClassesOut() throws {
        let h = try html(Self.everything, today: "2026-11-30")
        #expect(!h.contains("Summer Term"), "a class whose until is past is left out, feed included")
        #expect(!h.contains("studio-old.ics"))
        #expect(h.contains("Starts <time datetime=\"2027-01-10\">Sun 10 Jan 2027</time> · Until <time datetime=\"2027-04-04\">Sun 4 Apr 2027</time>"))
        #expect(h.contains("<time datetime=\"08:30\">08:30</time>–<time datetime=\"09:45\">09:45</time> <span class=\"duration\">1 hour 15 min</span>"))
        #expect(h.contains("<dt>Instructor</dt><dd dir=\"auto\">Zoë</dd>"))
        #expect(h.contains("<dt>Location</dt><dd dir=\"auto\">Garden room</dd>"))
        #expect(h.contains("<span class=\"zone-note\">(US Eastern time)</span>"))
        #expect(h.contains("<p class=\"where\"><span class=\"label\">Where:</span> 1 High St, Town</p>"))
        #expect(h.contains("<p class=\"lead\">Small classes.</p>\n<p class=\"lead\">Bring water &amp; a towel.<br>Mats provided.</p>"))
        // One-off: past date left out, the next one listed, the cancelled one marked.
        #expect(!h.contains("2026-11-01"))
        #expect(h.contains("<time datetime=\"2026-12-19\">Sat 19 Dec 2026</time>, <time datetime=\"10:00\">10:00</time>"))
        #expect(h.contains("<li class=\"class is-cancelled\">"))
        #expect(h.contains("<strong>Cancelled</strong> <span class=\"reason\">(<bdi>Teacher away</bdi>)</span>"))
        // http:// publicURL without a trailing slash: http links, webcal for Apple.
        #expect(Self.plain(h).contains(">http://studio.example/cal/studio.ics</code>"))
        #expect(h.contains("href=\"webcal://studio.example/cal/studio-mon.ics\""))
        #expect(h.contains("<a href=\"https://studio.example/book?class=mon&amp;x=1\">Book <bdi>Hip Mobility &amp; Stretch</bdi></a>"))
        #expect(h.contains("<a class=\"button primary\" href=\"https://studio.example/book?a=1&amp;b=2\">Book a mat</a>"))
    }

    @Test func aOneOffClassMovedIntoTheFutureIsStillListed() throws {
        let json = Self.studio.replacingOccurrences(
            of: "\"classes\": [",
            with: "\"classes\": [{\"id\": \"open-day\", \"title\": \"Open Day\", \"dates\": [\"2026-11-01\"], \"start\": \"10:00\", \"durationMinutes\": 60},"
        ).replacingOccurrences(
            of: "\"exceptions\": [",
            with: "\"exceptions\": [{\"date\": \"2026-11-01\", \"class\": \"open-day\", \"moveTo\": {\"date\": \"2026-12-05\"}, \"reason\": \"Rain\"},")
        let h = try html(json)
        #expect(h.contains("<time datetime=\"2026-12-05\">Sat 5 Dec 2026</time>, <time datetime=\"10:00\">10:00</time>"))
        #expect(h.contains("<strong>Moved</strong> from <time datetime=\"2026-11-01T10:00\">Sun 1 Nov 2026, 10:00</time> <span class=\"reason\">(<bdi>Rain</bdi>)</span>"))
        #expect(h.contains("<summary dir=\"auto\">Open Day (one-off)</summary>"))
        // Once that date has passed too, the class is gone from the page.
        let later = try html(json, today: "2026-12-06")
        #expect(!later.contains("Open Day"))
    }

    @Test func changesGroupClosuresAndListCancellationsAndMovesInOrder() throws {
        let p = try page(Self.everything, today: "2026-11-30")
        let list = UpcomingChanges.list(p.builder.engine, from: p.today, days: 56)
        let lines = list.map { c -> String in
            switch c.kind {
            case .closure(let a, let b, let n): return "closed \(a) \(b) \(n) \(c.reason ?? "")"
            case .cancelled(let o): return "cancelled \(o.localStart) \(c.reason ?? "")"
            case .moved(let o): return "moved \(o.movedFrom?.description ?? "") \(o.localStart) \(c.reason ?? "")"
            case .changed(let o): return "changed \(o.localStart) \(o.change?.description ?? "") \(c.reason ?? "")"
            }
        }
        #expect(lines == [
            "closed 2026-12-03 2026-12-03 1 Staff training",
            "cancelled 2026-12-07T17:15 Instructor ill",
            "moved 2026-12-10T17:15 2026-12-11T18:00 Hall booked",
            "moved 2026-12-14T17:15 2026-12-14T18:30 ",
            "closed 2026-12-24 2027-01-03 4 Christmas closure",  // Thu 24, Mon 28, Wed 30 (New York), Thu 31
            "moved 2027-01-21T17:15 2027-03-01T17:15 Exam hall",
        ])
        let h = try html(Self.everything, today: "2026-11-30")
        #expect(h.contains("<strong class=\"tag\">Closed</strong> No classes on <time datetime=\"2026-12-03\">Thu 3 Dec 2026</time> <span class=\"reason\">(<bdi>Staff training</bdi>)</span>"))
        #expect(h.contains("<strong class=\"tag\">Cancelled</strong> <bdi>Hip Mobility &amp; Stretch</bdi> on <time datetime=\"2026-12-07T17:15\">Mon 7 Dec 2026, 17:15</time> <span class=\"reason\">(<bdi>Instructor ill</bdi>)</span>"))
        #expect(h.contains("<strong class=\"tag\">Moved</strong> <bdi>Hip Mobility &amp; Stretch</bdi> moves from <time datetime=\"2026-12-10T17:15\">Thu 10 Dec 2026, 17:15</time> to <time datetime=\"2026-12-11T18:00\">Fri 11 Dec 2026, 18:00</time> <span class=\"reason\">(<bdi>Hall booked</bdi>)</span>"))
        #expect(h.contains("<bdi>Hip Mobility &amp; Stretch</bdi> on <time datetime=\"2026-12-14\">Mon 14 Dec 2026</time> starts at <time datetime=\"18:30\">18:30</time> instead of <time datetime=\"17:15\">17:15</time>"))
    }

    @Test func changesLookOnlyEightWeeksAheadAndDropWhatIsPast() throws {
        // Well before Christmas: the closure is more than 8 weeks away.
        let october = try html(Self.studio, today: "2026-10-01")
        #expect(!october.contains("Christmas closure"))
        #expect(october.contains("No cancellations, closures or moved classes in the coming 8 weeks."))
        // During the closure it is still listed; after it, it is gone.
        #expect(try html(Self.studio, today: "2026-12-28").contains("Christmas closure"))
        #expect(!(try html(Self.studio, today: "2027-01-04")).contains("Christmas closure"))
    }

    // MARK: - Escaping

    @Test func everyScheduleValueIsEscapedInTextAndAttributes() throws {
        let raw = #"<script>alert("x")</script> & 'q' " onmouseover="alert(1)"#
        let evil = raw.replacingOccurrences(of: "\"", with: "\\\"")  // as a JSON string
        let json = """
            {"calendar": {"id": "evil", "name": "\(evil)", "timezone": "Europe/London", "uidDomain": "evil.example",
                          "description": "\(evil)", "location": "\(evil)", "bookingLabel": "\(evil)",
                          "url": "https://evil.example/?a=1&b='2'", "publicURL": "https://evil.example/f&'x/"},
             "classes": [
               {"id": "c", "title": "\(evil)", "days": ["monday"], "start": "17:15", "durationMinutes": 30,
                "instructor": "\(evil)", "location": "\(evil) 2", "description": "\(evil)", "url": "https://evil.example/c?'&"},
               {"id": "d", "title": "\(evil)", "dates": ["2026-12-05"], "start": "10:00", "durationMinutes": 30}
             ],
             "exceptions": [
               {"date": "2026-12-07", "class": "c", "reason": "\(evil)"},
               {"date": "2026-12-14", "class": "c", "moveTo": {"start": "18:00"}, "reason": "\(evil)"},
               {"date": "2026-12-24", "reason": "\(evil)"}
             ]}
            """
        let h = try html(json)
        let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &quot; onmouseover=&quot;alert(1)"
        #expect(!h.contains(raw))
        #expect(h.components(separatedBy: "<script").count == 2, "only the copy button's script")
        #expect(!h.contains("onmouseover=\""))
        // Text: name, description, location, label, title, instructor, reasons; attribute: meta description.
        #expect(h.components(separatedBy: escaped).count - 1 >= 12)
        #expect(h.contains("<title>" + escaped + ": timetable and calendar</title>"))
        #expect(h.contains("<meta name=\"description\" content=\"" + escaped + "\">"))
        #expect(h.contains("href=\"https://evil.example/?a=1&amp;b=&#39;2&#39;\""))
        #expect(h.contains("href=\"https://evil.example/c?&#39;&amp;\""))
        #expect(Self.plain(h).contains(">https://evil.example/f&amp;&#39;x/evil.ics</code>"))
        // Every tag on the page is one the page itself writes.
        let allowed: Set<String> = [
            "!DOCTYPE", "!--", "html", "head", "meta", "title", "link", "style", "body", "header", "main", "footer", "section",
            "div", "h1", "h2", "h3", "h4", "p", "a", "ul", "ol", "li", "dl", "dt", "dd", "time", "span", "strong", "em", "br",
            "code", "details", "summary", "wbr", "button", "script", "bdi",
        ]
        var tags = Set<String>()
        var rest = Substring(h)
        while let lt = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: lt)...]
            let name = rest.prefix { !" >\n".contains($0) }
            tags.insert(name.hasPrefix("/") ? String(name.dropFirst()) : name.hasPrefix("!--") ? "!--" : String(name))
        }
        #expect(tags.isSubset(of: allowed), "unexpected tags: \(tags.subtracting(allowed).sorted())")
    }

    @Test func escapingCoversTheFiveSpecialCharacters() {
        #expect(HTMLText.escape(#"a&b<c>d"e'f"#) == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        #expect(HTMLText.escape("Zoë 🧘 plain") == "Zoë 🧘 plain")
        #expect(HTMLText.multiline("a<\nb") == "a&lt;<br>b")
        #expect(HTMLText.paragraphs("one\ntwo\n\n\nthree&") == ["<p>one<br>two</p>", "<p>three&amp;</p>"])
    }

    // MARK: - publicURL

    @Test func publicURLMustBeTheHTTPAddressOfAFolder() throws {
        func decode(_ url: String) throws -> String? {
            let json = GoldenFeedTests.studio.replacingOccurrences(
                of: "\"url\": \"https://circl.example/book\"", with: "\"url\": \"https://circl.example/book\", \"publicURL\": \"\(url)\"")
            return try Support.schedule(json).calendar.publicURL
        }
        func error(_ url: String) -> String {
            do {
                _ = try decode(url)
                return "no error"
            } catch let e as ScheduleError {
                return e.diagnostics.map(\.description).joined(separator: "\n")
            } catch {
                return "\(error)"
            }
        }
        #expect(try decode("https://circl.example/feeds/") == "https://circl.example/feeds/")
        #expect(try decode("https://circl.example/feeds") == "https://circl.example/feeds/")
        #expect(try decode("HTTP://circl.example") == "HTTP://circl.example/")
        #expect(error("javascript:alert(1)").contains("calendar.publicURL: expected an http:// or https:// URL"))
        #expect(error("ftp://circl.example/feeds/").contains("expected an http:// or https:// URL"))
        #expect(error("https://circl.example/feeds/ x").contains("without spaces"))
        #expect(error("https://circl.example/feeds/circl.ics").contains("hint: did you mean \"https://circl.example/feeds/\"?"))
        #expect(error("https://circl.example/index.html").contains("not a file"))
        #expect(error("https://circl.example/feeds/?token=1").contains("cannot have a query (?) or a fragment (#)"))
        #expect(error("https:///feeds/").contains("with a host name"))
        #expect(error("https://user@circl.example/").contains("with a host name"))
    }

    @Test func feedLinksPairWebcalWithTheHTTPAddress() {
        let https = FeedLink(fileName: "circl.ics", title: "All classes", classIndex: nil, publicURL: "https://circl.example/feeds/")
        #expect(https.subscribeURL == "https://circl.example/feeds/circl.ics")
        #expect(https.webcalURL == "webcal://circl.example/feeds/circl.ics")
        #expect(https.downloadHref == "https://circl.example/feeds/circl.ics")
        let http = FeedLink(fileName: "a.ics", title: "All classes", classIndex: nil, publicURL: "HTTP://x.example:8080/")
        #expect(http.subscribeURL == "http://x.example:8080/a.ics")
        #expect(http.webcalURL == "webcal://x.example:8080/a.ics")
        let none = FeedLink(fileName: "a.ics", title: "All classes", classIndex: nil, publicURL: nil)
        #expect(none.subscribeURL == nil && none.webcalURL == nil && none.downloadHref == "a.ics")
    }

    // MARK: - Last updated

    @Test func anUnchangedPageKeepsItsUpdateTimeAndAChangedOneTakesNow() throws {
        let p = try page(Self.studio)
        let first = p.page(previous: nil, newestRevision: 1_790_000_000, now: 1_796_000_000)
        #expect(SubscribePage.state(ofPage: first)?.updated == 1_790_000_000, "a first page is as old as the feed's newest revision")
        #expect(SubscribePage.state(ofPage: first)?.content == p.contentFingerprint)
        // Next cron run: nothing changed, same bytes.
        #expect(p.page(previous: first, newestRevision: 1_790_000_000, now: 1_796_003_600) == first)
        // A day later, nothing entered or left the coming 8 weeks: still the same bytes.
        let tomorrow = try page(Self.studio, today: "2026-11-28")
        #expect(tomorrow.page(previous: first, newestRevision: 1_790_000_000, now: 1_796_086_400) == first)
        // The schedule changed: the page says so, with the time of this run.
        let changed = try page(Self.studio.replacingOccurrences(of: "\"17:15\"", with: "\"17:30\""))
        let second = changed.page(previous: first, newestRevision: 1_796_090_000, now: 1_796_090_000)
        #expect(second != first)
        #expect(SubscribePage.state(ofPage: second)?.updated == 1_796_090_000)
        // A file that is not one of our pages counts as changed; a revision in the future is not believed.
        #expect(SubscribePage.state(ofPage: Array("<html>hello</html>".utf8)) == nil)
        #expect(SubscribePage.state(ofPage: p.page(previous: Array("x".utf8), newestRevision: 1, now: 7))?.updated == 7)
        #expect(SubscribePage.state(ofPage: p.page(previous: nil, newestRevision: 99, now: 7))?.updated == 7)
        #expect(SubscribePage.state(ofPage: p.page(previous: nil, newestRevision: nil, now: 7))?.updated == 7)
    }

    @Test func theNewestRevisionIsTheLatestLastModifiedOfTheFeed() throws {
        let s = try Support.schedule(Self.studio)
        let day = try #require(LocalDate(iso: "2026-11-23"))
        let feed = FeedBuilder(schedule: s, options: FeedOptions(from: day, to: day.adding(days: 60), stamp: 1_795_000_000)).allFeeds()[0]
        #expect(SubscribePage.newestRevision(ofFeed: feed.bytes) == 1_795_000_000)
        #expect(SubscribePage.newestRevision(ofFeed: Array("not a feed".utf8)) == nil)
    }

    @Test func classIdsCannotCollideWithTheCombinedFeedsElementIds() throws {
        let json = Self.studio.replacingOccurrences(of: "\"hips-monday\"", with: "\"all\"")
        let h = try html(json)
        var ids: [String] = []
        var rest = Substring(h)
        while let r = rest.range(of: " id=\"") {
            rest = rest[r.upperBound...]
            ids.append(String(rest.prefix { $0 != "\"" }))
        }
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids)")
        #expect(ids.contains("address-all") && ids.contains("address-class-all"))
    }
}
