import Foundation

/// How many seeds a seeded property test runs. `swift test` stays quick with a quarter of each
/// test's full count; `.ci/run` runs them all again with `CLASSFEED_LONG_TESTS=1`.
package enum PropertyRounds {
    package static let long = ProcessInfo.processInfo.environment["CLASSFEED_LONG_TESTS"] == "1"

    /// `full` with CLASSFEED_LONG_TESTS=1, else a quarter of it (at least one).
    package static func of(_ full: Int) -> Int { long ? full : max(1, full / 4) }
}
