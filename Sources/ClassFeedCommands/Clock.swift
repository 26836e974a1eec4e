import CivilTime

/// Where "now" comes from: `--now`, else `SOURCE_DATE_EPOCH` (reproducible builds), else the clock.
enum Clock {
    /// The instants `--now` and `SOURCE_DATE_EPOCH` may name: 1970-01-01T00:00:00Z up to the end
    /// of 2199, the last of `LocalDate.supportedYears`. Every date-time a feed holds comes from
    /// this, the window (`--from`/`--to`, 1900-2199, or the default around now) and the
    /// schedule's dates (1900-2199), plus at most a few months; so every year written has four
    /// digits, as RFC 5545's DATE (§3.3.4: `date-fullyear = 4DIGIT`) requires. Without the bound
    /// `--now 9999-12-31T23:59:59Z` wrote `DTSTART;TZID=Europe/London:100000622T190000`.
    static let supportedInstants: Range<Int64> =
        0..<Int64(LocalDate.dayNumber(year: LocalDate.supportedYears.upperBound + 1, month: 1, day: 1)) * 86400

    static func now(option: String?, environment: [String: String], clock: any WallClock) throws(CLIError) -> Int64 {
        if let option {
            guard let t = parseInstant(option) else {
                throw CLIError(.usage, "--now expects a UTC time such as 2026-11-27T09:00:00Z, or a date such as 2026-11-27, got '\(option)'")
            }
            guard supportedInstants.contains(t) else {
                throw CLIError(.usage, "--now must be from \(rangeText), got '\(option)'")
            }
            return t
        }
        if let s = environment["SOURCE_DATE_EPOCH"], !s.isEmpty {
            guard let t = Int64(s), supportedInstants.contains(t) else {
                throw CLIError(
                    .usage,
                    "SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, from 0 to \(supportedInstants.upperBound - 1) (\(rangeText)), got '\(s)'")
            }
            return t
        }
        return clock.secondsSinceEpoch()
    }

    /// "1970-01-01T00:00:00Z to 2199-12-31T23:59:59Z".
    static var rangeText: String {
        "\(LocalDateTime(localSeconds: supportedInstants.lowerBound).date)T00:00:00Z to \(LocalDate.distantFuture)T23:59:59Z"
    }

    /// `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM[:SS]Z`.
    static func parseInstant(_ s: String) -> Int64? {
        if let d = LocalDate(iso: s) { return Int64(d.dayNumber) * 86400 }
        guard s.hasSuffix("Z"), s.count == 17 || s.count == 20 else { return nil }
        let body = s.dropLast()
        let parts = body.split(separator: "T")
        guard parts.count == 2, let d = LocalDate(iso: parts[0]) else { return nil }
        let hms = parts[1].split(separator: ":")
        guard hms.count >= 2, let h = Int(hms[0]), let m = Int(hms[1]) else { return nil }
        let sec = hms.count == 3 ? Int(hms[2]) : 0
        guard let sec, let t = LocalTime(hour: h, minute: m, second: sec) else { return nil }
        return Int64(d.dayNumber) * 86400 + Int64(t.secondsOfDay)
    }
}
