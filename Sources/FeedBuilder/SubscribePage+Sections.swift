import CivilTime
import Timetable

/// The page's sections: the weekly timetable, one-off classes, the coming changes, and the ways
/// to add each feed to a calendar app.
extension SubscribePage {
    // MARK: - Weekly timetable

    /// A class still to come: a weekly class whose `until` is not past, a one-off class with a
    /// date from today on.
    func isCurrent(_ cls: ClassDefinition) -> Bool {
        switch cls.pattern {
        case .weekly, .everyNWeeks, .monthly: return cls.until.map { $0 >= today } ?? true
        case .dates(let dates): return dates.contains { $0 >= today } || classesMovedAhead.contains(cls.id)
        }
    }

    /// - Parameter current: the classes still to come (``isCurrent(_:)``), in schedule order.
    func timetable(_ h: inout HTMLWriter, current: [Int]) {
        h.line("<section id=\"timetable\" aria-labelledby=\"timetable-title\">")
        h.raw("<h2 id=\"timetable-title\">")
        h.unescaped(words[.timetableHeading])
        h.line("</h2>")
        h.raw("<p class=\"zone\">")
        h.unescaped(zoneSentence())
        h.line("</p>")
        let sharedUntil = sharedUntil(current)
        if let sharedUntil {
            h.raw("<p class=\"term\">")
            dated(&h, .allClassesUntil, sharedUntil)
            h.line("</p>")
        }
        var byDay = [[Int]](repeating: [], count: 7)  // Monday first
        var monthly: [Int] = []
        for i in current {
            switch schedule.classes[i].pattern {
            case .weekly(let days), .everyNWeeks(let days, _, _):
                for d in days { byDay[d.rawValue - 1].append(i) }
            case .monthly:
                monthly.append(i)
            case .dates:
                break
            }
        }
        if byDay.allSatisfy(\.isEmpty) && monthly.isEmpty {
            h.raw("<p>")
            h.unescaped(words[.noWeeklyClasses])
            h.line("</p>")
        } else {
            h.line("<div class=\"days\">")
            for day in Weekday.allCases {
                let list = byDay[day.rawValue - 1]
                if list.isEmpty { continue }
                let sorted = list.sorted {
                    let a = schedule.classes[$0], b = schedule.classes[$1]
                    return (a.start, a.title, $0) < (b.start, b.title, $1)
                }
                h.raw("<section class=\"day\" aria-labelledby=\"day-")
                h.unescaped(day.name)
                h.line("\">")
                h.raw("<h3 id=\"day-")
                h.unescaped(day.name)
                h.raw("\">")
                h.text(builder.wording.weekdayHeading(day))
                h.line("</h3>")
                h.line("<ul class=\"classes\">")
                // Each class handed down as an argument: a `let` copy of a class in each
                // function cost a retain and release of all its strings, per class.
                for i in sorted { weeklyClass(&h, schedule.classes[i], i, sharedUntil: sharedUntil) }
                h.line("</ul>")
                h.line("</section>")
            }
            h.line("</div>")
        }
        if !monthly.isEmpty {
            // "First Saturday of the month", with the next date: a day column cannot say it.
            h.line("<section class=\"monthly\" aria-labelledby=\"monthly-title\">")
            h.raw("<h3 id=\"monthly-title\">")
            h.unescaped(words[.everyMonth])
            h.line("</h3>")
            h.line("<ul class=\"classes\">")
            for i in monthly.sorted(by: { (schedule.classes[$0].start, $0) < (schedule.classes[$1].start, $1) }) {
                weeklyClass(&h, schedule.classes[i], i, sharedUntil: sharedUntil)
            }
            h.line("</ul>")
            h.line("</section>")
        }
        h.line("</section>")
    }

