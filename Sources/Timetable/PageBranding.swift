import JSON

/// `calendar.brandColor`: the studio's colour on the subscribe page, an sRGB colour written as
/// a CSS hex colour ("#2a6f97" or "#27a"; CSS Color Module Level 4 §5.2).
package struct BrandColor: Sendable, Hashable {
    package var red: UInt8
    package var green: UInt8
    package var blue: UInt8

    package init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// "#rrggbb" or "#rgb" (each digit doubled), in either case; nil for anything else.
    package init?(css: String) {
        let u = Array(css.utf8)
        guard u.first == UInt8(ascii: "#"), u.count == 4 || u.count == 7 else { return nil }
        var digits: [UInt8] = []
        for b in u.dropFirst() {
            guard let v = Self.hexValue(b) else { return nil }
            digits.append(v)
        }
        if digits.count == 3 { digits = digits.flatMap { [$0, $0] } }
        red = digits[0] << 4 | digits[1]
        green = digits[2] << 4 | digits[3]
        blue = digits[4] << 4 | digits[5]
    }

    /// "#2a6f97": lower case, six digits, as the page's style sheet writes it.
    package var css: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "#")]
        for v in [red, green, blue] {
            out.append(digits[Int(v >> 4)])
            out.append(digits[Int(v & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// `calendar.logo`: an image file next to the schedule, copied into the output folder beside
/// the page, or an https address the page loads it from.
package enum PageLogo: Sendable, Hashable {
    /// A file, relative to the schedule's folder (no leading `/`, no `..`), with its type from
    /// its extension.
    case file(path: String, type: LogoType, location: SourceLocation?)
    /// An `https://` address; `origin` ("https://cdn.example" or "https://cdn.example:8443") is
    /// what the page's Content-Security-Policy allows images from.
    case remote(url: String, origin: String)

    /// The image types a logo may have, by file extension.
    package enum LogoType: String, Sendable, Hashable, CaseIterable {
        case png, jpeg, svg, webp

        /// "png", "jpg" or "jpeg", "svg", "webp" in any case; nil for anything else.
        package init?(fileExtension: String) {
            switch fileExtension.lowercased() {
            case "png": self = .png
            case "jpg", "jpeg": self = .jpeg
            case "svg": self = .svg
            case "webp": self = .webp
            default: return nil
            }
        }

        /// The extension of the copy in the output folder.
        package var fileExtension: String {
            switch self {
            case .png: "png"
            case .jpeg: "jpg"
            case .svg: "svg"
            case .webp: "webp"
            }
        }
    }

    /// The largest logo file: a logo is a few kilobytes; a photograph by mistake would slow the
    /// page on a phone.
    package static let maxFileBytes = 512 << 10

    /// The extensions a logo file may have, for messages.
    package static let extensionsWords = "a .png, .jpg, .svg or .webp file"
}
