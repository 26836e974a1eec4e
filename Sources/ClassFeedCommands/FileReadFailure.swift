/// Why a file could not be opened for reading.
package enum FileReadFailure: Error, Equatable {
    case missing
    /// Not a regular file: what it is instead ("a named pipe (FIFO)", "a folder", ...).
    case notRegular(String)
    /// A symbolic link where one is not followed (a previous output, which is replaced).
    case symlink
    case tooLarge(size: Int64, limit: Int)
    /// With the errno's text.
    case unreadable(code: Int32, text: String)

    /// "is a named pipe (FIFO), not a regular file": follows the file's path in a message.
    package var reason: String {
        switch self {
        case .missing: return "no such file"
        case .notRegular(let kind): return "is \(kind), not a regular file"
        case .symlink: return "is a symbolic link"
        case .tooLarge(let size, let limit): return "is \(size) bytes; the limit is \(limit) bytes"
        case .unreadable(_, let text): return "cannot be read: \(text)"
        }
    }

    /// The system's words for an unreadable file ("Input/output error"), else ``reason``.
    package var systemText: String {
        if case .unreadable(_, let text) = self { return text }
        return reason
    }
}
