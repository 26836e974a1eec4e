import Foundation
import Testing

/// schedule.json saved in another encoding than UTF-8 (docs/HARDENING.md, "Bad input").
@Suite struct EncodingTests {
    @Test func aUTF16ScheduleIsNamedAndNothingIsWritten() throws {
        let studio = try Studio()
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in Studio.circlSchedule.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try studio.write("schedule.json", bytes: utf16)
        for args in [["check"], ["build", "--now", "2026-11-27T09:00:00Z"], ["exceptions", "add", "2026-12-07"]] {
            let r = try studio.run(args)
            #expect(r.status == 65, "\(args): \(r)")
            #expect(r.stderr.contains("schedule.json:1:1: error: this file is UTF-16 (little-endian), not UTF-8; save it as UTF-8"), "\(args): \(r.stderr)")
        }
        #expect(studio.files() == ["schedule.json"])
        #expect(studio.bytes("schedule.json") == utf16)
    }

    @Test func aUTF8ByteOrderMarkIsAcceptedAndAnEditWritesPlainUTF8() throws {
        let studio = try Studio()
        let withMark = [0xEF, 0xBB, 0xBF] + Array(Studio.circlSchedule.utf8)
        try studio.write("schedule.json", bytes: withMark)
        #expect(try studio.run("check", "--now", "2026-11-27T09:00:00Z").status == 0)
        let add = try studio.run("exceptions", "add", "2026-12-07")
        #expect(add.status == 0, "\(add)")
        // RFC 8259 §8.1: "Implementations MUST NOT add a byte order mark"; the old bytes stay in .bak.
        #expect(studio.bytes("schedule.json")?.first == UInt8(ascii: "{"))
        #expect(studio.bytes("schedule.json.bak") == withMark)
    }
}
