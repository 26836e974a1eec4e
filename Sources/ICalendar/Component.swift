/// A calendar component (RFC 5545 §3.6): `VCALENDAR`, `VEVENT`, `VTIMEZONE`, `STANDARD` ...
/// with its properties in order and its sub-components.
public struct Component: Hashable, Sendable {
    /// The component name, uppercase (`VEVENT`).
    public var name: String
    /// The properties, in the order they are written.
    public var properties: [Property]
    /// The sub-components (VALARM in a VEVENT, STANDARD in a VTIMEZONE), in order.
    public var components: [Component]
    /// The 1-based line of the `BEGIN:` when read from text (0 when built in code).
    public var line: Int = 0

    /// A component; the name is uppercased.
    public init(_ name: String, properties: [Property] = [], components: [Component] = []) {
        self.name = name.uppercased()
        self.properties = properties
        self.components = components
    }

    /// The first property with this name.
    public func property(_ name: String) -> Property? {
        let n = name.uppercased()
        return properties.first { $0.name == n }
    }

    /// Every property with this name, in order.
    public func properties(named name: String) -> [Property] {
        let n = name.uppercased()
        return properties.filter { $0.name == n }
    }

    /// Sub-components with this name.
    public func components(named name: String) -> [Component] {
        let n = name.uppercased()
        return components.filter { $0.name == n }
    }

    /// The component as iCalendar bytes (CRLF line ends, folded at 75 octets).
    public func serialized() -> [UInt8] {
        var w = ContentLineWriter()
        w.write(self)
        return w.bytes
    }
}
