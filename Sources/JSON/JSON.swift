import Bytes

/// A position in a source file, 1-based; the column counts Unicode scalars.
package struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    package var line: Int
    package var column: Int
    package var description: String { "\(line):\(column)" }

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A parsed file's bytes and where its lines start: kept by a decoded schedule, whose classes
/// and exceptions store byte offsets, so that only a message pays for working out a line and
/// column.
package final class SourceText: Sendable {
    let bytes: [UInt8]
    /// The offset at which each line starts (line 1 after a byte order mark).
    let lineStarts: [Int]

    init(bytes: [UInt8], lineStarts: [Int]) {
        self.bytes = bytes
        self.lineStarts = lineStarts
    }
}

/// Works out line:column locations of byte offsets in a ``SourceText``, each counted from the
/// last one: asked in document order (as messages are), the work stays linear in the file's
/// length even when the whole file is on one line.
package struct SourceLocator {
    private let text: SourceText
    private var cursor: LineCursor

    package init(_ text: SourceText) {
        self.text = text
        cursor = LineCursor(offset: text.lineStarts.first ?? 0)
    }

    package mutating func location(ofOffset offset: Int) -> SourceLocation {
        cursor.location(ofOffset: offset, bytes: text.bytes, lineStarts: text.lineStarts)
    }
}

/// The last location worked out in a file: the next one is counted from it.
struct LineCursor {
    var offset = 0
    var line = 1
    var column = 1

    /// The location of the first byte of line 1 (just after a byte order mark).
    init(offset: Int = 0) { self.offset = offset }

    /// The line and column of a byte offset. Line feeds are counted by the parser as it skips
    /// whitespace (a line feed anywhere else is a syntax error), so `lineStarts` knows every
    /// line; the column counts the bytes that start a UTF-8 scalar from the line's start, or
    /// from the last location worked out when that is on the same line.
    mutating func location(ofOffset offset: Int, bytes: [UInt8], lineStarts: [Int]) -> SourceLocation {
        let line = lineNumber(ofOffset: offset, lineStarts: lineStarts)
        var from = lineStarts[line - 1]
        var column = 1
        if self.line == line {
            from = self.offset
            column = self.column
        }
        let text = ByteCursor(bytes)
        if offset >= from {
            column += text.scalarCount(in: from..<min(offset, bytes.count))
        } else {
            column -= text.scalarCount(in: offset..<from)
        }
        self = LineCursor(offset: offset, line: line, column: column)
        return SourceLocation(line: line, column: column)
    }

    private init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The line containing `offset`: a few steps on from the last one (locations are mostly
    /// asked for in document order), or a binary search.
    private func lineNumber(ofOffset offset: Int, lineStarts: [Int]) -> Int {
        var line = self.line
        if lineStarts[line - 1] <= offset {
            for _ in 0..<8 {
                if line == lineStarts.count || lineStarts[line] > offset { return line }
                line += 1
            }
        }
        // The last line starting at or before `offset`.
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }
}

/// A parsed JSON value that remembers where it was written, so that every schedule error can
/// name its line and column. Object members keep their order and their key's location.
package struct JSONNode: Sendable {
    package enum Value: Sendable {
        case object([Member])
        case array([JSONNode])
        case string(String)
        /// The number exactly as written.
        case number(String)
        case bool(Bool)
        case null
    }

    package struct Member: Sendable {
        package var key: String
        package var keyLocation: SourceLocation
        package var value: JSONNode

        package init(key: String, keyLocation: SourceLocation, value: JSONNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    package var value: Value
    package var location: SourceLocation

    package init(value: Value, location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// What kind of value this is, in words ("a string", "an object").
    package var kind: String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

/// A JSON syntax error with its position.
package struct JSONSyntaxError: Error, Sendable {
    package var location: SourceLocation
    package var message: String

    package init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }
}
