import Bytes

/// A wall-clock time of day with no date or zone, to the second.
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since midnight, 0..<86400.
    public let secondsOfDay: Int

    public init?(hour: Int, minute: Int, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else {
            return nil
        }
        secondsOfDay = hour * 3600 + minute * 60 + second
    }

    public init(secondsOfDay: Int) {
        precondition((0..<86400).contains(secondsOfDay), "time of day out of range")
        self.secondsOfDay = secondsOfDay
    }

    /// Parses a 24-hour `HH:MM` time, as schedule.json writes it.
    public init?(hhmm text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 5, u[2] == UInt8(ascii: ":"), let h = Digits.parse(u, 0, 2),
            let m = Digits.parse(u, 3, 2)
        else { return nil }
        self.init(hour: h, minute: m)
    }

    public var hour: Int { secondsOfDay / 3600 }
    public var minute: Int { secondsOfDay / 60 % 60 }
    public var second: Int { secondsOfDay % 60 }

    /// `HH:MM`, or `HH:MM:SS` when there are seconds.
    public var description: String {
        // As bytes: every class's name and every page row writes a time.
        let zero = UInt8(ascii: "0"), colon = UInt8(ascii: ":")
        var bytes = [zero + UInt8(hour / 10), zero + UInt8(hour % 10), colon, zero + UInt8(minute / 10), zero + UInt8(minute % 10)]
        if second != 0 { bytes += [colon, zero + UInt8(second / 10), zero + UInt8(second % 10)] }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func < (a: LocalTime, b: LocalTime) -> Bool { a.secondsOfDay < b.secondsOfDay }
}

/// A civil date and wall-clock time, with no zone: what a TZID-qualified DATE-TIME states.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: LocalDate
    public let time: LocalTime

    public init(date: LocalDate, time: LocalTime) {
        self.date = date
        self.time = time
    }

    /// From seconds since 1970-01-01T00:00 of the same wall clock ("local seconds").
    public init(localSeconds: Int64) {
        let s = Int(localSeconds)
        let day = s >= 0 ? s / 86400 : (s - 86399) / 86400
        date = LocalDate(dayNumber: day)
        time = LocalTime(secondsOfDay: s - day * 86400)
    }

    /// Seconds since 1970-01-01T00:00 of the same wall clock, as if it were UTC.
    public var localSeconds: Int64 { Int64(date.dayNumber) * 86400 + Int64(time.secondsOfDay) }

    /// `YYYY-MM-DDTHH:MM[:SS]`.
    public var description: String { "\(date)T\(time)" }

    /// `YYYYMMDDTHHMMSS`, the RFC 5545 DATE-TIME form without the UTC `Z` (§3.3.5).
    public var basicFormat: String {
        var out: [UInt8] = []
        out.reserveCapacity(15)
        appendBasicFormat(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses `YYYYMMDDTHHMMSS` (no `Z`).
    public init?(basic text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 15, u[8] == UInt8(ascii: "T"),
            let date = LocalDate(basic: String(decoding: u[0..<8], as: UTF8.self)),
            let h = Digits.parse(u, 9, 2), let m = Digits.parse(u, 11, 2), let s = Digits.parse(u, 13, 2),
            let time = LocalTime(hour: h, minute: m, second: s == 60 ? 59 : s)
        else { return nil }
        self.init(date: date, time: time)
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.localSeconds < b.localSeconds }
}

extension LocalDateTime {
    /// Appends `YYYYMMDDTHHMMSS` as ASCII bytes, without building a String.
    public func appendBasicFormat(to out: inout [UInt8]) {
        let c = date.components
        let s = time.secondsOfDay
        let y = c.year
        let (h, mi, se) = (s / 3600, s / 60 % 60, s % 60)
        guard y >= 0 && y < 10000 else {
            date.appendBasicFormat(to: &out)
            out.append(UInt8(ascii: "T"))
            Digits.append(h, 2, to: &out)
            Digits.append(mi, 2, to: &out)
            Digits.append(se, 2, to: &out)
            return
        }
        // Built in a fixed-size value and appended in one copy: fifteen `append`s would each
        // check the array's uniqueness.
        let d: InlineArray<15, UInt8> = [
            UInt8(48 + y / 1000), UInt8(48 + y / 100 % 10), UInt8(48 + y / 10 % 10), UInt8(48 + y % 10),
            UInt8(48 + c.month / 10), UInt8(48 + c.month % 10), UInt8(48 + c.day / 10), UInt8(48 + c.day % 10),
            UInt8(ascii: "T"), UInt8(48 + h / 10), UInt8(48 + h % 10), UInt8(48 + mi / 10), UInt8(48 + mi % 10),
            UInt8(48 + se / 10), UInt8(48 + se % 10),
        ]
        out.append(bytes: d.span)
    }
}

extension LocalDate {
    /// Appends `YYYYMMDD` as ASCII bytes.
    public func appendBasicFormat(to out: inout [UInt8]) {
        let c = components
        Digits.append(c.year, 4, to: &out)
        Digits.append(c.month, 2, to: &out)
        Digits.append(c.day, 2, to: &out)
    }
}

extension Digits {
    /// Appends a non-negative number zero-padded to `width` digits (2 or 4 in practice).
    @inline(__always)
    static func append(_ value: Int, _ width: Int, to out: inout [UInt8]) {
        if width == 2 && value >= 0 && value < 100 {
            out.append(UInt8(48 + value / 10))
            out.append(UInt8(48 + value % 10))
            return
        }
        if width == 4 && value >= 0 && value < 10000 {
            out.append(UInt8(48 + value / 1000))
            out.append(UInt8(48 + value / 100 % 10))
            out.append(UInt8(48 + value / 10 % 10))
            out.append(UInt8(48 + value % 10))
            return
        }
        let s = pad(value, width)
        out.append(contentsOf: s.utf8)
    }
}
