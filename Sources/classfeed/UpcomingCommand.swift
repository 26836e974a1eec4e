import CivilTime
import ICalendar
import FeedBuilder
import JSON
import Timetable

/// `classfeed upcoming`: the next occurrences, as members will see them.
enum UpcomingCommand {
    static let help = """
        Usage: classfeed upcoming [--schedule FILE] [--days N] [--class ID] [--json]
                                  [--from DATE --to DATE] [--now TIME]

        Lists the occurrences of the next N days (default 14) in the calendar's time zone,
        with cancellations ("cancelled: reason") and moves ("moved from ...") marked, in
        colour on a terminal (set NO_COLOR=1 to turn colour off).
        --json prints every occurrence as JSON for scripts, with UTC instants.

        Example:
          classfeed upcoming --days 28 --class hips-monday
        """

    static func run(_ args: [String], environment env: [String: String]) throws -> Int32 {
        let a = try Arguments(
            args, valued: ["schedule", "days", "class", "from", "to", "now"], booleans: ["json", "help"],
            command: "upcoming")
        if a.flag("help") {
            Output.out(help)
            return 0
        }
        if let extra = a.positionals.first { throw CLIError(.usage, "unexpected argument '\(extra)' (see 'classfeed upcoming --help')") }
        let now = try Clock.now(option: a.value("now"), environment: env)
        let loaded = try ScheduleLoading.load(a.value("schedule") ?? "schedule.json", environment: env, strict: false)
        let schedule = loaded.schedule
        let today = Window.today(at: now, in: schedule)
        var from = today
        var to = today.adding(days: 13)
        if let d = a.value("days") {
            guard let n = Int(d), (1...ScheduleLimits.windowDays).contains(n) else {
                throw CLIError(.usage, "--days expects a number of days from 1 to \(ScheduleLimits.windowDays), got '\(d)'")
            }
            to = today.adding(days: n - 1)
        }
        if a.value("from") != nil || a.value("to") != nil {
            guard let f = a.value("from"), let t = a.value("to") else { throw CLIError(.usage, "--from and --to go together") }
            (from, to) = try Window.resolve(from: f, to: t, today: today)
        }
        var indices = Array(schedule.classes.indices)
        if let id = a.value("class") {
            guard let i = schedule.classIndex(id: id) else {
                let hint = closestMatch(to: id, in: schedule.classes.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
                throw CLIError(.usage, "no class has the id '\(id)'\(hint)")
            }
            indices = [i]
        }
        try OccurrenceBudget.check(schedule, from: from, to: to, style: .occurrences)
        let engine = RecurrenceEngine(schedule: schedule)
        var list: [Occurrence] = []
        for i in indices { list += engine.occurrences(ofClass: i, from: from, to: to) }
        list.sort { ($0.start, $0.classIndex) < ($1.start, $1.classIndex) }
        let builder = FeedBuilder(schedule: schedule, options: FeedOptions(from: from, to: to, stamp: now))
        if a.flag("json") {
            Output.out(json(list, builder))
        } else {
            Output.out(OccurrenceTable.render(list, schedule: schedule, from: from, to: to, color: Output.stdoutIsTerminal && (env["NO_COLOR"] ?? "").isEmpty))
        }
        return 0
    }

    static func json(_ list: [Occurrence], _ builder: FeedBuilder) -> String {
        let s = builder.schedule
        var out = "[\n"
        for (n, o) in list.enumerated() {
            let cls = s.classes[o.classIndex]
            var fields: [(String, String)] = [
                ("uid", JSONLayout.quote(builder.uid(o))),
                ("class", JSONLayout.quote(cls.id)),
                ("title", JSONLayout.quote(cls.title)),
                ("summary", JSONLayout.quote(builder.summary(o))),
                ("status", JSONLayout.quote(o.isCancelled ? "cancelled" : "confirmed")),
                ("start", JSONLayout.quote(Property.utcISO(o.start))),
                ("end", JSONLayout.quote(Property.utcISO(o.end))),
                ("timezone", JSONLayout.quote(s.zoneName(ofClass: o.classIndex))),
                ("localStart", JSONLayout.quote(o.localStart.description)),
                ("date", JSONLayout.quote(o.date.description)),
                ("originalDate", JSONLayout.quote(o.originalDate.description)),
            ]
            if case .cancelled(let reason) = o.status { fields.append(("reason", reason.map(JSONLayout.quote) ?? "null")) }
            if let m = o.movedFrom {
                fields.append(("movedFrom", JSONLayout.quote(m.description)))
                fields.append(("moveReason", o.moveReason.map(JSONLayout.quote) ?? "null"))
            }
            out += "  {" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
            out += n == list.count - 1 ? "\n" : ",\n"
        }
        return out + "]"
    }
}

extension Property {
    /// `2026-11-30T17:15:00Z`.
    static func utcISO(_ t: Int64) -> String {
        let l = LocalDateTime(localSeconds: t)
        let time = l.time.description.count == 5 ? l.time.description + ":00" : l.time.description
        return "\(l.date)T\(time)Z"
    }
}
