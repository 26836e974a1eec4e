extension Calendar {
    /// Reads a feed: the first VCALENDAR in `bytes`, through ``ICalendarReader``.
    ///
    /// Every error names the line it is about: syntax (``ICalendarReader``), an event without
    /// UID or a readable DTSTART, an RRULE that breaks RFC 5545 or that ``RecurrenceExpander``
    /// does not support. Properties and components the typed fields do not cover are kept in
    /// ``otherProperties`` and ``otherComponents`` and written back unchanged; VTIMEZONEs are
    /// kept in ``timeZones`` for expanding, and made again from the zone rules when the calendar
    /// is written. Events with a RECURRENCE-ID become ``Event/overrides`` of the event with
    /// their UID (or stay events of their own when the feed has no such event). Several
    /// VEVENTs with one UID and no RECURRENCE-ID are an error.
    ///
    /// Strict: the first problem throws. For feeds other people wrote, read with
    /// ``init(parsing:reader:diagnostics:)``, which reads what it can and reports the rest.
    public init(parsing bytes: [UInt8], reader: ICalendarReader = ICalendarReader()) throws(ICalendarParseError) {
        let top = try reader.parse(bytes)
        guard let cal = top.first(where: { $0.name == "VCALENDAR" }) else {
            throw ICalendarParseError(line: top.first?.line ?? 1, message: "no VCALENDAR in the data (expected BEGIN:VCALENDAR)")
        }
        try self.init(component: cal)
    }

    /// Reads a feed leniently: an event that cannot be read is skipped, or read in a way of its
    /// own, and reported in `diagnostics` with its line, so that one bad event does not lose the
    /// calendar. Throws only when the text itself cannot be read (see ``ICalendarReader``) or
    /// holds no VCALENDAR.
    ///
    /// What it does where ``init(parsing:reader:)`` throws:
    /// - the syntax is read as ``ICalendarReader/parse(_:diagnostics:)`` does (a line that is
    ///   not a content line is skipped, a mismatched END closes the open component);
    /// - a VEVENT without UID is read as an event of its own, with an empty ``Event/uid``;
    /// - a VEVENT without a readable DTSTART, or with a rule or value it cannot read, is skipped;
    /// - an UNTIL of another kind than DTSTART (a date UNTIL on a timed series) is kept: a date
    ///   includes that whole day in DTSTART's zone, a floating time is read in it;
    /// - several VEVENTs with one UID and no RECURRENCE-ID are versions of one event: the one
    ///   with the highest SEQUENCE is kept (on a tie, the latest DTSTAMP, then the first); the
    ///   same for several overrides of one instance.
    ///
    /// - Parameters:
    ///   - bytes: the whole `.ics` file.
    ///   - reader: the syntax layer and its limits.
    ///   - diagnostics: where what was skipped or read in a way of its own is appended.
    public init(parsing bytes: [UInt8], reader: ICalendarReader = ICalendarReader(), diagnostics: inout [ICalendarDiagnostic])
        throws(ICalendarParseError)
    {
        let top = try reader.parse(bytes, diagnostics: &diagnostics)
        guard let cal = top.first(where: { $0.name == "VCALENDAR" }) else {
            throw ICalendarParseError(line: top.first?.line ?? 1, message: "no VCALENDAR in the data (expected BEGIN:VCALENDAR)")
        }
        try self.init(component: cal, diagnostics: &diagnostics)
    }

    /// Reads a VCALENDAR component (see ``init(parsing:reader:)``).
    public init(component cal: Component) throws(ICalendarParseError) {
        var log = ReadingLog(strict: true)
        try self.init(component: cal, log: &log)
    }

    /// Reads a VCALENDAR component leniently (see ``init(parsing:reader:diagnostics:)``).
    public init(component cal: Component, diagnostics: inout [ICalendarDiagnostic]) throws(ICalendarParseError) {
        var log = ReadingLog(strict: false)
        defer { diagnostics += log.diagnostics }
        try self.init(component: cal, log: &log)
    }

    init(component cal: Component, log: inout ReadingLog) throws(ICalendarParseError) {
        self.init()
        var productID: String?
        for p in cal.properties {
            switch p.name {
            case "VERSION": continue
            case "PRODID": productID = p.textValue
            case "NAME": name = p.textValue
            case "X-WR-CALNAME": if name == nil { name = p.textValue }
            case "DESCRIPTION": description = p.textValue
            case "X-WR-CALDESC": if description == nil { description = p.textValue }
            case "REFRESH-INTERVAL", "X-PUBLISHED-TTL":
                guard let d = CalendarDuration(parsing: p.value) else {
                    try log.problem(ICalendarParseError(line: p.line, message: "\(p.name) \(p.value) is not a duration (PT1H, P1D ...)"))
                    otherProperties.append(p)
                    continue
                }
                if p.name == "REFRESH-INTERVAL" || refreshInterval == nil { refreshInterval = d }
            default: otherProperties.append(p)
            }
        }
        if let productID { self.productID = productID }
        var masters: [Event] = []
        var index: [String: Int] = [:]
        var overrides: [Event] = []
        var overrideIndex: [OverrideKey: Int] = [:]
        for c in cal.components {
            switch c.name {
            case "VTIMEZONE": readTimeZones.value.append(c)
            case "VEVENT":
                guard let e = try Event(component: c, log: &log) else { continue }
                if e.recurrenceID != nil {
                    let key = OverrideKey(uid: e.uid, recurrenceID: e.recurrenceID)
                    if !e.uid.isEmpty, let i = overrideIndex[key] {
                        try log.problem(Self.versions(overrides[i], e, c.line, what: "overrides of one instance"), uid: e.uid, Self.keptLatest)
                        if Self.isLater(e, than: overrides[i]) { overrides[i] = e }
                    } else {
                        overrideIndex[key] = overrides.count
                        overrides.append(e)
                    }
                } else if !e.uid.isEmpty, let i = index[e.uid] {
                    try log.problem(Self.versions(masters[i], e, c.line, what: "VEVENTs without RECURRENCE-ID"), uid: e.uid, Self.keptLatest)
                    if Self.isLater(e, than: masters[i]) { masters[i] = e }
                } else {
                    if !e.uid.isEmpty { index[e.uid] = masters.count }
                    masters.append(e)
                }
            default: otherComponents.append(c)
            }
        }
        for o in overrides {
            if !o.uid.isEmpty, let i = index[o.uid] { masters[i].overrides.append(o) } else { masters.append(o) }
        }
        events = masters
    }

    /// An override's identity: its UID and the instance it replaces.
    struct OverrideKey: Hashable {
        var uid: String
        var recurrenceID: DateTimeValue?
    }

    /// Two versions of one event or override (RFC 5545 §3.8.7.4: SEQUENCE is the revision).
    static func versions(_ kept: Event, _ other: Event, _ line: Int, what: String) -> ICalendarParseError {
        ICalendarParseError(
            line: line,
            message: "two \(what) share the UID \(other.uid) (SEQUENCE \(kept.sequence ?? 0) and \(other.sequence ?? 0)); a calendar holds one version of each")
    }

    /// What a lenient read does with versions of one event.
    static let keptLatest = ": read as versions of one, the latest kept"

    /// Whether `e` is a later version than `kept`: a higher SEQUENCE, or the same and a later DTSTAMP.
    static func isLater(_ e: Event, than kept: Event) -> Bool {
        let (a, b) = (e.sequence ?? 0, kept.sequence ?? 0)
        if a != b { return a > b }
        return (e.stamp ?? Int64.min) > (kept.stamp ?? Int64.min)
    }
}

