import Bytes
import CivilTime

/// What the last successful build read and wrote, kept in the output folder
/// (`.classfeed-last-run`) so that the next run can tell, without expanding anything, that it
/// would write exactly the same bytes: then it rewrites nothing (issue 19, "the fast path").
///
/// The rule (docs: README, "Running it from cron"): a build skips only when all of these are
/// as the record says, and takes the full path otherwise:
/// - the ClassFeed executable (its file's stamp) and ``outputVersion``;
/// - the schedule's path and bytes (a 128-bit digest, ``ContentDigest``), and each holiday calendar's path and bytes;
/// - the time-zone database folder (`TZDIR`) and the bytes of every zone file the schedule used;
/// - the options that shape the files (``options``: style, class feeds, page);
/// - the window (`--from`/`--to`, or the default computed from today in the calendar's zone);
/// - with the page, today's date in the calendar's zone (the page lists the coming weeks):
///   when only the date differs, the page alone is rebuilt (the feeds do not depend on it);
/// - every file the build wrote or left (the feeds the sink was given, the page, and with class
///   feeds every `<calendar id>-*.ics` in the folder, since a build retires removed classes'
///   feeds): each still there with the size, times and inode recorded, and none newer than
///   the record itself; with class feeds, no new `<calendar id>-*.ics` besides them.
/// A record that is missing, damaged (its last line is the digest of the rest) or of
/// another format is no record: the full path runs and writes a new one.
package struct RunRecord: Equatable, Sendable {
    /// The record's name in the output folder.
    package static let fileName = ".classfeed-last-run"
    /// The record's own format: a record of another format is ignored.
    static let formatLine = "classfeed-last-run 1"
    /// Bump when the same inputs give different bytes: a record written by an older
    /// version is then not trusted. (A new binary is noticed anyway by its file's stamp.)
    package static let outputVersion = "2"

    /// One file read, by path (or zone name) and digest (``ContentDigest``).
    package struct Input: Equatable, Sendable {
        package var name: String
        package var digest: String
    }

    /// One file the build left in the output folder, by name.
    package struct Output: Equatable, Sendable {
        package var name: String
        package var stamp: FileStamp
    }

    package var version = RunRecord.outputVersion
    package var executable: String
    /// "Now" of the run that wrote the record (UTC seconds).
    package var time: Int64
    package var schedule: Input
    package var holidays: [Input] = []
    package var zoneDirectory: String
    package var zones: [Input] = []
    /// The calendar's zone, whose rules say what "today" is.
    package var calendarZone: String
    /// The options that shape the files, as ``options(style:classFeeds:page:)`` words them.
    package var options: String
    /// The style the feeds were written in (for `--verbose`).
    package var style: String
    package var from: LocalDate
    package var to: LocalDate
    /// Today in the calendar's zone, when the page was written (it depends on the date).
    package var today: LocalDate?
    /// With class feeds: the calendar id whose `<id>-*.ics` files are all among ``outputs``.
    package var listedPrefix: String?
    package var outputs: [Output] = []

    /// The options that shape the bytes, in one line.
    static func options(style: String?, classFeeds: Bool, page: Bool) -> String {
        "style=\(style ?? "-") class-feeds=\(classFeeds ? "yes" : "no") page=\(page ? "yes" : "no")"
    }

    // MARK: - Text

    /// One `key value...` line per fact, strings percent-escaped, then `end <digest of the lines above>`.
    package func render() -> [UInt8] {
        var lines = [Self.formatLine]
        lines.append("version \(Self.escape(version)) \(Self.escape(executable))")
        lines.append("time \(time)")
        lines.append("schedule \(Self.escape(schedule.name)) \(schedule.digest)")
        for h in holidays { lines.append("holiday \(Self.escape(h.name)) \(h.digest)") }
        lines.append("zone-directory \(Self.escape(zoneDirectory))")
        for z in zones { lines.append("zone \(Self.escape(z.name)) \(z.digest)") }
        lines.append("calendar-zone \(Self.escape(calendarZone))")
        lines.append("options \(Self.escape(options))")
        lines.append("style \(Self.escape(style))")
        lines.append("window \(from) \(to)")
        if let today { lines.append("today \(today)") }
        if let listedPrefix { lines.append("listed \(Self.escape(listedPrefix))") }
        var bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        // One line per output file, written as bytes: a network's 2,000 class feeds made
        // through string interpolation cost 25 M instructions, a tenth of a W3 build.
        bytes.reserveCapacity(bytes.count + outputs.count * 80)
        for o in outputs {
            bytes += "output ".utf8
            Self.escape(o.name, into: &bytes)
            // Field by field: an array literal per line would allocate 4,000 times.
            bytes.append(0x20)
            Self.appendDecimal(o.stamp.size, to: &bytes)
            bytes.append(0x20)
            Self.appendDecimal(o.stamp.modified, to: &bytes)
            bytes.append(0x20)
            Self.appendDecimal(o.stamp.changed, to: &bytes)
            bytes.append(0x20)
            Self.appendDecimal(o.stamp.inode, to: &bytes)
            bytes.append(0x20)
            Self.appendDecimal(o.stamp.device, to: &bytes)
            bytes.append(0x0A)
        }
        bytes += ("end " + ContentDigest.hex(bytes) + "\n").utf8
        return bytes
    }

    /// `v` in decimal, as `String(v)` writes it.
    static func appendDecimal<T: BinaryInteger>(_ v: T, to bytes: inout [UInt8]) {
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        // Digits from the last, into a fixed buffer, then appended in one copy: a 19-digit
        // time appended digit by digit cost 800 instructions.
        var magnitude = UInt64(v.magnitude)
        var digits = InlineArray<20, UInt8>(repeating: 0)
        var at = 20
        repeat {
            at -= 1
            digits[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        bytes.append(bytes: digits.span.extracting(at...))
    }

    /// The record in `bytes`, or nil when it is damaged or of another format.
    package static func parse(_ bytes: [UInt8]) -> RunRecord? {
        guard let endAt = bytes.dropLast().lastIndex(of: 0x0A), bytes.last == 0x0A else { return nil }
        let body = Array(bytes[...endAt])
        let last = String(decoding: bytes[(endAt + 1)..<(bytes.count - 1)], as: UTF8.self)
        guard last == "end " + ContentDigest.hex(body) else { return nil }
        let lines = String(decoding: body, as: UTF8.self).split(separator: "\n")
        guard lines.first == Substring(formatLine) else { return nil }
        var version: String?, executable: String?, time: Int64?, schedule: Input?, zoneDirectory: String?
        var calendarZone: String?, options: String?, style: String?, window: (LocalDate, LocalDate)?
        var record = RunRecord(
            executable: "", time: 0, schedule: Input(name: "", digest: ""), zoneDirectory: "", calendarZone: "", options: "",
            style: "", from: LocalDate(dayNumber: 0), to: LocalDate(dayNumber: 0))
        for line in lines.dropFirst() {
            let f = line.split(separator: " ", omittingEmptySubsequences: false)
            guard let key = f.first else { return nil }
            switch (key, f.count) {
            case ("version", 3): (version, executable) = (unescape(f[1]), unescape(f[2]))
            case ("time", 2): time = Int64(f[1])
            case ("schedule", 3): schedule = unescape(f[1]).map { Input(name: $0, digest: String(f[2])) }
            case ("holiday", 3):
                guard let n = unescape(f[1]) else { return nil }
                record.holidays.append(Input(name: n, digest: String(f[2])))
            case ("zone-directory", 2): zoneDirectory = unescape(f[1])
            case ("zone", 3):
                guard let n = unescape(f[1]) else { return nil }
                record.zones.append(Input(name: n, digest: String(f[2])))
            case ("calendar-zone", 2): calendarZone = unescape(f[1])
            case ("options", 2): options = unescape(f[1])
            case ("style", 2): style = unescape(f[1])
            case ("window", 3):
                guard let a = LocalDate(iso: f[1]), let b = LocalDate(iso: f[2]) else { return nil }
                window = (a, b)
            case ("today", 2):
                guard let d = LocalDate(iso: f[1]) else { return nil }
                record.today = d
            case ("listed", 2): record.listedPrefix = unescape(f[1])
            case ("output", 7):
                guard let n = unescape(f[1]), let s = FileStamp(fields: Array(f[2...])) else { return nil }
                record.outputs.append(Output(name: n, stamp: s))
            default: return nil
            }
        }
        guard let version, let executable, let time, let schedule, let zoneDirectory, let calendarZone, let options, let style,
            let window
        else { return nil }
        record.version = version
        record.executable = executable
        record.time = time
        record.schedule = schedule
        record.zoneDirectory = zoneDirectory
        record.calendarZone = calendarZone
        record.options = options
        record.style = style
        (record.from, record.to) = window
        return record
    }

    /// Every byte outside `!`...`~`, and `%` itself, as `%XX`: a field never holds a space or
    /// a line break, whatever a path contains.
    static func escape(_ s: String) -> String {
        var out: [UInt8] = []
        escape(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// ``escape(_:)`` appended to bytes.
    static func escape(_ s: String, into out: inout [UInt8]) {
        // Nearly every name needs no escape: copied whole (byte by byte was 1.4 K instructions
        // a feed's name, in a record of 2,000 class feeds).
        if s.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "%") }) {
            out += s.utf8
            return
        }
        for b in s.utf8 {
            if b > 0x20 && b < 0x7F && b != UInt8(ascii: "%") {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(Self.hexDigits[Int(b >> 4)])
                out.append(Self.hexDigits[Int(b & 0xF)])
            }
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    static func unescape(_ s: Substring) -> String? {
        let u = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "%") {
                guard i + 2 < u.count, let b = UInt8(String(decoding: u[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) else { return nil }
                out.append(b)
                i += 3
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }
}
