import Testing
import Foundation

@testable import FeedBuilder
import ICalendar
import Timetable

/// The revision scanner reads previous feeds in chunks; whatever the chunk size, it must find
/// what the writer wrote, and agree with the property-based fingerprint.
@Suite struct RevisionScannerTests {
    func feed() throws -> [UInt8] {
        let s = try Support.schedule(GoldenFeedTests.everything)
        let o = FeedOptions(from: LocalDate(year: 2026, month: 11, day: 30)!, to: LocalDate(year: 2027, month: 4, day: 11)!, stamp: 1_796_000_000)
        return FeedBuilder(schedule: s, options: o).allFeeds()[0].bytes
    }

    @Test func chunksOfAnySizeGiveTheSameRevisions() throws {
        let bytes = try feed()
        var whole = RevisionHistory()
        try whole.add(feed: bytes)
        #expect(whole.count == 38, "one revision per VEVENT of occurrences-everything.ics")
        var g = SeededGenerator(state: 7)
        for size in [1, 2, 3, 7, 64, 75, 76, 77, 1000, bytes.count] {
            var chunked = RevisionHistory()
            var offset = 0
            try chunked.add { () -> [UInt8]? in
                guard offset < bytes.count else { return nil }
                let n = size == 7 ? Int.random(in: 1...200, using: &g) : size
                defer { offset = min(bytes.count, offset + n) }
                return Array(bytes[offset..<min(bytes.count, offset + n)])
            }
            #expect(chunked.revisions == whole.revisions, "chunk size \(size)")
        }
    }

    @Test func scannerFingerprintsEqualThoseOfTheParsedProperties() throws {
        let bytes = try feed()
        var history = RevisionHistory()
        try history.add(feed: bytes)
        let cal = try #require(try ICalendarReader().parse(bytes).first)
        for e in cal.components(named: "VEVENT") {
            let key = RevisionHistory.key(uid: e.property("UID")!.value, recurrenceID: e.property("RECURRENCE-ID")?.value)
            #expect(history[key]?.fingerprint == RevisionHistory.fingerprint(e.properties))
        }
    }

    @Test func aTruncatedFeedIsAnError() throws {
        let bytes = try feed()
        var h = RevisionHistory()
        #expect(throws: ICalendarParseError.self) { try h.add(feed: Array(bytes.prefix(bytes.count - 40))) }
    }
}

@Suite struct LineHasherTests {
    @Test func piecesOfAnySizeHashLikeTheWhole() {
        var g = SeededGenerator(state: 11)
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 75, 200] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &g) }
            var whole = LineHasher()
            whole.add(bytes.span)
            var pieces = LineHasher()
            var i = 0
            while i < bytes.count {
                let n = Int.random(in: 1...9, using: &g)
                let end = min(bytes.count, i + n)
                pieces.add(bytes.span.extracting(i..<end))
                i = end
            }
            #expect(pieces.value == whole.value, "length \(length)")
        }
        var a = LineHasher()
        var b = LineHasher()
        a.add(1)
        b.add(1)
        b.add(0)
        #expect(a.value != b.value, "the length counts, so a trailing NUL changes the hash")
    }

    @Test func aParameterFoldedBeforeTheColonIsScanned() throws {
        var w = ContentLineWriter()
        w.begin("VCALENDAR")
        w.begin("VEVENT")
        w.writeLine(name: "UID", value: "x@example")
        w.writeLine(name: "DTSTAMP", value: "20261127T090000Z")
        let long = Property("DTSTART", raw: "20261130T171500", parameters: [Parameter("X-LONG", String(repeating: "a", count: 90))])
        w.write(long)
        w.end("VEVENT")
        w.end("VCALENDAR")
        var h = RevisionHistory()
        try h.add(feed: w.bytes)
        let expected = RevisionHistory.fingerprint([Property("UID", raw: "x@example"), long])
        #expect(h[RevisionHistory.key(uid: "x@example", recurrenceID: nil)]?.fingerprint == expected)
    }
}

