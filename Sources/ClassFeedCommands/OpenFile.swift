/// A file opened for reading: its size when opened (0 for files under /proc, whose size is
/// only known by reading) and its bytes, a chunk at a time.
package protocol OpenFile {
    var size: Int64 { get }
    /// Reads up to `count` bytes into `buffer[offset...]`; the number read (0 at the end).
    func read(into buffer: inout [UInt8], at offset: Int, count: Int) throws(FileReadFailure) -> Int
    /// Moves to `offset` bytes from the file's start, where the next read begins; false when it cannot.
    func seek(to offset: Int64) -> Bool
    func close()
}
