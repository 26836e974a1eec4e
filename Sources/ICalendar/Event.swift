/// One event, a VEVENT (RFC 5545 §3.6.1), with typed fields.
///
/// Text fields (``summary``, ``description``, ``location``, ``categories``) are plain Swift
/// strings; they are always escaped when written (§3.3.11) and unescaped when read, so a comma,
/// semicolon, backslash or newline in them is never read as syntax.
///
/// ```swift
/// let class = try Event(
///     uid: "hips@stillpoint.example", start: .local(2026, 11, 30, 17, 15, in: "Europe/London"),
///     end: .duration(.minutes(30)), summary: "Hip Mobility & Stretch",
///     recurrenceRule: RecurrenceRule(.weekly, end: .count(10)))
/// ```
public struct Event: Hashable, Sendable {
    /// How an event ends: DTEND or DURATION (RFC 5545 §3.6.1 allows one of them).
    public enum End: Hashable, Sendable {
        /// DTEND: the same kind of value as the start.
        case at(DateTimeValue)
        /// DURATION: days are calendar days in the start's zone, the rest exact seconds.
        case duration(CalendarDuration)
    }

    /// STATUS of an event (RFC 5545 §3.8.1.11).
    public enum Status: String, Hashable, Sendable, CaseIterable {
        /// Not yet certain.
        case tentative = "TENTATIVE"
        /// Taking place.
        case confirmed = "CONFIRMED"
        /// Not taking place; keep the event in the feed so clients remove it.
        case cancelled = "CANCELLED"
    }

    /// UID (§3.8.4.7): the same for every version of the event, and for its overrides.
    public var uid: String
    /// DTSTART.
    public var start: DateTimeValue
    /// DTEND or DURATION; nil for neither (a moment, or one day for an all-day event).
    public var end: End?
    /// SUMMARY, the title.
    public var summary: String?
    /// DESCRIPTION.
    public var description: String?
    /// LOCATION.
    public var location: String?
    /// URL (§3.8.4.6), a URI; control characters are dropped when written.
    public var url: String?
    /// STATUS.
    public var status: Status?
    /// CATEGORIES, each escaped on its own.
    public var categories: [String]
    /// SEQUENCE (§3.8.7.4): the revision; raise it when the event changes.
    public var sequence: Int?
    /// RRULE: the first of ``recurrenceRules``. Setting it replaces them all.
    public var recurrenceRule: RecurrenceRule? {
        get { recurrenceRules.first }
        set { recurrenceRules = newValue.map { [$0] } ?? [] }
    }
    /// Every RRULE, normally one. Feeds written to RFC 2445 may have several; the instances are
    /// the union of theirs (RFC 5545 §3.8.5.3 says an RRULE "SHOULD NOT" occur more than once).
    public var recurrenceRules: [RecurrenceRule]
    /// RDATE values (§3.8.5.2): instances added to the rule's, dates, date-times or periods.
    public var recurrenceDates: [RecurrenceDate]
    /// EXDATE values: instances of the rule that do not take place.
    public var exceptionDates: [DateTimeValue]
    /// RECURRENCE-ID (§3.8.4.4): set on an override, the instance of the series it replaces.
    public var recurrenceID: DateTimeValue?
    /// RANGE=THISANDFUTURE on the RECURRENCE-ID (§3.8.4.4, §3.2.13): the override changes its
    /// instance "and all subsequent instances" (their time by the same move, their length,
    /// summary and status), not only its own.
    public var appliesToLaterInstances: Bool
    /// Overrides: events with this UID and a ``recurrenceID`` that replace one instance each.
    public var overrides: [Event]
    /// DTSTAMP as read from a feed; nil for events built in code, which take the stamp passed
    /// to ``Calendar/serialized(stamp:zones:)``.
    public var stamp: Int64?
    /// Properties the typed fields do not cover, kept as read so that a feed round-trips.
    public internal(set) var otherProperties: [Property]
    /// Sub-components (VALARM ...) kept as read.
    public internal(set) var otherComponents: [Component]

    /// An event, checked: a UID, an end of the start's kind, an UNTIL of the start's kind
    /// (RFC 5545 §3.3.10), overrides with this UID and a RECURRENCE-ID.
    public init(
        uid: String, start: DateTimeValue, end: End? = nil, summary: String? = nil, description: String? = nil,
        location: String? = nil, url: String? = nil, status: Status? = nil, categories: [String] = [],
        sequence: Int? = nil, recurrenceRule: RecurrenceRule? = nil, exceptionDates: [DateTimeValue] = [],
        recurrenceID: DateTimeValue? = nil, overrides: [Event] = []
    ) throws(CalendarError) {
        self.uid = uid
        self.start = start
        self.end = end
        self.summary = summary
        self.description = description
        self.location = location
        self.url = url
        self.status = status
        self.categories = categories
        self.sequence = sequence
        self.recurrenceRules = recurrenceRule.map { [$0] } ?? []
        self.recurrenceDates = []
        self.appliesToLaterInstances = false
        self.exceptionDates = exceptionDates
        self.recurrenceID = recurrenceID
        self.overrides = overrides
        self.stamp = nil
        self.otherProperties = []
        self.otherComponents = []
        try validate()
    }

