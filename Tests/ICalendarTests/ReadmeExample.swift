// No Foundation here: the README's example is compiled in a file that imports only ICalendar,
// as a reader's first program would (with Foundation imported, say `ICalendar.Calendar`).
import ICalendar

/// The README's library example, verbatim between the markers (ReadmeExampleTests checks it).
enum ReadmeExample {
    static func body() throws -> [UInt8] {
        // README example begins
        let mondays = try RecurrenceRule(.weekly, byDay: [.every(.monday)], end: .count(10))
        let calendar = try Calendar(name: "Stillpoint Studio", refreshInterval: .hours(1), events: [
            Event(uid: "hips@stillpoint.example", start: .local(2026, 11, 30, 17, 15, in: "Europe/London"),
                  end: .duration(.minutes(30)), summary: "Hip Mobility & Stretch", recurrenceRule: mondays),
            Event(uid: "flow@stillpoint.example", start: .local(2026, 12, 2, 7, 0, in: "America/New_York"),
                  end: .duration(.hours(1)), summary: "Morning Flow; all levels", location: "Room 2"),
            Event(uid: "closed@stillpoint.example", start: .allDay(2026, 12, 25), summary: "Studio closed"),
        ])
        let body = try calendar.serialized(stamp: 1_796_000_000, timeZones: TimeZoneDatabase())  // stamp: your clock's time
        // README example ends
        return body
    }
}
