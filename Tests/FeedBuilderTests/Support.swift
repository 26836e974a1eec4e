import Foundation
import Testing

@testable import FeedBuilder
import ICalendar
import JSON
import Timetable

/// Shared helpers: decoding schedules with the system tz database, golden-file comparison.
enum Support {
    static let database = TimeZoneDatabase()

    static func schedule(_ json: String, file: String = "test.json") throws -> Schedule {
        let (s, _) = try ScheduleDecoder.decode(Array(json.utf8), file: file) { name throws(ZoneDataError) in
            try database.rules(for: name)
        }
        let errors = ScheduleValidator.validate(s).filter { $0.severity == .error }
        if !errors.isEmpty { throw ScheduleError(errors) }
        return s
    }

    static var goldenDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// Compares bytes with `Golden/<name>` byte for byte. With `CLASSFEED_RECORD_GOLDEN=1` the
    /// file is (re)written instead; review the diff before committing it.
    static func expectGolden(_ bytes: [UInt8], _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CLASSFEED_RECORD_GOLDEN"] == "1" {
            try Data(bytes).write(to: url)
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record("missing golden file \(name); run with CLASSFEED_RECORD_GOLDEN=1 to record it", sourceLocation: sourceLocation)
            return
        }
        if Array(expected) != bytes {
            let a = String(decoding: expected, as: UTF8.self).components(separatedBy: "\r\n")
            let b = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
            let first = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record(
                "\(name) differs from the golden file at line \(first + 1):\n  expected: \(first < a.count ? a[first] : "<end>")\n  actual:   \(first < b.count ? b[first] : "<end>")",
                sourceLocation: sourceLocation)
        }
    }
}
