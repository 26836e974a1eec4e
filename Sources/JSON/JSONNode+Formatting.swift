/// The one formatting `classfeed exceptions` writes schedule.json in (docs/EXCEPTIONS.md,
/// "How schedule.json is rewritten"). Only layout is decided here: keys keep their order,
/// numbers keep their text, strings keep their characters.
///
/// - UTF-8 without a byte order mark, LF line ends, a final newline.
/// - Two spaces of indentation per level; one object member or array element per line.
/// - An array of scalars (strings, numbers, true/false/null) stays on one line,
///   `["monday", "thursday"]`; when that line would pass ``JSONLayout/width`` columns it is
///   wrapped, as many elements per line as fit.
/// - Each entry of the top-level `exceptions` array is one line,
///   `{ "date": "2026-12-24", "reason": "Christmas Eve" }`, objects inside it too.
/// - Empty objects and arrays are `{}` and `[]`.
/// - Strings escape only what JSON requires: `"` and `\` as `\"` and `\\`, line feed, tab,
///   carriage return, backspace and form feed as `\n` `\t` `\r` `\b` `\f`, other control
///   characters as `\u00XX`. Everything else, non-ASCII letters included, is written as itself.
package enum JSONLayout {
    /// Columns a wrapped scalar array fills up to.
    package static let width = 100

    package static func format(_ root: JSONNode) -> [UInt8] {
        var out = ""
        write(root, into: &out, indent: 0, column: 0, context: .root)
        out += "\n"
        return Array(out.utf8)
    }

    private enum Context { case root, member, element }

    private static func write(_ node: JSONNode, into out: inout String, indent: Int, column: Int, context: Context) {
        switch node.value {
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            let pad = String(repeating: " ", count: indent + 2)
            for (i, m) in members.enumerated() {
                let prefix = pad + quote(m.key) + ": "
                out += prefix
                if context == .root, m.key == "exceptions", case .array(let items) = m.value.value {
                    writeOneLinePerElement(items, into: &out, indent: indent + 2)
                } else {
                    write(m.value, into: &out, indent: indent + 2, column: prefix.count, context: .member)
                }
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        case .array(let items):
            if items.isEmpty {
                out += "[]"
            } else if items.allSatisfy(\.isScalar) {
                writeScalars(items, into: &out, indent: indent, column: column)
            } else {
                out += "[\n"
                let pad = String(repeating: " ", count: indent + 2)
                for (i, item) in items.enumerated() {
                    out += pad
                    write(item, into: &out, indent: indent + 2, column: pad.count, context: .element)
                    out += i == items.count - 1 ? "\n" : ",\n"
                }
                out += String(repeating: " ", count: indent) + "]"
            }
        default:
            out += scalar(node)
        }
    }

    private static func writeOneLinePerElement(_ items: [JSONNode], into out: inout String, indent: Int) {
        if items.isEmpty {
            out += "[]"
            return
        }
        out += "[\n"
        let pad = String(repeating: " ", count: indent + 2)
        for (i, item) in items.enumerated() {
            out += pad + oneLine(item)
            out += i == items.count - 1 ? "\n" : ",\n"
        }
        out += String(repeating: " ", count: indent) + "]"
    }

    private static func writeScalars(_ items: [JSONNode], into out: inout String, indent: Int, column: Int) {
        let texts = items.map(scalar)
        let oneLine = "[" + texts.joined(separator: ", ") + "]"
        if column + oneLine.count + 1 <= width {
            out += oneLine
            return
        }
        let pad = String(repeating: " ", count: indent + 2)
        var line = pad
        out += "[\n"
        for (i, t) in texts.enumerated() {
            let piece = t + (i == texts.count - 1 ? "" : ",")
            if line.count > pad.count && line.count + 1 + piece.count > width {
                out += line + "\n"
                line = pad
            }
            line += (line.count > pad.count ? " " : "") + piece
        }
        out += line + "\n" + String(repeating: " ", count: indent) + "]"
    }

    /// `{ "date": "2026-12-10", "moveTo": { "start": "18:00" } }`.
    package static func oneLine(_ node: JSONNode) -> String {
        switch node.value {
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{ " + members.map { quote($0.key) + ": " + oneLine($0.value) }.joined(separator: ", ") + " }"
        case .array(let items):
            return "[" + items.map(oneLine).joined(separator: ", ") + "]"
        default:
            return scalar(node)
        }
    }

    private static func scalar(_ node: JSONNode) -> String {
        switch node.value {
        case .string(let s): quote(s)
        case .number(let raw): raw
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        case .object, .array: oneLine(node)
        }
    }

    /// A JSON string literal with the minimal escaping described above.
    package static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

extension JSONNode {
    /// A string, number, boolean or null.
    package var isScalar: Bool {
        switch value {
        case .object, .array: false
        default: true
        }
    }

    /// A node built in code (no source location).
    package init(_ value: Value) {
        self.init(value: value, location: SourceLocation(line: 0, column: 0))
    }

    /// An object built in code from keys and values, in order.
    package static func object(_ pairs: [(String, JSONNode)]) -> JSONNode {
        JSONNode(.object(pairs.map { Member(key: $0.0, keyLocation: SourceLocation(line: 0, column: 0), value: $0.1) }))
    }

    package static func string(_ s: String) -> JSONNode { JSONNode(.string(s)) }
}
