import CivilTime
import FeedBuilder
import Timetable

/// What `classfeed build` tells a person: printed when standard output is a terminal (someone
/// ran it by hand) or with `--verbose`, never under cron (not a terminal), so cron sends no mail.
///
///     CIRCL: 2 classes; from today to Sun 23 May 2027 members see 45 classes, 4 cancelled, 1 moved, 0 changed
///     wrote circl.ics (57 events), index.html; 2 files unchanged
///     subscribe page: https://circl.example/feeds/
///
/// `--verbose` lists the files itself, so there the second line is left out.
struct BuildSummary {
    var calendarName: String
    var classes: Int
    var lastDate: LocalDate
    /// From today (or the window's start, when later) to the window's end.
    var confirmed = 0
    var cancelled = 0
    var moved = 0
    var changed = 0
    /// As `--verbose` lists them: "circl.ics (57 events)", "index.html".
    var written: [String]
    var unchanged: Int
    /// Where members subscribe: the page's address, or the combined feed's without a page;
    /// nil without `calendar.publicURL`.
    var subscribe: (what: String, url: String)?

    /// - Parameters:
    ///   - expected: the names of the files the build compared (feeds and page), written or not.
    ///   - written: what it wrote, as `--verbose` lists them.
    init(builder: FeedBuilder, from: LocalDate, to: LocalDate, today: LocalDate, expected: [String], written: [String], page: Bool) {
        let schedule = builder.schedule
        calendarName = schedule.calendar.name
        classes = schedule.classes.count
        lastDate = to
        let first = max(from, today)
        if first <= to {
            for o in builder.engine.occurrences(from: first, to: to) {
                if o.isCancelled {
                    cancelled += 1
                    continue
                }
                confirmed += 1
                if o.movedFrom != nil { moved += 1 }
                if o.isChanged { changed += 1 }
            }
        }
        self.written = written
        let writtenNames = Set(written.map { String($0.prefix { $0 != " " }) })
        unchanged = expected.filter { !writtenNames.contains($0) }.count
        if let folder = schedule.calendar.publicURL {
            subscribe = page ? ("subscribe page", folder) : ("feed", folder + builder.fileName(classIndex: nil))
        }
    }

    func lines(listingFiles: Bool) -> [String] {
        var out = [
            "\(calendarName): \(count(classes, "class", "classes")); from today to \(lastDate.humanDate) members see "
                + "\(count(confirmed, "class", "classes")), \(cancelled) cancelled, \(moved) moved, \(changed) changed"
        ]
        if listingFiles {
            if written.isEmpty {
                out.append("no files changed (\(count(unchanged, "file", "files")) up to date)")
            } else {
                out.append("wrote " + written.joined(separator: ", ") + (unchanged > 0 ? "; \(count(unchanged, "file", "files")) unchanged" : ""))
            }
        }
        if let subscribe { out.append("\(subscribe.what): \(subscribe.url)") }
        return out
    }

    private func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
}
