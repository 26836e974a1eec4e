import CivilTime
import Foundation
import Testing

/// The zones that bite (STYLE.md habit 6).
private let zonesUnderTest = [
    "Europe/London", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata",
    "Pacific/Chatham", "America/Sao_Paulo",
]

private func rules(_ name: String) throws -> ZoneRules {
    try TimeZoneDatabase().rules(for: name)
}

private func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Int64 {
    Int64(LocalDate.dayNumber(year: y, month: mo, day: d)) * 86400 + Int64(h * 3600 + mi * 60 + s)
}

private func local(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int) -> LocalDateTime {
    LocalDateTime(localSeconds: utc(y, mo, d, h, mi))
}

/// The independent implementation: Foundation's own copy of the tz data.
private struct FoundationZone {
    let tz: TimeZone
    init(_ name: String) throws { tz = try #require(TimeZone(identifier: name)) }

    func offset(_ t: Int64) -> Int { tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))) }

    /// Every offset change in [from, to), from Foundation's transition search.
    func transitions(from: Int64, to: Int64) -> [Int64] {
        var out: [Int64] = []
        var d = Date(timeIntervalSince1970: TimeInterval(from))
        while let next = tz.nextDaylightSavingTimeTransition(after: d), next.timeIntervalSince1970 < TimeInterval(to) {
            out.append(Int64(next.timeIntervalSince1970))
            d = next
        }
        return out
    }

    /// RFC 5545 §3.3.5 resolution computed from Foundation's offsets alone.
    func resolve(_ l: LocalDateTime) -> LocalTimeResolution {
        let ls = l.localSeconds
        let before = offset(ls - 2 * 86400)
        let after = offset(ls + 2 * 86400)
        var valid = Set<Int64>()
        for o in Set([before, after, offset(ls)]) where offset(ls - Int64(o)) == o { valid.insert(ls - Int64(o)) }
        let sorted = valid.sorted()
        switch sorted.count {
        case 0: return .gap(shifted: ls - Int64(before), gapSeconds: after - before)
        case 1: return .unique(sorted[0])
        default: return .ambiguous(first: sorted[0], second: sorted[sorted.count - 1])
        }
    }
}

@Suite("ZoneRules")
struct ZoneRulesTests {
    @Test("offsets agree with Foundation around every transition of 2024-2028", arguments: zonesUnderTest)
    func offsetsAroundTransitions(zone: String) throws {
        let ours = try rules(zone)
        let theirs = try FoundationZone(zone)
        let lo = utc(2024, 1, 1)
        let hi = utc(2029, 1, 1)
        let foundationTransitions = theirs.transitions(from: lo, to: hi)
        let ourTransitions = ours.transitions(from: lo, to: hi).map(\.instant)
        #expect(ourTransitions == foundationTransitions)
        let hasDaylightTime = !["Asia/Kolkata", "America/Sao_Paulo"].contains(zone)
        #expect(foundationTransitions.count == (hasDaylightTime ? 10 : 0))
        var mismatches: [String] = []
        for t in Set(foundationTransitions + ourTransitions) {
            // Every quarter-hour boundary two days either side (Lord Howe and Chatham change on
            // half and quarter hours), and the second either side of the change itself.
            var probes: [Int64] = [t - 1, t, t + 1]
            var p = t - t % 900 - 2 * 86400
            while p <= t + 2 * 86400 {
                probes.append(p)
                p += 900
            }
            for p in probes where ours.offset(at: p).seconds != theirs.offset(p) {
                mismatches.append("\(show(p)): ours \(ours.offset(at: p).seconds), Foundation \(theirs.offset(p))")
            }
        }
        #expect(mismatches.isEmpty, "\(zone): \(mismatches.prefix(10))")
    }

