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
        case .weekly: return cls.until.map { $0 >= today } ?? true
        case .dates(let dates): return dates.contains { $0 >= today } || classesMovedAhead.contains(cls.id)
        }
    }

    func timetable(_ h: inout [String]) {
        h.append("<section id=\"timetable\" aria-labelledby=\"timetable-title\">")
        h.append("<h2 id=\"timetable-title\">Weekly timetable</h2>")
        h.append("<p class=\"zone\">" + zoneSentence() + "</p>")
        var byDay: [Weekday: [Int]] = [:]
        for (i, cls) in schedule.classes.enumerated() where isCurrent(cls) {
            guard case .weekly(let days) = cls.pattern else { continue }
            for d in days { byDay[d, default: []].append(i) }
        }
        if byDay.isEmpty {
            h.append("<p>There are no weekly classes at the moment.</p>")
        } else {
            h.append("<div class=\"days\">")
            for day in Weekday.allCases {
                guard let list = byDay[day] else { continue }
                let sorted = list.sorted {
                    let a = schedule.classes[$0], b = schedule.classes[$1]
                    return (a.start, a.title, $0) < (b.start, b.title, $1)
                }
                h.append("<section class=\"day\" aria-labelledby=\"day-\(day.name)\">")
                h.append("<h3 id=\"day-\(day.name)\">" + Self.dayName(day) + "</h3>")
                h.append("<ul class=\"classes\">")
                for i in sorted { weeklyClass(&h, i) }
                h.append("</ul>")
                h.append("</section>")
            }
            h.append("</div>")
        }
        h.append("</section>")
    }

    private func weeklyClass(_ h: inout [String], _ i: Int) {
        let cls = schedule.classes[i]
        h.append("<li class=\"class\">")
        h.append("<p class=\"when\">" + timeRange(cls.start, cls.durationMinutes, zone: zoneNote(i)) + "</p>")
        h.append("<h4>" + HTMLText.escape(cls.title) + "</h4>")
        classFacts(&h, i)
        var term: [String] = []
        if let from = cls.from, from > today { term.append("Starts " + Self.dateElement(from)) }
        if let until = cls.until { term.append("Until " + Self.dateElement(until)) }
        if !term.isEmpty { h.append("<p class=\"term\">" + term.joined(separator: " · ") + "</p>") }
        classExtras(&h, i)
        h.append("</li>")
    }

    /// Instructor and location (the class's own; the calendar's is in the header).
    private func classFacts(_ h: inout [String], _ i: Int) {
        let cls = schedule.classes[i]
        var facts: [String] = []
        if let who = cls.instructor {
            facts.append("<div><dt>Instructor</dt><dd>" + HTMLText.multiline(who) + "</dd></div>")
        }
        if let loc = cls.location, loc != schedule.calendar.location {
            facts.append("<div><dt>Location</dt><dd>" + HTMLText.multiline(loc) + "</dd></div>")
        }
        if !facts.isEmpty {
            h.append("<dl class=\"facts\">")
            h += facts
            h.append("</dl>")
        }
    }

    /// The class's description and its own booking link.
    private func classExtras(_ h: inout [String], _ i: Int) {
        let cls = schedule.classes[i]
        if let d = cls.description {
            h.append("<div class=\"description\">")
            h += HTMLText.paragraphs(d)
            h.append("</div>")
        }
        if let url = cls.url, url != schedule.calendar.url {
            h.append(
                "<p class=\"book\"><a href=\"" + HTMLText.escape(url) + "\">Book " + HTMLText.escape(cls.title) + "</a></p>")
        }
    }

    /// "(America/New_York time)" for a class outside the calendar's zone.
    private func zoneNote(_ i: Int) -> String? {
        let zone = schedule.zoneName(ofClass: i)
        return zone == schedule.calendar.timeZone ? nil : zone
    }

    /// `<time>17:15</time>–<time>17:45</time> <span class="duration">30 min</span>`.
    private func timeRange(_ start: LocalTime, _ minutes: Int, zone: String?) -> String {
        let end = LocalTime(secondsOfDay: (start.secondsOfDay + minutes * 60) % 86400)
        // Appended into one buffer sized up front (this runs for every class on the page):
        // chained `+` reallocated the growing string at each step.
        var s = ""
        s.reserveCapacity(200)
        s += Self.timeElement(start)
        s += "–"
        s += Self.timeElement(end)
        if let zone {
            s += " <span class=\"zone-note\">("
            s += HTMLText.escape(zone)
            s += " time)</span>"
        }
        s += " <span class=\"duration\">"
        s += Self.duration(minutes)
        s += "</span>"
        return s
    }

    // MARK: - One-off classes

    func oneOffClasses(_ h: inout [String]) {
        let horizon = today.adding(days: ScheduleLimits.windowDays)
        var list: [Occurrence] = []
        for (i, cls) in schedule.classes.enumerated() {
            guard case .dates = cls.pattern else { continue }
            list += builder.engine.occurrences(ofClass: i, from: today, to: horizon)
        }
        guard !list.isEmpty else { return }
        list.sort { ($0.start, $0.classIndex) < ($1.start, $1.classIndex) }
        h.append("<section id=\"one-off\" aria-labelledby=\"one-off-title\">")
        h.append("<h2 id=\"one-off-title\">One-off classes</h2>")
        h.append("<ul class=\"classes dated\">")
        for o in list {
            let cls = schedule.classes[o.classIndex]
            h.append(o.isCancelled ? "<li class=\"class is-cancelled\">" : "<li class=\"class\">")
            h.append(
                "<p class=\"when\">" + Self.dateElement(o.date) + ", "
                    + timeRange(o.localStart.time, cls.durationMinutes, zone: zoneNote(o.classIndex)) + "</p>")
            h.append("<h3>" + HTMLText.escape(cls.title) + "</h3>")
            if case .cancelled(let reason) = o.status {
                h.append("<p class=\"status cancelled\"><strong>Cancelled</strong>" + Self.reason(reason) + "</p>")
            } else if let from = o.movedFrom {
                h.append(
                    "<p class=\"status moved\"><strong>Moved</strong> from " + Self.dateTimeElement(from) + Self.reason(o.moveReason)
                        + "</p>")
            }
            classFacts(&h, o.classIndex)
            classExtras(&h, o.classIndex)
            h.append("</li>")
        }
        h.append("</ul>")
        h.append("</section>")
    }

    // MARK: - Changes

    func changes(_ h: inout [String]) {
        let list = UpcomingChanges.list(builder.engine, from: today, days: changeWeeks * 7)
        h.append("<section id=\"changes\" aria-labelledby=\"changes-title\">")
        h.append("<h2 id=\"changes-title\">Changes in the coming \(changeWeeks) weeks</h2>")
        guard !list.isEmpty else {
            h.append("<p>No cancellations, closures or moved classes in the coming \(changeWeeks) weeks.</p>")
            h.append("</section>")
            return
        }
        h.append("<ul class=\"changes\">")
        for c in list {
            switch c.kind {
            case .closure(let from, let to, _):
                let when =
                    from == to
                    ? "No classes on " + Self.dateElement(from)
                    : "No classes from " + Self.dateElement(from) + " to " + Self.dateElement(to)
                h.append("<li class=\"change closure\"><strong class=\"tag\">Closed</strong> " + when + Self.reason(c.reason) + "</li>")
            case .cancelled(let o):
                let title = HTMLText.escape(schedule.classes[o.classIndex].title)
                h.append(
                    "<li class=\"change cancelled\"><strong class=\"tag\">Cancelled</strong> " + title + " on "
                        + Self.dateTimeElement(o.localStart) + zoneSuffix(o.classIndex) + Self.reason(c.reason) + "</li>")
            case .moved(let o):
                let title = HTMLText.escape(schedule.classes[o.classIndex].title)
                let from = o.movedFrom ?? o.localStart
                let text: String
                if from.date == o.localStart.date {
                    text = title + " on " + Self.dateElement(from.date) + " starts at " + Self.timeElement(o.localStart.time)
                        + " instead of " + Self.timeElement(from.time)
                } else {
                    text = title + " moves from " + Self.dateTimeElement(from) + " to " + Self.dateTimeElement(o.localStart)
                }
                h.append(
                    "<li class=\"change moved\"><strong class=\"tag\">Moved</strong> " + text + zoneSuffix(o.classIndex)
                        + Self.reason(c.reason) + "</li>")
            }
        }
        h.append("</ul>")
        h.append("</section>")
    }

    private func zoneSuffix(_ i: Int) -> String {
        zoneNote(i).map { " <span class=\"zone-note\">(" + HTMLText.escape($0) + " time)</span>" } ?? ""
    }

    /// " (Christmas closure)", escaped; empty without a reason.
    static func reason(_ r: String?) -> String {
        r.map { " <span class=\"reason\">(" + HTMLText.multiline($0) + ")</span>" } ?? ""
    }

    // MARK: - Add to calendar

    func subscribe(_ h: inout [String]) {
        let links = FeedLink.all(builder)
        h.append("<section id=\"subscribe\" aria-labelledby=\"subscribe-title\">")
        h.append("<h2 id=\"subscribe-title\">Add the classes to your calendar</h2>")
        if schedule.calendar.publicURL == nil {
            h.append("<div class=\"notice\" role=\"note\">")
            h.append(
                "<p><strong>Subscribing is not set up yet.</strong> Calendar apps need the web address these calendar files are published at, and the studio has not given it: it goes in <code>calendar.publicURL</code> in schedule.json, for example <code>https://example.com/feeds/</code>. Until then only one-time copies are available here.</p>"
            )
            h.append("</div>")
        } else {
            h.append(
                "<p>Subscribe once and your calendar keeps itself up to date: cancelled classes disappear and moved classes move. Pick your calendar app below.</p>"
            )
        }
        guard let combined = links.first else { return }
        h.append("<div class=\"feed\" id=\"feed-all\">")
        h.append("<h3>All classes</h3>")
        feedBlock(&h, combined, key: "all")
        h.append("</div>")
        let classLinks = links.dropFirst().filter { link in link.classIndex.map { isCurrent(schedule.classes[$0]) } ?? false }
        if !classLinks.isEmpty {
            h.append("<h3>Just one class</h3>")
            h.append("<p>Each class also has a calendar of its own, for members who come to that class only.</p>")
            for link in classLinks {
                guard let i = link.classIndex else { continue }
                // "class-" keeps a class whose id is "all" from colliding with the combined feed's ids.
                let key = "class-" + schedule.classes[i].id
                h.append("<details class=\"feed\" id=\"feed-" + key + "\">")
                h.append("<summary>" + HTMLText.escape(link.title) + "</summary>")
                feedBlock(&h, link, key: key)
                h.append("</details>")
            }
        }
        h.append("</section>")
    }

    /// The calendar address, then one block per kind of app, then the one-time download.
    /// `key` is an id (letters, digits, '-') that makes element ids unique.
    private func feedBlock(_ h: inout [String], _ link: FeedLink, key: String) {
        let download =
            "<a class=\"download\" href=\"" + HTMLText.escape(link.downloadHref) + "\" download type=\"text/calendar\">Download "
            + HTMLText.escape(link.fileName) + "</a>"
        let oneTime =
            "<p class=\"warning\">A one-time copy: it will not update, so later cancellations and changes will not reach your calendar.</p>"
        guard let address = link.subscribeURL, let webcal = link.webcalURL else {
            h.append("<p>" + download + "</p>")
            h.append(oneTime)
            return
        }
        let inputID = "address-" + key
        // A read-only text area rather than an input: it wraps, so the whole address shows on a
        // phone, and it can be selected and copied without any script.
        h.append("<p class=\"address\"><label for=\"" + inputID + "\">Calendar address</label>")
        h.append(
            "<textarea id=\"" + inputID + "\" rows=\"2\" readonly spellcheck=\"false\" autocapitalize=\"off\">"
                + HTMLText.escape(address) + "</textarea></p>")
        h.append("<div class=\"ways\">")
        h.append("<div class=\"way\">")
        h.append("<h4>iPhone, iPad, Mac or Outlook for Windows</h4>")
        h.append("<p><a class=\"button primary\" href=\"" + HTMLText.escape(webcal) + "\">Subscribe</a></p>")
        h.append("<p class=\"hint\">Opens your calendar app, which asks whether to subscribe.</p>")
        h.append("</div>")
        h.append("<div class=\"way\">")
        h.append("<h4>Google Calendar</h4>")
        h.append("<ol>")
        h.append(
            "<li>On a computer, open <a href=\"https://calendar.google.com/calendar/r/settings/addbyurl\">Google Calendar’s “From URL” page</a> (in Google Calendar: <em>Other calendars</em> › <em>+</em> › <em>From URL</em>).</li>"
        )
        h.append("<li>Paste the calendar address above and choose <em>Add calendar</em>.</li>")
        h.append("</ol>")
        h.append(
            "<p class=\"hint\">It then shows in the Google Calendar app on your phone too. Google looks for changes only every 8 to 24 hours, so a same-day change may reach you late.</p>"
        )
        h.append("</div>")
        h.append("<div class=\"way\">")
        h.append("<h4>Outlook on the web</h4>")
        h.append("<ol>")
        h.append(
            "<li>Open <em>Add calendar</em> in <a href=\"https://outlook.live.com/calendar/0/addcalendar\">Outlook.com</a> or <a href=\"https://outlook.office.com/calendar/addcalendar\">Microsoft 365</a> (work or school).</li>"
        )
        h.append("<li>Choose <em>Subscribe from web</em>, paste the calendar address above and choose <em>Import</em>.</li>")
        h.append("</ol>")
        h.append("</div>")
        h.append("<div class=\"way\">")
        h.append("<h4>One-time copy</h4>")
        h.append("<p>" + download + "</p>")
        h.append(oneTime)
        h.append("</div>")
        h.append("</div>")
    }
}
