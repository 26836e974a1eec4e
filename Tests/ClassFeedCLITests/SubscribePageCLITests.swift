import Foundation
import Testing

/// The subscribe page through the command line (in-process): written beside the feeds, byte-stable from one
/// cron run to the next, `--no-page` and `--dry-run` write none.
@Suite struct SubscribePageCLITests {
    static let schedule = BuildCommandTests.schedule.replacingOccurrences(
        of: "\"uidDomain\": \"circl.example\"",
        with: "\"uidDomain\": \"circl.example\", \"publicURL\": \"https://circl.example/feeds/\"")

    func workspace(_ json: String = schedule) throws -> URL {
        let dir = try ClassfeedProcess.temporaryDirectory()
        try Data(json.utf8).write(to: dir.appendingPathComponent("schedule.json"))
        return dir
    }

    func mtime(_ url: URL) throws -> Date {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
    }

    @Test func buildWritesThePageBesideTheFeeds() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ClassfeedProcess.run(["build", "--now", "2026-11-27T09:00:00Z", "--verbose"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains(", index.html\n"), "--verbose lists the page with the feeds")
        let page = try String(contentsOf: dir.appendingPathComponent("output/index.html"), encoding: .utf8)
        #expect(page.contains("<h4 dir=\"auto\">Hip Mobility &amp; Stretch</h4>"))
        #expect(page.contains("<time datetime=\"17:15\">17:15</time>"))
        #expect(page.contains("<time datetime=\"19:00\">19:00</time>"))
        #expect(page.contains("href=\"webcal://circl.example/feeds/circl.ics\""))
        #expect(page.replacingOccurrences(of: "<wbr>", with: "").contains(">https://circl.example/feeds/circl-hips-thursday.ics</code>"))
        #expect(page.contains("(<bdi>Christmas closure</bdi>)"))
        #expect(page.contains("Last updated <time datetime=\"2026-11-27T09:00:00Z\">Fri 27 Nov 2026 at 09:00 GMT</time>."))
    }

    @Test func withoutClassFeedsThePageLinksOnlyToTheCombinedFeed() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ClassfeedProcess.run(["build", "--now", "2026-11-27T09:00:00Z", "--no-class-feeds"], in: dir)
        #expect(r.status == 0)
        let output = dir.appendingPathComponent("output")
        // The addresses as text, without their line-break opportunities.
        let page = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
            .replacingOccurrences(of: "<wbr>", with: "")
        #expect(page.contains(">https://circl.example/feeds/circl.ics</code>"))
        #expect(!page.contains("Just one class"))
        // Every .ics file the page names is one the build wrote.
        let written = Set(try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".ics") })
        #expect(written == ["circl.ics"])
        var named = Set<String>()
        var rest = Substring(page)
        while let end = rest.range(of: ".ics") {
            let name = rest[..<end.lowerBound].reversed().prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            named.insert(String(name.reversed()) + ".ics")
            rest = rest[end.upperBound...]
        }
        #expect(!named.isEmpty && named.isSubset(of: written), "\(named)")
    }

    @Test func thePageIsByteStableAcrossCronRunsUntilSomethingChanges() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("output/index.html")
        #expect(try ClassfeedProcess.run(["build", "--now", "2026-11-27T09:00:00Z"], in: dir).status == 0)
        let first = try Data(contentsOf: page)
        let firstTime = try mtime(page)
        Thread.sleep(forTimeInterval: 0.05)
        // An hour later and the next morning: same bytes, file untouched, same "last updated".
        for now in ["2026-11-27T10:00:00Z", "2026-11-28T07:00:00Z"] {
            let r = try ClassfeedProcess.run(["build", "--now", now], in: dir)
            #expect(r.status == 0 && r.stdout.isEmpty && r.stderr.isEmpty)
            #expect(try Data(contentsOf: page) == first, "\(now)")
            #expect(try mtime(page) == firstTime, "\(now)")
        }
        // A cancellation: the page lists it and says when it changed.
        let cancelled = Self.schedule.replacingOccurrences(
            of: "\"exceptions\": [", with: "\"exceptions\": [{\"date\": \"2026-12-03\", \"class\": \"hips-thursday\", \"reason\": \"Teacher ill\"}, ")
        try Data(cancelled.utf8).write(to: dir.appendingPathComponent("schedule.json"))
        #expect(try ClassfeedProcess.run(["build", "--now", "2026-11-28T12:00:00Z"], in: dir).status == 0)
        let second = try String(contentsOf: page, encoding: .utf8)
        #expect(second.contains("<bdi>Hip Mobility &amp; Stretch</bdi> on <time datetime=\"2026-12-03T19:00\">Thu 3 Dec 2026, 19:00</time> <span class=\"reason\">(<bdi>Teacher ill</bdi>)</span>"))
        #expect(second.contains("Last updated <time datetime=\"2026-11-28T12:00:00Z\">"))
        // And that stays put on the next run.
        #expect(try ClassfeedProcess.run(["build", "--now", "2026-11-28T13:00:00Z"], in: dir).status == 0)
        #expect(try String(contentsOf: page, encoding: .utf8) == second)
    }

    @Test func noPageWritesNoPageAndLeavesAnExistingOneAlone() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ClassfeedProcess.run(["build", "--no-page", "--now", "2026-11-27T09:00:00Z"], in: dir)
        #expect(r.status == 0)
        let out = dir.appendingPathComponent("output")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("circl.ics").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
        // The studio's own index.html in the same folder survives --no-page.
        let own = Data("<!DOCTYPE html><title>Our site</title>".utf8)
        try own.write(to: out.appendingPathComponent("index.html"))
        #expect(try ClassfeedProcess.run(["build", "--no-page", "--now", "2026-11-28T09:00:00Z"], in: dir).status == 0)
        #expect(try Data(contentsOf: out.appendingPathComponent("index.html")) == own)
    }

    @Test func dryRunWritesNoPage() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try ClassfeedProcess.run(["build", "--dry-run", "--now", "2026-11-27T09:00:00Z"], in: dir).status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("output").path))
    }

    @Test func withoutPublicURLThePageStillBuildsWithRelativeLinks() throws {
        let dir = try workspace(BuildCommandTests.schedule)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ClassfeedProcess.run(["build", "--now", "2026-11-27T09:00:00Z"], in: dir)
        #expect(r.status == 0 && r.stderr.isEmpty)
        let page = try String(contentsOf: dir.appendingPathComponent("output/index.html"), encoding: .utf8)
        #expect(page.contains("<strong>Download the classes to your calendar.</strong>"))
        #expect(!page.contains("publicURL"))
        #expect(page.contains("href=\"circl.ics\""))
        #expect(!page.contains("webcal:"))
    }

    @Test func aBadPublicURLIsAScheduleError() throws {
        let json = Self.schedule.replacingOccurrences(of: "https://circl.example/feeds/", with: "javascript:alert(1)")
        let dir = try workspace(json)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ClassfeedProcess.run(["build"], in: dir)
        #expect(r.status == 65)
        #expect(r.stderr.contains("error: calendar.publicURL: expected an http:// or https:// URL"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("output").path))
    }
}
