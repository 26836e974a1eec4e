#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's environment: the variables ClassFeed reads, nothing else.
package enum ProcessEnvironment {
    /// Every variable a command looks at (a test checks the sources name no other). Read one
    /// by one rather than converting all of `environ`: a typical shell's environment cost
    /// half a million instructions, six percent of building the studio's feeds.
    package static let names = ["TZDIR", "TZ", "SOURCE_DATE_EPOCH", "NO_COLOR", "CLASSFEED_TEST_ABORT"]

    package static var current: [String: String] {
        var env: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { env[name] = String(cString: value) }
        }
        return env
    }
}
