#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The time of day, in whole seconds since 1970-01-01 UTC: the system's, or a test's.
package protocol WallClock: Sendable {
    func secondsSinceEpoch() -> Int64
}

/// The system's real-time clock.
package struct SystemClock: WallClock {
    package init() {}

    package func secondsSinceEpoch() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec)
    }
}

/// A clock stopped at one instant.
package struct FixedClock: WallClock {
    package let seconds: Int64

    package init(_ seconds: Int64) { self.seconds = seconds }

    package func secondsSinceEpoch() -> Int64 { seconds }
}
