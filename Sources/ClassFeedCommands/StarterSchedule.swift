import CivilTime
import JSON

/// The schedule.json `classfeed init` writes: the calendar, one weekly class and one closure
/// (the coming winter break, which always holds a Monday), in the layout `classfeed exceptions`
/// rewrites a schedule in (``JSONLayout``), so that the first edit changes only what it edits.
struct StarterSchedule {
    var id: String
    var name: String
    var timeZone: String
    /// Today in the studio's zone: the closure is the next winter break still to come.
    var today: LocalDate

    let classTitle = "Example class"
    let classWhen = "Mondays 18:00, an hour"
    let closureReason = "Winter break"

    /// 24 December to 1 January: this year's, or next year's from 24 December on.
    var closureFrom: LocalDate {
        let c = today.components
        let year = c.month == 12 && c.day >= 24 ? c.year + 1 : c.year
        return LocalDate(year: year, month: 12, day: 24) ?? today
    }

    var closureTo: LocalDate { closureFrom.adding(days: 8) }

    /// A domain under `.example` (RFC 2606), which no one owns: a placeholder to replace.
    var uidDomain: String { id + ".example" }

    var text: String {
        let q = JSONLayout.quote
        return """
            {
              "calendar": {
                "id": \(q(id)),
                "name": \(q(name)),
                "timezone": \(q(timeZone)),
                "uidDomain": \(q(uidDomain))
              },
              "classes": [
                {
                  "id": "example-class",
                  "title": \(q(classTitle)),
                  "days": ["monday"],
                  "start": "18:00",
                  "durationMinutes": 60
                }
              ],
              "exceptions": [
                { "from": "\(closureFrom)", "to": "\(closureTo)", "reason": \(q(closureReason)) }
              ]
            }

            """
    }

    var bytes: [UInt8] { Array(text.utf8) }
}