    /// For a class that is not weekly: "Every other Wednesday · next Wed 20 Jan 2027" (the next
    /// date it is scheduled on after today, before exceptions; not for a class that has not
    /// started, whose start date the card gives).
    private func recurrence(_ h: inout HTMLWriter, _ cls: ClassDefinition) {
        if case .weekly = cls.pattern { return }  // the usual case, without wording anything
        guard let repeats = builder.wording.recurrence(cls.pattern) else { return }
        h.raw("<p class=\"repeat\">")
        h.text(Wording.capitalized(repeats))
        // From tomorrow: the page does not know the time of day, and today's class may be over.
        var next: LocalDate?
        let tomorrow = today.adding(days: 1)
        cls.forEachScheduledDate(in: tomorrow...tomorrow.adding(days: 7 * ScheduleLimits.everyWeeks + 62)) { d in
            if next == nil || d < next! { next = d }
        }
        // A class that has not started yet says "Starts ..." below.
        if let next, cls.from.map({ $0 <= today }) ?? true {
            h.raw(" · ")
            dated(&h, .nextDate, next)
        }
        h.line("</p>")
    }

    /// The `until` of every class in the timetable when there are several and they all have
    /// the same one: said once above the timetable rather than on every class. (Read in place:
    /// a copy of a class costs a retain and release of each of its strings.)
    private func sharedUntil(_ current: [Int]) -> LocalDate? {
        var shared: LocalDate?
        var count = 0
        for i in current {
            if case .dates = schedule.classes[i].pattern { continue }
            guard let until = schedule.classes[i].until, shared == nil || shared == until else { return nil }
            shared = until
            count += 1
        }
        return count > 1 ? shared : nil
    }

    /// - Parameter sharedUntil: the end every class shares (``sharedUntil(_:)``), said above
    ///   the timetable and not again here.
    private func weeklyClass(_ h: inout HTMLWriter, _ cls: ClassDefinition, _ i: Int, sharedUntil: LocalDate?) {
        h.line("<li class=\"class\">")
        h.raw("<p class=\"when\">")
        timeRange(&h, cls.start, cls.durationMinutes, classIndex: i)
        h.line("</p>")
        h.raw("<h4 dir=\"auto\">")
        h.text(cls.title)
        h.line("</h4>")
        recurrence(&h, cls)
        classFacts(&h, cls)
        let starts = cls.from.flatMap { $0 > today ? $0 : nil }
        let until = sharedUntil == nil ? cls.until : nil
        if starts != nil || until != nil {
            h.raw("<p class=\"term\">")
            if let starts {
                dated(&h, .startsOn, starts)
            }
            if let until {
                if starts != nil { h.raw(" · ") }
                dated(&h, .untilDate, until)
            }
            h.line("</p>")
        }
        classExtras(&h, cls)
        h.line("</li>")
    }

    /// Instructor and location (the class's own; the calendar's is in the header).
    private func classFacts(_ h: inout HTMLWriter, _ cls: ClassDefinition) {
        let location = cls.location.flatMap { $0 != schedule.calendar.location ? $0 : nil }
        guard cls.instructor != nil || location != nil else { return }
        h.line("<dl class=\"facts\">")
        if let who = cls.instructor {
            h.raw("<div><dt>")
            h.unescaped(words.instructorLabel)
            h.raw("</dt><dd dir=\"auto\">")
            h.multiline(who)
            h.line("</dd></div>")
        }
        if let location {
            h.raw("<div><dt>")
            h.unescaped(words.locationLabel)
            h.raw("</dt><dd dir=\"auto\">")
            h.multiline(location)
            h.line("</dd></div>")
        }
        h.line("</dl>")
    }

    /// The class's description and its own booking link.
    private func classExtras(_ h: inout HTMLWriter, _ cls: ClassDefinition) {
        if let d = cls.description {
            h.line("<div class=\"description\">")
            h.paragraphs(d)
            h.line("</div>")
        }
        if let url = cls.url, url != schedule.calendar.url {
            h.raw("<p class=\"book\"><a href=\"")
            h.text(url)
            h.raw("\">")
            h.phrase(words.bookClass) { name, h in
                guard name == "title" else { return false }
                h.isolated(cls.title)
                return true
            }
            h.line("</a></p>")
        }
    }

