import ICalendar
import Testing

/// The RRULE examples of RFC 5545 §3.8.5.3, each with the instances the RFC lists, expanded in
/// America/New_York (the RFC's "Eastern United States time zone") and compared in wall time:
/// 9:00 before and after the change from EDT to EST.
@Suite("RFC 5545 §3.8.5.3 recurrence examples")
struct RecurrenceRFCExamplesTests {
    struct Example: CustomTestStringConvertible, Sendable {
        /// The RFC's title of the example.
        var title: String
        /// DTSTART's local date-time in America/New_York, basic format.
        var start: String
        var rule: String
        /// The instances: `YYYYMM:days` (9:00 on each; days as `2,4`, `2-11` or `2-30/2`) or
        /// `YYYYMMDD@HHMM,HHMM`. For a rule without an end, the first instances.
        var expected: String
        var exdate: String? = nil
        /// The window's end (exclusive), seconds since 1970 UTC: 1 Jan 2008 unless a rule
        /// without an end gives thousands of instances before then.
        var through: Int64 = Int64(LocalDate.dayNumber(year: 2008, month: 1, day: 1)) * 86400
        var testDescription: String { title }
    }

    static let examples: [Example] = [
        Example(title: "Daily for 10 occurrences", start: "19970902T090000", rule: "FREQ=DAILY;COUNT=10", expected: "199709:2-11"),
        Example(
            title: "Daily until December 24, 1997", start: "19970902T090000", rule: "FREQ=DAILY;UNTIL=19971224T000000Z",
            expected: "199709:2-30 199710:1-31 199711:1-30 199712:1-23"),
        Example(
            title: "Every other day - forever", start: "19970902T090000", rule: "FREQ=DAILY;INTERVAL=2",
            expected: "199709:2-30/2 199710:2-30/2 199711:1-29/2 199712:1,3"),
        Example(
            title: "Every 10 days, 5 occurrences", start: "19970902T090000", rule: "FREQ=DAILY;INTERVAL=10;COUNT=5",
            expected: "199709:2,12,22 199710:2,12"),
        Example(
            title: "Every day in January, for 3 years (yearly)", start: "19980101T090000",
            rule: "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
            expected: "199801:1-31 199901:1-31 200001:1-31"),
        Example(
            title: "Every day in January, for 3 years (daily)", start: "19980101T090000",
            rule: "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1", expected: "199801:1-31 199901:1-31 200001:1-31"),
        Example(
            title: "Weekly for 10 occurrences", start: "19970902T090000", rule: "FREQ=WEEKLY;COUNT=10",
            expected: "199709:2,9,16,23,30 199710:7,14,21,28 199711:4"),
        Example(
            title: "Weekly until December 24, 1997", start: "19970902T090000", rule: "FREQ=WEEKLY;UNTIL=19971224T000000Z",
            expected: "199709:2,9,16,23,30 199710:7,14,21,28 199711:4,11,18,25 199712:2,9,16,23"),
        Example(
            title: "Every other week - forever", start: "19970902T090000", rule: "FREQ=WEEKLY;INTERVAL=2;WKST=SU",
            expected: "199709:2,16,30 199710:14,28 199711:11,25 199712:9,23 199801:6,20 199802:3,17"),
        Example(
            title: "Weekly on Tuesday and Thursday for five weeks (until)", start: "19970902T090000",
            rule: "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", expected: "199709:2,4,9,11,16,18,23,25,30 199710:2"),
        Example(
            title: "Weekly on Tuesday and Thursday for five weeks (count)", start: "19970902T090000",
            rule: "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", expected: "199709:2,4,9,11,16,18,23,25,30 199710:2"),
        Example(
            title: "Every other week on Monday, Wednesday, and Friday until December 24, 1997", start: "19970901T090000",
            rule: "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
            expected: "199709:1,3,5,15,17,19,29 199710:1,3,13,15,17,27,29,31 199711:10,12,14,24,26,28 199712:8,10,12,22"),
        Example(
            title: "Every other week on Tuesday and Thursday, for 8 occurrences", start: "19970902T090000",
            rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", expected: "199709:2,4,16,18,30 199710:2,14,16"),
        Example(
            title: "Monthly on the first Friday for 10 occurrences", start: "19970905T090000", rule: "FREQ=MONTHLY;COUNT=10;BYDAY=1FR",
            expected: "199709:5 199710:3 199711:7 199712:5 199801:2 199802:6 199803:6 199804:3 199805:1 199806:5"),
        Example(
            title: "Monthly on the first Friday until December 24, 1997", start: "19970905T090000",
            rule: "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR", expected: "199709:5 199710:3 199711:7 199712:5"),
        Example(
            title: "Every other month on the first and last Sunday of the month for 10 occurrences", start: "19970907T090000",
            rule: "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU",
            expected: "199709:7,28 199711:2,30 199801:4,25 199803:1,29 199805:3,31"),
        Example(
            title: "Monthly on the second-to-last Monday of the month for 6 months", start: "19970922T090000",
            rule: "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", expected: "199709:22 199710:20 199711:17 199712:22 199801:19 199802:16"),
        Example(
            title: "Monthly on the third-to-the-last day of the month, forever", start: "19970928T090000",
            rule: "FREQ=MONTHLY;BYMONTHDAY=-3", expected: "199709:28 199710:29 199711:28 199712:29 199801:29 199802:26"),
        Example(
            title: "Monthly on the 2nd and 15th of the month for 10 occurrences", start: "19970902T090000",
            rule: "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", expected: "199709:2,15 199710:2,15 199711:2,15 199712:2,15 199801:2,15"),
        Example(
            title: "Monthly on the first and last day of the month for 10 occurrences", start: "19970930T090000",
            rule: "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", expected: "199709:30 199710:1,31 199711:1,30 199712:1,31 199801:1,31 199802:1"),
        Example(
            title: "Every 18 months on the 10th thru 15th of the month for 10 occurrences", start: "19970910T090000",
            rule: "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15", expected: "199709:10-15 199903:10-13"),
        Example(
            title: "Every Tuesday, every other month", start: "19970902T090000", rule: "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU",
            expected: "199709:2,9,16,23,30 199711:4,11,18,25 199801:6,13,20,27 199803:3,10,17,24,31"),
        Example(
            title: "Yearly in June and July for 10 occurrences", start: "19970610T090000", rule: "FREQ=YEARLY;COUNT=10;BYMONTH=6,7",
            expected: "199706:10 199707:10 199806:10 199807:10 199906:10 199907:10 200006:10 200007:10 200106:10 200107:10"),
        Example(
            title: "Every other year on January, February, and March for 10 occurrences", start: "19970310T090000",
            rule: "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3",
            expected: "199703:10 199901:10 199902:10 199903:10 200101:10 200102:10 200103:10 200301:10 200302:10 200303:10"),
        Example(
            title: "Every third year on the 1st, 100th, and 200th day for 10 occurrences", start: "19970101T090000",
            rule: "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200",
            expected: "199701:1 199704:10 199707:19 200001:1 200004:9 200007:18 200301:1 200304:10 200307:19 200601:1"),
        Example(
            title: "Every 20th Monday of the year, forever", start: "19970519T090000", rule: "FREQ=YEARLY;BYDAY=20MO",
            expected: "199705:19 199805:18 199905:17"),
        Example(
            title: "Monday of week number 20, forever", start: "19970512T090000", rule: "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
            expected: "199705:12 199805:11 199905:17"),
        Example(
            title: "Every Thursday in March, forever", start: "19970313T090000", rule: "FREQ=YEARLY;BYMONTH=3;BYDAY=TH",
            expected: "199703:13,20,27 199803:5,12,19,26 199903:4,11,18,25"),
        Example(
            title: "Every Thursday, but only during June, July, and August, forever", start: "19970605T090000",
            rule: "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8",
            expected: "199706:5,12,19,26 199707:3,10,17,24,31 199708:7,14,21,28 199806:4,11,18,25 199807:2,9,16,23,30 "
                + "199808:6,13,20,27 199906:3,10,17,24 199907:1,8,15,22,29 199908:5,12,19,26"),
        Example(
            title: "Every Friday the 13th, forever", start: "19970902T090000", rule: "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
            expected: "199802:13 199803:13 199811:13 199908:13 200010:13", exdate: "19970902T090000"),
        Example(
            title: "The first Saturday that follows the first Sunday of the month, forever", start: "19970913T090000",
            rule: "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13",
            expected: "199709:13 199710:11 199711:8 199712:13 199801:10 199802:7 199803:7 199804:11 199805:9 199806:13"),
        Example(
            title: "Every 4 years, the first Tuesday after a Monday in November, forever", start: "19961105T090000",
            rule: "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", expected: "199611:5 200011:7 200411:2"),
        Example(
            title: "The third instance into the month of one of Tuesday, Wednesday, or Thursday, for the next 3 months",
            start: "19970904T090000", rule: "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", expected: "199709:4 199710:7 199711:6"),
        Example(
            title: "The second-to-last weekday of the month", start: "19970929T090000",
            rule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
            expected: "199709:29 199710:30 199711:27 199712:30 199801:29 199802:26 199803:30"),
        // The RFC lists 15:00 as well, but 15:00 EDT is 19:00 UTC, after UNTIL (17:00 UTC, 13:00 EDT).
        Example(
            title: "Every 3 hours from 9:00 AM to 5:00 PM on a specific day", start: "19970902T090000",
            rule: "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z", expected: "19970902@0900,1200"),
        Example(
            title: "Every 15 minutes for 6 occurrences", start: "19970902T090000", rule: "FREQ=MINUTELY;INTERVAL=15;COUNT=6",
            expected: "19970902@0900,0915,0930,0945,1000,1015"),
        Example(
            title: "Every hour and a half for 4 occurrences", start: "19970902T090000", rule: "FREQ=MINUTELY;INTERVAL=90;COUNT=4",
            expected: "19970902@0900,1030,1200,1330"),
        Example(
            title: "Every 20 minutes from 9:00 AM to 4:40 PM every day (daily)", start: "19970902T090000",
            rule: "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40", expected: Self.everyTwentyMinutes,
            through: Self.fourthSeptember),
        Example(
            title: "Every 20 minutes from 9:00 AM to 4:40 PM every day (minutely)", start: "19970902T090000",
            rule: "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16", expected: Self.everyTwentyMinutes,
            through: Self.fourthSeptember),
        Example(
            title: "The days generated depend on WKST (MO)", start: "19970805T090000",
            rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", expected: "199708:5,10,19,24"),
        Example(
            title: "The days generated depend on WKST (SU)", start: "19970805T090000",
            rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", expected: "199708:5,17,19,31"),
        Example(
            title: "An invalid date (February 30) is ignored", start: "20070115T090000", rule: "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5",
            expected: "200701:15,30 200702:15 200703:15,30"),
    ]

    /// 4 September 1997, 00:00 UTC.
    static let fourthSeptember = Int64(LocalDate.dayNumber(year: 1997, month: 9, day: 4)) * 86400

    /// 9:00, 9:20 ... 16:40 on 2 and 3 September 1997.
    static let everyTwentyMinutes: String = {
        var times: [String] = []
        for h in 9...16 {
            for m in ["00", "20", "40"] { times.append((h < 10 ? "0" : "") + String(h) + m) }
        }
        let list = times.joined(separator: ",")
        return "19970902@" + list + " 19970903@" + list
    }()

    /// The local date-times (basic format) an expected string lists.
    static func parse(_ expected: String) -> [String] {
        var out: [String] = []
        for token in expected.split(separator: " ") {
            if let at = token.firstIndex(of: "@") {
                for time in token[token.index(after: at)...].split(separator: ",") { out.append("\(token[..<at])T\(time)00") }
                continue
            }
            let parts = token.split(separator: ":")
            for item in parts[1].split(separator: ",") {
                let stepParts = item.split(separator: "/")
                let step = stepParts.count == 2 ? Int(stepParts[1]) ?? 1 : 1
                let bounds = stepParts[0].split(separator: "-").compactMap { Int($0) }
                for d in stride(from: bounds[0], through: bounds.last ?? bounds[0], by: step) {
                    out.append("\(parts[0])\(d < 10 ? "0" : "")\(d)T090000")
                }
            }
        }
        return out
    }

    static let database = TimeZoneDatabase()

    @Test(arguments: examples)
    func theRuleGivesTheInstancesTheRFCLists(_ example: Example) throws {
        let zone = "America/New_York"
        let rules = try Self.database.rules(for: zone)
        var properties = [
            Property("UID", raw: "rfc@example"), Property("DTSTART", raw: example.start, parameters: [Parameter("TZID", zone)]),
            Property("DURATION", raw: "PT1H"), Property("RRULE", raw: example.rule),
        ]
        if let x = example.exdate { properties.append(Property("EXDATE", raw: x, parameters: [Parameter("TZID", zone)])) }
        let calendar = Component("VCALENDAR", components: [Component("VEVENT", properties: properties)])
        let from = Int64(LocalDate.dayNumber(year: 1996, month: 1, day: 1)) * 86400
        let instances = try RecurrenceExpander { $0 == zone ? rules : nil }.expand(calendar, from: from, to: example.through)
        let local = instances.map { rules.localDateTime(at: $0.start).basicFormat }
        let expected = Self.parse(example.expected)
        #expect(Array(local.prefix(expected.count)) == expected)
        if example.rule.contains("COUNT") || example.rule.contains("UNTIL") { #expect(local.count == expected.count) }
        // The typed rule reads and writes the same rule.
        let typed = try RecurrenceRule(parsing: example.rule)
        #expect(try RecurrenceRule(parsing: typed.text) == typed)
    }
}
