import ClassFeedCommands
import Foundation
import Testing

/// `classfeed completions bash|zsh|fish`: generated from the options tables, so every command
/// and every option is in every script.
@Suite struct CompletionsTests {
    static let commands = ["build", "check", "upcoming", "exceptions", "init", "completions", "help"]
    static let exceptionsCommands = ["list", "add", "move", "change", "remove"]
    static let options = [
        "schedule", "output", "from", "to", "style", "no-class-feeds", "strict", "verbose", "dry-run", "now", "lock-timeout",
        "no-page", "days", "class", "json", "reason", "to-date", "to-time", "help", "instructor", "location", "tag", "title", "note",
        "duration", "name", "timezone", "id",
    ]

    @Test("each script names every command, exceptions command and option", arguments: ["bash", "zsh", "fish"])
    func everyCommandAndOption(_ shell: String) {
        let r = CommandRun("completions", shell)
        #expect(r.status == .ok)
        #expect(r.stderr == "")
        for c in Self.commands + Self.exceptionsCommands { #expect(r.stdout.contains(c), "\(shell): \(c)") }
        for o in Self.options {
            let spelt = shell == "fish" ? "-l \(o)" : "--\(o)"
            #expect(r.stdout.contains(spelt), "\(shell): --\(o)")
        }
        #expect(r.stdout.contains("occurrences series"), "\(shell): --style's values")
    }

    @Test func bashAcceptsTheBashScript() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("classfeed-completion-\(UUID().uuidString).bash")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(CommandRun("completions", "bash").stdout.utf8).write(to: url)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-n", url.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    @Test func bashCompletesCommandsOptionsAndValues() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("classfeed-completion-\(UUID().uuidString).bash")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(CommandRun("completions", "bash").stdout.utf8).write(to: url)
        func complete(_ words: [String]) throws -> String {
            let p = Process()
            let out = Pipe()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", "source \"$0\"; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _classfeed; echo \"${COMPREPLY[*]}\"", url.path] + words
            p.standardOutput = out
            try p.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            return text
        }
        #expect(try complete(["classfeed", "up"]) == "upcoming\n")
        #expect(try complete(["classfeed", "build", "--st"]) == "--style --strict\n")
        #expect(try complete(["classfeed", "build", "--style", ""]) == "occurrences series\n")
        #expect(try complete(["classfeed", "exceptions", "mo"]) == "move\n")
        #expect(try complete(["classfeed", "exceptions", "move", "--to-"]) == "--to-date --to-time\n")
        #expect(try complete(["classfeed", "exceptions", "ch"]) == "change\n")
        #expect(try complete(["classfeed", "exceptions", "change", "--d"]) == "--duration\n")
        #expect(try complete(["classfeed", "exceptions", "change", "--in"]) == "--instructor\n")
        #expect(try complete(["classfeed", "upcoming", "--t"]) == "--tag --to\n")
        #expect(try complete(["classfeed", "in"]) == "init\n")
        #expect(try complete(["classfeed", "init", "--"]) == "--name --timezone --id --schedule --now --help\n")
    }

    @Test func anUnknownShellIsAUsageError() {
        let r = CommandRun("completions", "bsh")
        #expect(r.status == .usage)
        #expect(r.stderr == "classfeed: error: no completions for the shell 'bsh'; did you mean 'bash'?; there are bash, zsh and fish\n")
        #expect(CommandRun("completions").status == .usage)
    }
}
