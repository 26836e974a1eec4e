/// Every command's options and help, declared once. The option lists drive parsing, `--help`,
/// "did you mean" and `classfeed completions`.
extension CommandSpec {
    static let build = CommandSpec(
        name: "build",
        summary: "Write the feeds into the output folder (the default command)",
        options: [
            .value("schedule", "FILE", "The timetable to read (default: schedule.json; - reads standard input)", completion: .file),
            .value("output", "DIR", "Where to write the feeds (default: output); a folder, never -", completion: .directory),
            .value("from", "DATE", "First date (YYYY-MM-DD) of the feed's window"),
            .value("to", "DATE", "Last date (inclusive) of the feed's window", "Default window: from the Monday 4 weeks ago, 30 weeks long"),
            .value("style", "STYLE", "occurrences: one event per class occurrence in the window", "series: one repeating event per weekly class (RRULE), with", "EXDATEs and moved-class overrides; starts at the window's start", "and runs to the class's \"until\"", "Default: the schedule's calendar.style, else occurrences", completion: .words(["occurrences", "series"])),
            .flag("no-class-feeds", "Write only the combined feed (a network of hundreds of classes", "may not want a file per class), and offer only it on the page;", "existing class feeds are left alone"),
            .flag("strict", "Treat warnings as errors"),
            .flag("verbose", "Print warnings, what subscribers will see change, and the files written"),
            .flag("dry-run", "Print what subscribers would see change; write nothing"),
            .value("now", "TIME", "Pretend the time is TIME (2026-11-27T09:00:00Z), for tests;", "SOURCE_DATE_EPOCH is honoured too"),
            .value("lock-timeout", "S", "How long to wait for another run to finish (default 10 s), then exit 75"),
            .flag("no-page", "Do not write index.html (an existing one is left alone)"),
        ],
        prose: """
        Usage: classfeed build [--schedule FILE] [--output DIR] [--from DATE] [--to DATE]
                               [--style occurrences|series] [--no-class-feeds] [--no-page]
                               [--strict] [--verbose] [--dry-run] [--now TIME] [--lock-timeout SECONDS]

        Writes the feeds into DIR: <calendar id>.ics with every class, and
        <calendar id>-<class id>.ics for each class, and the subscribe page index.html
        (see docs/SUBSCRIBE-PAGE.md). Only files whose content changed are
        rewritten, each atomically; unchanged events keep their DTSTAMP and SEQUENCE, changed
        ones get SEQUENCE + 1. An invalid schedule writes nothing. On a terminal it ends with a
        summary (what members see, the files written, the subscribe address); under cron (not
        a terminal) it prints nothing on success.
        """,
        examples: """
        Example:
          classfeed build --schedule /srv/studio/schedule.json --output /var/www/feeds
        """,
        synonyms: ["generate", "make", "publish", "run"]
    )

    static let check = CommandSpec(
        name: "check",
        summary: "Validate the schedule and print errors and warnings; writes nothing",
        options: [
            .value("schedule", "FILE", "The timetable to read (default: schedule.json; - reads standard input)", completion: .file),
            .flag("strict", "Treat warnings as errors"),
            .value("now", "TIME", "Pretend the time is TIME (2026-11-27T09:00:00Z), for tests"),
        ],
        prose: """
        Usage: classfeed check [--schedule FILE] [--strict] [--now TIME]

        Validates the schedule and prints every error and warning with its file, line:column
        and JSON path. Writes nothing. Exits 0 when the schedule is usable (warnings allowed
        unless --strict), 65 when it is not. --schedule - reads the schedule from standard
        input. Without calendar.publicURL (or with an http:// one) it also warns that members
        cannot subscribe; that warning alone never fails the check, even with --strict.
        """,
        listsOptions: false,
        examples: """
        Example:
          classfeed check --schedule schedule.json --strict
        """,
        synonyms: ["validate", "verify", "lint", "test"]
    )

