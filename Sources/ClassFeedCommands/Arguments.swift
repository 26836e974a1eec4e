import Timetable

/// A small command-line parser: `--name value`, `--name=value`, boolean `--flag`, positionals.
struct Arguments {
    private(set) var values: [String: String] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []
    /// Every option the command declared, so that a lookup of an undeclared name (a typo in a
    /// command's code) traps in debug builds and tests instead of reading as "not given".
    private let declared: Set<String>

    /// Called by ``CommandSpec/parse(_:)``, which declares the options.
    ///
    /// - Parameters:
    ///   - valued: options that take a value (without the leading dashes), in declaration order.
    ///   - booleans: options that take none, in declaration order (the first of equally close
    ///     names is the one suggested).
    init(_ args: [String], valued: [String], booleans: [String], command: String) throws(CLIError) {
        declared = Set(valued + booleans)
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            let a = args[i]
            i += 1
            if onlyPositionals || !a.hasPrefix("-") || a == "-" {
                positionals.append(a)
                continue
            }
            if a == "--" {
                onlyPositionals = true
                continue
            }
            if a == "-h" {
                flags.insert("help")
                continue
            }
            if a == "-V" {
                flags.insert("version")
                continue
            }
            guard a.hasPrefix("--") else {
                throw CLIError(.usage, "unknown option '\(a)' for '\(command)'; options are spelt with two dashes (see 'classfeed \(command) --help')")
            }
            var name = String(a.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if valued.contains(name) {
                if let inline {
                    values[name] = inline
                } else {
                    guard i < args.count else { throw CLIError(.usage, "option '--\(name)' needs a value (see 'classfeed \(command) --help')") }
                    // `--output --now X` is a forgotten value far more often than a folder
                    // named "--now": a separate value never starts with "--" (no option takes
                    // a negative number, and one would start with a single "-" anyway).
                    guard !args[i].hasPrefix("--") else {
                        throw CLIError(.usage, "option '--\(name)' needs a value; to use '\(args[i])' as the value write --\(name)=\(args[i])")
                    }
                    values[name] = args[i]
                    i += 1
                }
            } else if booleans.contains(name) {
                guard inline == nil else { throw CLIError(.usage, "option '--\(name)' takes no value") }
                flags.insert(name)
            } else {
                let all = valued + booleans
                var hint = ""
                if let m = all.min(by: { editDistance($0, name) < editDistance($1, name) }), editDistance(m, name) <= 2 {
                    hint = "; did you mean '--\(m)'?"
                }
                throw CLIError(.usage, "unknown option '--\(name)' for '\(command)'\(hint) (see 'classfeed \(command) --help')")
            }
        }
    }

    func value(_ name: String) -> String? {
        assert(declared.contains(name), "--\(name) is not declared in the command's CommandSpec")
        return values[name]
    }

    func flag(_ name: String) -> Bool {
        assert(declared.contains(name), "--\(name) is not declared in the command's CommandSpec")
        return flags.contains(name)
    }
}
