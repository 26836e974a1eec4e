/// The language members read their calendar in: `calendar.language`, a BCP 47 tag (RFC 5646).
/// Every member-facing word of the feeds and the page is in it; owner-facing output (messages,
/// `check`, `build --verbose`) stays English. Each case has its phrase and name tables in one
/// file of `Sources/FeedBuilder/Languages/`.
package enum Language: String, Sendable, CaseIterable {
    case english = "en"
    case french = "fr"
    case german = "de"
    case spanish = "es"
    case portugueseBrazil = "pt-BR"
    case italian = "it"
    case dutch = "nl"

    /// The BCP 47 tag, as written in schedule.json, a LANGUAGE parameter and `<html lang>`.
    package var tag: String { rawValue }

    /// The language a tag names, compared without regard to case (BCP 47 tags are
    /// case-insensitive, RFC 5646 §2.1.1: "pt-br" is "pt-BR").
    package init?(tag: String) {
        guard let l = Self.allCases.first(where: { $0.rawValue.lowercased() == tag.lowercased() }) else { return nil }
        self = l
    }
}
