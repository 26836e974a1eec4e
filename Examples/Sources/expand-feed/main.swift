// Reads a feed and lists the instances of its events between two dates, with Foundation's
// Date through the ICalendarFoundation product. The RRULE differential test
// (Tests/interop/rrule_differential.py) runs it against python-dateutil.
//
// Run: swift run expand-feed FILE.ics FROM TO    (FROM and TO: seconds since 1970 UTC)
// Prints one line per instance: UID, start and end (seconds since 1970 UTC), tab-separated.
import Foundation
import ICalendarFoundation

let arguments = CommandLine.arguments
guard arguments.count == 4, let from = Int64(arguments[2]), let to = Int64(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: expand-feed FILE.ics FROM TO (seconds since 1970 UTC)\n".utf8))
    exit(64)
}
do {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: arguments[1])))
    let calendar = try ICalendar.Calendar(parsing: bytes)
    let window = (Date(instant: from), Date(instant: to))
    var out = ""
    for instance in try calendar.occurrences(from: window.0, to: window.1, timeZones: TimeZoneDatabase()) {
        out += "\(instance.uid)\t\(instance.startDate.instant)\t\(instance.endDate.instant)\n"
    }
    FileHandle.standardOutput.write(Data(out.utf8))
} catch {
    FileHandle.standardError.write(Data("expand-feed: \(error)\n".utf8))
    exit(65)
}