    /// Adds a property the typed fields do not cover (an `X-` property, say) with a TEXT value,
    /// escaped like every other text.
    public mutating func addProperty(_ name: String, text: String) {
        otherProperties.append(Property(name, text: text))
    }

    /// The checks of ``init(uid:start:end:summary:description:location:url:status:categories:sequence:recurrenceRule:exceptionDates:recurrenceID:overrides:)``,
    /// run again when the event is written (its fields may have changed since).
    public func validate() throws(CalendarError) {
        guard !uid.isEmpty else { throw CalendarError("an event needs a UID (RFC 5545 §3.6.1)") }
        if case .at(let e) = end {
            switch (start, e) {
            case (.date, .date), (.floating, .floating), (.zoned, .zoned), (.zoned, .utc), (.utc, .utc), (.utc, .zoned): break
            default:
                throw CalendarError("event \(uid): DTEND is \(e.kindName) but DTSTART is \(start.kindName); RFC 5545 §3.6.1 wants the same kind")
            }
        }
        if case .duration(let d) = end, !d.isValid || d.days < 0 || d.seconds < 0 {
            throw CalendarError("event \(uid): a negative DURATION (\(d))")
        }
        if case .date = start, case .duration(let d) = end, d.seconds != 0 {
            throw CalendarError("event \(uid): an all-day event lasts whole days (RFC 5545 §3.6.1: P1D, P2D ...), not \(d)")
        }
        for r in recurrenceRules {
            do throws(CalendarError) { try r.check(start: start) } catch { throw CalendarError("event \(uid): \(error.message)") }
        }
        for d in recurrenceDates { try d.validate(uid: uid) }
        if appliesToLaterInstances, recurrenceID == nil {
            throw CalendarError("event \(uid): RANGE=THISANDFUTURE (appliesToLaterInstances) needs a recurrenceID")
        }
        if let s = sequence, s < 0 { throw CalendarError("event \(uid): SEQUENCE \(s) is negative") }
        for o in overrides {
            guard o.uid == uid else { throw CalendarError("override \(o.uid) of event \(uid) needs the same UID") }
            guard o.recurrenceID != nil else { throw CalendarError("override of event \(uid) needs a recurrenceID (RECURRENCE-ID)") }
            guard o.overrides.isEmpty else { throw CalendarError("override of event \(uid) cannot have overrides itself") }
            try o.validate()
        }
    }

    /// The VEVENT's properties in a fixed order, DTSTAMP first after UID.
    func properties(stamp: Int64) -> [Property] {
        var p: [Property] = []
        p.reserveCapacity(12 + otherProperties.count)
        p.append(Property("UID", text: uid))
        p.append(Property("DTSTAMP", utc: self.stamp ?? stamp))
        if let r = recurrenceID {
            var id = r.property("RECURRENCE-ID")
            if appliesToLaterInstances { id.parameters.append(Parameter("RANGE", "THISANDFUTURE")) }
            p.append(id)
        }
        p.append(start.property("DTSTART"))
        switch end {
        case .at(let e): p.append(e.property("DTEND"))
        case .duration(let d): p.append(Property("DURATION", raw: d.description))
        case nil: break
        }
        for r in recurrenceRules { p.append(Property("RRULE", raw: r.text)) }
        for d in recurrenceDates { p.append(d.property()) }
        for x in exceptionDates { p.append(x.property("EXDATE")) }
        if let s = sequence { p.append(Property("SEQUENCE", raw: String(s))) }
        if let s = status { p.append(Property("STATUS", raw: s.rawValue)) }
        if let s = summary { p.append(Property("SUMMARY", text: s)) }
        if let s = description { p.append(Property("DESCRIPTION", text: s)) }
        if let s = location { p.append(Property("LOCATION", text: s)) }
        if let s = url { p.append(Property("URL", raw: s.filter { !$0.isNewline })) }
        if !categories.isEmpty {
            p.append(Property("CATEGORIES", raw: categories.map(TextEscaping.escape).joined(separator: ",")))
        }
        p.append(contentsOf: otherProperties)
        return p
    }

    /// The VEVENT, and one after it for each override.
    func components(stamp: Int64) -> [Component] {
        var out = [Component("VEVENT", properties: properties(stamp: stamp), components: otherComponents)]
        for o in overrides { out.append(contentsOf: o.components(stamp: stamp)) }
        return out
    }
}