    /// The class's zone when it is not the calendar's.
    private func zoneNote(_ i: Int) -> String? {
        let zone = schedule.zoneName(ofClass: i)
        return zone == schedule.calendar.timeZone ? nil : zone
    }

    /// ` <span class="zone-note">(US Eastern time)</span>` for a class outside the
    /// calendar's zone, nothing otherwise.
    private func zoneSuffix(_ h: inout HTMLWriter, _ i: Int) {
        guard let zone = zoneNote(i) else { return }
        h.raw(" <span class=\"zone-note\">")
        h.unescaped(words.zoneNote(zone))
        h.raw("</span>")
    }

    /// `<time>17:15</time>–<time>17:45</time>`, the zone note, `<span class="duration">30 min</span>`.
    private func timeRange(_ h: inout HTMLWriter, _ start: LocalTime, _ minutes: Int, classIndex i: Int) {
        let end = LocalTime(secondsOfDay: (start.secondsOfDay + minutes * 60) % 86400)
        Self.timeElement(&h, start)
        h.raw("–")
        Self.timeElement(&h, end)
        zoneSuffix(&h, i)
        h.raw(" <span class=\"duration\">")
        Self.duration(&h, minutes)
        h.raw("</span>")
    }

    // MARK: - One-off classes

    func oneOffClasses(_ h: inout HTMLWriter) {
        let horizon = today.adding(days: ScheduleLimits.windowDays)
        var list: [Occurrence] = []
        for (i, cls) in schedule.classes.enumerated() {
            guard case .dates = cls.pattern else { continue }
            list += builder.engine.occurrences(ofClass: i, from: today, to: horizon)
        }
        guard !list.isEmpty else { return }
        list.sort { ($0.start, $0.classIndex) < ($1.start, $1.classIndex) }
        h.line("<section id=\"one-off\" aria-labelledby=\"one-off-title\">")
        h.raw("<h2 id=\"one-off-title\">")
        h.unescaped(words[.oneOffHeading])
        h.line("</h2>")
        h.line("<ul class=\"classes dated\">")
        for o in list {
            let cls = schedule.classes[o.classIndex]
            h.line(o.isCancelled ? "<li class=\"class is-cancelled\">" : "<li class=\"class\">")
            h.raw("<p class=\"when\">")
            Self.dateElement(&h, o.date)
            h.raw(", ")
            timeRange(&h, o.localStart.time, schedule.durationMinutes(of: o), classIndex: o.classIndex)
            h.line("</p>")
            h.raw("<h3 dir=\"auto\">")
            h.text(cls.title)
            h.line("</h3>")
            if case .cancelled(let reason) = o.status {
                h.raw("<p class=\"status cancelled\"><strong>")
                h.unescaped(words[.cancelledTag])
                h.raw("</strong>")
                Self.reason(&h, reason)
                h.line("</p>")
            } else if let from = o.movedFrom {
                h.raw("<p class=\"status moved\"><strong>")
                h.unescaped(words[.movedTag])
                h.raw("</strong> ")
                h.phrase(words.phrase(.movedFromWhen)) { name, h in
                    guard name == "when" else { return false }
                    Self.dateTimeElement(&h, from)
                    return true
                }
                Self.reason(&h, o.moveReason)
                h.line("</p>")
            }
            if !o.isCancelled, let change = o.change {
                h.raw("<p class=\"status changed\"><strong>")
                h.unescaped(words[.changedTag])
                h.raw("</strong> ")
                h.text(builder.wording.changeWords(change, cls))
                Self.reason(&h, o.changeReason)
                h.line("</p>")
            }
            classFacts(&h, cls)
            classExtras(&h, cls)
            h.line("</li>")
        }
        h.line("</ul>")
        h.line("</section>")
    }

    // MARK: - Changes

