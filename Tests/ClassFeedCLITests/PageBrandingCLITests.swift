import Foundation
import Testing

/// `calendar.logo` and `calendar.brandColor` through `classfeed`: the logo file read, checked
/// and copied beside the page with the rest of the build, or refused with the schedule's line
/// and nothing written; the owner told when the colour is too light for text.
@Suite("the studio's logo and colour")
struct PageBrandingCLITests {
    /// The studio's schedule, published, with `extra` members in its calendar.
    static func schedule(_ extra: String) -> String {
        Studio.circlSchedule.replacingOccurrences(
            of: "\"bookingLabel\": \"Book your classes\"",
            with: "\"bookingLabel\": \"Book your classes\",\n    \"publicURL\": \"https://circl.example/feeds/\",\n    " + extra)
    }

    /// A PNG's signature and a few bytes (the build checks the signature, the browser the rest).
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]

    /// The place of the `logo` value in the schedule: "schedule.json:LINE:COLUMN".
    static func place(of value: String, in schedule: String) throws -> String {
        let lines = schedule.components(separatedBy: "\n")
        let n = try #require(lines.firstIndex { $0.contains("\"logo\": " + value) })
        let column = try #require(lines[n].range(of: value)).lowerBound.utf16Offset(in: lines[n]) + 1
        return "schedule.json:\(n + 1):\(column)"
    }

    @Test("a logo file is copied beside the page, shown from there, and a changed logo is copied again")
    func logoFileCopied() throws {
        let studio = try Studio(schedule: Self.schedule("\"logo\": \"images/logo.png\""))
        try studio.write("images/logo.png", bytes: Self.png)
        let r = try studio.run("build", "--output", "feeds", "--now", "2026-11-27T09:00:00Z", "--verbose")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(studio.bytes("feeds/logo.png") == Self.png)
        let page = try #require(studio.text("feeds/index.html"))
        #expect(page.contains("<img class=\"logo\" src=\"logo.png\" alt=\"\">"))
        #expect(page.contains("img-src data: 'self'; "))
        #expect(r.stdout.contains("logo.png"), "\(r.stdout)")

        // The record knows the logo: an unchanged run rebuilds nothing, a new logo is copied.
        let again = try studio.run("build", "--output", "feeds", "--now", "2026-11-27T10:00:00Z", "--verbose")
        #expect(again.stdout.contains("nothing rebuilt"), "\(again.stdout)")
        let newer = Self.png + [1, 2, 3]
        try studio.write("images/logo.png", bytes: newer)
        let changed = try studio.run("build", "--output", "feeds", "--now", "2026-11-27T11:00:00Z", "--verbose")
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("images/logo.png changed"), "\(changed.stdout)")
        #expect(studio.bytes("feeds/logo.png") == newer)

        // --no-page writes no page, so no logo either.
        let studio2 = try Studio(schedule: Self.schedule("\"logo\": \"images/logo.png\""))
        try studio2.write("images/logo.png", bytes: Self.png)
        #expect(try studio2.run("build", "--output", "feeds", "--no-page").status == 0)
        #expect(!studio2.exists("feeds/logo.png"))
    }

    @Test("a logo the page no longer shows is removed when a build copied it, and an owner's file of that name stays")
    func oldLogoRemoved() throws {
        let studio = try Studio(schedule: Self.schedule("\"logo\": \"logo.png\""))
        try studio.write("logo.png", bytes: Self.png)
        try studio.write("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 2\"></svg>")
        #expect(try studio.run("build", "--output", "feeds", "--now", "2026-11-27T09:00:00Z").status == 0)
        #expect(studio.exists("feeds/logo.png"))
        // Now an SVG: the PNG this build copied goes.
        try studio.write("schedule.json", Self.schedule("\"logo\": \"logo.svg\""))
        let svg = try studio.run("build", "--output", "feeds", "--now", "2026-11-27T10:00:00Z", "--verbose")
        #expect(svg.status == 0, "\(svg.stderr)")
        #expect(svg.stdout.contains("logo.png (logo removed: not on the page)"), "\(svg.stdout)")
        #expect(!studio.exists("feeds/logo.png") && studio.exists("feeds/logo.svg"))
        // No logo: the SVG goes too; a logo.png of the owner's, never listed by a build, stays.
        try studio.write("feeds/logo.png", bytes: Self.png)
        try studio.write("schedule.json", Self.schedule("\"brandColor\": \"#2a6f97\""))
        #expect(try studio.run("build", "--output", "feeds", "--now", "2026-11-27T11:00:00Z").status == 0)
        #expect(!studio.exists("feeds/logo.svg"))
        #expect(studio.bytes("feeds/logo.png") == Self.png)
    }

    @Test("an https logo is loaded from its origin, which the page's policy allows, and nothing is copied")
    func remoteLogo() throws {
        let studio = try Studio(schedule: Self.schedule("\"logo\": \"https://cdn.circl.example/brand/logo.svg\""))
        #expect(try studio.run("build", "--output", "feeds", "--now", "2026-11-27T09:00:00Z").status == 0)
        let page = try #require(studio.text("feeds/index.html"))
        #expect(page.contains("<img class=\"logo\" src=\"https://cdn.circl.example/brand/logo.svg\" alt=\"\" referrerpolicy=\"no-referrer\">"))
        #expect(page.contains("img-src data: https://cdn.circl.example; "))
        #expect(!studio.files().contains("feeds/logo.svg") && !studio.exists("feeds/logo.svg"))
    }

    /// A logo that cannot be used: the file, its bytes, the status and the message.
    static let broken: [(logo: String, file: [UInt8]?, status: Int32, message: String)] = [
        ("\"logo.png\"", nil, 66, "error: calendar.logo: cannot read the logo: logo.png: no such file\n  hint: the logo's path is relative to the schedule's folder"),
        ("\"logo.png\"", Array("GIF89a".utf8), 65, "error: calendar.logo: logo.png is not a PNG image\n  hint: the logo must be a .png, .jpg, .svg or .webp file"),
        ("\"logo.jpg\"", png, 65, "logo.jpg is not a JPEG image"),
        ("\"logo.webp\"", png, 65, "logo.webp is not a WebP image"),
        ("\"logo.svg\"", Array("<html><body>not an image</body></html>".utf8), 65, "logo.svg is not an SVG image (no <svg> element)"),
        ("\"logo.svg\"", Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8), 65,
         "logo.svg holds a script or embedded HTML, which a logo must not"),
        ("\"logo.svg\"", Array("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>".utf8), 65,
         "logo.svg holds an event handler (on...=), which a logo must not"),
        ("\"logo.png\"", png + [UInt8](repeating: 0, count: 600 << 10), 65, "the limit is 524288 bytes"),
        ("\"http://circl.example/logo.png\"", nil, 65, "error: calendar.logo: the logo cannot be an http:// address"),
    ]

    @Test("a missing, mistyped, oversized or http logo is an error at its line, and nothing is written", arguments: 0..<broken.count)
    func brokenLogo(_ i: Int) throws {
        let (logo, file, status, message) = Self.broken[i]
        let schedule = Self.schedule("\"logo\": " + logo)
        let studio = try Studio(schedule: schedule)
        if let file { try studio.write(String(logo.dropFirst().dropLast()), bytes: file) }
        let r = try studio.run("build", "--output", "feeds", "--now", "2026-11-27T09:00:00Z")
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderr.hasPrefix(try Self.place(of: logo, in: schedule) + ": error: calendar.logo: "), "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!studio.exists("feeds"), "the output folder is untouched")
        #expect(try studio.run("check").status == status, "check refuses it too")
    }

    @Test("check and build tell the owner when the colour is too light for text, and which shade the page uses")
    func lightColourReported() throws {
        let studio = try Studio(schedule: Self.schedule("\"brandColor\": \"#f5d90a\""))
        let r = try studio.run("check", "--now", "2026-11-27T09:00:00Z")
        #expect(r.status == 0)
        #expect(r.stderr.contains("schedule.json: warning: calendar.brandColor: \"#f5d90a\" is too light to read as text on the page (1.2:1; text needs 4.5:1): links and buttons use the darker \"#"), "\(r.stderr)")
        #expect(r.stderr.contains("hint: to choose the shade yourself, set a darker colour such as \"#"))
        // Not a schedule warning: --strict still builds.
        let strict = try studio.run("build", "--strict", "--output", "feeds", "--now", "2026-11-27T09:00:00Z")
        #expect(strict.status == 0, "\(strict.stderr)")
        #expect(try #require(studio.text("feeds/index.html")).contains("body{border-top:.4rem solid #f5d90a}"))

        let readable = try Studio(schedule: Self.schedule("\"brandColor\": \"#2a6f97\""))
        let quiet = try readable.run("check", "--now", "2026-11-27T09:00:00Z")
        #expect(quiet.status == 0)
        #expect(!quiet.stderr.contains("brandColor"), "\(quiet.stderr)")
    }
}

