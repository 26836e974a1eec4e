import Foundation
import Testing

@testable import FeedBuilder
import Timetable

/// docs/PHRASES.md, the list of `strings` keys a studio may override, is generated from the
/// phrase tables: this test regenerates it and compares, so it never goes stale
/// (`CLASSFEED_RECORD_GOLDEN=1` rewrites it; review the diff).
@Suite struct PhraseDocumentTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/PHRASES.md")

    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\u{A0}", with: "⍽")
    }

    static func document() -> String {
        var out = """
            # Phrases

            Every phrase ClassFeed writes for members, by the key that `strings` in schedule.json
            overrides it with (see the README, "Languages: `language` and `strings`"). Generated from
            `Sources/FeedBuilder/Languages/` by `PhraseDocumentTests`; do not edit by hand.

            A phrase may hold only its key's placeholders, filled in where it is used; `⍽` below
            stands for a no-break space (U+00A0), which the tables write where the language keeps
            two words together (French before a colon, a number and its unit).

            | key | placeholders | what it is |
            | --- | --- | --- |

            """
        for key in PhraseKey.allCases {
            let placeholders = key.placeholders.map { "`{\($0)}`" }.joined(separator: " ")
            out += "| `\(key.rawValue)` | \(placeholders) | \(cell(key.purpose)) |\n"
        }
        let names: [Language: String] = [
            .english: "English", .french: "French", .german: "German", .spanish: "Spanish",
            .portugueseBrazil: "Portuguese (Brazil)", .italian: "Italian", .dutch: "Dutch",
        ]
        for language in Language.allCases {
            let book = Phrasebook.of(language)
            out += "\n## \(names[language] ?? language.tag) (`\(language.tag)`)\n\n| key | phrase |\n| --- | --- |\n"
            for key in PhraseKey.allCases { out += "| `\(key.rawValue)` | \(cell(book.phrase(key))) |\n" }
            out += "\nWeekdays: \(cell(book.weekdays.joined(separator: ", "))); in dates: \(cell(book.weekdaysShort.joined(separator: ", "))); "
            out += "as a class runs on them: \(cell(book.weekdaysRepeating.joined(separator: ", "))).\n"
            out += "Months in dates: \(cell(book.monthsShort.joined(separator: ", "))).\n"
            out += "Ordinals of monthly classes: \(cell(book.ordinals.joined(separator: ", ")))"
            if let f = book.feminineOrdinals { out += "; with a feminine weekday: \(cell(f.joined(separator: ", ")))" }
            out += ".\n"
            let zones = book.zoneNames.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            out += "Time zones known by another name than their city's: \(cell(zones.joined(separator: "; "))).\n"
        }
        return out
    }

    @Test("docs/PHRASES.md lists every phrase key and every language's phrase")
    func phraseDocumentIsCurrent() throws {
        let text = Self.document()
        if ProcessInfo.processInfo.environment["CLASSFEED_RECORD_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: Self.file)
            return
        }
        let current = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(current == text, "docs/PHRASES.md is stale; re-record with CLASSFEED_RECORD_GOLDEN=1 swift test --filter PhraseDocumentTests")
    }
}
