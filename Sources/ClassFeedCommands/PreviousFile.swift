/// A file ClassFeed wrote on an earlier run (a feed, the page): read only when it is a regular
/// file (not a link, FIFO or device) within its limit; anything else is reported as a reason to
/// treat it as damaged and replace it.
package enum PreviousFile {
    case absent
    case bytes([UInt8])
    case damaged(String)
}
