import Timetable

/// The subscribe page's accent colours from `calendar.brandColor`: the colour of its links and
/// button borders, and of the text on a filled button, in the light and the dark scheme.
///
/// Each accent is readable as text on the page and on its cards: at least 4.5:1 (WCAG 2.2
/// §1.4.3, "The visual presentation of text and images of text has a contrast ratio of at least
/// 4.5:1"). A brand colour that falls short is mixed towards black (light scheme) or white
/// (dark scheme) just far enough; the text on a filled button is white or near-black, whichever
/// contrasts more with the accent.
package struct BrandPalette: Sendable, Equatable {
    package struct Scheme: Sendable, Equatable {
        /// Links, button borders, the filled button's background.
        package var accent: BrandColor
        /// Text on the filled button.
        package var onAccent: BrandColor
    }

    /// The colour as the owner wrote it: the band at the top of the page, which is decoration
    /// and carries no text.
    package var brand: BrandColor
    package var light: Scheme
    package var dark: Scheme

    /// The contrast every accent reaches against the page and its cards.
    package static let minimumContrast = 4.5

    /// The page's own backgrounds (``SubscribePage/css``): `--bg` and `--card` of each scheme.
    static let lightBackgrounds = [BrandColor(red: 0xFF, green: 0xFF, blue: 0xFF), BrandColor(red: 0xF3, green: 0xF4, blue: 0xF6)]
    static let darkBackgrounds = [BrandColor(red: 0x12, green: 0x13, blue: 0x17), BrandColor(red: 0x1E, green: 0x20, blue: 0x26)]
    static let white = BrandColor(red: 0xFF, green: 0xFF, blue: 0xFF)
    static let black = BrandColor(red: 0, green: 0, blue: 0)
    /// The dark scheme's text on a filled button (`--on-accent`), and the darker choice here.
    static let nearBlack = BrandColor(red: 0x0B, green: 0x10, blue: 0x20)

    package init(_ brand: BrandColor) {
        self.brand = brand
        let lightAccent = Self.readable(brand, on: Self.lightBackgrounds, towards: Self.black)
        let darkAccent = Self.readable(brand, on: Self.darkBackgrounds, towards: Self.white)
        light = Scheme(accent: lightAccent, onAccent: Self.textColour(on: lightAccent))
        dark = Scheme(accent: darkAccent, onAccent: Self.textColour(on: darkAccent))
    }

    /// Whether the light scheme (the one most members see first) uses another colour than the
    /// owner's: the owner is told so.
    package var adjustedInLightScheme: Bool { light.accent != brand }

    /// The contrast of the owner's own colour with the light page's cards.
    package var brandContrastInLightScheme: Double {
        Self.lightBackgrounds.map { Self.contrast(brand, $0) }.min() ?? 1
    }

    /// `colour`, or the first mix of it towards `target` (in steps of 1/64) that reaches
    /// ``minimumContrast`` on every one of `backgrounds`. `target` itself always does (black on
    /// the light backgrounds is above 18:1, white on the dark ones above 15:1).
    static func readable(_ colour: BrandColor, on backgrounds: [BrandColor], towards target: BrandColor) -> BrandColor {
        for step in 0...64 {
            let c = mix(colour, target, Double(step) / 64)
            if backgrounds.allSatisfy({ contrast(c, $0) >= minimumContrast }) { return c }
        }
        return target
    }

    /// White or near-black, whichever contrasts more with `background`.
    static func textColour(on background: BrandColor) -> BrandColor {
        contrast(white, background) >= contrast(nearBlack, background) ? white : nearBlack
    }

    /// `a` moved the fraction `t` of the way to `b`, channel by channel.
    static func mix(_ a: BrandColor, _ b: BrandColor, _ t: Double) -> BrandColor {
        func channel(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8(max(0, min(255, (Double(x) + (Double(y) - Double(x)) * t).rounded())))
        }
        return BrandColor(red: channel(a.red, b.red), green: channel(a.green, b.green), blue: channel(a.blue, b.blue))
    }

    /// The contrast ratio of two colours, 1 to 21 (WCAG 2.2, "contrast ratio": (L1 + 0.05) /
    /// (L2 + 0.05), L1 the lighter's relative luminance).
    package static func contrast(_ a: BrandColor, _ b: BrandColor) -> Double {
        let x = luminance(a), y = luminance(b)
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    /// Relative luminance (WCAG 2.2): 0.2126 R + 0.7152 G + 0.0722 B of the linear channels.
    static func luminance(_ c: BrandColor) -> Double {
        func linear(_ v: UInt8) -> Double {
            let s = Double(v) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(c.red) + 0.7152 * linear(c.green) + 0.0722 * linear(c.blue)
    }

    /// `x` to the power `y` for `x` in 0...1, without Foundation: exp(y · ln x) by series.
    private static func pow(_ x: Double, _ y: Double) -> Double {
        guard x > 0 else { return 0 }
        return (y * x.logarithm).exponential
    }
}

extension Double {
    /// The natural logarithm of a positive number, by reducing to [0.5, 1) and the atanh series.
    fileprivate var logarithm: Double {
        var m = self, k = 0.0
        while m >= 1 { m /= 2; k += 1 }
        while m < 0.5 { m *= 2; k -= 1 }
        let z = (m - 1) / (m + 1), z2 = z * z
        var term = z, sum = 0.0, n = 1.0
        while abs(term / n) > 1e-17 {
            sum += term / n
            term *= z2
            n += 2
        }
        return 2 * sum + k * 0.693_147_180_559_945_3
    }

    /// e to this power, by halving until small and squaring back.
    fileprivate var exponential: Double {
        var x = self, halvings = 0
        while abs(x) > 0.5 { x /= 2; halvings += 1 }
        var term = 1.0, sum = 1.0, n = 1.0
        while abs(term) > 1e-17 {
            term *= x / n
            sum += term
            n += 1
        }
        for _ in 0..<halvings { sum *= sum }
        return sum
    }
}
