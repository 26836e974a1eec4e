// libFuzzer target: schedule.json bytes -> ScheduleDecoder -> ScheduleValidator -> the recurrence
// engine over a short window -> an `exceptions add` edit of the document, which must decode
// again. Run with .ci/fuzz.sh; see docs/HARDENING.md.
import CivilTime
import Timetable

/// Zone rules read once per name from the system tz database.
nonisolated(unsafe) private var zoneCache: [String: ZoneRules] = [:]
private let database = TimeZoneDatabase()

private func zone(_ name: String) throws(ZoneDataError) -> ZoneRules {
    if let z = zoneCache[name] { return z }
    let z = try database.rules(for: name)
    if zoneCache.count < 512 { zoneCache[name] = z }
    return z
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSchedule(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let (schedule, _) = try? ScheduleDecoder.decode(bytes, file: "fuzz.json", zones: zone) else { return 0 }
    let diagnostics = ScheduleValidator.validate(schedule)
    for d in diagnostics { _ = d.description }
    let engine = RecurrenceEngine(schedule: schedule)
    let from = LocalDate(year: 2026, month: 10, day: 1)!  // a literal date: safe
    let occurrences = engine.occurrences(from: from, to: from.adding(days: 62))
    _ = ScheduleValidator.timeWarnings(occurrences, schedule: schedule)
    for i in schedule.classes.indices {
        for date in engine.exceptionalDates(ofClass: i, from: from) { _ = engine.occurrence(ofClass: i, originalDate: date) }
    }
    // What `classfeed exceptions add` does: insert an entry and write the document back. The
    // result must still be JSON that decodes to the same classes and one more exception.
    guard var document = try? ScheduleDocument(bytes: bytes) else {
        fatalError("the decoder accepted bytes that ScheduleDocument cannot parse")
    }
    let entry = ScheduleDocument.entry(.cancel(from: from, to: from), classID: nil, reason: "Fuzz ; , \\ \" \n é")
    document.insertException(entry, firstDate: from)
    let rewritten = document.bytes
    do {
        let (again, _) = try ScheduleDecoder.decode(rewritten, file: "fuzz.json", zones: zone)
        guard again.classes.count == schedule.classes.count, again.exceptions.count == schedule.exceptions.count + 1 else {
            fatalError("an edit changed the schedule: \(again.classes.count) classes, \(again.exceptions.count) exceptions")
        }
    } catch {
        if !error.diagnostics.contains(where: { $0.message.contains("the limit is") }) {
            fatalError("an edit made the schedule invalid: \(error)\n\(String(decoding: rewritten, as: UTF8.self))")
        }
    }
    return 0
}
