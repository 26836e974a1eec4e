import Testing

@testable import JSON

@Suite("JSONLayout: the formatting 'classfeed exceptions' writes")
struct JSONLayoutTests {
    static let formatted = """
        {
          "calendar": {
            "id": "circl",
            "name": "CIRCL é’",
            "timezone": "Europe/London",
            "uidDomain": "circl.example"
          },
          "classes": [
            {
              "id": "hips-monday",
              "title": "Hip \\"Mobility\\" & Stretch\\n",
              "days": ["monday", "thursday"],
              "start": "17:15",
              "durationMinutes": 30,
              "ignoreHolidays": true
            }
          ],
          "holidayCalendars": [],
          "exceptions": [
            { "from": "2026-12-24", "to": "2027-01-03", "reason": "Christmas closure" },
            { "date": "2026-12-10", "class": "hips-monday", "moveTo": { "start": "18:00" } }
          ],
          "extra": {},
          "n": -1.5e+3,
          "z": null
        }

        """

    @Test("a file already in the layout is written back byte for byte")
    func idempotent() throws {
        let bytes = Array(Self.formatted.utf8)
        #expect(JSONLayout.format(try JSONParser.parse(bytes)) == bytes)
    }

    @Test("another layout of the same JSON comes out in the documented one")
    func normalises() throws {
        let minified = #"{"calendar":{"id":"circl","name":"CIRCL \u00e9\u2019","timezone":"Europe\/London","uidDomain":"circl.example"},"#
            + #""classes":[{"id":"hips-monday","title":"Hip \"Mobility\" & Stretch\n","days":["monday","thursday"],"start":"17:15","durationMinutes":30,"ignoreHolidays":true}],"#
            + "\r\n" + #""holidayCalendars":[ ],"exceptions":[{"from":"2026-12-24","to":"2027-01-03","reason":"Christmas closure"},"#
            + #"{"date":"2026-12-10","class":"hips-monday","moveTo":{"start":"18:00"}}],"extra":{ },"n":-1.5e+3,"z":null}"#
        #expect(String(decoding: JSONLayout.format(try JSONParser.parse(Array(minified.utf8))), as: UTF8.self) == Self.formatted)
    }

    @Test("a long scalar array wraps at 100 columns, as many per line as fit")
    func wraps() throws {
        let dates = (1...12).map { "\"2027-01-\($0 < 10 ? "0" : "")\($0)\"" }.joined(separator: ",")
        let out = String(decoding: JSONLayout.format(try JSONParser.parse(Array("{\"dates\":[\(dates)]}".utf8))), as: UTF8.self)
        #expect(out == """
            {
              "dates": [
                "2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04", "2027-01-05", "2027-01-06",
                "2027-01-07", "2027-01-08", "2027-01-09", "2027-01-10", "2027-01-11", "2027-01-12"
              ]
            }

            """)
        #expect(out.split(separator: "\n").allSatisfy { $0.count <= JSONLayout.width })
    }

    @Test("control characters are escaped; other characters are written as themselves")
    func quoting() {
        #expect(JSONLayout.quote("a\"b\\c/d\u{1}\u{8}\u{C}\r\t\né") == #""a\"b\\c/d\u0001\b\f\r\t\né""#)
    }
}