/// Values read back from a previous feed are only ever trusted within range: a damaged or
/// hostile output folder is a warning, never a trap (issue 13).
@Suite struct RevisionRangeTests {
    func builder(stamp: Int64, history: RevisionHistory = RevisionHistory(), title: String = "Hip Mobility & Stretch") throws -> FeedBuilder {
        let json = GoldenFeedTests.everything.replacingOccurrences(of: "\"Hip Mobility & Stretch\"", with: "\"\(title)\"")
        var o = FeedOptions(from: LocalDate(year: 2026, month: 11, day: 30)!, to: LocalDate(year: 2027, month: 4, day: 11)!, stamp: stamp)
        o.history = history
        return try FeedBuilder(schedule: Support.schedule(json), options: o)
    }

    func replacingFirst(_ old: String, with new: String, in bytes: [UInt8]) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let r = text.range(of: old) else { return bytes }
        return Array(text.replacingCharacters(in: r, with: new).utf8)
    }

    @Test("a SEQUENCE beyond RFC 5545's integer range makes the previous feed unreadable, not the next revision trap")
    func sequenceOutOfRange() throws {
        let feed = try builder(stamp: 1_796_000_000).allFeeds()[0].bytes
        for bad in ["9223372036854775807", "2147483648", "-1", "1e3", "", "+4"] {
            var h = RevisionHistory()
            #expect(throws: ICalendarParseError.self, "SEQUENCE:\(bad)") {
                try h.add(feed: replacingFirst("SEQUENCE:0", with: "SEQUENCE:\(bad)", in: feed))
            }
        }
        var h = RevisionHistory()
        try h.add(feed: replacingFirst("SEQUENCE:0", with: "SEQUENCE:2147483647", in: feed))
        #expect(h.revisions.values.contains { $0.sequence == 2_147_483_647 })
    }

    @Test("a changed event at the largest SEQUENCE keeps it rather than overflow")
    func sequenceSaturates() throws {
        let first = try builder(stamp: 1_796_000_000).allFeeds()[0].bytes
        var h = RevisionHistory()
        try h.add(feed: first.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> [UInt8] in
            String(decoding: line, as: UTF8.self).hasPrefix("SEQUENCE:") ? Array("SEQUENCE:2147483647\r".utf8) : Array(line)
        }.joined(separator: [0x0A]).map { $0 })
        let again = try builder(stamp: 1_797_000_000, history: h, title: "Hips").allFeeds()[0].bytes
        let sequences = String(decoding: again, as: UTF8.self).components(separatedBy: "\r\n").filter { $0.hasPrefix("SEQUENCE:") }
        #expect(!sequences.isEmpty)
        #expect(sequences.allSatisfy { $0 == "SEQUENCE:2147483647" })
    }

    @Test("a changed event's DTSTAMP never goes back, even when now is behind the previous run")
    func stampNeverGoesBack() throws {
        let first = try builder(stamp: 1_796_000_000).allFeeds()[0].bytes
        var h = RevisionHistory()
        try h.add(feed: first)
        // The clock went back a day, and the title changed.
        let again = try builder(stamp: 1_795_913_600, history: h, title: "Hips").allFeeds()[0].bytes
        var later = RevisionHistory()
        try later.add(feed: again)
        #expect(later.count == h.count)
        for (key, old) in h.revisions {
            let new = try #require(later[key])
            #expect(new.stamp >= old.stamp)
            #expect(new.sequence >= old.sequence)
        }
        #expect(later.revisions.values.contains { $0.sequence == 1 }, "the title change is a new revision")
    }

    @Test("a previous feed with no line breaks (zero-filled after a power cut) is refused after one line's worth of bytes")
    func noLineBreaks() throws {
        var h = RevisionHistory()
        var served = 0
        #expect(throws: ICalendarParseError.self) {
            try h.add { () -> [UInt8]? in
                served += 1 << 20
                // 16 MiB of zeros, a chunk at a time (the CLI test uses 1 GiB); the scanner must
                // stop long before, instead of holding the whole file waiting for a line break.
                return served <= 16 << 20 ? [UInt8](repeating: 0, count: 1 << 20) : nil
            }
        }
        #expect(served <= 3 << 20, "read \(served) bytes before giving up")
    }
}
