// libFuzzer target: bytes as a TZif file (RFC 8536) -> ZoneRules, then resolve wall times and
// build a VTIMEZONE. The tz database is read from disk, so a damaged zoneinfo file must be an
// error, never a crash or a hang. Run with .ci/fuzz.sh; see docs/HARDENING.md.
import CivilTime
import ICalendar

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTZif(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let rules = try? ZoneRules(identifier: "Fuzz/Zone", tzif: bytes) else { return 0 }
    let base = LocalDate(year: 2026, month: 1, day: 1)!  // a literal date: safe
    for step in stride(from: 0, to: 400, by: 13) {
        let wall = LocalDateTime(date: base.adding(days: step), time: LocalTime(secondsOfDay: (step * 997) % 86400))
        let instant = rules.instant(for: wall)
        _ = rules.localDateTime(at: instant)
    }
    let lo = Int64(base.dayNumber) * 86400
    _ = TimeZoneComponent.make(rules, covering: lo...(lo + 400 * 86400)).serialized()
    return 0
}
