// classfeed-bench: the performance workloads of ClassFeed, run in-process several times each,
// printing time, events/s and MB/s. Build in release mode:
//
//     python3 Benchmarks/generate-inputs.py .build/bench-inputs    (once: writes W2 and W3)
//     swift run -c release classfeed-bench [--bench-dir .build/bench-inputs] [--runs 7]
//
// Whole-process figures (wall time, peak memory) come from Benchmarks/whole-process.sh.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import FeedBuilder
import ICalendar
import Timetable

struct Options {
    /// Where W2 and W3 are; Benchmarks/generate-inputs.py writes them (Benchmarks/whole-process.sh
    /// does so into this default folder by itself).
    var benchDir = ".build/bench-inputs"
    var runs = 7
    var schedule = "schedule.json"
    /// Run only the workloads whose name starts with this ("W3", "W4 read: full"), for profiling.
    var only = ""
}

func parseOptions() -> Options {
    var o = Options()
    var args = CommandLine.arguments.dropFirst().makeIterator()
    while let a = args.next() {
        switch a {
        case "--bench-dir": o.benchDir = args.next() ?? o.benchDir
        case "--runs": o.runs = Int(args.next() ?? "") ?? o.runs
        case "--schedule": o.schedule = args.next() ?? o.schedule
        case "--only": o.only = args.next() ?? o.only
        default:
            print("usage: classfeed-bench [--bench-dir DIR] [--runs N] [--schedule FILE] [--only NAME-PREFIX]")
            exit(64)
        }
    }
    return o
}

