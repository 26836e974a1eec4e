/// A content line's property: name, parameters and the value exactly as written on the wire
/// (already escaped for TEXT values). RFC 5545 §3.1.
///
/// Build TEXT values with ``Property/init(_:text:parameters:)`` so that backslash, semicolon,
/// comma and newline are escaped (§3.3.11); read them back with ``Property/textValue``.
public struct Property: Hashable, Sendable {
    /// The property name, uppercase (`DTSTART`).
    public var name: String
    /// The parameters, in order (`TZID=Europe/London`).
    public var parameters: [Parameter]
    /// The value as it appears after the colon, unfolded.
    public var value: String
    /// The 1-based line where a reader found this property (0 when built in code).
    public var line: Int = 0

    public static func == (a: Property, b: Property) -> Bool {
        a.name == b.name && a.parameters == b.parameters && a.value == b.value
    }
    public func hash(into h: inout Hasher) {
        h.combine(name)
        h.combine(value)
    }

    /// A property whose value is written verbatim (caller guarantees it is valid for its type).
    public init(_ name: String, raw value: String, parameters: [Parameter] = []) {
        self.name = name.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) ? name.uppercased() : name
        self.parameters = parameters
        self.value = value
    }

    /// A property whose name the caller has already uppercased (the reader).
    init(uppercasedName name: String, value: String, parameters: [Parameter]) {
        self.name = name
        self.parameters = parameters
        self.value = value
    }

    /// A TEXT property; the value is escaped.
    public init(_ name: String, text: String, parameters: [Parameter] = []) {
        self.init(name, raw: TextEscaping.escape(text), parameters: parameters)
    }

    /// A DATE-TIME in a named zone: `DTSTART;TZID=Europe/London:20261130T171500` (§3.3.5 form 3).
    public init(_ name: String, local: LocalDateTime, timeZone: String) {
        self.init(name, raw: local.basicFormat, parameters: [Parameter("TZID", timeZone)])
    }

    /// A UTC DATE-TIME: `DTSTAMP:20261127T062500Z` (§3.3.5 form 2).
    public init(_ name: String, utc instant: Int64) {
        self.init(name, raw: Property.utcString(instant))
    }

    /// A DATE value: `EXDATE;VALUE=DATE:20261224` (§3.3.4).
    public init(_ name: String, date: LocalDate) {
        self.init(name, raw: date.basicFormat, parameters: [Parameter("VALUE", "DATE")])
    }

    /// `YYYYMMDDTHHMMSSZ` for an instant.
    public static func utcString(_ instant: Int64) -> String {
        LocalDateTime(localSeconds: instant).basicFormat + "Z"
    }

    /// The first parameter with this name.
    public func parameter(_ name: String) -> Parameter? {
        let n = name.uppercased()
        return parameters.first { $0.name == n }
    }

    /// The value unescaped as TEXT (§3.3.11).
    public var textValue: String { TextEscaping.unescape(value) }
}
