import CivilTime
import JSON
import Timetable

/// `classfeed init`: a starter schedule.json, written without asking anything and never over a
/// file that is there already.
enum InitCommand {
    static let defaultName = "My Studio"

    static func run(_ args: [String], _ context: CommandContext) throws -> ExitCode {
        let spec = CommandSpec.initCommand
        let a = try spec.parse(args)
        if a.flag("help") {
            context.out(spec.help)
            return .ok
        }
        if let extra = a.positionals.first {
            throw CLIError(
                .usage,
                "unexpected argument '\(extra)' (see 'classfeed init --help')\n  hint: a name with spaces needs quotes: --name \"Still Point Yoga\"")
        }
        let name = try calendarName(a.value("name") ?? defaultName)
        let id = try calendarID(a.value("id"), name: name)
        let now = try Clock.now(option: a.value("now"), environment: context.environment, clock: context.clock)
        let database = try ScheduleLoading.timeZoneDatabase(context)
        let zone = try StudioZone.choose(a.value("timezone"), context, database)
        let path = a.value("schedule") ?? "schedule.json"
        guard path != ScheduleLoading.standardInputPath else {
            throw CLIError(.usage, "--schedule - is standard input, which init cannot write to; name the file to create, e.g. --schedule schedule.json")
        }

        let starter = StarterSchedule(id: id, name: name, timeZone: zone.name, today: zone.rules.localDateTime(at: now).date)
        // The starter must pass `check` as written: decoded and validated like any schedule
        // before a byte is written.
        _ = try ScheduleLoading.load(bytes: starter.bytes, path: path, label: path, context, strict: false)
        guard try context.fileSystem.createNew(starter.bytes, at: path) else {
            throw CLIError(
                .cannotCreate,
                "\(path) already exists; classfeed init never overwrites a schedule, and did not change it\n"
                    + "  hint: edit it and run 'classfeed check\(scheduleOption(path))'; to start afresh, run init in an empty folder or name another file with --schedule")
        }
        let option = scheduleOption(path)
        context.out(
            """
            wrote \(path): "\(name)", feed \(id).ics, time zone \(zone.name)\(zone.origin.map { " (\($0))" } ?? "")
              with one example class (\(starter.classTitle), \(starter.classWhen)) and one example closure (\(starter.closureReason), \(starter.closureFrom.humanDate) to \(starter.closureTo.humanDate))

            Next steps:
              1. Edit \(path): your classes and closures instead of the examples; "uidDomain", a domain of yours
                 (never change it once members subscribe); "publicURL", the https:// folder the feeds will be served from.
              2. Check it: classfeed check\(option)
              3. Write the feeds and the subscribe page into the folder your web server serves:
                 classfeed build\(option) --output /var/www/feeds
            """)
        return .ok
    }

    /// ` --schedule FILE` when FILE is not the default, quoted for a shell when it needs to be.
    static func scheduleOption(_ path: String) -> String {
        path == "schedule.json" ? "" : " --schedule " + shellQuoted(path)
    }

    static func shellQuoted(_ s: String) -> String {
        let plain = !s.isEmpty && s.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || "-_./+:@%".unicodeScalars.contains($0)
        }
        if plain { return s }
        var out = "'"
        for c in s { out += c == "'" ? "'\\''" : String(c) }
        return out + "'"
    }

    /// `--name`: text a calendar app can show on one line.
    static func calendarName(_ name: String) throws(CLIError) -> String {
        guard !name.unicodeScalars.allSatisfy(\.properties.isWhitespace) else {
            throw CLIError(.usage, "--name needs the calendar's name, e.g. --name \"Still Point Yoga\"")
        }
        if let bad = name.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            let code = String(bad.value, radix: 16, uppercase: true)
            throw CLIError(.usage, "--name has a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)); give the name on one line")
        }
        guard name.count <= ScheduleLimits.textLength else {
            throw CLIError(.usage, "--name is \(name.count) characters long; the limit is \(ScheduleLimits.textLength)")
        }
        return name
    }

    /// `--id`, or one made from the name: its ASCII letters and digits in lower case, every other
    /// run of characters one '-' ("Still Point Yoga" -> "still-point-yoga").
    static func calendarID(_ given: String?, name: String) throws(CLIError) -> String {
        if let given {
            guard ScheduleDecoder.isValidID(given) else {
                let suggestion = derivedID(given)
                throw CLIError(
                    .usage,
                    "--id expects lowercase letters, digits and '-' (at most \(ScheduleLimits.idLength), not starting with '-'), got '\(given)'"
                        + (suggestion == "studio" ? "" : "\n  hint: did you mean --id \(suggestion)?"))
            }
            return given
        }
        return derivedID(name)
    }

    static func derivedID(_ text: String) -> String {
        var id = ""
        var dash = false
        for u in text.unicodeScalars {
            let lower = u >= "A" && u <= "Z" ? Unicode.Scalar(u.value + 32) ?? u : u
            if (lower >= "a" && lower <= "z") || (lower >= "0" && lower <= "9") {
                let separated = dash && !id.isEmpty
                if id.utf8.count + (separated ? 2 : 1) > ScheduleLimits.idLength { break }
                if separated { id += "-" }
                dash = false
                id.unicodeScalars.append(lower)
            } else {
                dash = true
            }
        }
        while id.hasSuffix("-") { id.removeLast() }
        return id.isEmpty ? "studio" : id
    }
}
