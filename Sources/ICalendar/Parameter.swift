/// A property parameter (RFC 5545 §3.2), e.g. `TZID=Europe/London` or `VALUE=DATE`.
public struct Parameter: Hashable, Sendable {
    /// The parameter name, uppercase ("TZID").
    public var name: String
    /// One or more values; several are written comma-separated.
    public var values: [String]

    /// A parameter with one or more values: `Parameter("TZID", "Europe/London")`.
    public init(_ name: String, _ values: String...) {
        self.name = name.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) ? name.uppercased() : name
        self.values = values
    }

    /// A parameter with a list of values; the name is uppercased.
    public init(name: String, values: [String]) {
        self.name = name.uppercased()
        self.values = values
    }

    /// The first value, the common case.
    public var value: String { values.first ?? "" }
}