    @Test("offsets agree with Foundation every week of 2024-2028 at seeded times", arguments: zonesUnderTest)
    func offsetsWeekly(zone: String) throws {
        let ours = try rules(zone)
        let theirs = try FoundationZone(zone)
        var rng = SplitMix64(seed: 0xC1A55_F33D)
        var mismatches: [String] = []
        var week = utc(2024, 1, 1)
        while week < utc(2029, 1, 1) {
            let t = week + Int64(rng.next() % (7 * 86400))
            for p in [week, t] where ours.offset(at: p).seconds != theirs.offset(p) {
                mismatches.append("\(show(p)): ours \(ours.offset(at: p).seconds), Foundation \(theirs.offset(p))")
            }
            week += 7 * 86400
        }
        #expect(mismatches.isEmpty, "\(zone): \(mismatches.prefix(10))")
    }

    @Test("resolve agrees with an independent RFC 5545 resolution around every transition", arguments: zonesUnderTest)
    func resolveMatchesIndependentResolution(zone: String) throws {
        let ours = try rules(zone)
        let theirs = try FoundationZone(zone)
        var mismatches: [String] = []
        var localProbes: [Int64] = []
        for t in theirs.transitions(from: utc(2024, 1, 1), to: utc(2029, 1, 1)) {
            let wall = t + Int64(theirs.offset(t - 1))
            var p = wall - wall % 900 - 86400
            while p <= wall + 86400 {
                localProbes.append(p)
                p += 900
            }
        }
        // Plus noon and midnight of every tenth day, for zones without transitions.
        var d = utc(2024, 1, 1)
        while d < utc(2029, 1, 1) {
            localProbes += [d, d + 43200]
            d += 10 * 86400
        }
        for p in localProbes {
            let l = LocalDateTime(localSeconds: p)
            let r = ours.resolve(l)
            if r != theirs.resolve(l) { mismatches.append("\(l): ours \(r), independent \(theirs.resolve(l))") }
            // Whatever the case, the instant maps back to the wall time (shifted by the gap).
            switch r {
            case .unique(let t):
                if ours.localDateTime(at: t) != l { mismatches.append("\(l): unique instant maps back wrongly") }
            case .gap(let t, let gap):
                if gap <= 0 || ours.localDateTime(at: t).localSeconds != p + Int64(gap) {
                    mismatches.append("\(l): gap instant is not the wall time shifted by the gap")
                }
            case .ambiguous(let a, let b):
                if a >= b || ours.localDateTime(at: a) != l || ours.localDateTime(at: b) != l {
                    mismatches.append("\(l): ambiguous instants do not both map back")
                }
            }
            if ours.instant(for: l) != r.instant { mismatches.append("\(l): instant(for:) differs from resolve") }
        }
        #expect(mismatches.isEmpty, "\(zone): \(mismatches.prefix(10))")
    }

