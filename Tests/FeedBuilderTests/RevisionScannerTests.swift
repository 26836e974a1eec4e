import Testing

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
            bytes.withUnsafeBufferPointer { whole.add($0) }
            var pieces = LineHasher()
            var i = 0
            while i < bytes.count {
                let n = Int.random(in: 1...9, using: &g)
                let end = min(bytes.count, i + n)
                bytes[i..<end].withUnsafeBufferPointer { pieces.add($0) }
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
