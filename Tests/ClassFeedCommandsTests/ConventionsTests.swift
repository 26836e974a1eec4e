import ClassFeedCommands
import Testing

/// The conventions people know from other command-line tools, and the messages that speak
/// to the person who typed the command (issue 16).
@Suite struct ConventionsTests {
    static let schedule = InMemoryCommandTests.schedule

    func studio(_ json: String = schedule) -> InMemoryFileSystem {
        InMemoryFileSystem(files: ["schedule.json": Array(json.utf8)])
    }

    // MARK: - Help, version, option order

    @Test("-V and --version print the version, and the help lists them with -h and --")
    func versionAndHelp() {
        #expect(CommandRun(arguments: ["-V"]) == CommandRun(status: .ok, stdout: "classfeed 1.0.0\n", stderr: ""))
        #expect(CommandRun(arguments: ["--version"]) == CommandRun(status: .ok, stdout: "classfeed 1.0.0\n", stderr: ""))
        let help = CommandRun(arguments: ["-h"])
        #expect(help == CommandRun(arguments: ["--help"]))
        #expect(help.stdout.contains("\n  -V, --version  Print the version\n"))
        #expect(help.stdout.contains("\n  -h, --help     Show this help"))
        #expect(help.stdout.contains("\n  --             Ends the options"))
    }

    @Test("-V and --version after a command print the version too, but not as an option's value or after --")
    func versionAfterTheCommand() {
        let version = CommandRun(status: .ok, stdout: "classfeed 1.0.0\n", stderr: "")
        let fs = studio()
        for args in [["build", "-V"], ["check", "--version"], ["upcoming", "--days", "3", "-V"], ["exceptions", "-V"],
                     ["exceptions", "add", "--version"], ["help", "-V"], ["--schedule", "schedule.json", "check", "-V"]] {
            #expect(CommandRun(args, in: fs) == version, "\(args)")
        }
        #expect(fs.text("output/index.html") == nil, "nothing built")
        // A value, or a word after --, is what it always was.
        #expect(CommandRun(["check", "--schedule", "-V"], in: fs).stderr == "classfeed: error: -V: no such file\n")
        #expect(CommandRun(["build", "--", "-V"], in: fs).status == .usage)
        #expect(CommandRun(["build", "--versoin"], in: fs).stderr.contains("did you mean '--version'?"))
    }

