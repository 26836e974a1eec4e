import CivilTime
import FeedBuilder
import Timetable

/// Parses the command line, runs a command, maps every failure to a message and an exit status.
enum CLI {
    static let version = "1.0.0"

    static let usage = """
        classfeed: turns a class timetable (schedule.json) into iCalendar feeds members subscribe to.

        Usage: classfeed [COMMAND] [OPTIONS]

        Commands:
          build     Write the feeds into the output folder (the default command)
          check     Validate the schedule and print errors and warnings; writes nothing
          upcoming  List the coming classes with cancellations and moves (--json for scripts)
          exceptions
                    List, add, move or remove closures and moved classes (list|add|move|remove)
          help      Show this help, or a command's: classfeed help build

        Run 'classfeed COMMAND --help' for a command's options.
        Exit status: 0 ok, 64 usage, 65 invalid schedule, 66 schedule missing or unreadable,
        72 time-zone database missing, 73 cannot create output, 74 I/O error, 75 busy (try later).
        """

    /// Runs with the command line as the bytes the shell passed (without the program name).
    /// `CommandLine.arguments` decodes them lossily: an invalid UTF-8 sequence would become
    /// U+FFFD and end up in schedule.json, so such an argument is a usage error before any
    /// command runs.
    static func run(rawArguments raw: [[UInt8]]) -> Int32 {
        var args: [String] = []
        args.reserveCapacity(raw.count)
        for (k, bytes) in raw.enumerated() {
            guard let s = String(validating: bytes, as: UTF8.self) else {
                let after = k > 0 ? raw[k - 1] : []
                // Which option it follows, when it may be that option's value.
                let option = after.starts(with: Array("--".utf8)) && !after.contains(UInt8(ascii: "=")) ? " (after '\(escaped(after))')" : ""
                Output.err("classfeed: error: argument \(k + 1) '\(escaped(bytes))'\(option) is not valid UTF-8; "
                    + "nothing was done\n  hint: write it in UTF-8 (check the encoding of the terminal or the script)")
                return ExitCode.usage.rawValue
            }
            args.append(s)
        }
        return run(args)
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

    static func run(_ args: [String]) -> Int32 {
        let env = Output.environment
        var rest = args
        var command = "build"
        if let first = rest.first, !first.hasPrefix("-") {
            command = first
            rest.removeFirst()
        } else if rest.first == "--help" || rest.first == "-h" {
            Output.out(usage)
            return 0
        } else if rest.first == "--version" {
            Output.out("classfeed \(version)")
            return 0
        }
        do {
            switch command {
            case "build": return try BuildCommand.run(rest, environment: env)
            case "check": return try CheckCommand.run(rest, environment: env)
            case "upcoming": return try UpcomingCommand.run(rest, environment: env)
            case "exceptions": return try ExceptionsCommand.run(rest, environment: env)
            case "help":
                switch rest.first {
                case "build": Output.out(BuildCommand.help)
                case "check": Output.out(CheckCommand.help)
                case "upcoming": Output.out(UpcomingCommand.help)
                case "exceptions": Output.out(ExceptionsCommand.help(for: rest.dropFirst().first))
                default: Output.out(usage)
                }
                return 0
            default:
                let known = ["build", "check", "upcoming", "exceptions", "help"]
                let hint = closestMatch(to: command, in: known).map { "; did you mean '\($0)'?" } ?? ""
                throw CLIError(.usage, "unknown command '\(command)'\(hint) (see 'classfeed --help')")
            }
        } catch let e as CLIError {
            Output.err("classfeed: error: \(e.message)")
            return e.code.rawValue
        } catch let e as ScheduleError {
            Output.diagnostics(e.diagnostics, omittedErrors: e.omittedErrors)
            let n = e.errorCount
            Output.err("classfeed: \(n) error\(n == 1 ? "" : "s") in the schedule; nothing was written")
            return ExitCode.dataError.rawValue
        } catch {
            Output.err("classfeed: error: \(error)")
            return ExitCode.ioError.rawValue
        }
    }
}
