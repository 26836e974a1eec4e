/// The page's inline style sheet: system fonts, no images, light and dark colour schemes whose
/// text contrast is at least 6:1 (WCAG 2.2 §1.4.3 asks 4.5:1; body text is above 13:1, and the
/// focus ring 3:1 against the page, §1.4.11), a layout that
/// reflows from a 320-pixel phone to a desktop, visible keyboard focus, and a print layout
/// (timetable, changes, the booking and calendar addresses as text; no buttons, no per-class boxes).
extension SubscribePage {
    /// The whole style sheet without a brand colour.
    static var css: String { colourCSS + "\n" + layoutCSS }

    /// The light and the dark scheme's colours: a brand colour's rules (``brandCSS(_:)``)
    /// follow them and override the accent.
    static let colourCSS = """
        :root{--bg:#fff;--fg:#1c1c21;--muted:#4d4d57;--card:#f3f4f6;--line:#d5d7dd;--accent:#0b57c2;--on-accent:#fff;--bad:#a3151b;--warn:#7a4500;--warn-bg:#fff4e0;--focus:#e37400}
        @media (prefers-color-scheme:dark){:root{--bg:#121317;--fg:#ececf1;--muted:#b5b6c0;--card:#1e2026;--line:#3b3e48;--accent:#8ab4ff;--on-accent:#0b1020;--bad:#ff9c9c;--warn:#ffc46b;--warn-bg:#2a2114;--focus:#ffb14e}}
        """

    /// Everything but the colours; its print rules come last and win over a brand colour.
    static let layoutCSS = """
        *{box-sizing:border-box}
        [hidden]{display:none!important}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{margin:0;background:var(--bg);color:var(--fg);font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;overflow-wrap:break-word}
        header,main,footer{max-width:66rem;margin:0 auto;padding:0 1rem}
        header{padding-top:1.75rem}
        h1{font-size:clamp(1.9rem,6vw,2.75rem);line-height:1.1;margin:0 0 .5rem}
        h2{font-size:1.45rem;line-height:1.25;margin:2.25rem 0 .75rem;padding-bottom:.3rem;border-bottom:2px solid var(--line)}
        h3{font-size:1.15rem;line-height:1.3;margin:0 0 .5rem}
        h4{font-size:1.05rem;line-height:1.3;margin:0}
        p{margin:.4rem 0}
        a{color:var(--accent)}
        a:focus-visible,summary:focus-visible,button:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.95em}
        .logo{display:block;height:4rem;width:auto;max-width:100%;margin:0 0 .75rem}
        .lead{font-size:1.125rem;max-width:44rem}
        .label{font-weight:600}
        .actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0 0}
        .button{display:inline-block;padding:.6rem 1.1rem;border:2px solid var(--accent);border-radius:.5rem;color:var(--accent);font-weight:600;text-decoration:none;line-height:1.3}
        .button.primary{background:var(--accent);color:var(--on-accent)}
        .button:hover{text-decoration:underline}
        .zone{color:var(--muted)}
        .days{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem;margin-top:1rem}
        .day{background:var(--card);border-radius:.75rem;padding:1rem}
        .classes{list-style:none;margin:0;padding:0}
        .class+.class{border-top:1px solid var(--line);margin-top:.8rem;padding-top:.8rem}
        .dated .class{background:var(--card);border:0;border-radius:.75rem;padding:1rem;margin:0 0 .75rem}
        .when{margin:0;font-size:1.2rem;font-weight:700;font-variant-numeric:tabular-nums}
        .duration,.zone-note{font-size:.95rem;font-weight:400;color:var(--muted);margin-left:.35rem}
        .duration{white-space:nowrap}
        .facts{margin:.3rem 0 0;color:var(--muted)}
        .facts div{display:flex;gap:.4rem}
        .facts dt{font-weight:600}
        .facts dt::after{content:":"}
        .facts dd{margin:0}
        .term,.description{color:var(--muted);font-size:.95rem}
        .is-cancelled .when{text-decoration:line-through}
        .status.cancelled,.cancelled .tag,.closure .tag{color:var(--bad)}
        .status.moved,.moved .tag{color:var(--warn)}
        .changes{padding-left:1.25rem}
        .changes li{margin:.4rem 0}
        .tag{text-transform:uppercase;letter-spacing:.04em;font-size:.85rem;margin-right:.35rem}
        .reason{color:var(--muted)}
        .notice{background:var(--warn-bg);border-left:4px solid var(--warn);border-radius:.4rem;padding:.6rem 1rem;margin:.75rem 0}
        .feed{border:1px solid var(--line);border-radius:.75rem;padding:1rem;margin:1rem 0}
        details.feed{padding:.75rem 1rem}
        summary{cursor:pointer;font-weight:600}
        details[open] summary{margin-bottom:.75rem}
        .address .label{display:block}
        .address code{display:block;margin:.25rem 0 0;padding:.55rem .65rem;font:1rem/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--fg);background:var(--bg);border:2px solid var(--line);border-radius:.4rem;overflow-wrap:break-word;-webkit-user-select:all;user-select:all}
        .copy{margin-top:.5rem;padding:.45rem 1rem;font:inherit;font-weight:600;line-height:1.3;color:var(--on-accent);background:var(--accent);border:2px solid var(--accent);border-radius:.5rem;cursor:pointer}
        .ways{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem;margin-top:1rem}
        .way{background:var(--card);border-radius:.6rem;padding:.85rem 1rem}
        .way h4{margin-bottom:.4rem}
        .way ol{margin:.25rem 0;padding-left:1.25rem}
        .hint{color:var(--muted);font-size:.92rem}
        .warning{color:var(--warn);font-size:.92rem;font-weight:600}
        footer{margin-top:2.5rem;padding-bottom:2rem;color:var(--muted);font-size:.92rem}
        footer p:first-child{border-top:1px solid var(--line);padding-top:1rem}
        @media (max-width:30rem){header{padding-top:1.25rem}.actions .button{flex:1 1 100%;text-align:center}.feed,.way{padding:.75rem}}
        @media print{:root{--bg:#fff;--fg:#000;--muted:#333;--card:#fff;--line:#999;--accent:#000;--bad:#000;--warn:#000}
        body{font-size:11pt}
        .ways,details,.download,.warning,.copy,#subscribe>p,#subscribe>h3,.actions a[href^="#"]{display:none}
        .actions .button{border:0;padding:0;background:none;color:#000}
        .actions .button[href^="http"]::after{content:": " attr(href);font-weight:400}
        .day,.dated .class,.feed{border:1px solid #999;break-inside:avoid}
        h2{break-after:avoid}
        a{color:#000;text-decoration:none}}
        """

    /// A brand colour's rules: the accent of each scheme (``BrandPalette``), and the colour as
    /// the owner wrote it as a band at the top of the page.
    static func brandCSS(_ p: BrandPalette) -> String {
        ":root{--accent:" + p.light.accent.css + ";--on-accent:" + p.light.onAccent.css + "}\n"
            + "@media (prefers-color-scheme:dark){:root{--accent:" + p.dark.accent.css + ";--on-accent:" + p.dark.onAccent.css + "}}\n"
            + "body{border-top:.4rem solid " + p.brand.css + "}"
    }
}
