import Testing

@testable import FeedBuilder
import Timetable

/// The page's phrases as HTML: escaped, with their dates, links and labels in place.
@Suite struct PageWordsTests {
    func html(_ body: (inout HTMLWriter) -> Void) -> String {
        var h = HTMLWriter()
        body(&h)
        return String(decoding: h.bytes, as: UTF8.self)
    }

    @Test("Google's steps in English are the page's markup, the labels emphasised and the page linked")
    func googleStepsInEnglish() {
        let words = PageWords(Wording(language: .english))
        #expect(html { words.googleSteps(&$0) } == """
            <li>On a computer, open <a href="https://calendar.google.com/calendar/r/settings/addbyurl">Google Calendar’s “From URL” page</a> (in Google Calendar: <em>Other calendars</em> › <em>+</em> › <em>From URL</em>). The Google Calendar app on an Android phone cannot add a calendar by its address, so use a computer once.</li>
            <li>Paste the calendar address above and choose <em>Add calendar</em>.</li>

            """)
        #expect(html { words.outlookSteps(&$0) } == """
            <li>Open <em>Add calendar</em> in <a href="https://outlook.live.com/calendar/0/addcalendar">Outlook.com</a> or <a href="https://outlook.office.com/calendar/addcalendar">Microsoft 365</a> (work or school).</li>
            <li>Choose <em>Subscribe from web</em>, paste the calendar address above and choose <em>Import</em>.</li>

            """)
    }

    @Test("a studio's phrase is escaped; an apostrophe stays; a placeholder nothing fills is shown as written")
    func escaping() {
        let words = PageWords(Wording(language: .french, overrides: [
            .googleStepTwo: "Collez <l'adresse> & choisissez {addCalendar} \"{x}\"", .copyButton: "Copier \"ça\"",
        ]))
        #expect(words[.copyButton] == "Copier &quot;ça&quot;")
        #expect(html { words.googleSteps(&$0) }.hasSuffix(
            "<li>Collez &lt;l'adresse&gt; &amp; choisissez <em>Ajouter un agenda</em> &quot;{x}&quot;</li>\n"))
        #expect(words[.someClassesHeading] == "Seulement certains cours")
    }

    @Test("the time zone in words, in each language")
    func zones() {
        let en = PageWords(Wording(language: .english))
        #expect(en.zoneSentence(zone: "Europe/London", standard: "GMT", summer: "BST", hasSummerTime: true)
            == "Times are UK time (GMT, or BST in summer).")
        #expect(en.zoneSentence(zone: "Asia/Kolkata", standard: "IST", summer: "IST", hasSummerTime: false) == "Times are India time (IST).")
        #expect(en.zoneSentence(zone: "America/Santiago", standard: nil, summer: nil, hasSummerTime: true)
            == "Times are Santiago time, which changes for summer.")
        let fr = PageWords(Wording(language: .french))
        #expect(fr.zoneSentence(zone: "Europe/Paris", standard: "CET", summer: "CEST", hasSummerTime: true)
            == "Horaires\u{A0}: heure de Paris (CET, ou CEST en été).")
        #expect(PageWords(Wording(language: .german)).footerZone("Europe/Berlin") == "Alle Zeiten: deutsche Zeit.")
        #expect(PageWords(Wording(language: .spanish)).zoneNote("America/New_York") == "(hora de Nueva York)")
    }
}
