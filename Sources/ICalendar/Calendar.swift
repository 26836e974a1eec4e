/// A calendar, a VCALENDAR (RFC 5545 §3.4), with typed fields and its events.
///
/// ``serialized(stamp:zones:)`` writes it through ``ContentLineWriter``: VERSION and PRODID,
/// the name and description both as RFC 7986 properties and as the `X-WR-` ones older clients
/// read, one VTIMEZONE for every zone the events use (exact for the span of the events and
/// their recurrences, from ``TimeZoneComponent``), then the events in order, each followed
/// by its overrides.
///
/// When Foundation is imported too, say `ICalendar.Calendar`: Foundation has a `Calendar`.
public struct Calendar: Hashable, Sendable {
    /// PRODID (§3.7.3): who made the feed.
    public var productID: String
    /// NAME (RFC 7986 §5.1), also written as X-WR-CALNAME.
    public var name: String?
    /// DESCRIPTION (RFC 7986 §5.2), also written as X-WR-CALDESC.
    public var description: String?
    /// REFRESH-INTERVAL (RFC 7986 §5.7), also written as X-PUBLISHED-TTL: how often
    /// subscribers should fetch the feed again.
    public var refreshInterval: CalendarDuration?
    /// The events, masters with their ``Event/overrides``.
    public var events: [Event]
    /// Calendar properties the typed fields do not cover (METHOD, CALSCALE ...), kept as read.
    public internal(set) var otherProperties: [Property]
    /// Components other than VEVENT and VTIMEZONE (VTODO ...), kept as read.
    public internal(set) var otherComponents: [Component]

    /// A calendar.
    public init(
        name: String? = nil, description: String? = nil, refreshInterval: CalendarDuration? = nil,
        productID: String = "-//ClassFeed//ICalendar//EN", events: [Event] = []
    ) {
        self.productID = productID
        self.name = name
        self.description = description
        self.refreshInterval = refreshInterval
        self.events = events
        self.otherProperties = []
        self.otherComponents = []
    }

    /// Adds a calendar property the typed fields do not cover, with a TEXT value, escaped.
    public mutating func addProperty(_ name: String, text: String) {
        otherProperties.append(Property(name, text: text))
    }

    /// The feed's bytes: CRLF line ends, folded at 75 octets, ready to serve as
    /// `text/calendar; charset=utf-8`.
    ///
    /// - Parameters:
    ///   - stamp: DTSTAMP of every event that has none of its own, in seconds since 1970 UTC:
    ///     when this version of the feed was made. Pass your clock's time, or a fixed value for
    ///     byte-identical output; nothing here reads the clock.
    ///   - zones: the rules of each zone the events name (`{ try? database.rules(for: $0) }`).
    /// - Throws: ``CalendarError`` when an event breaks a rule (see ``Event/validate()``) or
    ///   names a zone `zones` does not know.
    public func serialized(stamp: Int64, zones: (String) -> ZoneRules?) throws(CalendarError) -> [UInt8] {
        var w = ContentLineWriter()
        try write(to: &w, stamp: stamp, zones: zones)
        return w.bytes
    }

    /// ``serialized(stamp:zones:)`` with zone rules from a tz database.
    public func serialized(stamp: Int64, timeZones: TimeZoneDatabase) throws(CalendarError) -> [UInt8] {
        try serialized(stamp: stamp) { try? timeZones.rules(for: $0) }
    }

    /// Writes the feed into `writer`, to stream it in pieces with ``ContentLineWriter/takeBytes()``.
    public func write(to w: inout ContentLineWriter, stamp: Int64, zones: (String) -> ZoneRules?) throws(CalendarError) {
        for e in events { try e.validate() }
        let rules = try Self.rules(of: events, zones)
        let spans = try Self.spans(of: events, rules)
        w.begin("VCALENDAR")
        for p in header() { w.write(p) }
        for (tz, span) in spans.sorted(by: { $0.key < $1.key }) {
            guard let r = rules[tz] else { continue }
            w.write(TimeZoneComponent.make(r, covering: span))
        }
        for c in otherComponents { w.write(c) }
        for e in events {
            for c in e.components(stamp: stamp) { w.write(c) }
        }
        w.end("VCALENDAR")
    }

    /// VERSION, PRODID, the name, description and refresh interval, then the other properties.
    func header() -> [Property] {
        var p = [Property("VERSION", raw: "2.0"), Property("PRODID", text: productID)]
        if let n = name {
            p.append(Property("NAME", text: n))
            p.append(Property("X-WR-CALNAME", text: n))
        }
        if let d = description {
            p.append(Property("DESCRIPTION", text: d))
            p.append(Property("X-WR-CALDESC", text: d))
        }
        if let r = refreshInterval {
            p.append(Property("REFRESH-INTERVAL", raw: r.description, parameters: [Parameter("VALUE", "DURATION")]))
            p.append(Property("X-PUBLISHED-TTL", raw: r.description))
        }
        p.append(contentsOf: otherProperties)
        return p
    }