    func changes(_ h: inout HTMLWriter) {
        let list = UpcomingChanges.list(builder.engine, from: today, days: changeWeeks * 7)
        h.line("<section id=\"changes\" aria-labelledby=\"changes-title\">")
        h.raw("<h2 id=\"changes-title\">")
        h.phrase(words.phrase(.changesHeading)) { name, h in
            guard name == "weeks" else { return false }
            h.number(changeWeeks)
            return true
        }
        h.line("</h2>")
        guard !list.isEmpty else {
            h.raw("<p>")
            h.phrase(words.phrase(.noChanges)) { name, h in
                guard name == "weeks" else { return false }
                h.number(changeWeeks)
                return true
            }
            h.line("</p>")
            h.line("</section>")
            return
        }
        h.line("<ul class=\"changes\">")
        // Looked up once for the list, not once per change (a network's page lists thousands).
        let closedTag = words[.closedTag], cancelledTag = words[.cancelledTag], movedTag = words[.movedTag]
        let changedTag = words[.changedTag], closedFromTo = words.phrase(.closedFromTo), movedTime = words.phrase(.movedTime)
        let movedDay = words.phrase(.movedDay), coversClass = words.phrase(.coversClass)
        let changeAndDetails = words.phrase(.changeAndDetails)
        for c in list {
            switch c.kind {
            case .closure(let from, let to, _):
                h.raw("<li class=\"change closure\"><strong class=\"tag\">")
                h.unescaped(closedTag)
                h.raw("</strong> ")
                if from == to {
                    dated(&h, .closedOn, from)
                } else {
                    h.phrase(closedFromTo) { name, h in
                        switch name {
                        case "from": Self.dateElement(&h, from)
                        case "to": Self.dateElement(&h, to)
                        default: return false
                        }
                        return true
                    }
                }
            case .cancelled(let o):
                h.raw("<li class=\"change cancelled\"><strong class=\"tag\">")
                h.unescaped(cancelledTag)
                h.raw("</strong> ")
                classOnDate(&h, o) { h in h.isolated(schedule.classes[o.classIndex].title) }
                zoneSuffix(&h, o.classIndex)
            case .moved(let o):
                h.raw("<li class=\"change moved\"><strong class=\"tag\">")
                h.unescaped(movedTag)
                h.raw("</strong> ")
                let title = schedule.classes[o.classIndex].title
                let from = o.movedFrom ?? o.localStart
                if from.date == o.localStart.date {
                    h.phrase(movedTime) { name, h in
                        switch name {
                        case "title": h.isolated(title)
                        case "date": Self.dateElement(&h, from.date)
                        case "time": Self.timeElement(&h, o.localStart.time)
                        case "was": Self.timeElement(&h, from.time)
                        default: return false
                        }
                        return true
                    }
                } else {
                    h.phrase(movedDay) { name, h in
                        switch name {
                        case "title": h.isolated(title)
                        case "from": Self.dateTimeElement(&h, from)
                        case "to": Self.dateTimeElement(&h, o.localStart)
                        default: return false
                        }
                        return true
                    }
                }
                zoneSuffix(&h, o.classIndex)
                if let change = o.change {
                    h.raw(", ")
                    h.text(builder.wording.changeWords(change, schedule.classes[o.classIndex]))
                }
            case .changed(let o):
                // "Sam covers Hip Mobility & Stretch on Mon 7 Dec 2026 18:00: in Studio 2"
                let cls = schedule.classes[o.classIndex]
                let change = o.change ?? OccurrenceChange()
                h.raw("<li class=\"change changed\"><strong class=\"tag\">")
                h.unescaped(changedTag)
                h.raw("</strong> ")
                let subject = { (h: inout HTMLWriter) in
                    classOnDate(&h, o) { h in
                        // "Sam covers Hip Mobility & Stretch": the cover said with the class.
                        guard let who = change.instructor, who != cls.instructor else { return h.isolated(cls.title) }
                        h.phrase(coversClass) { name, h in
                            switch name {
                            case "instructor": h.isolated(who)
                            case "title": h.isolated(cls.title)
                            default: return false
                            }
                            return true
                        }
                    }
                    zoneSuffix(&h, o.classIndex)
                }
                if let details = builder.wording.changeDetails(change, cls) {
                    h.phrase(changeAndDetails) { name, h in
                        switch name {
                        case "change": subject(&h)
                        case "details": h.text(details)
                        default: return false
                        }
                        return true
                    }
                } else {
                    subject(&h)
                }
            }
            Self.reason(&h, c.reason)
            h.line("</li>")
        }
        h.line("</ul>")
        h.line("</section>")
    }

