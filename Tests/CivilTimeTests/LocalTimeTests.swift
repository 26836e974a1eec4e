import Testing

@testable import CivilTime

@Suite("LocalTime and LocalDateTime")
struct LocalTimeTests {
    @Test(
        "24-hour HH:MM parsing rejects anything else",
        arguments: [
            "7pm", "24:00", "23:60", "7:00", "07:0", "0700", "07-00", "07:00:00", "", " 07:00", "07:00 ", "-1:00",
            "ab:cd", "12:5x", "99:99",
        ])
    func rejectsBadTimes(text: String) {
        #expect(LocalTime(hhmm: text) == nil)
    }

    @Test("every valid HH:MM parses to its seconds of the day and prints back")
    func everyMinute() {
        var failures: [String] = []
        for h in 0..<24 {
            for m in 0..<60 {
                let text = (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
                guard let t = LocalTime(hhmm: text) else {
                    failures.append(text)
                    continue
                }
                if t.secondsOfDay != h * 3600 + m * 60 || t.hour != h || t.minute != m || t.second != 0
                    || t.description != text
                {
                    failures.append(text)
                }
            }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("components are validated")
    func componentRanges() {
        #expect(LocalTime(hour: 24, minute: 0) == nil)
        #expect(LocalTime(hour: -1, minute: 0) == nil)
        #expect(LocalTime(hour: 0, minute: 60) == nil)
        #expect(LocalTime(hour: 0, minute: 0, second: 60) == nil)
        #expect(LocalTime(hour: 23, minute: 59, second: 59)?.secondsOfDay == 86399)
        #expect(LocalTime(hour: 17, minute: 15, second: 30)?.description == "17:15:30")
    }

    @Test("local seconds round-trip, before and after the epoch")
    func localSecondsRoundTrip() {
        // Deterministic spread of values, including negative ones and day edges.
        var failures: [Int64] = []
        var values: [Int64] = [0, -1, 86399, 86400, -86400, -86401, -2_208_988_800, 7_258_118_399]
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<5000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Int64(x >> 33) % 9_500_000_000 - 2_300_000_000)
        }
        for v in values {
            let l = LocalDateTime(localSeconds: v)
            if l.localSeconds != v || !(0..<86400).contains(l.time.secondsOfDay) { failures.append(v) }
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(LocalDateTime(localSeconds: -1).description == "1969-12-31T23:59:59")
    }

    @Test("the RFC 5545 basic DATE-TIME form prints and parses")
    func basicForm() throws {
        let d = try #require(LocalDate(iso: "2026-11-30"))
        let t = try #require(LocalTime(hhmm: "17:15"))
        let l = LocalDateTime(date: d, time: t)
        #expect(l.basicFormat == "20261130T171500")
        #expect(l.description == "2026-11-30T17:15")
        #expect(LocalDateTime(basic: "20261130T171500") == l)
        #expect(LocalDateTime(basic: "20261130T171500Z") == nil)
        #expect(LocalDateTime(basic: "20261130 171500") == nil)
        #expect(LocalDateTime(basic: "20261130T241500") == nil)
        #expect(LocalDateTime(basic: "20260230T171500") == nil)
        #expect(l < LocalDateTime(date: d, time: try #require(LocalTime(hhmm: "17:16"))))
    }
}
