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

    private static func writeAll(_ fd: Int32, _ s: String) {
        var bytes = Array(s.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return systemWrite(fd, base + done, raw.count - done)
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            done += n
        }
    }
}

#if canImport(Glibc)
    private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Glibc.write(fd, p, n) }
#elseif canImport(Darwin)
    private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Darwin.write(fd, p, n) }
#endif
