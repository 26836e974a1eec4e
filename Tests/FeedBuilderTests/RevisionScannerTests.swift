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
