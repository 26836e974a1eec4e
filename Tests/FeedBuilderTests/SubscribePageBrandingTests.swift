import Foundation
import Testing

@testable import FeedBuilder
import CivilTime
import Timetable

/// Issue 16 on the subscribe page: the studio's colour and logo, the copy button and its hash
/// in the Content-Security-Policy, addresses that wrap at their punctuation, Android named,
/// the time zone in plain words, a shared end of term said once, durations that do not wrap.
@Suite struct SubscribePageBrandingTests {
    static let updated: Int64 = 1_795_770_000  // 2026-11-27T09:00:00Z

    /// The studio's schedule with `extra` members added to its calendar.
    static func studio(_ extra: String) -> String {
        SubscribePageTests.studio.replacingOccurrences(
            of: "\"publicURL\": \"https://circl.example/feeds/\"", with: "\"publicURL\": \"https://circl.example/feeds/\", " + extra)
    }

    func html(_ json: String, today: String = "2026-11-27") throws -> String {
        let s = try Support.schedule(json)
        let day = try #require(LocalDate(iso: today))
        let builder = FeedBuilder(schedule: s, options: FeedOptions(from: day, to: day.adding(days: 200), stamp: Self.updated))
        return String(decoding: SubscribePage(builder: builder, today: day).render(updated: Self.updated), as: UTF8.self)
    }

    // MARK: - The copy button and the policy

    @Test func theCopyScriptsHashInThePolicyIsTheSHA256OfItsBytes() {
        #expect(SHA256.base64("abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=", "FIPS 180-4's example")
        #expect(SHA256.base64("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        #expect(SHA256.base64(String(repeating: "a", count: 1000)) == "Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM=", "several blocks (openssl dgst -sha256)")
        #expect(SHA256.base64("\(SubscribePage.copyScript)") == "\(SubscribePage.copyScriptHash)")
    }

    @Test func theScriptWordsNothingAndTouchesOnlyTheCopyButtons() {
        let script = "\(SubscribePage.copyScript)"
        // Labels come from the markup (PageWords), so a translated page keeps the hash.
        #expect(!script.contains("Copy\"") && !script.contains("Copied\""))
        #expect(script.contains("button[data-copy]"))
        #expect(!script.contains("innerHTML") && !script.contains("eval") && !script.contains("fetch"))
        #expect(!script.contains("</"), "cannot end its own element")
    }