/// The example and the messages in docs/SUBSCRIBE-PAGE.md ("The studio's colour and logo") are
/// what `classfeed` does with them.
@Suite struct SubscribePageDocTests {
    /// The section's code blocks in order: the json example, the warning, the error.
    static func blocks() throws -> [String] {
        let doc = try String(contentsOf: ClassfeedProcess.packageRoot.appendingPathComponent("docs/SUBSCRIBE-PAGE.md"), encoding: .utf8)
        let section = try #require(doc.range(of: "## The studio's colour and logo"))
        let end = doc.range(of: "\n## ", range: section.upperBound..<doc.endIndex)?.lowerBound ?? doc.endIndex
        let parts = doc[section.upperBound..<end].components(separatedBy: "```")
        // Odd parts are inside fences; drop each fence's language word.
        return stride(from: 1, to: parts.count, by: 2).map { i in
            let p = parts[i]
            return String(p.drop { $0 != "\n" }.dropFirst())
        }
    }

    static func schedule(_ calendar: String) -> String {
        "{\n" + calendar.trimmingCharacters(in: .newlines) + ",\n"
            + #""classes": [{"id": "hips-monday", "title": "Hip Mobility & Stretch", "days": ["monday"], "start": "17:15", "durationMinutes": 30}]"#
            + "\n}\n"
    }