    static let upcoming = CommandSpec(
        name: "upcoming",
        summary: "List the coming classes with cancellations and moves (--json for scripts)",
        options: [
            .value("schedule", "FILE", "The timetable to read (default: schedule.json; - reads standard input)", completion: .file),
            .value("days", "N", "How many days to list (default 14)"),
            .value("class", "ID", "List only this class"),
            .value("instructor", "NAME", "List only the classes NAME teaches, covers included"),
            .value("location", "TEXT", "List only the classes at TEXT, changes included"),
            .value("tag", "TAG", "List only the classes tagged TAG"),
            .flag("json", "Print JSON for scripts, with UTC instants"),
            .value("from", "DATE", "First date (YYYY-MM-DD) to list, with --to"),
            .value("to", "DATE", "Last date (inclusive) to list, with --from"),
            .value("now", "TIME", "Pretend the time is TIME (2026-11-27T09:00:00Z), for tests"),
        ],
        prose: """
        Usage: classfeed upcoming [--schedule FILE] [--days N] [--class ID] [--json]
                                  [--instructor NAME] [--location TEXT] [--tag TAG]
                                  [--from DATE --to DATE] [--now TIME]

        Lists the occurrences of the next N days (default 14) in the calendar's time zone,
        with cancellations ("cancelled: reason"), moves ("moved from ...") and changes
        ("covered by Sam", "in Studio 2") marked, in colour on a terminal (set NO_COLOR=1 to
        turn colour off). --instructor, --location and --tag keep the occurrences that match
        after changes: a class Sam covers is Sam's.
        --json prints every occurrence as JSON for scripts, with UTC instants.
        """,
        listsOptions: false,
        examples: """
        Example:
          classfeed upcoming --days 28 --class hips-monday
        """,
        synonyms: ["list", "ls", "show", "next", "agenda"]
    )

    static let exceptions = CommandSpec(
        name: "exceptions",
        summary: "List, add, move, change or remove closures, moves and covers (list|add|move|change|remove)",
        options: [],
        prose: """
        Usage: classfeed exceptions list   [--schedule FILE]
               classfeed exceptions add    DATE [--to DATE] [--class ID] [--reason TEXT] [--schedule FILE]
               classfeed exceptions move   --class ID DATE [--to-date DATE] [--to-time HH:MM] [--reason TEXT]
                                           [--schedule FILE]
               classfeed exceptions change --class ID DATE [--to DATE] [--instructor NAME] [--location TEXT]
                                           [--title TEXT] [--note TEXT] [--duration MIN] [--reason TEXT]
                                           [--schedule FILE]
               classfeed exceptions remove DATE [--class ID] [--to DATE] [--schedule FILE]

        Cancels classes (one day or a range, every class or one), moves one class, changes one
        class's instructor, room, title, note or length (a cover), or undoes any of these, by
        rewriting the schedule safely: the change is checked first, an invalid result changes
        nothing, and the previous file is kept as schedule.json.bak. Dates are YYYY-MM-DD in
        the calendar's time zone.

        Run 'classfeed exceptions COMMAND --help' for each command's options.
        """,
        listsOptions: false,
        examples: """
        Examples:
          classfeed exceptions add 2026-12-24 --reason "Christmas Eve"
          classfeed exceptions list
        """,
        subcommands: ["list", "add", "move", "change", "remove", "help"],
        synonyms: ["closures", "closure", "cancellations", "holidays"]
    )

    static let exceptionsList = CommandSpec(
        name: "exceptions list",
        options: [
            .value("schedule", "FILE", "The timetable (default: schedule.json; - reads standard input)", completion: .file),
        ],
        prose: """
        Usage: classfeed exceptions list [--schedule FILE]

        Shows every exception in the schedule, and every day off from its holiday calendars,
        with the classes each one cancels or moves:
          Thu 24 Dec 2026: Hip Mobility & Stretch 19:00 cancelled
        """,
        examples: """
        Example:
          classfeed exceptions list --schedule /srv/studio/schedule.json
        """,
        synonyms: ["ls", "show"]
    )

