import CivilTime
import FeedBuilder

extension RunRecord {
    /// Which path a build takes, and why.
    package enum Decision: Equatable, Sendable {
        /// Nothing that shapes the files differs from the record: nothing is rebuilt.
        case skip(RunRecord)
        /// Only the date differs, which shapes the page alone (the window did not move): the
        /// page is rebuilt for this date, the feeds are left as they are.
        case pageOnly(RunRecord, today: LocalDate)
        /// Why the full path runs ("schedule.json changed").
        case full(String)
    }

    /// What this run knows before decoding the schedule.
    struct Current {
        var executable: String?
        var schedulePath: String
        var scheduleDigest: String
        var zoneDirectory: String
        var options: String
        var fromOption: String?
        var toOption: String?
        var now: Int64
        var page: Bool
        var output: String
    }

    /// The largest record read (a network of 5,000 class feeds makes about 500 KB).
    static let maxBytes = 16 << 20

    /// Compares this run with the record in the output folder, cheapest facts first; the first
    /// difference is the reason for the full path. Reads the record, the holiday calendars and
    /// the zone files; looks at the outputs' stamps; expands nothing.
    static func decide(_ current: Current, fileSystem: any FileSystem) -> Decision {
        let path = current.output + "/" + fileName
        guard let own = fileSystem.stamp(path) else { return .full("no record of an earlier run (\(path))") }
        guard case .bytes(let bytes) = fileSystem.readPrevious(path, limit: maxBytes), let r = parse(bytes) else {
            return .full("the record of the last run (\(path)) is damaged or of another version")
        }
        guard r.version == outputVersion, let executable = current.executable, r.executable == executable else {
            return .full("ClassFeed itself changed since the last run")
        }
        guard r.schedule.name == current.schedulePath else { return .full("the last run read another schedule (\(r.schedule.name))") }
        guard r.schedule.digest == current.scheduleDigest else { return .full("\(current.schedulePath) changed") }
        for h in r.holidays {
            let bytes = try? fileSystem.read(h.name, limit: HolidayCalendarImport.maxBytes)
            guard let bytes, ContentDigest.hex(bytes) == h.digest else { return .full("\(h.name) changed") }
        }
        guard r.zoneDirectory == current.zoneDirectory else {
            return .full("the time-zone database is another (\(current.zoneDirectory), was \(r.zoneDirectory))")
        }
        var calendarRules: ZoneRules?
        for z in r.zones {
            guard let bytes = RunInputs.zoneFile(directory: current.zoneDirectory, name: z.name), ContentDigest.hex(bytes) == z.digest else {
                return .full("the time-zone data of \(z.name) changed")
            }
            if z.name == r.calendarZone { calendarRules = try? ZoneRules(identifier: z.name, tzif: bytes) }
        }
        guard r.options == current.options else { return .full("the options changed (\(current.options), was \(r.options))") }
        let today = calendarRules.map { Window.today(at: current.now, rules: $0) } ?? LocalDateTime(localSeconds: current.now).date
        guard let (from, to) = try? Window.resolve(from: current.fromOption, to: current.toOption, today: today) else {
            return .full("the window is not valid")
        }
        guard from == r.from && to == r.to else { return .full("the window moved (now \(from) to \(to), was \(r.from) to \(r.to))") }
        let dateChanged = current.page && r.today != today
        var recorded = Set<String>()
        for o in r.outputs {
            recorded.insert(o.name)
            guard let s = fileSystem.stamp(current.output + "/" + o.name) else { return .full("\(current.output)/\(o.name) was deleted") }
            guard s == o.stamp else { return .full("\(current.output)/\(o.name) was changed by hand") }
            // Written in the same tick of the file system's clock as the record: an edit in
            // that tick would leave the same times, so they prove nothing.
            guard s.changed < own.modified else {
                return .full("\(current.output)/\(o.name) was written too close to the record to trust its time")
            }
        }
        if let prefix = r.listedPrefix {
            for name in fileSystem.names(in: current.output) ?? [] where isFeedName(name, of: prefix) && !recorded.contains(name) {
                return .full("\(current.output)/\(name) appeared")
            }
        }
        return dateChanged ? .pageOnly(r, today: today) : .skip(r)
    }

    /// `<id>.ics` or `<id>-….ics`: a name a build with class feeds writes, or reads to retire.
    static func isFeedName(_ name: String, of id: String) -> Bool {
        name.hasSuffix(".ics") && (name == id + ".ics" || name.hasPrefix(id + "-"))
    }

    /// "2026-12-05 16:00 UTC".
    static func timeText(_ seconds: Int64) -> String {
        let t = LocalDateTime(localSeconds: seconds)
        let hh = t.time.hour < 10 ? "0\(t.time.hour)" : "\(t.time.hour)"
        let mm = t.time.minute < 10 ? "0\(t.time.minute)" : "\(t.time.minute)"
        return "\(t.date) \(hh):\(mm) UTC"
    }
}
