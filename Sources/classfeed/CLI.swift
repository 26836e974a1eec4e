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
            for d in e.diagnostics { Output.err(d.description) }
            let n = e.errors.count
            Output.err("classfeed: \(n) error\(n == 1 ? "" : "s") in the schedule; nothing was written")
            return ExitCode.dataError.rawValue
        } catch {
            Output.err("classfeed: error: \(error)")
            return ExitCode.ioError.rawValue
        }
    }
}
