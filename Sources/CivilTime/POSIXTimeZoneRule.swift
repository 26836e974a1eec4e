/// The POSIX TZ string that ends a TZif file (RFC 8536 §3.3), e.g. `GMT0BST,M3.5.0/1,M10.5.0`
/// or `<+1030>-10:30<+11>-11,M10.1.0,M4.1.0`. It describes the zone's rule for every year after
/// the explicit transitions, and maps directly onto a VTIMEZONE's yearly RRULEs.
public struct POSIXTimeZoneRule: Hashable, Sendable {
    /// When in a year a change happens.
    public enum DateRule: Hashable, Sendable {
        /// `Mm.w.d`: weekday `d` (0 = Sunday) of week `w` (1...4, or 5 = last) of month `m`.
        case monthWeekDay(month: Int, week: Int, weekday: Int)
        /// `Jn`: day 1...365, never counting 29 February.
        case julianNoLeap(Int)
        /// `n`: zero-based day of the year, 0...365, counting 29 February.
        case zeroBased(Int)

        public func date(inYear y: Int) -> LocalDate {
            switch self {
            case .monthWeekDay(let m, let w, let d):
                let first = LocalDate(dayNumber: LocalDate.dayNumber(year: y, month: m, day: 1))
                let firstWeekday = first.weekday.rawValue % 7  // 0 = Sunday
                var day = 1 + (d - firstWeekday + 7) % 7 + (w - 1) * 7
                let dim = LocalDate.daysIn(month: m, year: y)
                while day > dim { day -= 7 }
                return LocalDate(dayNumber: LocalDate.dayNumber(year: y, month: m, day: day))
            case .julianNoLeap(let n):
                let jan1 = LocalDate.dayNumber(year: y, month: 1, day: 1)
                let leapShift = LocalDate.isLeap(y) && n >= 60 ? 1 : 0
                return LocalDate(dayNumber: jan1 + n - 1 + leapShift)
            case .zeroBased(let n):
                return LocalDate(dayNumber: LocalDate.dayNumber(year: y, month: 1, day: 1) + n)
            }
        }
    }

    public let standard: ZoneOffset
    public let daylight: ZoneOffset?
    /// Start of daylight time, stated in standard local time (seconds after local midnight; may be
    /// negative or past 24 h, RFC 8536 §3.3.1).
    public let daylightStart: (rule: DateRule, time: Int)?
    /// End of daylight time, stated in daylight local time.
    public let daylightEnd: (rule: DateRule, time: Int)?

    public static func == (a: Self, b: Self) -> Bool {
        a.standard == b.standard && a.daylight == b.daylight
            && a.daylightStart?.rule == b.daylightStart?.rule && a.daylightStart?.time == b.daylightStart?.time
            && a.daylightEnd?.rule == b.daylightEnd?.rule && a.daylightEnd?.time == b.daylightEnd?.time
    }
    public func hash(into h: inout Hasher) { h.combine(standard) }

    public init(_ text: String) throws(ZoneDataError) {
        var p = Scanner(Array(text.utf8), text)
        let stdName = try p.name()
        let stdOffset = -(try p.offset())
        standard = ZoneOffset(seconds: stdOffset, isDaylight: false, abbreviation: stdName)
        if p.atEnd {
            daylight = nil
            daylightStart = nil
            daylightEnd = nil
            return
        }
        let dstName = try p.name()
        var dstOffset = stdOffset + 3600
        if !p.atEnd, p.peek != UInt8(ascii: ",") { dstOffset = -(try p.offset()) }
        daylight = ZoneOffset(seconds: dstOffset, isDaylight: true, abbreviation: dstName)
        guard !p.atEnd else {
            // POSIX default rule (US rules); never written by zic for real zones.
            daylightStart = (.monthWeekDay(month: 3, week: 2, weekday: 0), 7200)
            daylightEnd = (.monthWeekDay(month: 11, week: 1, weekday: 0), 7200)
            return
        }
        try p.expect(",")
        let s = try p.dateRule()
        let st = p.consume("/") ? try p.time() : 7200
        try p.expect(",")
        let e = try p.dateRule()
        let et = p.consume("/") ? try p.time() : 7200
        guard p.atEnd else { throw p.error("unexpected text after the rule") }
        daylightStart = (s, st)
        daylightEnd = (e, et)
    }

    /// The changes this rule makes in a year, sorted, each with the offset it switches to.
    public func transitions(inYear y: Int) -> [(Int64, ZoneOffset)] {
        guard let dst = daylight, let start = daylightStart, let end = daylightEnd else { return [] }
        let on = Int64(start.rule.date(inYear: y).dayNumber) * 86400 + Int64(start.time) - Int64(standard.seconds)
        let off = Int64(end.rule.date(inYear: y).dayNumber) * 86400 + Int64(end.time) - Int64(dst.seconds)
        return on < off ? [(on, dst), (off, standard)] : [(off, standard), (on, dst)]
    }

    private struct Scanner {
        let u: [UInt8]
        let text: String
        var i = 0
        init(_ u: [UInt8], _ text: String) {
            self.u = u
            self.text = text
        }
        var atEnd: Bool { i >= u.count }
        var peek: UInt8? { atEnd ? nil : u[i] }
        func error(_ what: String) -> ZoneDataError {
            ZoneDataError("cannot read the zone's POSIX TZ rule \"\(text)\": \(what)")
        }
        mutating func consume(_ c: Character) -> Bool {
            if let p = peek, p == c.asciiValue {
                i += 1
                return true
            }
            return false
        }
        mutating func expect(_ c: Character) throws(ZoneDataError) {
            guard consume(c) else { throw error("expected '\(c)'") }
        }
        mutating func name() throws(ZoneDataError) -> String {
            if consume("<") {
                let start = i
                while let p = peek, p != UInt8(ascii: ">") { i += 1 }
                let n = String(decoding: u[start..<i], as: UTF8.self)
                try expect(">")
                return n
            }
            let start = i
            while let p = peek, (p >= 65 && p <= 90) || (p >= 97 && p <= 122) { i += 1 }
            guard i - start >= 3 else { throw error("expected a zone abbreviation") }
            return String(decoding: u[start..<i], as: UTF8.self)
        }
        mutating func number() throws(ZoneDataError) -> Int {
            var v = 0
            var n = 0
            while let p = peek, p >= 48, p <= 57, n < 4 {
                v = v * 10 + Int(p - 48)
                i += 1
                n += 1
            }
            guard n > 0 else { throw error("expected a number") }
            return v
        }
        /// `[+-]hh[:mm[:ss]]` in seconds.
        mutating func time() throws(ZoneDataError) -> Int {
            var sign = 1
            if consume("-") { sign = -1 } else { _ = consume("+") }
            var s = try number() * 3600
            if consume(":") { s += try number() * 60 }
            if consume(":") { s += try number() }
            return sign * s
        }
        mutating func offset() throws(ZoneDataError) -> Int { try time() }
        mutating func dateRule() throws(ZoneDataError) -> DateRule {
            if consume("M") {
                let m = try number()
                try expect(".")
                let w = try number()
                try expect(".")
                let d = try number()
                guard (1...12).contains(m), (1...5).contains(w), (0...6).contains(d) else {
                    throw error("month rule out of range")
                }
                return .monthWeekDay(month: m, week: w, weekday: d)
            }
            if consume("J") {
                let n = try number()
                guard (1...365).contains(n) else { throw error("Julian day out of range") }
                return .julianNoLeap(n)
            }
            let n = try number()
            guard (0...365).contains(n) else { throw error("day of year out of range") }
            return .zeroBased(n)
        }
    }
}
