import Foundation
import ICalendar
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Files in the output folder are only ever classfeed's own: a symlink planted there is
/// replaced, never followed; a symlinked lock refuses to run; stale temporary files, even
/// symlinks, are removed without touching what they point to; holiday-calendar text cannot add
/// events or properties (docs/HARDENING.md, "Files").
@Suite("file safety")
struct FileSafetyTests {
    func isSymlink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    @Test("a feed that is a symlink to a file outside the output folder is replaced by a regular file; the outside file is untouched")
    func symlinkedFeed() throws {
        let studio = try Studio()
        let outside = studio.scratch.appendingPathComponent("outside.txt")
        try Data("precious\n".utf8).write(to: outside)
        try FileManager.default.createDirectory(at: studio.folder.appendingPathComponent("output"), withIntermediateDirectories: true)
        for name in ["circl.ics", "circl-hips-monday.ics"] {
            try FileManager.default.createSymbolicLink(atPath: studio.folder.appendingPathComponent("output/" + name).path, withDestinationPath: outside.path)
        }
        // A dangling link too: nothing may be created at its target.
        let target = studio.scratch.appendingPathComponent("created-through-link.ics")
        try FileManager.default.createSymbolicLink(atPath: studio.folder.appendingPathComponent("output/circl-hips-thursday.ics").path, withDestinationPath: target.path)
        let r = try studio.run("build", "--now", "2026-11-27T09:00:00Z")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOf: outside, encoding: .utf8) == "precious\n")
        #expect(!FileManager.default.fileExists(atPath: target.path))
        for name in ["circl.ics", "circl-hips-monday.ics", "circl-hips-thursday.ics"] {
            let path = studio.folder.appendingPathComponent("output/" + name).path
            #expect(!isSymlink(path), "\(name) is a regular file now")
            #expect(studio.text("output/" + name)?.hasPrefix("BEGIN:VCALENDAR\r\n") == true)
        }
    }

    @Test("a symlinked lock file is refused (73) and what it points to is neither touched nor created")
    func symlinkedLock() throws {
        let studio = try Studio()
        try FileManager.default.createDirectory(at: studio.folder.appendingPathComponent("output"), withIntermediateDirectories: true)
        let outside = studio.scratch.appendingPathComponent("outside.txt")
        try Data("precious\n".utf8).write(to: outside)
        let lock = studio.folder.appendingPathComponent("output/.classfeed.lock").path
        try FileManager.default.createSymbolicLink(atPath: lock, withDestinationPath: outside.path)
        var r = try studio.run("build")
        #expect(r.status == 73)
        #expect(r.stderr.hasPrefix("classfeed: error: cannot create the lock file output/.classfeed.lock: "), "\(r.stderr)")
        #expect(try String(contentsOf: outside, encoding: .utf8) == "precious\n")
        #expect(!studio.exists("output/circl.ics"))
        // Dangling: the link's target is not created.
        try FileManager.default.removeItem(at: outside)
        r = try studio.run("build")
        #expect(r.status == 73)
        #expect(!FileManager.default.fileExists(atPath: outside.path))
    }

    @Test("stale temporary files, even symlinks and hard links to files elsewhere, are removed without touching their targets")
    func staleTemporaryFiles() throws {
        let studio = try Studio()
        #expect(try studio.run("build", "--now", "2026-11-27T09:00:00Z").status == 0)
        let outside = studio.scratch.appendingPathComponent("outside.txt")
        try Data("precious\n".utf8).write(to: outside)
        let output = studio.folder.appendingPathComponent("output")
        // Names a killed run would have left, with pids this run may well have.
        for pid in [1, 2, Int(getpid()), 99_999] {
            try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent(".circl.ics.tmp-\(pid)").path, withDestinationPath: outside.path)
        }
        #expect(link(outside.path, output.appendingPathComponent(".circl-hips-monday.ics.tmp-3").path) == 0)
        let r = try studio.run("build", "--now", "2026-11-28T09:00:00Z", "--from", "2026-12-01")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOf: outside, encoding: .utf8) == "precious\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        #expect(left == [".classfeed-last-run", ".classfeed-revisions", ".classfeed.lock", "circl-hips-monday.ics", "circl-hips-thursday.ics", "circl.ics", "index.html"])
    }

    @Test("holiday calendar text (escapes, raw separators, control bytes, injected lines) becomes one reason, never a new event or property")
    func holidayText() throws {
        let crlf = { (lines: [String]) in Array((lines.joined(separator: "\r\n") + "\r\n").utf8) }
        let ics = crlf([
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN",
            "BEGIN:VEVENT", "UID:1@h", "DTSTART;VALUE=DATE:20261207",
            #"SUMMARY:Closed\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected\, really\; \x \\ "quoted" <b>x</b> עברית 😀"#,
            "END:VEVENT",
            "BEGIN:VEVENT", "UID:2@h", "DTSTART;VALUE=DATE:20261210", "SUMMARY:Bell\u{7}\u{1B}[31m red",
            "END:VEVENT", "END:VCALENDAR",
        ])
        let studio = try Studio(schedule: HolidayCalendarTests.schedule().replacingOccurrences(
            of: "\"uidDomain\": \"circl.example\",", with: "\"uidDomain\": \"circl.example\",\n    \"cancellations\": \"show\","))
        try studio.write("holidays/test.ics", bytes: ics)
        let r = try studio.run("build", "--from", "2026-12-07", "--to", "2026-12-13", "--now", "2026-11-27T09:00:00Z")
        #expect(r.status == 0, "\(r.stderr)")
        let feed = try #require(studio.bytes("output/circl.ics"))
        let cal = try #require(try ICalendarReader().parse(feed).first)
        let events = cal.components(named: "VEVENT")
        #expect(events.count == 2)
        #expect(events.map { $0.property("SUMMARY")?.textValue ?? "" } == [
            #"Cancelled: Hip Mobility & Stretch (Closed END:VEVENT BEGIN:VEVENT SUMMARY:injected, really; x \ "quoted" <b>x</b> עברית 😀)"#,
            "Cancelled: Hip Mobility & Stretch (Bell[31m red)",
        ])
        #expect(events.allSatisfy { $0.properties.map(\.name) == ["UID", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL", "STATUS", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE"] })
    }
}