    /// " (Christmas closure)", escaped; nothing without a reason.
    static func reason(_ h: inout HTMLWriter, _ r: String?) {
        guard let r else { return }
        h.raw(" <span class=\"reason\">(<bdi>")
        h.multiline(r)
        h.raw("</bdi>)</span>")
    }

    // MARK: - Add to calendar

    /// - Parameter current: the classes still to come (``isCurrent(_:)``), in schedule order.
    func subscribe(_ h: inout HTMLWriter, current: [Int]) {
        let folder = FeedLink.Folder(publicURL: schedule.calendar.publicURL)
        h.line("<section id=\"subscribe\" aria-labelledby=\"subscribe-title\">")
        h.raw("<h2 id=\"subscribe-title\">")
        h.unescaped(words[.addToCalendar])
        h.line("</h2>")
        if schedule.calendar.publicURL == nil {
            h.line("<div class=\"notice\" role=\"note\">")
            h.raw("<p><strong>")
            h.unescaped(words[.downloadNoticeTitle])
            h.raw("</strong> ")
            h.unescaped(words[.downloadNotice])
            h.line("</p>")
            h.line("</div>")
        } else {
            h.raw("<p>")
            h.unescaped(words[.subscribeIntro])
            h.line("</p>")
        }
        h.line("<div class=\"feed\" id=\"feed-all\">")
        h.raw("<h3>")
        h.unescaped(words[.allClasses])
        h.line("</h3>")
        feedBlock(&h, .combined, folder: folder)
        h.line("</div>")
        if !schedule.feeds.isEmpty {
            // The schedule's own selections: a teacher's classes, a room's, a kind of class.
            h.raw("<h3>")
            h.unescaped(words[.someClassesHeading])
            h.line("</h3>")
            h.raw("<p>")
            h.unescaped(words[.someClassesIntro])
            h.line("</p>")
            for k in schedule.feeds.indices {
                h.raw("<details class=\"feed\" id=\"feed-")
                feedKey(&h, .extra(k))
                h.line("\">")
                h.raw("<summary dir=\"auto\">")
                h.text(schedule.feeds[k].name)
                h.line("</summary>")
                feedBlock(&h, .extra(k), folder: folder)
                h.line("</details>")
            }
        }
        // Written straight from the classes rather than through `FeedLink.all`, which builds
        // half a dozen strings per class for the same bytes.
        if classFeeds && !current.isEmpty {
            h.raw("<h3>")
            h.unescaped(words[.oneClassHeading])
            h.line("</h3>")
            h.raw("<p>")
            h.unescaped(words[.oneClassIntro])
            h.line("</p>")
            for i in current {
                h.raw("<details class=\"feed\" id=\"feed-")
                feedKey(&h, .classFeed(i))
                h.line("\">")
                h.raw("<summary dir=\"auto\">")
                h.text(FeedLink.title(schedule.classes[i], builder.wording))
                h.line("</summary>")
                feedBlock(&h, .classFeed(i), folder: folder)
                h.line("</details>")
            }
        }
        h.line("</section>")
    }

    /// What makes a feed's element ids unique: "all", "class-" and the class id, or "list-" and
    /// the feed id (the prefixes keep a class or feed whose id is "all" from colliding with the
    /// combined feed's ids). Ids read from schedule.json are letters, digits and '-', which
    /// escaping leaves as they are.
    private func feedKey(_ h: inout HTMLWriter, _ ref: FeedRef) {
        switch ref {
        case .combined:
            h.raw("all")
        case .classFeed(let i):
            h.raw("class-")
            h.text(schedule.classes[i].id)
        case .extra(let k):
            h.raw("list-")
            h.text(schedule.feeds[k].id)
        }
    }

    /// The feed's file name, escaped, as the builder names it.
    func feedFileName(_ h: inout HTMLWriter, _ ref: FeedRef) {
        h.text(builder.fileName(ref))
    }