    static let exceptionsAdd = CommandSpec(
        name: "exceptions add",
        options: [
            .value("to", "DATE", "Last day of a range, inclusive (YYYY-MM-DD)"),
            .value("class", "ID", "Cancel only this class (see the ids in schedule.json)"),
            .value("reason", "TEXT", "Shown to members, e.g. \"Christmas Eve\""),
            .value("schedule", "FILE", "The timetable to change (default: schedule.json)", completion: .file),
        ],
        prose: """
        Usage: classfeed exceptions add DATE [--to DATE] [--class ID] [--reason TEXT] [--schedule FILE]

        Cancels the classes on DATE (or from DATE to --to, both included): every class, or only
        the class --class. Refused when no class runs then, when the same exception exists, or
        when every class then is already cancelled.
        """,
        examples: """
        Examples:
          classfeed exceptions add 2026-12-24 --reason "Christmas Eve"
          classfeed exceptions add 2026-12-24 --to 2027-01-03 --reason "Christmas closure"
          classfeed exceptions add 2026-11-30 --class hips-monday --reason "Teacher away"
        """,
        synonyms: ["cancel", "close", "new", "create"]
    )

    static let exceptionsMove = CommandSpec(
        name: "exceptions move",
        options: [
            .value("class", "ID", "The class that moves (required)"),
            .value("to-date", "DATE", "Its new date (default: the same day)"),
            .value("to-time", "HH:MM", "Its new 24-hour start time (default: the usual time)"),
            .value("reason", "TEXT", "Shown to members, e.g. \"Hall booked\""),
            .value("schedule", "FILE", "The timetable to change (default: schedule.json)", completion: .file),
        ],
        prose: """
        Usage: classfeed exceptions move --class ID DATE [--to-date DATE] [--to-time HH:MM] [--reason TEXT]
                                         [--schedule FILE]

        Moves the class --class that is due on DATE to another day and/or time. The class keeps
        its length and its identity in members' calendars. A move beats a public holiday from
        the holiday calendars; a class cancelled in the schedule cannot be moved.
        """,
        examples: """
        Example:
          classfeed exceptions move --class hips-thursday 2026-12-10 --to-date 2026-12-11 --to-time 18:00
        """,
        synonyms: ["mv", "reschedule"]
    )

    static let exceptionsChange = CommandSpec(
        name: "exceptions change",
        options: [
            .value("class", "ID", "The class that changes (required)"),
            .value("to", "DATE", "Last day of a range, inclusive (YYYY-MM-DD)"),
            .value("instructor", "NAME", "Who teaches instead, e.g. Sam (a cover)"),
            .value("location", "TEXT", "Where instead, e.g. \"Studio 2\""),
            .value("title", "TEXT", "Another title for those classes"),
            .value("note", "TEXT", "A note for members, e.g. \"Bring a strap\""),
            .value("duration", "MIN", "Another length in minutes, 1 to 1440"),
            .value("reason", "TEXT", "Why, e.g. \"Priya away\""),
            .value("schedule", "FILE", "The timetable to change (default: schedule.json)", completion: .file),
        ],
        prose: """
        Usage: classfeed exceptions change --class ID DATE [--to DATE] [--instructor NAME] [--location TEXT]
                                           [--title TEXT] [--note TEXT] [--duration MIN] [--reason TEXT]
                                           [--schedule FILE]

        Changes the class --class that is due on DATE (or every one of its classes from DATE to
        --to, both included): another instructor, room, title, note or length, at the usual day
        and time. Give at least one of them. Refused when the class does not run then, when the
        change changes nothing, when the classes are cancelled, or when another change already
        gives one of them another value.
        """,
        examples: """
        Examples:
          classfeed exceptions change --class hips-monday 2027-01-04 --instructor Sam --reason "Priya away"
          classfeed exceptions change --class hips-monday 2027-01-04 --to 2027-01-25 --location "Studio 2"
        """,
        synonyms: ["edit", "cover", "update", "modify", "set"]
    )

