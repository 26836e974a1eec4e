/// The words the subscribe page says to members that are not in the page's markup: the copy
/// button, the Android and Google Calendar steps, the time zone in plain words, the shared end
/// of term. One place, so that the page can be translated here (issue 18).
///
/// Each value is HTML as written into the page (`StaticString` markup, or a function that
/// escapes what it is given).
enum PageWording {
    // MARK: - The calendar address and its copy button

    /// The copy button's label; the script (``SubscribePage/copyScript``) never words anything
    /// itself, so that a translation does not change its hash.
    static let copyButton: StaticString = "Copy"
    /// What the button says for a moment after copying (its `data-copied` attribute).
    static let copiedButton: StaticString = "Copied"

    // MARK: - Android and Google Calendar

    static let googleHeading: StaticString = "Android phone or Google Calendar"
    static let googleStepOne: StaticString =
        "<li>On a computer, open <a href=\"https://calendar.google.com/calendar/r/settings/addbyurl\">Google Calendar’s “From URL” page</a> (in Google Calendar: <em>Other calendars</em> › <em>+</em> › <em>From URL</em>). The Google Calendar app on an Android phone cannot add a calendar by its address, so use a computer once.</li>"
    static let googleStepTwo: StaticString = "<li>Paste the calendar address above and choose <em>Add calendar</em>.</li>"
    static let googleHint: StaticString =
        "<p class=\"hint\">It then shows in the Google Calendar app on your phone (Android or iPhone) too. Google looks for changes only every 8 to 24 hours, so a same-day change may reach you late.</p>"

    // MARK: - Terms

    /// "All classes run until <time …>Sat 17 Jul 2027</time>.": said once when every class in
    /// the timetable ends on the same day.
    static let allClassesUntil: StaticString = "All classes run until "
    static let allClassesUntilEnd: StaticString = "."

    // MARK: - The time zone

    /// What members call a zone whose city is not the name they know it by; any other zone is
    /// its city ("Europe/Paris": "Paris time").
    static let zoneNames: [String: String] = [
        "Europe/London": "UK time", "Europe/Belfast": "UK time", "GB": "UK time",
        "Europe/Dublin": "Irish time", "Eire": "Irish time",
        "America/New_York": "US Eastern time", "US/Eastern": "US Eastern time", "America/Detroit": "US Eastern time",
        "America/Chicago": "US Central time", "US/Central": "US Central time",
        "America/Denver": "US Mountain time", "US/Mountain": "US Mountain time",
        "America/Phoenix": "Arizona time",
        "America/Los_Angeles": "US Pacific time", "US/Pacific": "US Pacific time",
        "America/Anchorage": "Alaska time", "Pacific/Honolulu": "Hawaii time",
        "America/Toronto": "Eastern time", "America/Vancouver": "Pacific time",
        "America/Sao_Paulo": "São Paulo time",
        "Asia/Kolkata": "India time", "Asia/Calcutta": "India time",
        "Asia/Tokyo": "Japan time", "Asia/Shanghai": "China time",
        "Pacific/Auckland": "New Zealand time", "NZ": "New Zealand time",
        "UTC": "UTC", "Etc/UTC": "UTC", "Etc/GMT": "GMT",
    ]

    /// "UK time", "Paris time" (the last part of the name, '_' as spaces), or the zone's own
    /// name when it has no city ("Etc/GMT+5 time").
    static func zoneName(_ identifier: String) -> String {
        if let known = zoneNames[identifier] { return known }
        let last = identifier.split(separator: "/").last ?? Substring(identifier)
        let city = String(last.map { $0 == "_" ? " " : $0 })
        if identifier.hasPrefix("Etc/") || city.contains(where: \.isNumber) { return identifier + " time" }
        return city + " time"
    }

    /// "Times are UK time (GMT, or BST in summer).", "Times are India time (IST).", "Times are
    /// Santiago time, which changes for summer." `standard` and `summer` are the zone's
    /// abbreviations in the coming year, nil where the tz data has only a number ("-04");
    /// `hasSummerTime` says whether the offset changes in that year. Escaped.
    static func zoneSentence(name: String, standard: String?, summer: String?, hasSummerTime: Bool) -> String {
        var s = "Times are " + HTMLText.escape(name)
        if hasSummerTime {
            if let standard, let summer {
                s += " (" + HTMLText.escape(standard) + ", or " + HTMLText.escape(summer) + " in summer)"
            } else {
                s += ", which changes for summer"
            }
        } else if let standard, standard != name {
            s += " (" + HTMLText.escape(standard) + ")"
        }
        return s + "."
    }

    /// "Times are UK time." in the footer.
    static func footerZone(name: String) -> String { "Times are " + HTMLText.escape(name) + "." }

    /// " (US Eastern time)" after a class in another zone than the calendar's. Escaped.
    static func zoneNote(name: String) -> String { "(" + HTMLText.escape(name) + ")" }
}
