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
        let instructor = try filterValue(a, "instructor", known: knownInstructors(schedule))
        let location = try filterValue(a, "location", known: knownLocations(schedule))
        let tag = try filterValue(a, "tag", known: schedule.classes.flatMap(\.tags))
        if let tag { indices.removeAll { !schedule.classes[$0].tags.contains(tag) } }
        try OccurrenceBudget.check(schedule, from: from, to: to, style: .occurrences)
        let engine = RecurrenceEngine(schedule: schedule)
        var list: [Occurrence] = []
        for i in indices { list += engine.occurrences(ofClass: i, from: from, to: to) }
        // Per occurrence, after changes: Sam's cover of Priya's class is Sam's, not Priya's.
        if let instructor { list.removeAll { schedule.instructor(of: $0) != instructor } }
        if let location { list.removeAll { schedule.location(of: $0) != location } }
        list.sort { ($0.start, $0.classIndex) < ($1.start, $1.classIndex) }
        let builder = FeedBuilder(schedule: schedule, options: FeedOptions(from: from, to: to, stamp: now))
        if a.flag("json") {
            context.out(json(list, builder))
        } else {
            context.out(OccurrenceTable.render(list, schedule: schedule, from: from, to: to, color: context.standardOutput.isTerminal && (context.environment["NO_COLOR"] ?? "").isEmpty))
        }
        return .ok
    }

    /// The value of `--instructor`, `--location` or `--tag`; one that no class or change has is
    /// a usage error with the closest known value, like an unknown `--class`.
    private static func filterValue(_ a: Arguments, _ name: String, known: [String]) throws(CLIError) -> String? {
        guard let v = a.value(name) else { return nil }
        guard !known.contains(v) else { return v }
        var seen = Set<String>()
        let values = known.filter { seen.insert($0).inserted }.sorted()
        let hint = closestMatch(to: v, in: values).map { "; did you mean '\($0)'?" } ?? ""
        let list = values.isEmpty ? "the schedule names none" : "known: " + values.joined(separator: ", ")
        throw CLIError(.usage, "no class or change has the \(name) '\(v)'\(hint) (\(list))")
    }

    /// Every instructor the schedule names: the classes' and the changes'.
    private static func knownInstructors(_ s: Schedule) -> [String] {
        s.classes.compactMap(\.instructor) + s.exceptions.compactMap { $0.changes?.instructor }
    }

    /// Every location the schedule names: the classes' and the changes'.
    private static func knownLocations(_ s: Schedule) -> [String] {
        s.classes.compactMap(\.location) + s.exceptions.compactMap { $0.changes?.location }
    }

    /// One object per occurrence. The keys of a plain occurrence never change; a changed one adds
    /// `changed` (the fields that differ from the class's, in schedule.json's order), the
    /// effective value of each (`instructor`, `location`, `note`, `durationMinutes`; `title` is
    /// always the effective title) and `changeReason`; a class with tags adds `tags`.
    static func json(_ list: [Occurrence], _ builder: FeedBuilder) -> String {
        let s = builder.schedule
        var out = "[\n"
        for (n, o) in list.enumerated() {
            let cls = s.classes[o.classIndex]
            var fields: [(String, String)] = [
                ("uid", JSONLayout.quote(builder.uid(o))),
                ("class", JSONLayout.quote(cls.id)),
                ("title", JSONLayout.quote(s.title(of: o))),
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
            if let c = o.change?.differences(from: cls), !c.isEmpty {
                let changed = c.fields.map(\.key)
                fields.append(("changed", "[" + changed.map(JSONLayout.quote).joined(separator: ", ") + "]"))
                if changed.contains("instructor") { fields.append(("instructor", s.instructor(of: o).map(JSONLayout.quote) ?? "null")) }
                if changed.contains("location") { fields.append(("location", s.location(of: o).map(JSONLayout.quote) ?? "null")) }
                if let note = c.note { fields.append(("note", JSONLayout.quote(note))) }
                if changed.contains("durationMinutes") { fields.append(("durationMinutes", String(s.durationMinutes(of: o)))) }
                fields.append(("changeReason", o.changeReason.map(JSONLayout.quote) ?? "null"))
            }
            if !cls.tags.isEmpty { fields.append(("tags", "[" + cls.tags.map(JSONLayout.quote).joined(separator: ", ") + "]")) }
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
