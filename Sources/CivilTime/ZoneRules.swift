/// One local time type of a zone: a UTC offset, whether it is daylight time, and its
/// abbreviation ("BST"), as the tz database records them (RFC 8536 §3.2, `ttinfo`).
public struct ZoneOffset: Hashable, Sendable {
    /// Seconds east of UTC.
    public let seconds: Int
    public let isDaylight: Bool
    public let abbreviation: String

    public init(seconds: Int, isDaylight: Bool, abbreviation: String) {
        self.seconds = seconds
        self.isDaylight = isDaylight
        self.abbreviation = abbreviation
    }
}

/// A change of a zone's local time type at an instant.
public struct ZoneTransition: Hashable, Sendable {
    /// Seconds since the Unix epoch, UTC.
    public let instant: Int64
    public let before: ZoneOffset
    public let after: ZoneOffset
}

/// How a wall-clock time maps onto instants in a zone.
public enum LocalTimeResolution: Hashable, Sendable {
    /// Exactly one instant.
    case unique(Int64)
    /// The wall time does not exist (spring-forward gap). `shifted` is RFC 5545 §3.3.5's reading:
    /// the time interpreted with the offset from before the gap, i.e. moved forward by its length.
    case gap(shifted: Int64, gapSeconds: Int)
    /// The wall time happens twice (fall-back overlap); RFC 5545 §3.3.5 means the first.
    case ambiguous(first: Int64, second: Int64)

    /// The instant RFC 5545 §3.3.5 assigns: "If the local time represented by DTSTART does
    /// not exist, ... the DTSTART is the local time shifted forward by the gap"; a repeated
    /// time means its first occurrence.
    public var instant: Int64 {
        switch self {
        case .unique(let t): t
        case .gap(let t, _): t
        case .ambiguous(let t, _): t
        }
    }
}

/// The complete offset history of one IANA zone, from a TZif file (RFC 8536), extended past
/// the file's explicit transitions by its POSIX TZ footer up to the end of
/// `LocalDate.supportedYears`. Lookups are binary searches over a precomputed table.
public struct ZoneRules: Sendable, Hashable {
    public let identifier: String
    /// Offset in force before the first transition.
    public let initial: ZoneOffset
    /// Every transition, sorted by instant, up to the end of the supported years.
    public let transitions: [ZoneTransition]
    /// The footer's rule as written ("GMT0BST,M3.5.0/1,M10.5.0"), if any.
    public let posixRule: String?

    public static func == (a: ZoneRules, b: ZoneRules) -> Bool { a.identifier == b.identifier }
    public func hash(into h: inout Hasher) { h.combine(identifier) }

    /// A zone with one fixed offset and no transitions.
    public init(identifier: String, fixed offset: ZoneOffset) {
        self.identifier = identifier
        initial = offset
        transitions = []
        posixRule = nil
    }

    /// A zone from an offset history made elsewhere (a VTIMEZONE read from a feed): `initial`
    /// before the first change, then each change's offset from its instant on. Changes to the
    /// offset already in force are dropped; the list need not be sorted.
    package init(identifier: String, initial: ZoneOffset, changes: [(instant: Int64, offset: ZoneOffset)], posixRule: String? = nil) {
        self.identifier = identifier
        self.initial = initial
        self.posixRule = posixRule
        var list: [ZoneTransition] = []
        var current = initial
        for c in changes.sorted(by: { $0.instant < $1.instant }) where c.offset != current {
            list.append(ZoneTransition(instant: c.instant, before: current, after: c.offset))
            current = c.offset
        }
        transitions = list
    }

    /// The same rules under another name (a feed's TZID for an IANA zone: "Eastern Standard
    /// Time" for America/New_York).
    package func renamed(_ identifier: String) -> ZoneRules {
        ZoneRules(identifier: identifier, initial: initial, changes: transitions.map { ($0.instant, $0.after) }, posixRule: posixRule)
    }

    /// Parses TZif bytes (versions 1 to 4).
    public init(identifier: String, tzif bytes: [UInt8]) throws(ZoneDataError) {
        let parsed = try TZifParser.parse(bytes)
        self.identifier = identifier
        posixRule = parsed.footer
        var initial = parsed.initial
        var list = parsed.transitions
        if let footer = parsed.footer, !footer.isEmpty {
            let rule = try POSIXTimeZoneRule(footer)
            let lastInstant = list.last?.instant ?? Int64.min
            var current = list.last?.after ?? rule.standard
            // Only the supported years need rules; clamping also keeps corrupt data (a last
            // transition in year 10,000 or before 1900) from looping or trapping.
            let lastYear = LocalDate.supportedYears.upperBound + 1
            let firstYear = min(max(list.last.map { ZoneRules.year(ofInstant: $0.instant) } ?? 1900, 1899), lastYear)
            for y in firstYear...lastYear {
                for (instant, next) in rule.transitions(inYear: y) where instant > lastInstant {
                    if next != current {
                        list.append(ZoneTransition(instant: instant, before: current, after: next))
                        current = next
                    }
                }
            }
            if parsed.transitions.isEmpty, list.first?.before ?? rule.standard != initial {
                // No explicit data, only a footer: the footer's standard time applies throughout.
                initial = list.first?.before ?? rule.standard
            }
        }
        self.initial = initial
        transitions = list
        try requireWritableOffsets()
    }

