import FeedBuilder
import Timetable

/// What the owner is told about `calendar.brandColor` by `check` and by `build` at a terminal:
/// that the page uses a darker shade than theirs, because theirs is too light to read as text
/// on the light page. Said as ``PublicAddressCheck`` says its warnings: to the owner, never on
/// the page, and not a schedule warning (`--strict` does not refuse the colour; the page is
/// readable either way).
enum BrandColorCheck {
    static func warnings(_ schedule: Schedule) -> [Diagnostic] {
        guard let colour = schedule.calendar.brandColor else { return [] }
        let palette = BrandPalette(colour)
        guard palette.adjustedInLightScheme else { return [] }
        let ratio = (palette.brandContrastInLightScheme * 10).rounded(.down) / 10
        return [
            Diagnostic(
                .warning, file: schedule.sourceFile, location: nil, path: "calendar.brandColor",
                message: "\"\(colour.css)\" is too light to read as text on the page (\(ratio):1; text needs \(BrandPalette.minimumContrast):1): "
                    + "links and buttons use the darker \"\(palette.light.accent.css)\" instead; the band at the top of the page keeps \"\(colour.css)\"",
                hint: "to choose the shade yourself, set a darker colour such as \"\(palette.light.accent.css)\"")
        ]
    }
}
