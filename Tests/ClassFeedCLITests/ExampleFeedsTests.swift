import Foundation
import Testing

/// docs/examples/ holds what `classfeed build` writes for the studio's own schedule.json at a
/// fixed time: the feeds and the page the README links to, in git instead of output/ (which a
/// build rewrites, so a clone would never stay clean). This test rebuilds them and compares
/// byte for byte, so the examples never go stale; `CLASSFEED_RECORD_GOLDEN=1` re-records them
/// (review the diff before committing).
@Suite struct ExampleFeedsTests {
    static let now = "2026-11-27T09:00:00Z"
    static let examples = Studio.packageRoot.appendingPathComponent("docs/examples")
    /// Files in docs/examples/ that are not build output.
    static let notBuilt: Set<String> = ["README.md"]

    @Test("docs/examples/ is what build writes for schedule.json at 2026-11-27T09:00:00Z")
    func examplesAreCurrent() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("classfeed-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let schedule = Studio.packageRoot.appendingPathComponent("schedule.json").path
        let r = InProcess.run(["build", "--schedule", schedule, "--output", "out", "--now", Self.now], in: scratch)
        #expect(r.status == 0, "\(r.stderr)")
        let out = scratch.appendingPathComponent("out")
        let built = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(built.contains("index.html") && built.contains("circl.ics"), "\(built)")

        if ProcessInfo.processInfo.environment["CLASSFEED_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.examples, withIntermediateDirectories: true)
            for old in try FileManager.default.contentsOfDirectory(atPath: Self.examples.path) where !Self.notBuilt.contains(old) {
                try FileManager.default.removeItem(at: Self.examples.appendingPathComponent(old))
            }
            for name in built {
                try FileManager.default.copyItem(at: out.appendingPathComponent(name), to: Self.examples.appendingPathComponent(name))
            }
            return
        }
        let kept = try FileManager.default.contentsOfDirectory(atPath: Self.examples.path).filter { !Self.notBuilt.contains($0) }.sorted()
        #expect(kept == built, "docs/examples/ holds other files than a build writes; re-record with CLASSFEED_RECORD_GOLDEN=1")
        for name in built {
            let expected = try? Data(contentsOf: Self.examples.appendingPathComponent(name))
            let actual = try Data(contentsOf: out.appendingPathComponent(name))
            #expect(expected == actual, "docs/examples/\(name) is stale; re-record with CLASSFEED_RECORD_GOLDEN=1 swift test --filter ExampleFeedsTests")
        }
    }
}
