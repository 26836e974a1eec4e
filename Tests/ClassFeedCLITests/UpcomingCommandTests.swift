import Foundation
import Testing

@Suite("classfeed upcoming")
struct UpcomingCommandTests {
    @Test("the table is aligned, marks cancellations and moves, and has no colour when piped")
    func table() throws {
        let studio = try Studio(schedule: ExceptionsCommandTests.circl(
            insertingException: #"{ "date": "2027-01-07", "class": "hips-thursday", "moveTo": { "date": "2027-01-08", "start": "18:00" }, "reason": "Hall booked" }"#))
        let r = try studio.run("upcoming", "--now", "2026-12-14T09:00:00Z", "--days", "28")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "")
        #expect(r.stdout == """
            Classes from Mon 14 Dec 2026 to Sun 10 Jan 2027 (times in Europe/London)
              Mon 14 Dec 2026  17:15  Hip Mobility & Stretch
              Thu 17 Dec 2026  19:00  Hip Mobility & Stretch
              Mon 21 Dec 2026  17:15  Hip Mobility & Stretch
              Thu 24 Dec 2026  19:00  Hip Mobility & Stretch  cancelled: Christmas closure
              Mon 28 Dec 2026  17:15  Hip Mobility & Stretch  cancelled: Christmas closure
              Thu 31 Dec 2026  19:00  Hip Mobility & Stretch  cancelled: Christmas closure
              Mon  4 Jan 2027  17:15  Hip Mobility & Stretch
              Fri  8 Jan 2027  18:00  Hip Mobility & Stretch  moved from Thu 7 Jan 2027 19:00 (Hall booked)

            """)
    }

    @Test("--class narrows the table to one class")
    func oneClass() throws {
        let studio = try Studio()
        let r = try studio.run("upcoming", "--now", "2026-12-20T09:00:00Z", "--class", "hips-monday", "--days", "21")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            Classes from Sun 20 Dec 2026 to Sat 9 Jan 2027 (times in Europe/London)
              Mon 21 Dec 2026  17:15  Hip Mobility & Stretch
              Mon 28 Dec 2026  17:15  Hip Mobility & Stretch  cancelled: Christmas closure
              Mon  4 Jan 2027  17:15  Hip Mobility & Stretch

            """)
    }

    @Test("--json keeps its field names and order for scripts")
    func json() throws {
        let studio = try Studio()
        let r = try studio.run("upcoming", "--json", "--now", "2026-12-24T09:00:00Z", "--days", "1")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            [
              {"uid": "hips-thursday-20261224@circl.example", "class": "hips-thursday", "title": "Hip Mobility & Stretch", "summary": "Cancelled: Hip Mobility & Stretch (Christmas closure)", "status": "cancelled", "start": "2026-12-24T19:00:00Z", "end": "2026-12-24T19:30:00Z", "timezone": "Europe/London", "localStart": "2026-12-24T19:00", "date": "2026-12-24", "originalDate": "2026-12-24", "reason": "Christmas closure"}
            ]

            """)
    }
}