    /// Refuses offsets of 24 hours or more. RFC 5545 §3.3.14's UTC-OFFSET is `time-hour` 00-23,
    /// so `TZOFFSETTO:+2400` is not a value readers accept; TZif allows up to ±25:59:59 and a
    /// POSIX rule more, so a crafted or damaged zone can carry one.
    private func requireWritableOffsets() throws(ZoneDataError) {
        var offsets = [initial]
        for t in transitions where abs(t.after.seconds) >= 86400 { offsets.append(t.after) }
        if let footer = posixRule, let rule = try? POSIXTimeZoneRule(footer) {
            offsets.append(rule.standard)
            if let d = rule.daylight { offsets.append(d) }
        }
        guard let bad = offsets.first(where: { abs($0.seconds) >= 86400 }) else { return }
        let a = abs(bad.seconds)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = (bad.seconds < 0 ? "-" : "+") + two(a / 3600) + ":" + two(a / 60 % 60)
        if a % 60 != 0 { text += ":" + two(a % 60) }
        throw ZoneDataError(
            "the time zone \"\(identifier)\" has a UTC offset of \(text) (\"\(bad.abbreviation)\"); RFC 5545 UTC offsets must be under 24 hours, so no VTIMEZONE can state it",
            isFileFormat: false)
    }

    private static func year(ofInstant t: Int64) -> Int {
        // Clamp first: instants far outside any calendar would overflow the date arithmetic.
        LocalDateTime(localSeconds: min(max(t, -5_000_000_000), 10_000_000_000)).date.year
    }

    /// Index of the last transition at or before `instant`, or nil when before the first.
    private func lastTransitionIndex(atOrBefore instant: Int64) -> Int? {
        var lo = 0
        var hi = transitions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if transitions[mid].instant <= instant { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }

    /// The local time type in force at an instant.
    public func offset(at instant: Int64) -> ZoneOffset {
        guard let i = lastTransitionIndex(atOrBefore: instant) else { return initial }
        return transitions[i].after
    }

    /// The wall-clock time at an instant.
    public func localDateTime(at instant: Int64) -> LocalDateTime {
        LocalDateTime(localSeconds: instant + Int64(offset(at: instant).seconds))
    }

    /// Maps a wall-clock time to instants, reporting gaps and overlaps.
    public func resolve(_ local: LocalDateTime) -> LocalTimeResolution {
        let l = local.localSeconds
        // Fast path: no transition within a day either side, so the one offset in force is it.
        let i = lastTransitionIndex(atOrBefore: l - 86400)
        let nextInstant = transitions.indices.contains((i ?? -1) + 1) ? transitions[(i ?? -1) + 1].instant : Int64.max
        if nextInstant > l + 86400 {
            let o = i.map { transitions[$0].after.seconds } ?? initial.seconds
            return .unique(l - Int64(o))
        }
        // Offsets in force a day either side bound every candidate (transitions in real
        // zones are weeks apart).
        let early = offset(at: l - 86400).seconds
        let late = offset(at: l + 86400).seconds
        var valid: [Int64] = []
        for o in early == late ? [early] : [early, late] {
            let candidate = l - Int64(o)
            if offset(at: candidate).seconds == o { valid.append(candidate) }
        }
        switch valid.count {
        case 0:
            return .gap(shifted: l - Int64(early), gapSeconds: late - early)
        case 1:
            return .unique(valid[0])
        default:
            let a = min(valid[0], valid[1])
            let b = max(valid[0], valid[1])
            return a == b ? .unique(a) : .ambiguous(first: a, second: b)
        }
    }

    /// RFC 5545 §3.3.5's instant for a wall-clock time (gap shifted forward, overlap first).
    public func instant(for local: LocalDateTime) -> Int64 { resolve(local).instant }

    /// Transitions with `start <= instant < end`.
    public func transitions(from start: Int64, to end: Int64) -> ArraySlice<ZoneTransition> {
        let lo = (lastTransitionIndex(atOrBefore: start - 1) ?? -1) + 1
        var hi = lo
        while hi < transitions.count && transitions[hi].instant < end { hi += 1 }
        return transitions[lo..<hi]
    }

    /// The last transition at or before an instant, if any.
    public func transition(atOrBefore instant: Int64) -> ZoneTransition? {
        lastTransitionIndex(atOrBefore: instant).map { transitions[$0] }
    }
}

/// Why zone data could not be used.
public struct ZoneDataError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    /// What to do instead, when there is something better to say than "use an IANA name".
    public let hint: String?
    /// True when the error is about the bytes of the TZif data, false when the data is well
    /// formed but describes a zone that cannot be used.
    package let isFileFormat: Bool
    public init(_ description: String, hint: String? = nil) {
        self.init(description, hint: hint, isFileFormat: true)
    }
    package init(_ description: String, hint: String? = nil, isFileFormat: Bool) {
        self.description = description
        self.hint = hint
        self.isFileFormat = isFileFormat
    }
}