    /// The calendar address, then one block per kind of app, then the one-time download (the
    /// addresses as ``FeedLink`` makes them).
    private func feedBlock(_ h: inout HTMLWriter, _ ref: FeedRef, folder: FeedLink.Folder) {
        func download(_ h: inout HTMLWriter) {
            h.raw("<p><a class=\"download\" href=\"")
            if let absolute = folder.absolute { h.text(absolute) }
            let start = h.count
            feedFileName(&h, ref)
            let fileName = start..<h.count
            h.raw("\" download type=\"text/calendar\">")
            h.phrase(words.phrase(.downloadFile)) { name, h in
                guard name == "file" else { return false }
                h.rewrite(fileName)
                return true
            }
            h.line("</a></p>")
            h.raw("<p class=\"warning\">")
            h.unescaped(words[.oneTimeWarning])
            h.line("</p>")
        }
        guard let absolute = folder.absolute, let webcal = folder.webcal else {
            download(&h)
            return
        }
        // Text rather than a form field: it wraps at its / . - (each a <wbr>), so the whole
        // address shows on a phone without breaking a word, and one tap selects all of it
        // (`user-select: all`) without any script. The copy button shows only with script.
        h.raw("<p class=\"address\"><span class=\"label\">")
        h.unescaped(words[.calendarAddress])
        h.raw("</span>\n<code id=\"address-")
        feedKey(&h, ref)
        h.raw("\">")
        h.breakableAddress(absolute)
        h.breakableAddress(builder.fileName(ref))
        h.raw("</code>\n<button type=\"button\" class=\"copy\" data-copy=\"address-")
        feedKey(&h, ref)
        h.raw("\" data-copied=\"")
        h.unescaped(words[.copiedButton])
        h.raw("\" hidden>")
        h.unescaped(words[.copyButton])
        h.line("</button></p>")
        h.line("<div class=\"ways\">")
        h.line("<div class=\"way\">")
        h.raw("<h4>")
        h.unescaped(words[.appleHeading])
        h.line("</h4>")
        h.raw("<p><a class=\"button primary\" href=\"")
        h.text(webcal)
        feedFileName(&h, ref)
        h.raw("\">")
        h.unescaped(words[.subscribeButton])
        h.line("</a></p>")
        h.raw("<p class=\"hint\">")
        h.unescaped(words[.appleHint])
        h.line("</p>")
        h.line("</div>")
        h.line("<div class=\"way\">")
        h.raw("<h4>")
        h.unescaped(words[.googleHeading])
        h.line("</h4>")
        h.line("<ol>")
        words.googleSteps(&h)
        h.line("</ol>")
        h.raw("<p class=\"hint\">")
        h.unescaped(words[.googleHint])
        h.line("</p>")
        h.line("</div>")
        h.line("<div class=\"way\">")
        h.raw("<h4>")
        h.unescaped(words[.outlookHeading])
        h.line("</h4>")
        h.line("<ol>")
        words.outlookSteps(&h)
        h.line("</ol>")
        h.line("</div>")
        h.line("<div class=\"way\">")
        h.raw("<h4>")
        h.unescaped(words[.oneTimeHeading])
        h.line("</h4>")
        download(&h)
        h.line("</div>")
        h.line("</div>")
    }

    // MARK: - Phrases with a date

    /// A phrase whose `{date}` is a `<time>` element: "Starts <time>…</time>".
    private func dated(_ h: inout HTMLWriter, _ key: PhraseKey, _ d: LocalDate) {
        h.phrase(words.phrase(key)) { name, h in
            guard name == "date" else { return false }
            Self.dateElement(&h, d)
            return true
        }
    }

    /// "<title> on <time>…</time>", the class as `title` writes it.
    private func classOnDate(_ h: inout HTMLWriter, _ o: Occurrence, title: (inout HTMLWriter) -> Void) {
        h.phrase(words.classOnDate) { name, h in
            switch name {
            case "title": title(&h)
            case "when": Self.dateTimeElement(&h, o.localStart)
            default: return false
            }
            return true
        }
    }
}
