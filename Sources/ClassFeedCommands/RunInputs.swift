import CivilTime

/// The files a full build read, by digest, gathered as they are read so that the run record
/// describes exactly the bytes the feeds were built from: the holiday calendars as
/// ``HolidayLoading`` reads them, each zone file just before the tz database reads it (a tzdata
/// update in between leaves the record with the older digest, so the next run rebuilds).
final class RunInputs {
    private(set) var holidays: [RunRecord.Input] = []
    private(set) var zones: [RunRecord.Input] = []
    let zoneDirectory: String

    init(zoneDirectory: String) { self.zoneDirectory = zoneDirectory }

    func holidayRead(_ path: String, _ bytes: [UInt8]) { fileRead(path, bytes) }

    /// Any file beside the schedule that shapes the output (a holiday calendar, the logo): kept
    /// with the holiday calendars, whose record lines the next run compares byte for byte.
    func fileRead(_ path: String, _ bytes: [UInt8]) {
        holidays.append(RunRecord.Input(name: path, digest: ContentDigest.hex(bytes)))
    }

    /// Called before the tz database reads `name`; an unreadable file is recorded as such and
    /// never matches.
    func zoneAboutToBeRead(_ name: String) {
        guard !zones.contains(where: { $0.name == name }) else { return }
        let digest = Self.zoneFile(directory: zoneDirectory, name: name).map { ContentDigest.hex($0) } ?? "unreadable"
        zones.append(RunRecord.Input(name: name, digest: digest))
    }

    /// A zone file's bytes, read from the disk as `TimeZoneDatabase` reads it (it does not go
    /// through the commands' ``FileSystem``), or nil.
    static func zoneFile(directory: String, name: String) -> [UInt8]? {
        guard TimeZoneDatabase.isWellFormedName(name),
            case .success(let bytes) = POSIXFileSystem().readWhole(directory + "/" + name, limit: TimeZoneDatabase.fileSizeLimit, followSymlink: true)
        else { return nil }
        return bytes
    }
}
