// libFuzzer target: bytes as an iCalendar file, as classfeed meets them: the previous feed
// (ICalendarReader, RevisionHistory's one-pass scanner) and a holiday calendar
// (HolidayCalendarImport); and as a feed someone else wrote (the lenient Calendar reader and
// expansion). Whatever the reader accepts must write back into lines it reads
// again as the same components. Run with .ci/fuzz.sh; see docs/HARDENING.md.
import FeedBuilder
import ICalendar

/// 2026-01-01T00:00Z: the start of the window the lenient path expands.
private let fuzzWindowStart: Int64 = 1_767_225_600
private let fuzzZones = TimeZoneDatabase()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzICalendar(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var history = RevisionHistory()
    _ = try? history.add(feed: bytes)
    if let result = try? HolidayCalendarImport.closures(from: bytes, file: "fuzz.ics") {
        for d in result.warnings { _ = d.description }
    }
    // Read leniently and expand a year, as a feed someone else wrote is read: whatever the bytes,
    // no trap, no hang, and every diagnostic names a line of the input.
    var diagnostics: [ICalendarDiagnostic] = []
    if let calendar = try? ICalendar.Calendar(parsing: bytes, diagnostics: &diagnostics) {
        _ = calendar.occurrences(from: fuzzWindowStart, to: fuzzWindowStart + 366 * 86400, timeZones: fuzzZones, diagnostics: &diagnostics)
    }
    let physicalLines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    for d in diagnostics where d.line < 0 || d.line > physicalLines {
        fatalError("a diagnostic names line \(d.line) of \(physicalLines): \(d.message)")
    }
    guard let components = try? ICalendarReader().parse(bytes) else { return 0 }
    var w = ContentLineWriter()
    for c in components { w.write(c) }
    let written = w.bytes
    // Every physical line the writer makes is at most 75 octets and ends in CRLF.
    var lineStart = 0
    for (i, b) in written.enumerated() where b == 0x0A {
        guard i > lineStart, written[i - 1] == 0x0D, i - 1 - lineStart <= 75 else {
            fatalError("the writer made a bad line at byte \(lineStart)")
        }
        lineStart = i + 1
    }
    guard lineStart == written.count else { fatalError("the writer's output does not end with CRLF") }
    let again: [Component]
    do {
        again = try ICalendarReader().parse(written)
    } catch {
        fatalError("the reader cannot read what the writer wrote: \(error)")
    }
    guard again.map(normalized) == components.map(normalized) else {
        fatalError("a component changed when written and read back")
    }
    var h2 = RevisionHistory()
    _ = try? h2.add(feed: written)
    return 0
}

/// What a content line can carry: the writer drops control characters (other than HTAB) from
/// values, and DQUOTE from parameter values (RFC 5545 §3.1, §3.2).
private func normalized(_ c: Component) -> Component {
    func clean(_ s: String, dropQuote: Bool) -> String {
        String(decoding: s.utf8.filter { ($0 >= 0x20 && $0 != 0x7F && !(dropQuote && $0 == 0x22)) || $0 == 0x09 }, as: UTF8.self)
    }
    var out = Component(c.name)
    out.properties = c.properties.map { p in
        var q = Property(p.name, raw: clean(p.value, dropQuote: false))
        q.parameters = p.parameters.map { Parameter(name: $0.name, values: $0.values.map { clean($0, dropQuote: true) }) }
        return q
    }
    out.components = c.components.map(normalized)
    return out
}
