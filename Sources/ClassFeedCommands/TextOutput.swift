#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command writes text: standard output or error, or a test's buffer.
package struct TextOutput: Sendable {
    /// True when a person reads it on a terminal (colour and tables for people, plain for pipes).
    package var isTerminal: Bool
    package let write: @Sendable (String) -> Void

    package init(isTerminal: Bool = false, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.write = write
    }

    /// The process's standard output, written straight to file descriptor 1.
    package static var standardOutput: TextOutput { TextOutput(isTerminal: isatty(1) == 1) { writeAll(1, $0) } }
    /// The process's standard error, written straight to file descriptor 2.
    package static var standardError: TextOutput { TextOutput(isTerminal: isatty(2) == 1) { writeAll(2, $0) } }

    /// Writes the text through the file system layer's one write loop (EINTR and short writes
    /// retried); a failure to write a message has nowhere to be reported, so it is dropped.
    private static func writeAll(_ fd: Int32, _ s: String) {
        _ = POSIXFileSystem.writeAll(fd, Array(s.utf8))
    }
}
