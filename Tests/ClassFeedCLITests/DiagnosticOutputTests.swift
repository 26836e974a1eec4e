import Foundation
import Testing

/// How much `classfeed` prints about a broken schedule: at most 20 diagnostics, errors first,
/// then a count of the rest, so that a cron mail stays readable (docs/HARDENING.md, "Bad input").
@Suite struct DiagnosticOutputTests {
    /// The circl schedule with `extra` members added to the calendar object.
    static func schedule(calendarMembers extra: String) -> String {
        Studio.circlSchedule.replacingOccurrences(of: #""bookingLabel": "Book your classes""#, with: #""bookingLabel": "Book your classes", "# + extra)
    }

    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: true) }

    @Test func aHundredThousandUnknownKeysPrintTwentyErrorsAndACount() throws {
        let keys = (0..<100_000).map { "\"colour\($0)\": 0" }.joined(separator: ", ")
        let studio = try Studio(schedule: Self.schedule(calendarMembers: keys))
        for args in [["check"], ["build", "--now", "2026-11-27T09:00:00Z"], ["upcoming", "--now", "2026-11-27T09:00:00Z"], ["exceptions", "list"]] {
            let r = try studio.run(args)
            #expect(r.status == 65, "\(args)")
            let lines = Self.lines(r.stderr)
            #expect(lines.count <= 23, "\(args): \(lines.count) lines")
            #expect(lines.filter { $0.contains(": error: calendar.colour") }.count == 20, "\(args)")
            #expect(lines.filter { $0.hasPrefix("  hint: ") }.count == 1, "\(args): the same hint once")
            #expect(r.stderr.contains("\n... and 99980 more errors\n"), "\(args)")
            #expect(lines.last?.contains("100000 error") == true, "\(args): \(lines.last ?? "")")
        }
    }

    @Test func warningsArePrintedAfterErrorsAndCountedToo() throws {
        // 40 repeated weekdays are warnings; one bad start time at the end is an error.
        let days = Array(repeating: #""monday""#, count: 41).joined(separator: ", ")
        let json = Studio.circlSchedule
            .replacingOccurrences(of: #""days": ["monday"]"#, with: "\"days\": [\(days)]")
            .replacingOccurrences(of: #""start": "19:00""#, with: #""start": "7pm""#)
        let studio = try Studio(schedule: json)
        let r = try studio.run("check")
        #expect(r.status == 65)
        let lines = Self.lines(r.stderr)
        #expect(lines.first?.contains("error: classes[1].start") == true, "\(lines.first ?? "")")
        #expect(r.stderr.contains("\n... and 21 more warnings\n"), "\(r.stderr)")
        #expect(lines.filter { $0.contains(": warning: ") }.count == 19)

        // Warnings alone: check prints 20 and the true count in its summary; so does build --verbose.
        let usable = try Studio(schedule: json.replacingOccurrences(of: #""start": "7pm""#, with: #""start": "19:00""#))
        let check = try usable.run("check", "--now", "2026-11-27T09:00:00Z")
        #expect(check.status == 0)
        // The schedule's 20, then the owner's note about calendar.publicURL, never cut off.
        #expect(Self.lines(check.stderr).filter { $0.contains(": warning: classes[") }.count == 20)
        #expect(check.stderr.contains("\n... and 20 more warnings\nschedule.json: warning: calendar.publicURL: not set"), "\(check.stderr)")
        #expect(check.stdout.contains(", 40 warnings"), "\(check.stdout)")
        let build = try usable.run("build", "--verbose", "--now", "2026-11-27T09:00:00Z")
        #expect(build.status == 0)
        #expect(Self.lines(build.stderr).filter { $0.contains(": warning: classes[") }.count == 20)
        #expect(build.stderr.contains("\n... and 20 more warnings\nschedule.json: warning: calendar.publicURL: not set"), "\(build.stderr)")
        let strict = try usable.run("check", "--strict", "--now", "2026-11-27T09:00:00Z")
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("\n... and 20 more errors\n"), "\(strict.stderr)")
        #expect(strict.stderr.contains("classfeed: 40 errors in the schedule"), "\(strict.stderr)")
    }
}
