import Testing

@testable import Timetable

/// `calendar.brandColor` and `calendar.logo`: what decodes, and each refusal located on the
/// value with a hint.
@Suite("calendar.brandColor and calendar.logo")
struct PageBrandingDecoderTests {
    /// The fixture's schedule with `key: value` added to its calendar (line 2), and the column
    /// at which the value starts.
    static func schedule(_ key: String, _ value: String) -> (json: String, column: Int) {
        let prefix = #"  "calendar": { "id": "circl", "name": "CIRCL", "timezone": "Europe/London", "uidDomain": "circl.example", "\#(key)": "#
        return (ScheduleFixture.json(calendar: prefix + value + " }"), prefix.count + 1)
    }

    static func diagnostics(_ key: String, _ value: String) -> [String] {
        ScheduleFixture.diagnostics(schedule(key, value).json)
    }

    static func error(_ key: String, _ value: String, _ message: String, hint: String? = nil) -> [String] {
        ["schedule.json:2:\(schedule(key, value).column): error: calendar.\(key): \(message)" + (hint.map { "\n  hint: " + $0 } ?? "")]
    }

    @Test func aHexColourDecodes() throws {
        for (value, css) in [("\"#2a6f97\"", "#2a6f97"), ("\"#2A6F97\"", "#2a6f97"), ("\"#27a\"", "#2277aa")] {
            let s = try ScheduleFixture.schedule(Self.schedule("brandColor", value).json)
            #expect(s.calendar.brandColor?.css == css)
        }
    }

    @Test(arguments: [
        (#""2a6f97""#, "expected a CSS hex colour such as \"#2a6f97\", found \"2a6f97\"", "did you mean \"#2a6f97\"? A hex colour starts with #"),
        ("\" #2a6f97 \"", "expected a CSS hex colour such as \"#2a6f97\", found \" #2a6f97 \"", "did you mean \"#2a6f97\"?"),
        ("\"#2a6f9\"", "expected a CSS hex colour such as \"#2a6f97\", found \"#2a6f9\"", "after # come 3 or 6 hex digits (0-9, a-f), e.g. \"#2a6f97\""),
        (#""teal""#, "expected a CSS hex colour such as \"#2a6f97\", found \"teal\"",
         "write the colour as # and six hex digits, e.g. \"#2a6f97\" (colour pickers call it the hex value)"),
        (#""rgb(42, 111, 151)""#, "expected a CSS hex colour such as \"#2a6f97\", found \"rgb(42, 111, 151)\"",
         "write the colour as # and six hex digits, e.g. \"#2a6f97\" (colour pickers call it the hex value)"),
    ])
    func aColourThatIsNotHexIsALocatedErrorWithAHint(value: String, message: String, hint: String) {
        #expect(Self.diagnostics("brandColor", value) == Self.error("brandColor", value, message, hint: hint))
    }

    @Test func aColourMustBeAString() {
        #expect(Self.diagnostics("brandColor", "42") == Self.error("brandColor", "42", "expected a colour such as \"#2a6f97\" as a string, found 42"))
    }

    @Test func aLogoIsAnImageFileBesideTheScheduleOrAnHTTPSAddress() throws {
        let file = try ScheduleFixture.schedule(Self.schedule("logo", #""images/logo.JPEG""#).json)
        guard case .file(let path, let type, let location)? = file.calendar.logo else {
            Issue.record("not a file: \(String(describing: file.calendar.logo))")
            return
        }
        #expect(path == "images/logo.JPEG" && type == .jpeg && location?.line == 2)
        let remote = try ScheduleFixture.schedule(Self.schedule("logo", #""https://Cdn.Circl.example/logo.svg""#).json)
        #expect(remote.calendar.logo == .remote(url: "https://Cdn.Circl.example/logo.svg", origin: "https://cdn.circl.example"))
    }

    static let badLogos: [(String, String, String?)] = [
        (#""http://circl.example/logo.png""#,
         "the logo cannot be an http:// address: a browser blocks it on an https page, and anyone on the way can change it, found \"http://circl.example/logo.png\"",
         "use its https:// address, or save the image next to the schedule and write its file name, e.g. \"logo.png\""),
        (#""logo.gif""#, "the logo must be a .png, .jpg, .svg or .webp file, found \"logo.gif\"",
         "save it as PNG or SVG (most image editors can), e.g. \"logo.png\""),
        (#""logo""#, "the logo must be a .png, .jpg, .svg or .webp file, found \"logo\"",
         "save it as PNG or SVG (most image editors can), e.g. \"logo.png\""),
        (#""/srv/studio/logo.png""#, "\"/srv/studio/logo.png\" is an absolute path; the logo is named relative to the schedule's folder",
         "copy the image next to the schedule and write \"logo.png\""),
        (#""../logo.png""#, "\"../logo.png\" leaves the schedule's folder ('..'); the logo must be inside it",
         "copy the image next to the schedule and write \"logo.png\""),
        (#""data:image/png;base64,AAAA""#, "expected an image file next to the schedule or an https:// address, found \"data:image/png;base64,AAAA\"",
         "e.g. \"logo.png\" or \"https://circl.example/logo.png\""),
        (#""https://user@circl.example/logo.png""#,
         "expected an https:// address with a plain host name (letters, digits, '-' and '.'), found \"https://user@circl.example/logo.png\"",
         "e.g. \"https://circl.example/logo.png\""),
        (#""images/""#, "expected the path of an image file, found \"images/\"", "e.g. \"logo.png\""),
    ]

    @Test(arguments: badLogos)
    func aLogoThatCannotBeShownIsALocatedErrorWithAHint(value: String, message: String, hint: String?) {
        #expect(Self.diagnostics("logo", value) == Self.error("logo", value, message, hint: hint))
    }
}
