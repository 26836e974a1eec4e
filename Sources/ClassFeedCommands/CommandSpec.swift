import Timetable

/// A command as the user types it (`build`, `exceptions add`): its options, declared once, and
/// the prose of its help. ``help`` puts the option list, generated from ``options``, between
/// the prose and the examples.
struct CommandSpec: Sendable {
    /// `build`, `exceptions add`.
    var name: String
    /// One line for `classfeed --help`'s list of commands (top-level commands only).
    var summary: String = ""
    var options: [CommandOption]
    /// The usage lines and the paragraphs that explain the command.
    var prose: String
    /// Whether `--help` lists the options (commands whose usage line says it all do not).
    var listsOptions: Bool = true
    /// `Example:` and its lines.
    var examples: String
    /// The words a shell may offer where a command expects a positional argument.
    var subcommands: [String] = []
    /// Words other tools use for this command (`delete` for `exceptions remove`): typed here,
    /// they get "did you mean" this command. Never accepted as the command itself.
    var synonyms: [String] = []

    /// The command's own word: `remove` for `exceptions remove`.
    var word: String { String(name.split(separator: " ").last ?? Substring(name)) }

    /// The command a mistyped or borrowed word most likely means: the closest spelling, else
    /// the command that lists the word among its ``synonyms``.
    static func suggestion(for typed: String, in specs: [CommandSpec]) -> String? {
        if let m = closestMatch(to: typed, in: specs.map(\.word)) { return m }
        let w = typed.lowercased()
        return specs.first { $0.synonyms.contains(w) }?.word
    }

    /// The text of `classfeed NAME --help`.
    var help: String {
        prose + "\n\n" + (listsOptions ? "Options:\n" + optionList + "\n\n" : "") + examples
    }

    /// The options, one per line: the label in a column 18 wide after two spaces (wider when a
    /// label needs it, two spaces after the longest), then the help; continuation lines line up
    /// under the help.
    var optionList: String {
        var lines: [String] = []
        let column = max(18, (options.map(\.label.count).max() ?? 0) + 2)
        for option in options {
            let label = option.label
            for (k, text) in option.help.enumerated() {
                if k == 0 {
                    lines.append("  " + label + String(repeating: " ", count: column - label.count) + text)
                } else {
                    lines.append(String(repeating: " ", count: column + 2) + text)
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The option named `name` (without dashes).
    func option(_ name: String) -> CommandOption? { options.first { $0.name == name } }

    /// Parses `args` with these options (and `--help`/`-h`, and `--version`/`-V`, which
    /// ``CLI`` answers for every command before the command runs).
    func parse(_ args: [String]) throws(CLIError) -> Arguments {
        try Arguments(
            args, valued: options.filter(\.takesValue).map(\.name),
            booleans: options.filter { !$0.takesValue }.map(\.name) + ["help", "version"], command: name)
    }
}
