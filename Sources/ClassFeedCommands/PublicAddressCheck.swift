import Timetable

/// What the owner is told about `calendar.publicURL` by `check` and by `build` at a terminal.
/// Not schedule warnings (`--strict` does not refuse a schedule without one: downloads work),
/// but worded as diagnostics are, and said to the owner rather than to members on the page.
enum PublicAddressCheck {
    static func warnings(_ schedule: Schedule) -> [Diagnostic] {
        let path = "calendar.publicURL"
        guard let url = schedule.calendar.publicURL else {
            return [
                Diagnostic(
                    .warning, file: schedule.sourceFile, location: nil, path: path,
                    message: "not set: members can only download one-time copies, which never update",
                    hint: "set it to the https address of the folder that serves output/, e.g. \"https://circl.example/feeds/\"")
            ]
        }
        if url.lowercased().hasPrefix("http://") {
            return [
                Diagnostic(
                    .warning, file: schedule.sourceFile, location: nil, path: path,
                    message: "\"\(url)\" is not https: iPhones and Google Calendar subscribe only to https:// addresses",
                    hint: "serve the folder over https (see \"Set up your studio\" in the README) and write \"https://\(url.dropFirst("http://".count))\"")
            ]
        }
        return []
    }
}
