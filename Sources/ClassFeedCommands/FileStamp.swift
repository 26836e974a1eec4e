/// What the run record keeps of an output file to tell, on the next run, whether it is still
/// the file that run left (git's index does the same for the work tree): its size, its
/// modification and status-change times in nanoseconds, and its inode on its device. An edit,
/// a rename over it, a `touch`, a restore from backup or a chmod changes at least one; a change
/// of the status-change time cannot be undone by hand (`touch -d` sets only the other two).
package struct FileStamp: Equatable, Sendable {
    package var size: Int64
    package var modified: Int64
    package var changed: Int64
    package var inode: UInt64
    package var device: UInt64

    package init(size: Int64, modified: Int64, changed: Int64, inode: UInt64, device: UInt64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
        self.device = device
    }

    /// Five decimal fields, as the run record writes them.
    var fields: String { "\(size) \(modified) \(changed) \(inode) \(device)" }

    init?<S: StringProtocol>(fields: [S]) {
        guard fields.count == 5, let size = Int64(fields[0]), let modified = Int64(fields[1]), let changed = Int64(fields[2]),
            let inode = UInt64(fields[3]), let device = UInt64(fields[4])
        else { return nil }
        self.init(size: size, modified: modified, changed: changed, inode: inode, device: device)
    }
}
