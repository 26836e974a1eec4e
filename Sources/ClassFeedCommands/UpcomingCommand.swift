import CivilTime
import ICalendar
import FeedBuilder
import JSON
import Timetable

/// `classfeed upcoming`: the next occurrences, as members will see them.
enum UpcomingCommand {
    static func run(_ args: [String], _ context: CommandContext) throws -> ExitCode {
        let a = try CommandSpec.upcoming.parse(args)
        if a.flag("help") {
            context.out(CommandSpec.upcoming.help)
            return .ok
        }
        if let extra = a.positionals.first { throw CLIError(.usage, "unexpected argument '\(extra)' (see 'classfeed upcoming --help')") }
        let now = try Clock.now(option: a.value("now"), environment: context.environment, clock: context.clock)
        let loaded = try ScheduleLoading.load(a.value("schedule") ?? "schedule.json", context, strict: false)
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
            context.out(json(list, builder))
        } else {
            context.out(OccurrenceTable.render(list, schedule: schedule, from: from, to: to, color: context.standardOutput.isTerminal && (context.environment["NO_COLOR"] ?? "").isEmpty))
        }
        return .ok
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