/// How a read goes: strict (the first problem throws) or lenient (problems are collected and
/// the reader goes on).
struct ReadingLog {
    let strict: Bool
    var diagnostics: [ICalendarDiagnostic] = []

    /// Throws `e` when strict; otherwise notes it, with `what is done` appended (" (the line is skipped)").
    mutating func problem(_ e: ICalendarParseError, uid: String? = nil, _ whatIsDone: String = "") throws(ICalendarParseError) {
        if strict { throw e }
        diagnostics.append(ICalendarDiagnostic(line: e.line, message: e.message + whatIsDone, uid: uid))
    }
}

extension Event {
    /// Reads a VEVENT through ``init(component:)``; when that fails and the read is lenient,
    /// reads what can be read (see ``Calendar/init(parsing:reader:diagnostics:)``) or returns nil
    /// for an event to skip, noting why.
    init?(component c: Component, log: inout ReadingLog) throws(ICalendarParseError) {
        var c = c
        if let end = c.property("DTEND"), c.property("DURATION") != nil {
            // RFC 5545 §3.6.1: "either 'dtend' or 'duration' MAY appear ... but 'dtend' and
            // 'duration' MUST NOT occur in the same 'eventprop'".
            try log.problem(
                ICalendarParseError(line: end.line, message: "DTEND and DURATION together (RFC 5545 §3.6.1 allows one of them)"),
                uid: c.property("UID")?.textValue, ": DTEND is used")
            c.properties.removeAll { $0.name == "DURATION" }
        }
        do throws(ICalendarParseError) {
            try self.init(component: c)
            sourceLine = NotCompared(c.line)
            return
        } catch {
            if log.strict { throw error }
        }
        var noUID = false
        var rule: (RecurrenceRule, Property)?
        var end: (DateTimeValue, Property)?
        var duration: (CalendarDuration, Property)?
        let uid = c.property("UID")?.textValue
        for _ in 0..<8 {
            do throws(ICalendarParseError) {
                try self.init(component: c)
                sourceLine = NotCompared(c.line)
                if noUID { self.uid = "" }
                if let (r, p) = rule {
                    recurrenceRule = r
                    try log.problem(
                        ICalendarParseError(line: p.line, message: "UNTIL's kind differs from DTSTART's (RFC 5545 §3.3.10)"),
                        uid: self.uid, ": read in DTSTART's zone, a date as that whole day")
                }
                if let (d, p) = duration {
                    self.end = .duration(d)
                    try log.problem(
                        ICalendarParseError(line: p.line, message: "an all-day event lasts whole days (RFC 5545 §3.6.1), not \(d)"),
                        uid: self.uid, ": read as it stands, from midnight UTC")
                }
                if let (v, p) = end {
                    self.end = .at(v)
                    try log.problem(
                        ICalendarParseError(line: p.line, message: "DTEND is \(v.kindName) but DTSTART is \(start.kindName) (RFC 5545 §3.6.1 wants the same kind)"),
                        uid: self.uid, ": read as it stands")
                }
                return
            } catch {
                if c.property("UID") == nil {
                    try log.problem(
                        ICalendarParseError(line: c.line, message: "VEVENT without UID (RFC 5545 §3.6.1 requires one)"), ": read as an event of its own")
                    noUID = true
                    c.properties.append(Property("UID", raw: "-"))
                    continue
                }
                if let k = c.properties.firstIndex(where: { $0.line == error.line && $0.value.allSatisfy(\.isWhitespace) }),
                    ["RRULE", "RDATE", "EXDATE", "DURATION"].contains(c.properties[k].name)
                {
                    try log.problem(ICalendarParseError(line: error.line, message: "an empty \(c.properties[k].name)"), uid: uid, " (ignored)")
                    c.properties.remove(at: k)
                    continue
                }
                if let k = c.properties.firstIndex(where: { $0.line == error.line && ($0.name == "RDATE" || $0.name == "EXDATE") }) {
                    // One unreadable date list loses its dates, not the event.
                    try log.problem(error, uid: uid, " (that \(c.properties[k].name) is ignored)")
                    c.properties.remove(at: k)
                    continue
                }
                if let k = c.properties.firstIndex(where: { $0.name == "RRULE" }), c.properties.contains(where: { $0.name == "RRULE" && $0.line == error.line }) {
                    let p = c.properties[k]
                    let rules = c.properties.filter { $0.name == "RRULE" }
                    if rules.count > 1, rules.allSatisfy({ $0.value == p.value }) {
                        try log.problem(
                            ICalendarParseError(line: rules[1].line, message: "the same RRULE twice"), uid: uid, " (read once)")
                        c.properties.removeAll { $0.name == "RRULE" && $0.line != p.line }
                        continue
                    }
                    if error.message.hasPrefix("COUNT and UNTIL together") {
                        c.properties[k].value = p.value.split(separator: ";").filter { !$0.uppercased().hasPrefix("COUNT=") }.joined(separator: ";")
                        try log.problem(error, uid: uid, ": COUNT is ignored")
                        continue
                    }
                }
                if rule == nil, error.message.contains("UNTIL"), let p = c.property("RRULE"), let r = try? RecurrenceRule(parsing: p.value) {
                    rule = (r, p)
                    c.properties.removeAll { $0.name == "RRULE" }
                    continue
                }
                if end == nil, error.message.contains("DTEND is"), let p = c.property("DTEND"), let v = DateTimeValue.values(of: p)?.first {
                    end = (v, p)
                    c.properties.removeAll { $0.name == "DTEND" }
                    continue
                }
                if duration == nil, error.message.contains("all-day event lasts whole days"), let p = c.property("DURATION"),
                    let d = CalendarDuration(parsing: p.value)
                {
                    duration = (d, p)
                    c.properties.removeAll { $0.name == "DURATION" }
                    continue
                }
                try log.problem(error, uid: uid, " (the event is skipped)")
                return nil
            }
        }
        return nil
    }
}

