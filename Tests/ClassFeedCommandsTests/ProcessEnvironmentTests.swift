import ClassFeedCommands
import Foundation
import Testing

/// The process's environment is read by name, so a variable a command reads but
/// `ProcessEnvironment.names` lacks would silently never arrive.
@Suite struct ProcessEnvironmentTests {
    @Test func everyVariableTheSourcesReadIsPassedThrough() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/ClassFeedCommands").standardizedFileURL
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 10)
        var read = Set<String>()
        let pattern = try NSRegularExpression(pattern: #"environment\["([A-Za-z_][A-Za-z0-9_]*)"\]"#)
        for f in files {
            let text = try String(contentsOf: sources.appendingPathComponent(f), encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                read.insert(String(text[Range(m.range(at: 1), in: text)!]))
            }
        }
        #expect(read.contains("TZDIR"))
        #expect(read.subtracting(ProcessEnvironment.names).isEmpty, "read but not passed through: \(read.subtracting(ProcessEnvironment.names))")
    }

    @Test func readsTheNamedVariablesOfThisProcess() {
        setenv("NO_COLOR", "1", 1)
        defer { unsetenv("NO_COLOR") }
        #expect(ProcessEnvironment.current["NO_COLOR"] == "1")
        #expect(ProcessEnvironment.current["PATH"] == nil)
    }
}
