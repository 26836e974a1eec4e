// icalendar-expand: reads one .ics file with the ICalendar library and prints the instances of
// its events in a window as JSON lines, for the real-world corpus check of the interop suite
// (Tests/interop/realworld). One line per instance, sorted by start:
//
//     {"uid":"...","start":1700000000,"end":1700003600,"recurrence_id":1700000000}
//
// then one line that sums up the run, with the fastest of --repeat runs of read + expand:
//
//     {"done":{"instances":12,"microseconds":840}}
//
// Lenient by default: what the library skips or reads in a way of its own is printed as
//
//     {"diagnostic":{"line":12,"message":"...","uid":"..."}}
//
// With --strict the first problem is an error. A file that cannot be read at all (or, with
// --strict, any problem) prints {"error":{"line":N,"message":"..."}} and exits 65.
//
//     icalendar-expand --from SECONDS --to SECONDS [--strict] [--repeat N] [--tzdir DIR] FILE
//
// Zones come from --tzdir, else $TZDIR, else /usr/share/zoneinfo.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import ICalendar

func usage() -> Never {
    print("usage: icalendar-expand --from SECONDS --to SECONDS [--strict] [--repeat N] [--tzdir DIR] FILE")
    exit(64)
}

var from: Int64?
var to: Int64?
var repeats = 1
var strict = false
var tzdir: String?
var path: String?
var args = CommandLine.arguments.dropFirst().makeIterator()
while let a = args.next() {
    switch a {
    case "--from": from = args.next().flatMap { Int64($0) }
    case "--to": to = args.next().flatMap { Int64($0) }
    case "--repeat": repeats = max(1, args.next().flatMap { Int($0) } ?? 1)
    case "--tzdir": tzdir = args.next()
    case "--strict": strict = true
    default:
        if a.hasPrefix("-") || path != nil { usage() }
        path = a
    }
}
guard let from, let to, let path else { usage() }
if tzdir == nil, let env = getenv("TZDIR") { tzdir = String(cString: env) }

func readFile(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n <= 0 { break }
        out.append(contentsOf: buf[0..<n])
    }
    return out
}

func now() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

/// A JSON string literal.
func json(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if u.value < 0x20 {
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}

func fail(line: Int, _ message: String) -> Never {
    print("{\"error\":{\"line\":\(line),\"message\":\(json(message))}}")
    exit(65)
}

guard let bytes = readFile(path) else { fail(line: 0, "cannot read \(path)") }
let database = tzdir.map { TimeZoneDatabase(directory: $0) } ?? TimeZoneDatabase()

var best = Int64.max
var instances: [EventInstance] = []
var diagnostics: [ICalendarDiagnostic] = []
for _ in 0..<repeats {
    let t0 = now()
    diagnostics = []
    do {
        if strict {
            let calendar = try Calendar(parsing: bytes)
            instances = try calendar.occurrences(from: from, to: to, timeZones: database)
        } else {
            let calendar = try Calendar(parsing: bytes, diagnostics: &diagnostics)
            instances = calendar.occurrences(from: from, to: to, timeZones: database, diagnostics: &diagnostics)
        }
    } catch let e as ICalendarParseError {
        fail(line: e.line, e.message)
    } catch let e as RecurrenceError {
        fail(line: e.line, e.message)
    } catch {
        fail(line: 0, "\(error)")
    }
    best = min(best, now() - t0)
}
var out = ""
for d in diagnostics {
    out += "{\"diagnostic\":{\"line\":\(d.line),\"message\":\(json(d.message)),\"uid\":\(d.uid.map(json) ?? "null")}}\n"
}
for i in instances {
    out += "{\"uid\":\(json(i.uid)),\"start\":\(i.start),\"end\":\(i.end),\"recurrence_id\":\(i.recurrenceID.map(String.init) ?? "null")}\n"
}
out += "{\"done\":{\"instances\":\(instances.count),\"microseconds\":\(best / 1000)}}"
print(out)