extension Event {
    /// Reads a VEVENT component; errors name the line of the property at fault.
    public init(component c: Component) throws(ICalendarParseError) {
        func fail(_ p: Property?, _ message: String) -> ICalendarParseError {
            ICalendarParseError(line: p?.line ?? c.line, message: message)
        }
        func value(_ p: Property) throws(ICalendarParseError) -> DateTimeValue {
            guard let v = DateTimeValue.values(of: p)?.first else {
                throw fail(p, "\(p.name) \(p.value) is not a date (20261130) or a date-time (20261130T171500, ...Z)")
            }
            return v
        }
        guard let uidProperty = c.property("UID") else { throw fail(nil, "VEVENT without UID (RFC 5545 §3.6.1 requires one)") }
        guard let startProperty = c.property("DTSTART") else { throw fail(nil, "VEVENT without DTSTART") }
        let start = try value(startProperty)
        var end: End?
        var summary: String?
        var description: String?
        var location: String?
        var url: String?
        var status: Status?
        var categories: [String] = []
        var sequence: Int?
        var rules: [RecurrenceRule] = []
        var rdates: [RecurrenceDate] = []
        var laterToo = false
        var rruleProperty: Property?
        var exdates: [DateTimeValue] = []
        var recurrenceID: DateTimeValue?
        var stamp: Int64?
        var other: [Property] = []
        for p in c.properties {
            switch p.name {
            case "UID", "DTSTART": continue
            case "DTEND": end = .at(try value(p))
            case "DURATION":
                guard let d = CalendarDuration(parsing: p.value) else { throw fail(p, "DURATION \(p.value) is not a duration (PT30M, P1D ...)") }
                end = .duration(d)
            case "SUMMARY": summary = p.textValue
            case "DESCRIPTION": description = p.textValue
            case "LOCATION": location = p.textValue
            case "URL": url = p.value
            case "STATUS":
                if let s = Status(rawValue: p.value.uppercased()) { status = s } else { other.append(p) }
            case "CATEGORIES": categories += Self.splitList(p.value).map(TextEscaping.unescape)
            case "SEQUENCE":
                guard let n = Int(p.value), n >= 0 else { throw fail(p, "SEQUENCE \(p.value) is not a number 0 or more") }
                sequence = n
            case "RRULE":
                do throws(CalendarError) { rules.append(try RecurrenceRule(parsing: p.value)) } catch { throw fail(p, error.message) }
                rruleProperty = p
            case "RDATE":
                guard let vs = RecurrenceDate.values(of: p) else {
                    throw fail(p, "RDATE \(p.value) is not a list of dates, date-times or periods (start/end, start/duration)")
                }
                rdates += vs
            case "EXDATE":
                guard let vs = DateTimeValue.values(of: p) else { throw fail(p, "EXDATE \(p.value) is not a list of dates or date-times") }
                exdates += vs
            case "RECURRENCE-ID":
                recurrenceID = try value(p)
                laterToo = p.parameter("RANGE")?.value.uppercased() == "THISANDFUTURE"
            case "DTSTAMP":
                if case .utc(let t) = try value(p) { stamp = t } else { other.append(p) }
            default: other.append(p)
            }
        }
        do throws(CalendarError) {
            try self.init(
                uid: uidProperty.textValue, start: start, end: end, summary: summary, description: description, location: location,
                url: url, status: status, categories: categories, sequence: sequence, recurrenceRule: rules.first,
                exceptionDates: exdates, recurrenceID: recurrenceID)
            recurrenceRules = rules
            recurrenceDates = rdates
            appliesToLaterInstances = laterToo
            try validate()
        } catch {
            throw fail(error.message.contains("UNTIL") ? rruleProperty : (c.property("DTEND") ?? c.property("DURATION")), error.message)
        }
        self.stamp = stamp
        self.otherProperties = other
        self.otherComponents = c.components
    }

    /// Splits a list value at commas that are not escaped.
    static func splitList(_ value: String) -> [String] {
        var out: [String] = []
        var current = ""
        var escaped = false
        for ch in value {
            if escaped {
                current.append(ch)
                escaped = false
            } else if ch == "\\" {
                current.append(ch)
                escaped = true
            } else if ch == "," {
                out.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        out.append(current)
        return out
    }
}
