/// One option of a command, declared once: it drives parsing, the option list of `--help`,
/// "did you mean" and the shell completions.
struct CommandOption: Sendable {
    enum Kind: Sendable, Equatable {
        /// `--name`, no value.
        case flag
        /// `--name VALUE` or `--name=VALUE`; the name shown for the value (`FILE`, `DATE`).
        case value(String)
    }

    /// What a shell may offer as the value.
    enum Completion: Sendable, Equatable {
        case none
        case file
        case directory
        /// One of these words (`--style occurrences|series`).
        case words([String])
    }

    /// Without the leading dashes.
    var name: String
    var kind: Kind
    /// The lines of help beside the option.
    var help: [String]
    var completion: Completion = .none

    static func flag(_ name: String, _ help: String...) -> CommandOption {
        CommandOption(name: name, kind: .flag, help: help)
    }

    static func value(_ name: String, _ valueName: String, _ help: String..., completion: Completion = .none) -> CommandOption {
        CommandOption(name: name, kind: .value(valueName), help: help, completion: completion)
    }

    var takesValue: Bool { kind != .flag }

    /// The help on one line, for a shell's completion menu.
    var summary: String { help.joined(separator: " ") }

    /// `--style STYLE` or `--strict`, as the option list shows it.
    var label: String {
        switch kind {
        case .flag: "--" + name
        case .value(let v): "--" + name + " " + v
        }
    }
}