    /// RFC 5545 §3.3.5: a gap time is shifted forward by the gap; a repeated time is the first.
    @Test(
        "gap and ambiguous wall times resolve as RFC 5545 says",
        arguments: [
            // London spring forward 01:00 GMT -> 02:00 BST; 01:30 means 02:30 BST = 01:30Z.
            ("Europe/London", local(2026, 3, 29, 1, 30), LocalTimeResolution.gap(shifted: utc(2026, 3, 29, 1, 30), gapSeconds: 3600)),
            ("Europe/London", local(2026, 3, 29, 0, 59), .unique(utc(2026, 3, 29, 0, 59))),
            ("Europe/London", local(2026, 3, 29, 2, 0), .unique(utc(2026, 3, 29, 1, 0))),
            // London fall back 02:00 BST -> 01:00 GMT; 01:30 happens at 00:30Z and at 01:30Z.
            ("Europe/London", local(2026, 10, 25, 1, 30), .ambiguous(first: utc(2026, 10, 25, 0, 30), second: utc(2026, 10, 25, 1, 30))),
            ("Europe/London", local(2026, 10, 25, 1, 0), .ambiguous(first: utc(2026, 10, 25, 0, 0), second: utc(2026, 10, 25, 1, 0))),
            ("Europe/London", local(2026, 10, 25, 2, 0), .unique(utc(2026, 10, 25, 2, 0))),
            // New York: 02:30 does not exist on 2026-03-08 (EST -> EDT); 01:30 twice on 2026-11-01.
            ("America/New_York", local(2026, 3, 8, 2, 30), .gap(shifted: utc(2026, 3, 8, 7, 30), gapSeconds: 3600)),
            ("America/New_York", local(2026, 11, 1, 1, 30), .ambiguous(first: utc(2026, 11, 1, 5, 30), second: utc(2026, 11, 1, 6, 30))),
            // Sydney: 02:00 AEST -> 03:00 AEDT on 2026-10-04; 03:00 AEDT -> 02:00 AEST on 2026-04-05.
            ("Australia/Sydney", local(2026, 10, 4, 2, 30), .gap(shifted: utc(2026, 10, 3, 16, 30), gapSeconds: 3600)),
            ("Australia/Sydney", local(2026, 4, 5, 2, 30), .ambiguous(first: utc(2026, 4, 4, 15, 30), second: utc(2026, 4, 4, 16, 30))),
            // Lord Howe: a 30-minute change. 02:00 +1030 -> 02:30 +11; 02:00 +11 -> 01:30 +1030.
            ("Australia/Lord_Howe", local(2026, 10, 4, 2, 15), .gap(shifted: utc(2026, 10, 3, 15, 45), gapSeconds: 1800)),
            ("Australia/Lord_Howe", local(2026, 10, 4, 2, 30), .unique(utc(2026, 10, 3, 15, 30))),
            ("Australia/Lord_Howe", local(2026, 4, 5, 1, 45), .ambiguous(first: utc(2026, 4, 4, 14, 45), second: utc(2026, 4, 4, 15, 15))),
            ("Australia/Lord_Howe", local(2026, 4, 5, 1, 29), .unique(utc(2026, 4, 4, 14, 29))),
            // Chatham changes at 02:45 standard time: 02:45 +1245 -> 03:45 +1345, and back at 03:45 +1345.
            ("Pacific/Chatham", local(2026, 9, 27, 3, 0), .gap(shifted: utc(2026, 9, 26, 14, 15), gapSeconds: 3600)),
            ("Pacific/Chatham", local(2026, 9, 27, 2, 44), .unique(utc(2026, 9, 26, 13, 59))),
            ("Pacific/Chatham", local(2026, 4, 5, 3, 0), .ambiguous(first: utc(2026, 4, 4, 13, 15), second: utc(2026, 4, 4, 14, 15))),
            // No DST: always unique.
            ("Asia/Kolkata", local(2026, 3, 29, 1, 30), .unique(utc(2026, 3, 28, 20, 0))),
            ("America/Sao_Paulo", local(2026, 11, 1, 0, 30), .unique(utc(2026, 11, 1, 3, 30))),
        ])
    func resolveTable(zone: String, wall: LocalDateTime, expected: LocalTimeResolution) throws {
        let r = try rules(zone)
        #expect(r.resolve(wall) == expected, "\(zone) \(wall)")
        #expect(r.instant(for: wall) == expected.instant)
    }

    @Test(
        "abbreviations come from the tz database, not Foundation's GMT+1",
        arguments: [
            ("Europe/London", utc(2026, 7, 1), "BST", true, 3600),
            ("Europe/London", utc(2026, 1, 15), "GMT", false, 0),
            ("America/New_York", utc(2026, 7, 1), "EDT", true, -14400),
            ("America/New_York", utc(2026, 1, 15), "EST", false, -18000),
            ("Australia/Sydney", utc(2026, 1, 15), "AEDT", true, 39600),
            ("Australia/Sydney", utc(2026, 7, 1), "AEST", false, 36000),
            ("Australia/Lord_Howe", utc(2026, 1, 15), "+11", true, 39600),
            ("Australia/Lord_Howe", utc(2026, 7, 1), "+1030", false, 37800),
            ("Asia/Kolkata", utc(2026, 7, 1), "IST", false, 19800),
            ("Pacific/Chatham", utc(2026, 1, 15), "+1345", true, 49500),
            ("Pacific/Chatham", utc(2026, 7, 1), "+1245", false, 45900),
            ("America/Sao_Paulo", utc(2026, 1, 15), "-03", false, -10800),
        ])
    func abbreviations(zone: String, at t: Int64, abbreviation: String, isDaylight: Bool, seconds: Int) throws {
        let o = try rules(zone).offset(at: t)
        #expect(o == ZoneOffset(seconds: seconds, isDaylight: isDaylight, abbreviation: abbreviation))
    }