    @Test func eachAddressHasACopyButtonHiddenUntilTheScriptShowsIt() throws {
        let h = try html(SubscribePageTests.studio)
        for key in ["all", "class-hips-monday", "class-hips-thursday"] {
            #expect(h.contains(
                "</code>\n<button type=\"button\" class=\"copy\" data-copy=\"address-\(key)\" data-copied=\"Copied\" hidden>Copy</button></p>"), "\(key)")
            #expect(h.contains("<code id=\"address-\(key)\">"))
        }
        #expect(SubscribePage.css.contains("[hidden]{display:none!important}"), "a hidden button stays hidden whatever its class says")
        #expect(SubscribePage.css.contains("user-select:all"), "one tap selects the address without script")
    }

    @Test func aPageWithoutAddressesHasNoScriptAndNoScriptSource() throws {
        let h = try html(GoldenFeedTests.studio)
        #expect(!h.contains("<script"))
        #expect(!h.contains("script-src"))
        #expect(h.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\""))
    }

    // MARK: - Addresses that wrap at their punctuation

    @Test func anAddressMayBreakOnlyAtItsSlashesDotsAndHyphens() {
        func breakable(_ s: String) -> String {
            var w = HTMLWriter()
            w.breakableAddress(s)
            return String(decoding: w.bytes, as: UTF8.self)
        }
        #expect(breakable("https://stillpoint.example/feeds/") == "https://<wbr>stillpoint<wbr>.example/<wbr>feeds/<wbr>")
        #expect(breakable("stillpoint.ics") == "stillpoint<wbr>.ics")
        #expect(breakable("still-point-yoga-slow-flow.ics") == "still-<wbr>point-<wbr>yoga-<wbr>slow-<wbr>flow<wbr>.ics")
        #expect(breakable("a&b/'c") == "a&amp;b/<wbr>&#39;c", "escaped like any value")
        #expect(breakable(".x-") == ".x-", "no break before a leading dot or after a trailing hyphen")
        // Whatever the address, the text a member copies is the address itself.
        for s in ["https://a.b/c-d/e.ics", "http://x:8080/f/", "plain"] {
            #expect(breakable(s).replacingOccurrences(of: "<wbr>", with: "") == s)
        }
    }

    // MARK: - Brand colour

    @Test func aReadableBrandColourIsTheLightSchemesAccentAsWritten() throws {
        let h = try html(Self.studio(##""brandColor": "#2A6F97""##))
        let p = BrandPalette(BrandColor(red: 0x2A, green: 0x6F, blue: 0x97))
        #expect(!p.adjustedInLightScheme)
        #expect(h.contains(":root{--accent:#2a6f97;--on-accent:#ffffff}\n@media (prefers-color-scheme:dark){:root{--accent:\(p.dark.accent.css);--on-accent:\(p.dark.onAccent.css)}}\nbody{border-top:.4rem solid #2a6f97}\n"))
        // After the page's own colours, before its print rules (which set black for paper).
        let brand = try #require(h.range(of: ":root{--accent:#2a6f97"))
        let own = try #require(h.range(of: ":root{--bg:#fff"))
        let print = try #require(h.range(of: "@media print"))
        #expect(own.upperBound < brand.lowerBound && brand.upperBound < print.lowerBound)
    }

    @Test func everyBrandColourGivesReadableAccentsInBothSchemes() {
        var rng = SeededGenerator(state: 16)
        var colours = [BrandColor(red: 255, green: 255, blue: 255), BrandColor(red: 0, green: 0, blue: 0), BrandColor(red: 0xF5, green: 0xD9, blue: 0x0A)]
        for _ in 0..<400 {
            colours.append(BrandColor(red: UInt8(rng.next() & 255), green: UInt8(rng.next() & 255), blue: UInt8(rng.next() & 255)))
        }
        for c in colours {
            let p = BrandPalette(c)
            for (scheme, backgrounds) in [(p.light, BrandPalette.lightBackgrounds), (p.dark, BrandPalette.darkBackgrounds)] {
                for b in backgrounds {
                    #expect(BrandPalette.contrast(scheme.accent, b) >= 4.5, "\(c.css): accent \(scheme.accent.css) on \(b.css)")
                }
                #expect(BrandPalette.contrast(scheme.onAccent, scheme.accent) >= 4.5, "\(c.css): button text")
            }
            // The owner's colour is kept wherever it is readable.
            if BrandPalette.lightBackgrounds.allSatisfy({ BrandPalette.contrast(c, $0) >= 4.5 }) { #expect(p.light.accent == c) }
        }
    }

    @Test func aColourTooLightToReadIsDarkenedOnlyAsFarAsNeeded() {
        let yellow = BrandColor(red: 0xF5, green: 0xD9, blue: 0x0A)
        let p = BrandPalette(yellow)
        #expect(p.adjustedInLightScheme)
        #expect(p.brandContrastInLightScheme < 2)
        #expect(p.light.accent != yellow && p.brand == yellow)
        // One step (1/64) less dark would not be readable on the card.
        let steps = (0...64).first { BrandPalette.mix(yellow, BrandPalette.black, Double($0) / 64) == p.light.accent }
        let step = try? #require(steps)
        if let step, step > 0 {
            let lighter = BrandPalette.mix(yellow, BrandPalette.black, Double(step - 1) / 64)
            #expect(BrandPalette.lightBackgrounds.contains { BrandPalette.contrast(lighter, $0) < 4.5 })
        }
    }

    @Test func theContrastMathMatchesTheWCAGFormula() {
        // WCAG 2.2's extremes and a mid grey, against Foundation's pow.
        #expect(abs(BrandPalette.contrast(BrandPalette.white, BrandPalette.black) - 21) < 1e-9)
        for v in stride(from: 0, through: 255, by: 5) {
            let c = BrandColor(red: UInt8(v), green: UInt8(v), blue: UInt8(v))
            let s = Double(v) / 255
            let expected = s <= 0.04045 ? s / 12.92 : Foundation.pow((s + 0.055) / 1.055, 2.4)
            #expect(abs(BrandPalette.luminance(c) - expected) < 1e-12, "\(v)")
        }
    }

    @Test func brandColoursAreHexColoursInEitherCaseAndLength() {
        #expect(BrandColor(css: "#2a6f97")?.css == "#2a6f97")
        #expect(BrandColor(css: "#2A6F97")?.css == "#2a6f97")
        #expect(BrandColor(css: "#27a")?.css == "#2277aa")
        for bad in ["2a6f97", "#2a6f9", "#2a6f97ff", "blue", "rgb(1,2,3)", "#gg0000", "", "#"] {
            #expect(BrandColor(css: bad) == nil, "\(bad)")
        }
    }

    // MARK: - Logo

    @Test func aLogoFileIsShownFromBesideThePageAndAllowedAsSelf() throws {
        let h = try html(Self.studio(#""logo": "images/Logo.SVG""#))
        #expect(h.contains("<header>\n<img class=\"logo\" src=\"logo.svg\" alt=\"\">\n<h1 dir=\"auto\">CIRCL</h1>"))
        #expect(h.contains("img-src data: 'self'; base-uri 'none'"))
    }

    @Test func anHTTPSLogoIsAllowedByItsExactOriginOnly() throws {
        let h = try html(Self.studio(#""logo": "https://CDN.circl.example:8443/brand/logo.png?v=2&x=1""#))
        #expect(h.contains("<img class=\"logo\" src=\"https://CDN.circl.example:8443/brand/logo.png?v=2&amp;x=1\" alt=\"\" referrerpolicy=\"no-referrer\">"))
        #expect(h.contains("img-src data: https://cdn.circl.example:8443; base-uri 'none'"))
        #expect(!h.contains("'self'"))
    }

    // MARK: - Words for members

    @Test func theTimeZoneIsSaidInPlainWordsWithTheTzDatabasesAbbreviations() throws {
        func zone(_ name: String, today: String = "2026-11-27") throws -> String {
            let json = SubscribePageTests.studio.replacingOccurrences(of: "Europe/London", with: name)
            let h = try html(json, today: today)
            let start = try #require(h.range(of: "<p class=\"zone\">"))
            return String(h[start.upperBound...].prefix { $0 != "<" })
        }
        #expect(try zone("Europe/London") == "Times are UK time (GMT, or BST in summer).")
        // Dublin's tz data marks its winter GMT as the "daylight" time: summer is the larger offset.
        #expect(try zone("Europe/Dublin") == "Times are Irish time (GMT, or IST in summer).")
        #expect(try zone("Europe/Paris") == "Times are Paris time (CET, or CEST in summer).")
        #expect(try zone("America/New_York") == "Times are US Eastern time (EST, or EDT in summer).")
        #expect(try zone("Australia/Sydney") == "Times are Sydney time (AEST, or AEDT in summer).")
        #expect(try zone("Australia/Lord_Howe") == "Times are Lord Howe time, which changes for summer.")
        #expect(try zone("Asia/Kolkata") == "Times are India time (IST).")
        #expect(try zone("America/Sao_Paulo") == "Times are São Paulo time.")
        #expect(try zone("UTC") == "Times are UTC.")
    }

    @Test func aSharedEndOfTermIsSaidOnceAboveTheTimetable() throws {
        let both = SubscribePageTests.studio.replacingOccurrences(of: "\"durationMinutes\": 30", with: "\"durationMinutes\": 30, \"until\": \"2027-07-17\"")
        let h = try html(both)
        #expect(h.contains("<p class=\"term\">All classes run until <time datetime=\"2027-07-17\">Sat 17 Jul 2027</time>.</p>"))
        #expect(h.components(separatedBy: "Sat 17 Jul 2027").count == 2, "said once")
        #expect(!h.contains("Until <time"))
        // One class without an end: each class says its own.
        let one = SubscribePageTests.studio.replacingOccurrences(
            of: "\"start\": \"17:15\", \"durationMinutes\": 30", with: "\"start\": \"17:15\", \"durationMinutes\": 30, \"until\": \"2027-07-17\"")
        let h1 = try html(one)
        #expect(!h1.contains("All classes run until"))
        #expect(h1.contains("Until <time datetime=\"2027-07-17\">Sat 17 Jul 2027</time>"))
        // A single class says its own end: there is nothing to repeat.
        let single = both.replacingOccurrences(of: "\"days\": [\"thursday\"]", with: "\"dates\": [\"2026-12-03\"]")
        let h2 = try html(single)
        #expect(!h2.contains("All classes run until"))
        #expect(h2.contains("Until <time datetime=\"2027-07-17\">Sat 17 Jul 2027</time>"))
    }

    @Test func aDurationNeverWrapsInsideItself() {
        #expect(SubscribePage.css.contains(".duration{white-space:nowrap}"))
    }

    @Test func androidIsNamedWhereGoogleCalendarIs() throws {
        let h = try html(SubscribePageTests.studio)
        #expect(h.components(separatedBy: "<h4>Android phone or Google Calendar</h4>").count == 4)
        #expect(h.contains("The Google Calendar app on an Android phone cannot add a calendar by its address"))
    }
}

/// SHA-256 (FIPS 180-4), for checking the policy's hash of the copy script: the page's code
/// holds the hash as a constant, and this recomputes it from the script's bytes.
enum SHA256 {
    static func base64(_ text: String) -> String { Data(digest(Array(text.utf8))).base64EncodedString() }

    static func digest(_ message: [UInt8]) -> [UInt8] {
        let k: [UInt32] = [
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        ]
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var m = message
        m.append(0x80)
        while m.count % 64 != 56 { m.append(0) }
        let bits = UInt64(message.count) * 8
        for i in (0..<8).reversed() { m.append(UInt8(truncatingIfNeeded: bits >> (UInt64(i) * 8))) }
        func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
        for block in stride(from: 0, to: m.count, by: 64) {
            var w = [UInt32](repeating: 0, count: 64)
            for t in 0..<16 {
                let b = block + 4 * t
                w[t] = UInt32(m[b]) << 24 | UInt32(m[b + 1]) << 16 | UInt32(m[b + 2]) << 8 | UInt32(m[b + 3])
            }
            for t in 16..<64 {
                let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
                let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for t in 0..<64 {
                let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                let ch = (e & f) ^ (~e & g)
                let t1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
                let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ maj
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            for (i, v) in [a, b, c, d, e, f, g, hh].enumerated() { h[i] = h[i] &+ v }
        }
        return h.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * $0)) } }
    }
}