func readFile(_ path: String) -> [UInt8] {
    guard let f = fopen(path, "rb") else {
        print("classfeed-bench: cannot open \(path)")
        exit(66)
    }
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

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Counts what would be written, keeping nothing.
final class CountingSink: FeedSink {
    var bytes = 0
    var events = 0
    var files = 0
    func begin(_ name: String) { files += 1 }
    func append(_ b: [UInt8], to name: String) { bytes += b.count }
    func finish(_ name: String, events: Int) { self.events += events }
}

/// Keeps the combined feed (for W4's input).
final class CombinedSink: FeedSink {
    var combined: [UInt8] = []
    let name: String
    init(name: String) { self.name = name }
    func begin(_ n: String) {}
    func append(_ b: [UInt8], to n: String) { if n == name { combined.append(contentsOf: b) } }
    func finish(_ n: String, events: Int) {}
}

let database = TimeZoneDatabase()

func load(_ path: String) -> Schedule {
    do {
        var (s, _) = try ScheduleDecoder.decode(readFile(path), file: path) { name throws(ZoneDataError) in
            try database.rules(for: name)
        }
        s.sourceFile = path
        let errors = ScheduleValidator.validate(s).filter { $0.severity == .error }
        if !errors.isEmpty { throw ScheduleError(errors) }
        return s
    } catch {
        print("classfeed-bench: \(error)")
        exit(65)
    }
}

struct Result {
    var name: String
    var times: [Double]
    var events: Int
    var bytes: Int
    var median: Double { times.sorted()[times.count / 2] }
}

func measure(_ name: String, runs: Int, _ body: () -> (events: Int, bytes: Int)) -> Result {
    guard name.hasPrefix(options.only) else { return Result(name: name, times: [], events: 0, bytes: 0) }
    var times: [Double] = []
    var last = (events: 0, bytes: 0)
    for _ in 0..<runs {
        let t0 = now()
        last = body()
        times.append(now() - t0)
    }
    return Result(name: name, times: times, events: last.events, bytes: last.bytes)
}

func report(_ r: Result) {
    guard !r.times.isEmpty else { return }
    let ms = r.median * 1000
    let evs = Double(r.events) / r.median
    let mbs = Double(r.bytes) / r.median / 1e6
    let min = (r.times.min() ?? 0) * 1000
    print(
        r.name.padding(52) + fixed(ms, 3).leftPad(9) + " ms" + fixed(min, 3).leftPad(9) + " ms"
            + "\(r.events)".leftPad(9) + fixed(evs, 0).leftPad(12) + fixed(mbs, 1).leftPad(9))
}

extension String {
    func padding(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

func fixed(_ v: Double, _ decimals: Int) -> String {
    var scale = 1
    for _ in 0..<decimals { scale *= 10 }
    let n = Int((v * Double(scale)).rounded())
    guard decimals > 0 else { return String(n) }
    let frac = String(n % scale)
    return String(n / scale) + "." + String(repeating: "0", count: decimals - frac.count) + frac
}

let options = parseOptions()
// W2, W3 and W5 are generated, not stored: say how to make them before measuring anything.
for name in ["w2-network.json", "w3-network-exceptions.json", "w5-network-feeds.json"] where access(options.benchDir + "/" + name, R_OK) != 0 {
    print("classfeed-bench: \(options.benchDir)/\(name) is missing; generate the benchmark inputs with")
    print("    python3 Benchmarks/generate-inputs.py \(options.benchDir)")
    exit(66)
}
let from = LocalDate(year: 2026, month: 1, day: 1)!
let to = LocalDate(year: 2027, month: 12, day: 31)!
print("classfeed-bench: \(options.runs) runs per workload; median and best time, events, events/s, MB/s of .ics written")
print("workload".padding(52) + "median".leftPad(12) + "best".leftPad(12) + "events".leftPad(9) + "events/s".leftPad(12) + "MB/s".leftPad(9))

var results: [Result] = []

// W1: the studio's own schedule (decode, validate, every feed) — the cron case.
results.append(measure("W1 studio: decode + build all feeds", runs: options.runs) {
    let s = load(options.schedule)
    let sink = CountingSink()
    let (lo, hi) = (LocalDate(year: 2026, month: 10, day: 26)!, LocalDate(year: 2027, month: 5, day: 23)!)
    FeedBuilder(schedule: s, options: FeedOptions(from: lo, to: hi, stamp: 1_796_000_000)).write(to: sink, classFeeds: true)
    return (sink.events, sink.bytes)
})
report(results.last!)

let w2path = options.benchDir + "/w2-network.json"
let w3path = options.benchDir + "/w3-network-exceptions.json"

results.append(measure("W2 network: decode 2,000 classes", runs: options.runs) {
    let s = load(w2path)
    return (s.classes.count, 0)
})
report(results.last!)
let w2 = load(w2path)
results.append(measure("W2 network: occurrences, combined feed", runs: options.runs) {
    let sink = CountingSink()
    FeedBuilder(schedule: w2, options: FeedOptions(from: from, to: to, stamp: 1_796_000_000, style: .occurrences))
        .write(to: sink, classFeeds: false)
    return (sink.events, sink.bytes)
})
report(results.last!)
results.append(measure("W2 network: occurrences, combined + 2,000 class feeds", runs: options.runs) {
    let sink = CountingSink()
    FeedBuilder(schedule: w2, options: FeedOptions(from: from, to: to, stamp: 1_796_000_000, style: .occurrences))
        .write(to: sink, classFeeds: true)
    return (sink.events, sink.bytes)
})
report(results.last!)

// W5 (issue 15): the W2 classes with an instructor and three tags each, and 70 feeds by
// coach and tag, against the same schedule without its feeds. The builder's share only (the
// bytes are counted, not written): the whole process also flushes five times the bytes to
// disk, which Benchmarks/whole-process.sh measures.
let w5 = load(options.benchDir + "/w5-network-feeds.json")
var w5alone = w5
w5alone.feeds = []
results.append(measure("W5 network: combined feed alone (no feeds)", runs: options.runs) {
    let sink = CountingSink()
    FeedBuilder(schedule: w5alone, options: FeedOptions(from: from, to: to, stamp: 1_796_000_000, style: .occurrences))
        .write(to: sink, classFeeds: false)
    return (sink.events, sink.bytes)
})
report(results.last!)
let w5combined = results.last!
results.append(measure("W5 network: combined + 70 feeds (coaches, tags)", runs: options.runs) {
    let sink = CountingSink()
    FeedBuilder(schedule: w5, options: FeedOptions(from: from, to: to, stamp: 1_796_000_000, style: .occurrences))
        .write(to: sink, classFeeds: false)
    return (sink.events, sink.bytes)
})
report(results.last!)
if !w5combined.times.isEmpty, !results.last!.times.isEmpty {
    print("W5 with feeds / combined alone: \(fixed(results.last!.median / w5combined.median, 2))x (budget 2.00x)")
}

results.append(measure("W3 network: decode 2,000 classes + 20,000 exceptions", runs: options.runs) {
    let s = load(w3path)
    return (s.exceptions.count, 0)
})
report(results.last!)
let w3 = load(w3path)
results.append(measure("W3 network: series with EXDATEs, combined feed", runs: options.runs) {
    let sink = CountingSink()
    FeedBuilder(schedule: w3, options: FeedOptions(from: from, to: to, stamp: 1_796_000_000, style: .series))
        .write(to: sink, classFeeds: false)
    return (sink.events, sink.bytes)
})
report(results.last!)

let w3builder = FeedBuilder(schedule: w3, options: FeedOptions(from: from, to: to, stamp: 1_796_000_000, style: .series))
results.append(measure("W3 network: subscribe page (combined feed only)", runs: options.runs) {
    var page = SubscribePage(builder: w3builder, today: LocalDate(year: 2026, month: 11, day: 27)!)
    page.classFeeds = false
    let bytes = page.page(previous: nil, newestRevision: nil, now: 1_796_000_000)
    return (0, bytes.count)
})
report(results.last!)

// W4: read the W2 feed back.
let w2sink = CombinedSink(name: "network.ics")
FeedBuilder(schedule: w2, options: FeedOptions(from: from, to: to, stamp: 1_796_000_000, style: .occurrences))
    .write(to: w2sink, classFeeds: false)
let feed = w2sink.combined
results.append(measure("W4 read: revision scan of the W2 feed", runs: options.runs) {
    var h = RevisionHistory()
    do { try h.add(feed: feed) } catch { print("W4: \(error)"); exit(65) }
    return (h.count, feed.count)
})
report(results.last!)
results.append(measure("W4 read: full component tree of the W2 feed", runs: max(1, options.runs / 3)) {
    do {
        let cal = try ICalendarReader().parse(feed)
        return (cal.first?.components(named: "VEVENT").count ?? 0, feed.count)
    } catch {
        print("W4: \(error)")
        exit(65)
    }
})
report(results.last!)

// W4 expand: the W3 series feed (weekly RRULEs with EXDATEs, what `build --verbose`'s change log
// expands) read back and expanded over the two years by RecurrenceExpander.
let w3sink = CombinedSink(name: "network.ics")
FeedBuilder(schedule: w3, options: FeedOptions(from: from, to: to, stamp: 1_796_000_000, style: .series))
    .write(to: w3sink, classFeeds: false)
let w3tree: Component
do {
    guard let c = try ICalendarReader().parse(w3sink.combined).first else { print("W4: no VCALENDAR"); exit(65) }
    w3tree = c
} catch {
    print("W4: \(error)")
    exit(65)
}
let expandFrom = Int64(from.dayNumber) * 86400
let expandTo = Int64(to.dayNumber + 1) * 86400
let w3zones = w3.zones
results.append(measure("W4 expand: the W3 series feed's recurrences", runs: options.runs) {
    do {
        let instances = try RecurrenceExpander { w3zones[$0] }.expand(w3tree, from: expandFrom, to: expandTo)
        return (instances.count, 0)
    } catch {
        print("W4: \(error)")
        exit(65)
    }
})
report(results.last!)

// L1: 100,000 events in one zone through the typed API (Event, Calendar.serialized) against the
// same events built as Components and written by ContentLineWriter. Budget: typed <= 2x low-level.
let w5count = 100_000
let l1zone = "Europe/London"
let l1rules: ZoneRules
do { l1rules = try database.rules(for: l1zone) } catch { print("L1: \(error)"); exit(65) }
let w5first = LocalDateTime(date: LocalDate(year: 2026, month: 1, day: 5)!, time: LocalTime(hour: 7, minute: 0)!)
/// Event i: every 15 minutes from 07:00 to 21:45, from 5 Jan 2026 on.
func w5start(_ i: Int) -> LocalDateTime {
    LocalDateTime(date: w5first.date.adding(days: i / 60), time: LocalTime(secondsOfDay: 7 * 3600 + (i % 60) * 900))
}
let w5span = l1rules.instant(for: w5first)...l1rules.instant(for: w5start(w5count - 1)) + 1800
results.append(measure("L1 write: 100,000 events, low-level writer", runs: options.runs) {
    var w = ContentLineWriter()
    w.begin("VCALENDAR")
    w.write(Property("VERSION", raw: "2.0"))
    w.write(Property("PRODID", text: "-//ClassFeed//ICalendar//EN"))
    w.write(TimeZoneComponent.make(l1rules, covering: w5span))
    for i in 0..<w5count {
        w.write(
            Component(
                "VEVENT",
                properties: [
                    Property("UID", text: "class-\(i)@bench.example"), Property("DTSTAMP", utc: 1_796_000_000),
                    Property("DTSTART", local: w5start(i), timeZone: l1zone), Property("DURATION", raw: "PT30M"),
                    Property("SUMMARY", text: "Class \(i), all levels"), Property("LOCATION", text: "Room \(i % 7)"),
                ]))
    }
    w.end("VCALENDAR")
    return (w5count, w.bytes.count)
})
report(results.last!)
let l1low = results.last!
results.append(measure("L1 write: 100,000 events, typed API", runs: options.runs) {
    var events: [Event] = []
    events.reserveCapacity(w5count)
    do {
        for i in 0..<w5count {
            events.append(
                try Event(
                    uid: "class-\(i)@bench.example", start: .zoned(w5start(i), timeZone: l1zone), end: .duration(.minutes(30)),
                    summary: "Class \(i), all levels", location: "Room \(i % 7)"))
        }
        let bytes = try Calendar(events: events).serialized(stamp: 1_796_000_000) { $0 == l1zone ? l1rules : nil }
        return (w5count, bytes.count)
    } catch {
        print("L1: \(error)")
        exit(65)
    }
})
report(results.last!)
if !l1low.times.isEmpty, !results.last!.times.isEmpty {
    print("L1 typed / low-level: \(fixed(results.last!.median / l1low.median, 2))x (budget 2.00x)")
}
