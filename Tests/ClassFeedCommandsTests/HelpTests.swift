import ClassFeedCommands
import Testing

/// `--help` is prose written by hand around option lists generated from the options tables;
/// the whole text is compared with the golden files byte for byte.
@Suite struct HelpTests {
    static let pages: [(args: [String], golden: String)] = [
        (["--help"], "help-top.txt"),
        (["build", "--help"], "help-build.txt"),
        (["help", "build"], "help-build.txt"),
        (["check", "--help"], "help-check.txt"),
        (["upcoming", "-h"], "help-upcoming.txt"),
        (["exceptions", "--help"], "help-exceptions.txt"),
        (["exceptions", "list", "--help"], "help-ex-list.txt"),
        (["exceptions", "add", "--help"], "help-ex-add.txt"),
        (["help", "exceptions", "move"], "help-ex-move.txt"),
        (["exceptions", "remove", "--help"], "help-ex-remove.txt"),
        (["exceptions", "change", "--help"], "help-ex-change.txt"),
        (["init", "--help"], "help-init.txt"),
        (["help", "init"], "help-init.txt"),
    ]

    @Test("every help page is its golden file", arguments: 0..<pages.count)
    func helpPage(_ k: Int) throws {
        let (args, golden) = Self.pages[k]
        let r = CommandRun(arguments: args)
        #expect(r.status == .ok)
        #expect(r.stderr == "")
        #expect(r.stdout == (try Golden.text(golden)), "classfeed \(args.joined(separator: " "))")
    }

    @Test func theCommandListNamesEveryCommandIncludingCompletions() {
        let r = CommandRun(arguments: ["--help"])
        for name in ["build", "check", "upcoming", "exceptions", "init", "completions", "help"] {
            #expect(r.stdout.contains("\n  \(name)"), "\(name)")
        }
    }

    @Test("a misspelt option is a usage error that suggests the declared one")
    func didYouMeanAnOption() {
        let r = CommandRun(arguments: ["build", "--dryrun"])
        #expect(r.status == .usage)
        #expect(r.stderr == "classfeed: error: unknown option '--dryrun' for 'build'; did you mean '--dry-run'? (see 'classfeed build --help')\n")
        let sub = CommandRun(arguments: ["exceptions", "move", "--to-tim", "18:00"])
        #expect(sub.stderr.contains("did you mean '--to-time'?"), "\(sub.stderr)")
    }

    @Test("a misspelt command suggests the closest, completions included")
    func didYouMeanACommand() {
        #expect(CommandRun(arguments: ["completion", "bash"]).stderr
            == "classfeed: error: unknown command 'completion'; did you mean 'completions'? (see 'classfeed --help')\n")
        #expect(CommandRun(arguments: ["exceptions", "ad"]).stderr.contains("did you mean 'add'?"))
    }

    @Test("an option's value never starts with two dashes; --name=value passes one that does")
    func valuesStartingWithDashes() {
        let r = CommandRun(arguments: ["build", "--output", "--dry-run"])
        #expect(r.status == .usage)
        #expect(r.stderr == "classfeed: error: option '--output' needs a value; to use '--dry-run' as the value write --output=--dry-run\n")
        #expect(CommandRun(arguments: ["check", "--strict=yes"]).stderr == "classfeed: error: option '--strict' takes no value\n")
    }
}
