extension Calendar {
    /// Reads a feed: the first VCALENDAR in `bytes`, through ``ICalendarReader``.
    ///
    /// Every error names the line it is about: syntax (``ICalendarReader``), an event without
    /// UID or a readable DTSTART, an RRULE that breaks RFC 5545 or that ``RecurrenceExpander``
    /// does not support. Properties and components the typed fields do not cover are kept in
    /// ``otherProperties`` and ``otherComponents`` and written back unchanged; VTIMEZONEs are
    /// not kept, they are made again from the zone rules when the calendar is written.
    /// Events with a RECURRENCE-ID become ``Event/overrides`` of the event with their UID (or
    /// stay events of their own when the feed has no such event).
    public init(parsing bytes: [UInt8], reader: ICalendarReader = ICalendarReader()) throws(ICalendarParseError) {
        let top = try reader.parse(bytes)
        guard let cal = top.first(where: { $0.name == "VCALENDAR" }) else {
            throw ICalendarParseError(line: top.first?.line ?? 1, message: "no VCALENDAR in the data (expected BEGIN:VCALENDAR)")
        }
        try self.init(component: cal)
    }

    /// Reads a VCALENDAR component (see ``init(parsing:reader:)``).
    public init(component cal: Component) throws(ICalendarParseError) {
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
                    throw ICalendarParseError(line: p.line, message: "\(p.name) \(p.value) is not a duration (PT1H, P1D ...)")
                }
                if p.name == "REFRESH-INTERVAL" || refreshInterval == nil { refreshInterval = d }
            default: otherProperties.append(p)
            }
        }
        if let productID { self.productID = productID }
        var masters: [Event] = []
        var index: [String: Int] = [:]
        var overrides: [Event] = []
        for c in cal.components {
            switch c.name {
            case "VTIMEZONE": continue
            case "VEVENT":
                let e = try Event(component: c)
                if e.recurrenceID != nil {
                    overrides.append(e)
                } else {
                    if index[e.uid] == nil { index[e.uid] = masters.count }
                    masters.append(e)
                }
            default: otherComponents.append(c)
            }
        }
        for o in overrides {
            if let i = index[o.uid] { masters[i].overrides.append(o) } else { masters.append(o) }
        }
        events = masters
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