    @Test("dates the owner types or reads on the command line are ISO: the --verbose window, range errors")
    func isoDatesOnTheCommandLine() {
        let fs = studio()
        let built = CommandRun(["build", "--verbose", "--now", "2026-11-27T09:00:00Z"], in: fs)
        #expect(built.status == .ok, "\(built.stderr)")
        #expect(built.stdout.contains("\nwindow 2026-10-26 to 2027-05-23, occurrences style\n"), "\(built.stdout)")
        #expect(CommandRun(["build", "--from", "2027-01-04", "--to", "2026-12-01"], in: fs).stderr
            == "classfeed: error: --from (2027-01-04) is after --to (2026-12-01)\n")
        #expect(CommandRun(["exceptions", "add", "2026-12-10", "--to", "2026-12-01"], in: fs).stderr
            == "classfeed: error: --to (2026-12-01) is before DATE (2026-12-10); the range runs from DATE to --to, both included\n")
    }

    @Test("options before the command are the command's options")
    func optionsBeforeTheCommand() {
        let fs = studio()
        fs.write("studio/other.json", Self.schedule)
        let before = CommandRun(["--schedule", "studio/other.json", "check", "--now", "2026-11-27T09:00:00Z"], in: fs)
        let after = CommandRun(["check", "--schedule", "studio/other.json", "--now", "2026-11-27T09:00:00Z"], in: fs)
        #expect(before.status == .ok)
        #expect(before == after)
        #expect(before.stdout.hasPrefix("studio/other.json: ok: "), "\(before.stdout)")

        // And after exceptions' own command.
        let edit = CommandRun(["--schedule=studio/other.json", "exceptions", "add", "2026-12-03"], in: fs)
        #expect(edit.status == .ok, "\(edit.stderr)")
        #expect(fs.text("studio/other.json")?.contains("2026-12-03") == true)
        #expect(fs.text("schedule.json") == Self.schedule)
    }

    @Test("the value of an option before the command is never taken for the command")
    func anOptionValueIsNotACommand() {
        let fs = studio()
        let r = CommandRun(["--output", "check", "--now", "2026-11-27T09:00:00Z"], in: fs)
        #expect(r == CommandRun(status: .ok, stdout: "", stderr: ""))
        #expect(fs.names(in: "check")?.contains("circl.ics") == true)
    }

    @Test("-- ends the options: what follows is an argument")
    func doubleDashEndsOptions() {
        let r = CommandRun(["check", "--", "--strict"], in: studio())
        #expect(r == CommandRun(status: .usage, stdout: "", stderr: "classfeed: error: unexpected argument '--strict' (see 'classfeed check --help')\n"))
    }

    @Test("a word another tool uses for a command gets did you mean", arguments: [
        (["exceptions", "delete", "2026-12-24"],
         "classfeed: error: unknown command 'exceptions delete'; did you mean 'remove'? (see 'classfeed exceptions --help')\n"),
        (["exceptions", "rm", "2026-12-24"],
         "classfeed: error: unknown command 'exceptions rm'; did you mean 'remove'? (see 'classfeed exceptions --help')\n"),
        (["exceptions", "cancel", "2026-12-24"],
         "classfeed: error: unknown command 'exceptions cancel'; did you mean 'add'? (see 'classfeed exceptions --help')\n"),
        (["validate"], "classfeed: error: unknown command 'validate'; did you mean 'check'? (see 'classfeed --help')\n"),
    ])
    func synonyms(_ args: [String], _ message: String) {
        #expect(CommandRun(args, in: studio()) == CommandRun(status: .usage, stdout: "", stderr: message))
    }

    // MARK: - Standard input and "-"

    @Test("check --schedule - reads the schedule from standard input")
    func checkReadsStandardInput() {
        let fs = InMemoryFileSystem()
        fs.standardInput = Array(Self.schedule.utf8)
        let r = CommandRun(["check", "--schedule", "-", "--now", "2026-11-27T09:00:00Z"], in: fs)
        #expect(r.status == .ok, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("<stdin>: ok: 2 classes, 1 exceptions, "), "\(r.stdout)")
    }

    @Test("a schedule on standard input is named <stdin> in its messages")
    func standardInputInMessages() {
        let fs = InMemoryFileSystem()
        fs.standardInput = Array(Self.schedule.replacingOccurrences(of: "\"17:15\"", with: "\"5:15pm\"").utf8)
        let r = CommandRun(["check", "--schedule", "-"], in: fs)
        #expect(r.status == .dataError)
        #expect(r.stderr.hasPrefix(
            "<stdin>:4:91: error: classes[0].start: expected a 24-hour time \"HH:MM\" such as \"17:15\", found \"5:15pm\"\n  hint: did you mean \"17:15\"?\n"),
            "\(r.stderr)")
    }

    @Test("-  is refused where a file is written: --output, init and edits")
    func dashIsNotAFileToWrite() {
        let fs = studio()
        #expect(CommandRun(["build", "--output", "-"], in: fs) == CommandRun(
            status: .usage, stdout: "",
            stderr: "classfeed: error: --output - would be a folder named '-': a build writes several files into a folder; name it, e.g. --output output\n"))
        #expect(fs.names(in: "-") == nil)
        #expect(CommandRun(["exceptions", "add", "2026-12-03", "--schedule", "-"], in: fs) == CommandRun(
            status: .usage, stdout: "",
            stderr: "classfeed: error: --schedule - reads standard input, which an edit cannot rewrite; name the schedule file, e.g. --schedule schedule.json\n"))
        let initRun = CommandRun(["init", "--schedule", "-", "--timezone", "Europe/London"], in: InMemoryFileSystem())
        #expect(initRun.status == .usage)
        #expect(initRun.stderr.contains("--schedule - is standard input, which init cannot write to"))
    }

    // MARK: - Saying what happened

    @Test("an output folder whose parent is missing gets the mkdir -p that makes it")
    func missingParentFolder() {
        let r = CommandRun(["build", "--output", "feeds/site one/out", "--now", "2026-11-27T09:00:00Z"], in: studio())
        #expect(r == CommandRun(
            status: .cannotCreate, stdout: "",
            stderr: "classfeed: error: cannot create the output folder feeds/site one/out: No such file or directory\n"
                + "  hint: create it first: mkdir -p 'feeds/site one/out'\n"))
    }

    @Test("every edit ends by saying members see it after the next build")
    func editsSayWhenMembersSeeThem() {
        let fs = studio()
        let add = CommandRun(["exceptions", "add", "2026-12-03", "--reason", "Staff training"], in: fs)
        #expect(add.stdout.hasSuffix("The previous version is in schedule.json.bak.\nMembers see this after the next build: classfeed build\n"), "\(add.stdout)")
        let move = CommandRun(["exceptions", "move", "--class", "hips-monday", "2026-12-07", "--to-time", "18:00"], in: fs)
        #expect(move.stdout.hasSuffix("Members see this after the next build: classfeed build\n"), "\(move.stdout)")
        let change = CommandRun(["exceptions", "change", "--class", "hips-monday", "2026-12-14", "--instructor", "Sam"], in: fs)
        #expect(change.stdout.hasSuffix("Members see this after the next build: classfeed build\n"), "\(change.stdout)")
        let remove = CommandRun(["exceptions", "remove", "2026-12-03"], in: fs)
        #expect(remove.stdout.hasSuffix("Members see this after the next build: classfeed build\n"), "\(remove.stdout)")

        fs.write("studio/other.json", Self.schedule)
        let other = CommandRun(["exceptions", "add", "2026-12-03", "--schedule", "studio/other.json"], in: fs)
        #expect(other.stdout.hasSuffix("Members see this after the next build: classfeed build --schedule studio/other.json\n"), "\(other.stdout)")
    }

    static let noPublicURL = """
        schedule.json: warning: calendar.publicURL: not set: members can only download one-time copies, which never update
          hint: set it to the https address of the folder that serves output/, e.g. "https://circl.example/feeds/"

        """

    @Test("check warns the owner when calendar.publicURL is missing, and --strict still passes")
    func checkWarnsWithoutPublicURL() {
        let r = CommandRun(["check", "--now", "2026-11-27T09:00:00Z"], in: studio())
        #expect(r.status == .ok)
        #expect(r.stderr == Self.noPublicURL)
        #expect(CommandRun(["check", "--strict", "--now", "2026-11-27T09:00:00Z"], in: studio()).status == .ok)
    }

    @Test("an http:// publicURL gets a warning; an https:// one none")
    func httpPublicURL() {
        let http = Self.schedule.replacingOccurrences(of: "\"uidDomain\": \"circl.example\"", with: "\"uidDomain\": \"circl.example\", \"publicURL\": \"http://circl.example/feeds/\"")
        let r = CommandRun(["check", "--now", "2026-11-27T09:00:00Z"], in: studio(http))
        #expect(r.status == .ok)
        #expect(r.stderr == """
            schedule.json: warning: calendar.publicURL: "http://circl.example/feeds/" is not https: iPhones and Google Calendar subscribe only to https:// addresses
              hint: serve the folder over https (see "Set up your studio" in the README) and write "https://circl.example/feeds/"

            """)
        let https = http.replacingOccurrences(of: "http://", with: "https://")
        #expect(CommandRun(["check", "--now", "2026-11-27T09:00:00Z"], in: studio(https)).stderr == "")
    }

    @Test("build --verbose warns about publicURL; under cron it stays silent")
    func buildWarnsAtATerminal() {
        let verbose = CommandRun(["build", "--verbose", "--now", "2026-11-27T09:00:00Z"], in: studio())
        #expect(verbose.status == .ok)
        #expect(verbose.stderr == Self.noPublicURL)
        #expect(CommandRun(["build", "--now", "2026-11-27T09:00:00Z"], in: studio()) == CommandRun(status: .ok, stdout: "", stderr: ""))
    }

    // MARK: - Hints with the owner's own value, on the command line

    @Test("dates and times on the command line get the same hints as in schedule.json", arguments: [
        (["exceptions", "move", "--class", "hips-monday", "2026-12-07", "--to-time", "5:15pm"],
         "classfeed: error: --to-time expects a 24-hour time HH:MM such as 18:00, got '5:15pm'\n  hint: did you mean \"17:15\"?\n"),
        (["exceptions", "add", "05/12/2026"],
         "classfeed: error: DATE expects a date YYYY-MM-DD such as 2026-12-24, got '05/12/2026' (see 'classfeed exceptions add --help')\n"
            + "  hint: \"2026-12-05\" (5 December) or \"2026-05-12\" (12 May)?\n"),
        (["build", "--from", "25/12/2026"],
         "classfeed: error: --from expects a date YYYY-MM-DD, got '25/12/2026'\n  hint: did you mean \"2026-12-25\" (25 December)?\n"),
        (["upcoming", "--from", "2026-12-01", "--to", "2026/12/05"],
         "classfeed: error: --to expects a date YYYY-MM-DD, got '2026/12/05'\n  hint: did you mean \"2026-12-05\"?\n"),
    ])
    func commandLineHints(_ args: [String], _ message: String) {
        #expect(CommandRun(args, in: studio()) == CommandRun(status: .usage, stdout: "", stderr: message))
    }
}