    @Test func theExampleBuildsAPageWithTheLogoAndTheColour() throws {
        let b = try Self.blocks()
        try #require(b.count == 3)
        let studio = try Studio(schedule: Self.schedule(b[0]))
        try studio.write("logo.png", bytes: PageBrandingCLITests.png)
        let r = try studio.run("build", "--now", "2026-11-27T09:00:00Z")
        #expect(r.status == 0, "\(r.stderr)")
        let page = try #require(studio.text("output/index.html"))
        #expect(page.contains("<img class=\"logo\" src=\"logo.png\" alt=\"\">"))
        #expect(page.contains(":root{--accent:#2a6f97;"))
        #expect(studio.bytes("output/logo.png") == PageBrandingCLITests.png)
    }

    @Test func theDocumentedWarningAndErrorAreWhatCheckAndBuildSay() throws {
        let b = try Self.blocks()
        try #require(b.count == 3)
        let light = try Studio(schedule: Self.schedule(b[0].replacingOccurrences(of: "#2a6f97", with: "#f5d90a")))
        try light.write("logo.png", bytes: PageBrandingCLITests.png)
        let warned = try light.run("check", "--now", "2026-11-27T09:00:00Z")
        #expect(warned.status == 0)
        #expect(warned.stderr.contains(b[1]), "\(warned.stderr)")

        let missing = try Studio(schedule: Self.schedule(b[0]))
        let refused = try missing.run("build", "--now", "2026-11-27T09:00:00Z")
        #expect(refused.status == 66)
        #expect(refused.stderr == b[2], "\(refused.stderr)")
        #expect(!missing.exists("output/index.html"))
    }
}