    @Test("transitions carry the offsets either side, and the lookups agree with them")
    func transitionLookups() throws {
        let london = try rules("Europe/London")
        let list = Array(london.transitions(from: utc(2026, 1, 1), to: utc(2027, 1, 1)))
        #expect(list.map(\.instant) == [utc(2026, 3, 29, 1), utc(2026, 10, 25, 1)])
        #expect(list.map(\.before.abbreviation) == ["GMT", "BST"])
        #expect(list.map(\.after.abbreviation) == ["BST", "GMT"])
        // Half-open: a transition exactly at `to` is left out, one exactly at `from` is kept.
        #expect(london.transitions(from: utc(2026, 3, 29, 1), to: utc(2026, 10, 25, 1)).map(\.instant) == [utc(2026, 3, 29, 1)])
        #expect(london.transition(atOrBefore: utc(2026, 3, 29, 1))?.instant == utc(2026, 3, 29, 1))
        #expect(london.transition(atOrBefore: utc(2026, 3, 29, 1) - 1)?.instant == utc(2025, 10, 26, 1))
        #expect(london.offset(at: utc(2026, 3, 29, 1) - 1).abbreviation == "GMT")
        #expect(london.offset(at: utc(2026, 3, 29, 1)).abbreviation == "BST")
        #expect(london.localDateTime(at: utc(2026, 3, 29, 1)) == local(2026, 3, 29, 2, 0))
        #expect(london.posixRule == "GMT0BST,M3.5.0/1,M10.5.0")
        // The footer extends the rules to the end of the supported years.
        #expect(london.offset(at: utc(2199, 7, 1)).abbreviation == "BST")
        #expect(london.offset(at: utc(2199, 12, 1)).abbreviation == "GMT")
        #expect(london.transitions(from: utc(2199, 1, 1), to: utc(2200, 1, 1)).count == 2)
    }

    @Test("transitions are sorted and each one's 'before' is the previous one's 'after'", arguments: zonesUnderTest)
    func transitionChain(zone: String) throws {
        let r = try rules(zone)
        var previous = r.initial
        var lastInstant = Int64.min
        var broken: [Int64] = []
        for t in r.transitions {
            if t.before != previous || t.instant <= lastInstant || t.before == t.after { broken.append(t.instant) }
            previous = t.after
            lastInstant = t.instant
        }
        #expect(broken.isEmpty, "\(zone): \(broken.prefix(5))")
    }

    @Test("a fixed-offset zone has one offset and unique wall times")
    func fixedOffset() {
        let o = ZoneOffset(seconds: 19800, isDaylight: false, abbreviation: "IST")
        let r = ZoneRules(identifier: "Test/Fixed", fixed: o)
        #expect(r.transitions.isEmpty)
        #expect(r.offset(at: 0) == o)
        #expect(r.offset(at: utc(2100, 1, 1)) == o)
        #expect(r.resolve(local(2026, 3, 29, 1, 30)) == .unique(utc(2026, 3, 28, 20, 0)))
    }
}

/// A seeded generator (SplitMix64): deterministic "random" probes.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// For messages: an instant as a readable UTC time.
private func show(_ t: Int64) -> String { LocalDateTime(localSeconds: t).description + "Z" }
