#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import Timetable

/// Standard output and error, written straight to the file descriptors. Only the executable prints.
enum Output {
    static func out(_ s: String) { writeAll(1, s + "\n") }
    static func err(_ s: String) { writeAll(2, s + "\n") }

    /// Diagnostics on standard error, as ``Diagnostic/report(_:omittedErrors:limit:)`` shows
    /// them: errors first, at most 20, then a count of the rest.
    static func diagnostics(_ list: [Diagnostic], omittedErrors: Int = 0) {
        let lines = Diagnostic.report(list, omittedErrors: omittedErrors)
        if !lines.isEmpty { err(lines.joined(separator: "\n")) }
    }

    /// True when standard output is a terminal (colour and tables for people, plain for pipes).
    static var stdoutIsTerminal: Bool { isatty(1) == 1 }

    private static func writeAll(_ fd: Int32, _ s: String) {
        var bytes = Array(s.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            done += n
        }
    }

    static var environment: [String: String] {
        var env: [String: String] = [:]
        var p = environ
        while let c = p.pointee {
            let kv = String(cString: c)
            if let eq = kv.firstIndex(of: "=") { env[String(kv[..<eq])] = String(kv[kv.index(after: eq)...]) }
            p += 1
        }
        return env
    }
}
