import CivilTime
import FeedBuilder
import Timetable

/// Parses the command line, runs a command, maps every failure to a message and an exit status.
package enum CLI {
    static let version = "1.0.0"

    /// `classfeed --help`: the list of commands comes from ``CommandSpec/topLevel``.
    static var usage: String {
        var lines = [
            "classfeed: turns a class timetable (schedule.json) into iCalendar feeds members subscribe to.",
            "",
            "Usage: classfeed [COMMAND] [OPTIONS]",
            "",
            "Commands:",
        ]
        for spec in CommandSpec.topLevel {
            // A name too long for the column gets the summary on the next line.
            if spec.name.count <= 8 {
                lines.append("  " + spec.name + String(repeating: " ", count: 10 - spec.name.count) + spec.summary)
            } else {
                lines.append("  " + spec.name)
                lines.append(String(repeating: " ", count: 12) + spec.summary)
            }
        }
        lines += [
            "",
            "Options:",
            "  -h, --help     Show this help; 'classfeed COMMAND --help' shows a command's",
            "  -V, --version  Print the version",
            "  --             Ends the options: what follows is an argument even when it starts with '-'",
            "",
            "Run 'classfeed COMMAND --help' for a command's options. Options may also come before",
            "the command: 'classfeed --schedule studio.json check' is 'classfeed check --schedule studio.json'.",
            "Exit status: 0 ok, 64 usage, 65 invalid schedule, 66 schedule missing or unreadable,",
            "72 time-zone database missing, 73 cannot create output, 74 I/O error, 75 busy (try later).",
        ]
        return lines.joined(separator: "\n")
    }

    /// Runs one command line in the world given, and returns its exit status. Nothing else is
    /// touched: the environment, files, clock and output are all parameters.
    ///
    /// `arguments` are the bytes the shell passed (without the program name).
    /// `CommandLine.arguments` decodes them lossily: an invalid UTF-8 sequence would become
    /// U+FFFD and end up in schedule.json, so such an argument is a usage error before any
    /// command runs.
    package static func run(
        arguments raw: [[UInt8]], environment: [String: String], fileSystem: any FileSystem, clock: any WallClock,
        standardOutput: TextOutput, standardError: TextOutput
    ) -> ExitCode {
        let context = CommandContext(
            environment: environment, fileSystem: fileSystem, clock: clock, standardOutput: standardOutput, standardError: standardError)
        var args: [String] = []
        args.reserveCapacity(raw.count)
        for (k, bytes) in raw.enumerated() {
            guard let s = String(validating: bytes, as: UTF8.self) else {
                let after = k > 0 ? raw[k - 1] : []
                // Which option it follows, when it may be that option's value.
                let option = after.starts(with: Array("--".utf8)) && !after.contains(UInt8(ascii: "=")) ? " (after '\(escaped(after))')" : ""
                return report(
                    CLIError(
                        .usage,
                        "argument \(k + 1) '\(escaped(bytes))'\(option) is not valid UTF-8; "
                            + "nothing was done\n  hint: write it in UTF-8 (check the encoding of the terminal or the script)"),
                    context)
            }
            args.append(s)
        }
        return run(args, context)
    }

    /// ``run(arguments:environment:fileSystem:clock:standardOutput:standardError:)`` with
    /// arguments that are Swift strings already.
    package static func run(
        arguments: [String], environment: [String: String], fileSystem: any FileSystem, clock: any WallClock,
        standardOutput: TextOutput, standardError: TextOutput
    ) -> ExitCode {
        run(
            arguments: arguments.map { Array($0.utf8) }, environment: environment, fileSystem: fileSystem, clock: clock,
            standardOutput: standardOutput, standardError: standardError)
    }

    /// An argument for a message: valid UTF-8 as it is, every other byte (and every control
    /// character) as `\xFF`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            if length > 0, i + length <= bytes.count, let s = String(validating: bytes[i..<i + length], as: UTF8.self),
               let scalar = s.unicodeScalars.first, scalar.value >= 0x20, scalar.value != 0x7F, !(0x80...0x9F).contains(scalar.value) {
                out += s
                i += length
            } else {
                out += "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
                i += 1
            }
        }
        return out
    }

    /// Whether a command's arguments hold `-V` or `--version` as an option (`classfeed build
    /// -V`), parsed with the command's own options so that a value (`--schedule -V`) or a word
    /// after `--` is not taken for it. Arguments the command would refuse are left to it.
    static func asksForVersion(command: String, _ rest: [String]) -> Bool {
        guard rest.contains(where: { $0 == "-V" || $0 == "--version" }) else { return false }
        var spec = CommandSpec.topLevel.first { $0.name == command }
        var args = rest
        if command == "exceptions", let sub = rest.first, !sub.hasPrefix("-"),
            let s = CommandSpec.exceptionsSubcommands.first(where: { $0.word == sub })
        {
            spec = s
            args.removeFirst()
        }
        guard let spec, let parsed = try? spec.parse(args) else { return false }
        return parsed.flag("version")
    }

    static func run(_ args: [String], _ context: CommandContext) -> ExitCode {
        var rest = args
        var command = "build"
        if let first = rest.first, !first.hasPrefix("-") {
            command = first
            rest.removeFirst()
        } else if rest.first == "--help" || rest.first == "-h" {
            context.out(usage)
            return .ok
        } else if rest.first == "--version" || rest.first == "-V" {
            context.out("classfeed \(version)")
            return .ok
        } else if let k = commandAfterOptions(rest) {
            // `classfeed --schedule x.json check`: the options move to just after the command
            // (after `exceptions`' own command), where each command's table parses them.
            command = rest[k]
            let leading = rest[..<k]
            var after = Array(rest[(k + 1)...])
            let at = command == "exceptions" && after.first.map { !$0.hasPrefix("-") } == true ? 1 : 0
            after.insert(contentsOf: leading, at: at)
            rest = after
        }
        if asksForVersion(command: command, rest) {
            context.out("classfeed \(version)")
            return .ok
        }
        do {
            switch command {
            case "build": return try BuildCommand.run(rest, context)
            case "check": return try CheckCommand.run(rest, context)
            case "upcoming": return try UpcomingCommand.run(rest, context)
            case "exceptions": return try ExceptionsCommand.run(rest, context)
            case "init": return try InitCommand.run(rest, context)
            case "completions": return try Completions.run(rest, context)
            case "help":
                switch rest.first {
                case "exceptions": context.out(ExceptionsCommand.help(for: rest.dropFirst().first))
                case let name?:
                    context.out(CommandSpec.topLevel.first { $0.name == name && $0.name != "help" }?.help ?? usage)
                default: context.out(usage)
                }
                return .ok
            default:
                let hint = CommandSpec.suggestion(for: command, in: CommandSpec.topLevel).map { "; did you mean '\($0)'?" } ?? ""
                throw CLIError(.usage, "unknown command '\(command)'\(hint) (see 'classfeed --help')")
            }
        } catch {
            return report(error, context)
        }
    }

    /// Where the command is in a command line that starts with options, or nil when it names
    /// none (`classfeed --verbose` builds). The value of an option that takes one is skipped:
    /// in `classfeed --output check` "check" is a folder.
    static func commandAfterOptions(_ args: [String]) -> Int? {
        let valued = Set(CommandSpec.all.flatMap { $0.options.filter(\.takesValue).map(\.name) })
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" { return nil }
            if a.hasPrefix("-") && a != "-" {
                i += a.hasPrefix("--") && !a.contains("=") && valued.contains(String(a.dropFirst(2))) ? 2 : 1
                continue
            }
            return CommandSpec.topLevel.contains { $0.name == a } ? i : nil
        }
        return nil
    }

    /// Writes the error's message (see ``ErrorReport``) and returns its exit status.
    private static func report(_ error: any Error, _ context: CommandContext) -> ExitCode {
        let report = ErrorReport(error)
        context.standardError.write(report.text)
        return report.exitCode
    }
}
