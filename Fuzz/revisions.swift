// libFuzzer target: bytes as a previous feed that a build reads back for its revisions. However
// damaged or hostile (SEQUENCE or DTSTAMP at or past their limits, lines cut anywhere), the
// build must not trap, every SEQUENCE it writes is within RFC 5545's INTEGER (0 to 2147483647)
// and every DTSTAMP a four-digit-year UTC DATE-TIME, and no event's SEQUENCE or DTSTAMP goes
// below what the history held. Run with .ci/fuzz.sh; see docs/HARDENING.md.
import FeedBuilder
import ICalendar
import Timetable

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRevisions(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Read in small chunks, as the CLI does in large ones; what was read before an error stays
    // in the history (the CLI drops it: using it here tests more of the writer).
    var history = RevisionHistory()
    var offset = 0
    try? history.add { () -> [UInt8]? in
        guard offset < bytes.count else { return nil }
        let n = min(97, bytes.count - offset)
        defer { offset += n }
        return Array(bytes[offset..<(offset + n)])
    }
    for style in [FeedStyle.occurrences, .series] {
        var options = FeedOptions(from: Studio.from, to: Studio.to, stamp: 1_796_000_000, style: style)
        options.history = history
        let feed = FeedBuilder(schedule: Studio.schedule, options: options).allFeeds()[0].bytes
        var written = RevisionHistory()
        do {
            try written.add(feed: feed)
        } catch {
            fatalError("the feed written with this history does not read back: \(error)")
        }
        for (key, new) in written.revisions {
            guard let old = history[key] else { continue }
            if new.sequence < old.sequence || new.stamp < old.stamp {
                fatalError("a revision went back: SEQUENCE \(old.sequence) -> \(new.sequence), stamp \(old.stamp) -> \(new.stamp)")
            }
        }
        checkLines(feed)
    }
    return 0
}

/// Every SEQUENCE, DTSTAMP and LAST-MODIFIED line is of RFC 5545's form.
private func checkLines(_ feed: [UInt8]) {
    for line in feed.split(separator: 0x0A) {
        let text = String(decoding: line.dropLast(), as: UTF8.self)
        if text.hasPrefix("SEQUENCE:") {
            guard let n = Int(text.dropFirst(9)), (0...2_147_483_647).contains(n) else { fatalError("bad \(text)") }
        } else if text.hasPrefix("DTSTAMP:") || text.hasPrefix("LAST-MODIFIED:") {
            let value = text[text.index(after: text.firstIndex(of: ":")!)...]
            guard value.count == 16, value.last == "Z", LocalDateTime(basic: value.dropLast()) != nil else { fatalError("bad \(text)") }
        }
    }
}

enum Studio {
    static let from = LocalDate(year: 2026, month: 11, day: 23)!  // literal dates: safe
    static let to = LocalDate(year: 2027, month: 1, day: 17)!
    /// The studio's timetable, as in the golden files (seeds are its feeds).
    nonisolated(unsafe) static let schedule: Schedule = {
        let json = """
            {"calendar": {"id": "circl", "name": "CIRCL", "timezone": "Europe/London", "uidDomain": "circl.example",
                          "description": "Hip mobility and stretch classes. Book your classes online.",
                          "url": "https://circl.example/book"},
             "classes": [
               {"id": "hips-monday", "title": "Hip Mobility & Stretch", "days": ["monday"], "start": "17:15", "durationMinutes": 30},
               {"id": "hips-thursday", "title": "Hip Mobility & Stretch", "days": ["thursday"], "start": "19:00", "durationMinutes": 30}],
             "exceptions": [{"from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure"}]}
            """
        let db = TimeZoneDatabase()
        guard let (s, _) = try? ScheduleDecoder.decode(Array(json.utf8), file: "fuzz.json", zones: { name throws(ZoneDataError) in try db.rules(for: name) })
        else { fatalError("the fixed schedule does not decode") }
        return s
    }()
}
