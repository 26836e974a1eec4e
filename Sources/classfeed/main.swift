#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import ClassFeedCommands

// The arguments' bytes as passed, not `CommandLine.arguments` (which replaces invalid UTF-8).
let rawArguments = (1..<max(1, Int(CommandLine.argc))).map { k -> [UInt8] in
    guard let p = CommandLine.unsafeArgv[k] else { return [] }
    return Array(UnsafeRawBufferPointer(start: p, count: strlen(p)))
}
let status = CLI.run(
    arguments: rawArguments, environment: ProcessEnvironment.current, fileSystem: POSIXFileSystem(), clock: SystemClock(),
    standardOutput: .standardOutput, standardError: .standardError)
exit(status.rawValue)