    static let exceptionsRemove = CommandSpec(
        name: "exceptions remove",
        options: [
            .value("class", "ID", "Remove the exception for this class"),
            .value("to", "DATE", "The last day of the range to remove, when several start on DATE"),
            .value("schedule", "FILE", "The timetable to change (default: schedule.json)", completion: .file),
        ],
        prose: """
        Usage: classfeed exceptions remove DATE [--class ID] [--to DATE] [--schedule FILE]

        Removes the exception that starts on DATE: the one for every class, or with --class the
        one for that class (a cancellation, a move or a change). When two exceptions start on
        DATE, --to names the last day of the one to remove. Days off from holiday calendars are
        not schedule entries: see 'classfeed exceptions list' for where they come from.
        """,
        examples: """
        Examples:
          classfeed exceptions remove 2026-12-24
          classfeed exceptions remove 2026-12-10 --class hips-thursday
        """,
        synonyms: ["delete", "del", "rm", "undo", "uncancel"]
    )

}

extension CommandSpec {
    static let initCommand = CommandSpec(
        name: "init",
        summary: "Write a starter schedule.json here: one example class and one closure",
        options: [
            .value("name", "NAME", "The calendar's name in members' apps (default: My Studio)"),
            .value("timezone", "ZONE", "The studio's IANA time zone, e.g. Europe/London (default: this", "machine's, from TZ or /etc/localtime, unless it is UTC; else", "Europe/London)"),
            .value("id", "ID", "The feed's file name: lowercase letters, digits and '-'", "(default: made from the name, my-studio)"),
            .value("schedule", "FILE", "The file to write (default: schedule.json)", completion: .file),
            .value("now", "TIME", "Pretend the time is TIME (2026-11-27T09:00:00Z), for tests"),
        ],
        prose: """
        Usage: classfeed init [--name NAME] [--timezone ZONE] [--id ID] [--schedule FILE]

        Writes a starter schedule.json in the current folder, asking nothing: the calendar,
        one example class (Mondays 18:00, an hour) and one example closure (the coming winter
        break), valid for 'classfeed check'. Never overwrites: when the file exists it says so
        and exits 73. Then it prints the next three steps.
        """,
        examples: """
        Example:
          classfeed init --name "Still Point Yoga" --timezone Europe/London
        """,
        synonyms: ["new", "create", "setup", "start"]
    )

    static let completions = CommandSpec(
        name: "completions",
        summary: "Print a shell completion script: classfeed completions bash|zsh|fish",
        options: [],
        prose: """
        Usage: classfeed completions bash|zsh|fish

        Prints a script that completes classfeed's commands, options and option values
        (--style occurrences|series, files for --schedule, folders for --output) in the
        shell named.
        """,
        listsOptions: false,
        examples: """
        Examples:
          source <(classfeed completions bash)
          classfeed completions zsh > "${fpath[1]}/_classfeed"
          classfeed completions fish > ~/.config/fish/completions/classfeed.fish
        """,
        subcommands: Completions.Shell.allCases.map(\.rawValue)
    )

    static let helpCommand = CommandSpec(
        name: "help",
        summary: "Show this help, or a command's: classfeed help build",
        options: [],
        prose: "Usage: classfeed help [COMMAND]",
        listsOptions: false,
        examples: "Example:\n  classfeed help build",
        subcommands: ["build", "check", "upcoming", "exceptions", "init", "completions"]
    )

    /// The commands `classfeed --help` lists, in its order.
    static let topLevel: [CommandSpec] = [.build, .check, .upcoming, .exceptions, .initCommand, .completions, .helpCommand]

    /// The subcommands of `exceptions`, each with its own options.
    static let exceptionsSubcommands: [CommandSpec] = [.exceptionsList, .exceptionsAdd, .exceptionsMove, .exceptionsChange, .exceptionsRemove]

    /// Every command that takes options: the top-level ones and `exceptions`' subcommands.
    static var all: [CommandSpec] { topLevel + exceptionsSubcommands }
}
