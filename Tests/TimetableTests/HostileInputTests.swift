import CivilTime
import Testing

@testable import Timetable

/// What the decoder refuses so that nothing hostile reaches a feed, a file name or a web page:
/// control characters in text, unsafe ids, non-http(s) URLs, holiday paths outside the
/// schedule's folder (docs/HARDENING.md, "Bad input").
@Suite("hostile schedule input")
struct HostileInputTests {
    /// Every text field of the format, as (JSON path, schedule with TEXT in that field).
    static let textFields: [(String, @Sendable (String) -> String)] = [
        ("calendar.name", { ScheduleFixture.json(calendar: #"  "calendar": { "id": "circl", "name": \#($0), "timezone": "Europe/London", "uidDomain": "circl.example" }"#) }),
        ("calendar.description", { ScheduleFixture.json(calendar: #"  "calendar": { "id": "circl", "name": "C", "description": \#($0), "timezone": "Europe/London", "uidDomain": "circl.example" }"#) }),
        ("calendar.location", { ScheduleFixture.json(calendar: #"  "calendar": { "id": "circl", "name": "C", "location": \#($0), "timezone": "Europe/London", "uidDomain": "circl.example" }"#) }),
        ("calendar.bookingLabel", { ScheduleFixture.json(calendar: #"  "calendar": { "id": "circl", "name": "C", "bookingLabel": \#($0), "timezone": "Europe/London", "uidDomain": "circl.example" }"#) }),
        ("classes[0].title", { ScheduleFixture.json(classes: [#"{ "id": "a", "title": \#($0), "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#]) }),
        ("classes[0].description", { ScheduleFixture.json(classes: [#"{ "id": "a", "title": "A", "description": \#($0), "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#]) }),
        ("classes[0].location", { ScheduleFixture.json(classes: [#"{ "id": "a", "title": "A", "location": \#($0), "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#]) }),
        ("classes[0].instructor", { ScheduleFixture.json(classes: [#"{ "id": "a", "title": "A", "instructor": \#($0), "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#]) }),
        ("exceptions[0].reason", { ScheduleFixture.json(exceptions: [#"{ "date": "2026-12-07", "reason": \#($0) }"#]) }),
    ]

    static func errors(_ json: String) -> [String] {
        ScheduleFixture.diagnostics(json).filter { $0.contains(": error: ") }
    }

    static func hex(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - h.count) + h
    }

    @Test("every C0 control character but newline, DEL and every C1 control is refused in every text field")
    func controlCharacters() {
        let controls: [UInt32] = Array(0x00...0x1F).filter { $0 != 0x0A } + [0x7F] + Array(0x80...0x9F)
        for (path, make) in Self.textFields {
            for c in controls {
                let errors = Self.errors(make("\"Text \\u\(Self.hex(c)) here\""))
                #expect(errors.count == 1 && errors[0].contains("\(path): ") && errors[0].contains("contains the control character U+\(Self.hex(c))"),
                        "\(path) U+\(Self.hex(c)): \(errors)")
            }
            // A raw control byte (not escaped) is a JSON syntax error.
            let raw = Self.errors(make("\"Text \u{1} here\""))
            #expect(raw.count == 1 && raw[0].contains("control character inside a string"), "\(path): \(raw)")
            // A newline is text; blank text is refused.
            #expect(Self.errors(make(#""Line one\nLine two""#)).isEmpty, "\(path)")
            #expect(Self.errors(make(#"" \n\t ""#)).first?.contains("is empty") == true, "\(path)")
        }
    }

    @Test("text with separators, quotes, escapes, markup, right-to-left text and emoji is accepted as it is")
    func printableTextIsKept() throws {
        let text = #"Stretch; Flow, \\ \"quoted\" : <b>bold</b> &amp; \u202Eevil\u202C עברית مرحبا 👩‍👩‍👧‍👦 \\n BEGIN:VEVENT"#
        let json = ScheduleFixture.json(classes: [#"{ "id": "a", "title": "\#(text)", "location": "\#(text)", "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#])
        let (schedule, _) = try ScheduleDecoder.decode(Array(json.utf8), file: "s.json", zones: ScheduleFixture.loadZone)
        let expected = "Stretch; Flow, \\ \"quoted\" : <b>bold</b> &amp; \u{202E}evil\u{202C} עברית مرحبا 👩‍👩‍👧‍👦 \\n BEGIN:VEVENT"
        #expect(schedule.classes[0].title == expected)
        #expect(schedule.classes[0].location == expected)
    }

    @Test("invalid JSON escapes and invalid UTF-8 are syntax errors with a position", arguments: [
        (#""\x41""#, "invalid escape '\\x' in a string"),
        (#""\u12""#, "invalid \\u escape: expected four hex digits"),
        (#""\uD800""#, "invalid \\u escape: a high surrogate must be followed by a low surrogate"),
        (#""\uDC00""#, "invalid \\u escape: unpaired low surrogate"),
        (#""\'""#, "invalid escape '\\''"),
    ])
    func invalidEscapes(text: String, message: String) {
        let errors = Self.errors(ScheduleFixture.json(classes: [#"{ "id": "a", "title": \#(text), "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#]))
        #expect(errors.count == 1 && errors[0].contains(message), "\(errors)")
        var bytes = Array(ScheduleFixture.json(classes: [#"{ "id": "a", "title": "Caf__", "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#]).utf8)
        let at = bytes.firstIndex(of: UInt8(ascii: "_"))!  // the fixture has one
        bytes[at] = 0xC3
        bytes[at + 1] = 0x28  // not a continuation byte
        let utf8 = ScheduleFixture.diagnostics(bytes: bytes)
        #expect(utf8.count == 1 && utf8[0].contains("the text is not valid UTF-8"), "\(utf8)")
    }

    @Test("ids that could name a file outside the output folder, a hidden file or a different file are refused", arguments: [
        "../circl", "..", ".hidden", "a/b", "a\\b", "/etc/passwd", "Circl", "-a", "a.b", "a b", "a\u{0}b", "", "é",
        "a%2fb", String(repeating: "a", count: 65),
    ])
    func unsafeIDs(id: String) {
        let quoted = "\"" + id.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\u{0}", with: "\\u0000") + "\""
        let cal = Self.errors(ScheduleFixture.json(calendar: #"  "calendar": { "id": \#(quoted), "name": "C", "timezone": "Europe/London", "uidDomain": "circl.example" }"#))
        #expect(cal.count == 1 && cal[0].contains("calendar.id: expected an id made of lowercase letters, digits and '-'"), "\(cal)")
        let cls = Self.errors(ScheduleFixture.json(classes: [#"{ "id": \#(quoted), "title": "A", "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#]))
        #expect(cls.count == 1 && cls[0].contains("classes[0].id: expected an id made of lowercase letters, digits and '-'"), "\(cls)")
    }

    @Test("URLs must be http or https, without spaces, quotes or angle brackets", arguments: [
        "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)", "file:///etc/passwd", "ftp://studio.example/", "//evil.example/", "https:/evil.example",
        "https://", "http://a b.example", "https://x.example/\" onmouseover=\"alert(1)", "https://x.example/<script>",
        "https://x.example/>", "https://x.example/\nhttps://y.example", "https://x.example/\u{7}", "mailto:a@b.example",
        "studio.example/book",
    ])
    func unsafeURLs(url: String) {
        var quoted = "\""
        for u in url.unicodeScalars {
            switch u {
            case "\"": quoted += "\\\""
            case "\n": quoted += "\\n"
            case "\u{7}": quoted += "\\u0007"
            default: quoted.unicodeScalars.append(u)
            }
        }
        quoted += "\""
        let cls = Self.errors(ScheduleFixture.json(classes: [#"{ "id": "a", "title": "A", "url": \#(quoted), "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#]))
        #expect(cls.count == 1 && cls[0].contains("classes[0].url: "), "\(cls)")
        let cal = Self.errors(ScheduleFixture.json(calendar: #"  "calendar": { "id": "circl", "name": "C", "url": \#(quoted), "timezone": "Europe/London", "uidDomain": "circl.example" }"#))
        #expect(cal.count == 1 && cal[0].contains("calendar.url: "), "\(cal)")
    }

    @Test("http and https URLs with queries, fragments, unicode and single quotes are accepted", arguments: [
        "https://studio.example/book", "HTTPS://STUDIO.EXAMPLE/", "http://studio.example/a?b=c&d=e#f",
        "https://studio.example/caf\u{E9}/'x'", "https://studio.example/%3Cscript%3E",
    ])
    func safeURLs(url: String) {
        let cls = Self.errors(ScheduleFixture.json(classes: [#"{ "id": "a", "title": "A", "url": "\#(url)", "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#]))
        #expect(cls.isEmpty, "\(cls)")
    }

    /// The URL fields, as (JSON path, schedule with the quoted URL in that field).
    static let urlFields: [(String, @Sendable (String) -> String)] = [
        ("classes[0].url", { ScheduleFixture.json(classes: [#"{ "id": "a", "title": "A", "url": \#($0), "days": ["monday"], "start": "17:15", "durationMinutes": 30 }"#]) }),
        ("calendar.url", { ScheduleFixture.json(calendar: #"  "calendar": { "id": "circl", "name": "C", "url": \#($0), "timezone": "Europe/London", "uidDomain": "circl.example" }"#) }),
        ("calendar.publicURL", { ScheduleFixture.json(calendar: #"  "calendar": { "id": "circl", "name": "C", "publicURL": \#($0), "timezone": "Europe/London", "uidDomain": "circl.example" }"#) }),
    ]

    /// The one error for `url` in every URL field, checked to be located and to name the field.
    static func urlErrors(_ quoted: String) -> [(String, [String])] {
        urlFields.map { path, make in (path, errors(make(quoted))) }
    }

    @Test("a URL needs a host, and a port from 1 to 65535", arguments: [
        "https:///x", "http:///", "https:///", "HTTPS:///circl.example/", "https://:8080/", "https://user@/x",
        "https://?q=1", "https://#top", "https://[]/", "https://x.example:99999/", "https://x.example:0/",
        "https://x.example:65536/", "https://x.example:80a/", "https://x.example:-1/", "https://x.example:123456789012345678901234/",
    ])
    func urlsWithoutAHostOrWithABadPort(url: String) {
        for (path, errors) in Self.urlErrors("\"" + url + "\"") {
            #expect(errors.count == 1 && errors[0].hasPrefix("schedule.json:") && errors[0].contains(": error: \(path): "), "\(path) \(url): \(errors)")
            let what = url.contains("x.example:") ? "port" : "host"
            #expect(errors.first?.contains(what) == true, "\(path) \(url): \(errors)")
        }
    }

    @Test("a URL with an invisible space, line or paragraph separator, format or control character is refused", arguments: [
        0x00A0, 0x2028, 0x2029, 0x200B, 0xFEFF, 0x3000, 0x2009, 0x202F, 0x1680, 0x00AD, 0x200E, 0x202E, 0x2060, 0x0085, 0x0009,
    ] as [UInt32])
    func invisibleCharactersInURLs(scalar: UInt32) {
        let hex = Self.hex(scalar)
        // Escaped in the JSON (\u00A0) and written as the character itself.
        var raw = "\"https://circl.example/bo"
        if scalar >= 0x20 { raw.unicodeScalars.append(Unicode.Scalar(scalar)!) } else { raw += "\\u\(hex)" }
        raw += "ok\""
        for quoted in ["\"https://circl.example/bo\\u\(hex)ok\"", raw, "\"https://circl.example/book\\u\(hex)\""] {
            for (path, errors) in Self.urlErrors(quoted) {
                #expect(errors.count == 1 && errors[0].hasPrefix("schedule.json:") && errors[0].contains(": error: \(path): ")
                        && errors[0].contains("U+\(hex)"), "\(path) \(quoted): \(errors)")
            }
        }
    }

    @Test("URLs with a port, user information, an IPv6 address or a query straight after the host are accepted", arguments: [
        "https://circl.example:8443/book", "https://circl.example:65535/", "https://circl.example:1", "http://user@circl.example/",
        "http://[::1]:8080/", "https://circl.example?week=1", "https://circl.example#timetable", "https://circl.example:/",
    ])
    func urlsWithAPortOrAnIPv6Host(url: String) {
        let cls = Self.errors(Self.urlFields[0].1("\"" + url + "\""))
        #expect(cls.isEmpty, "\(cls)")
    }

    @Test("100,000 unknown keys are counted, and only the first hundred collected")
    func manyErrors() {
        let keys = (0..<100_000).map { "\"k\($0)\": 0" }.joined(separator: ", ")
        let json = ScheduleFixture.json(calendar: #"  "calendar": { "id": "circl", "name": "C", "timezone": "Europe/London", "uidDomain": "circl.example", \#(keys) }"#)
        do {
            _ = try ScheduleDecoder.decode(Array(json.utf8), file: "s.json", zones: ScheduleFixture.loadZone)
            Issue.record("decoded")
        } catch {
            #expect(error.diagnostics.count == 100)
            #expect(error.errorCount == 100_000)
            #expect(error.diagnostics.first.map { $0.location?.line == 2 && $0.description.contains(": error: calendar.k0: unknown key \"k0\"") } == true,
                    "\(error.diagnostics.first?.description ?? "")")
            #expect(error.diagnostics.last?.path == "calendar.k99")
        }
    }

    @Test("holiday calendar paths must stay inside the schedule's folder", arguments: [
        "../holidays.ics", "holidays/../../x.ics", "/etc/passwd", "~/x.ics", "holidays/", "", "a\u{1}.ics",
    ])
    func holidayPaths(path: String) {
        let quoted = "\"" + path.replacingOccurrences(of: "\u{1}", with: "\\u0001") + "\""
        let json = ScheduleFixture.json().replacingOccurrences(of: "  \"classes\"", with: "  \"holidayCalendars\": [\(quoted)],\n  \"classes\"")
        let errors = Self.errors(json)
        #expect(errors.count == 1 && errors[0].contains("holidayCalendars[0]: "), "\(errors)")
    }
}