    /// The rules of every zone the events name, looked up once each.
    static func rules(of events: [Event], _ zones: (String) -> ZoneRules?) throws(CalendarError) -> [String: ZoneRules] {
        var out: [String: ZoneRules] = [:]
        func add(_ v: DateTimeValue?) throws(CalendarError) {
            guard let tz = v?.timeZone, out[tz] == nil else { return }
            guard let r = zones(tz) else {
                throw CalendarError("unknown time zone \"\(tz)\": not found in the zone rules given (an IANA name such as Europe/London)")
            }
            out[tz] = r
        }
        func visit(_ e: Event) throws(CalendarError) {
            try add(e.start)
            if case .at(let x) = e.end { try add(x) }
            for x in e.exceptionDates { try add(x) }
            for x in e.recurrenceDates { try add(x.start) }
            try add(e.recurrenceID)
            for o in e.overrides { try visit(o) }
        }
        for e in events { try visit(e) }
        return out
    }

    /// For each zone, the instants from the earliest start to the latest end of anything
    /// written in it, recurrences included (a rule without an end runs to the last supported year).
    static func spans(of events: [Event], _ rules: [String: ZoneRules]) throws(CalendarError) -> [String: ClosedRange<Int64>] {
        var out: [String: ClosedRange<Int64>] = [:]
        func note(_ tz: String, _ lo: Int64, _ hi: Int64) {
            if let s = out[tz] {
                out[tz] = min(s.lowerBound, lo)...max(s.upperBound, max(lo, hi))
            } else {
                out[tz] = lo...max(lo, hi)
            }
        }
        func instant(_ v: DateTimeValue, _ r: ZoneRules) -> Int64 {
            switch v {
            case .zoned(let l, _): r.instant(for: l)
            case .utc(let t): t
            case .date(let d): r.instant(for: LocalDateTime(date: d, time: LocalTime(secondsOfDay: 0)))
            case .floating(let l): l.localSeconds
            }
        }
        let horizon = Int64(LocalDate.distantFuture.dayNumber + 1) * 86400
        func visit(_ e: Event) throws(CalendarError) {
            // The zone of the start carries the series; an end in another zone adds its own span.
            var length: Int64 = 0
            if let tz = e.start.timeZone, let r = rules[tz] {
                let s = instant(e.start, r)
                var last = s
                switch e.end {
                case .at(let x):
                    let t = instant(x, x.timeZone.flatMap { rules[$0] } ?? r)
                    length = max(0, t - s)
                    if let xtz = x.timeZone, xtz != tz { note(xtz, t, t) }
                case .duration(let d): length = Int64(d.days) * 86400 + Int64(d.seconds) + (d.days > 0 ? 3600 : 0)  // a day may last 25 hours
                case nil: break
                }
                for rule in e.recurrenceRules {
                    switch rule.end {
                    case .never: last = horizon
                    case .until(let u): last = max(last, instant(u, r))
                    case .count: last = max(last, try lastStart(of: e, r) ?? horizon)
                    }
                }
                note(tz, s, max(s, last) + length)
            }
            for x in e.exceptionDates { if let tz = x.timeZone, let r = rules[tz] { let t = instant(x, r); note(tz, t, t) } }
            for x in e.recurrenceDates {
                guard let tz = x.start.timeZone, let r = rules[tz] else { continue }
                let t = instant(x.start, r)
                switch x {
                case .period(_, .at(let end)): note(tz, t, instant(end, r))
                case .period(_, .duration(let d)): note(tz, t, t + Int64(d.days) * 86400 + Int64(d.seconds) + (d.days > 0 ? 3600 : 0))
                case .at, .period: note(tz, t, t + length)
                }
            }
            if let x = e.recurrenceID, let tz = x.timeZone, let r = rules[tz] { let t = instant(x, r); note(tz, t, t) }
            for o in e.overrides { try visit(o) }
        }
        for e in events { try visit(e) }
        return out
    }

    /// The start of the last instance of a COUNT rule, by expanding it.
    static func lastStart(of e: Event, _ r: ZoneRules) throws(CalendarError) -> Int64? {
        var m = e
        m.overrides = []
        m.exceptionDates = []
        m.recurrenceDates = []
        let vevent = Component("VEVENT", properties: m.properties(stamp: 0))
        let calendar = Component("VCALENDAR", components: [vevent])
        let expander = RecurrenceExpander { $0 == r.identifier ? r : nil }
        do {
            let all = try expander.expand(calendar, from: Int64.min / 2, to: Int64(LocalDate.distantFuture.dayNumber + 1) * 86400)
            return all.last?.start
        } catch {
            throw CalendarError("event \(e.uid): \(error.message)")
        }
    }
}
