import CivilTime
import Timetable

/// The addresses of one feed as the subscribe page offers them.
///
/// A plain `https://` link to an `.ics` file downloads a frozen copy; the same address with the
/// `webcal://` scheme makes Apple Calendar and desktop Outlook subscribe; Google Calendar and
/// Outlook on the web need the `https://` address pasted into their "add by URL" pages. All of
/// them need the public address of the folder the feeds are served from
/// (`calendar.publicURL`); without it only a relative download link can be made.
package struct FeedLink: Sendable, Hashable {
    /// `circl.ics`, `circl-hips-monday.ics`.
    package var fileName: String
    /// "All classes", or the class: "Hip Mobility & Stretch, Mondays 17:15", "Workshop (3 dates)".
    package var title: String
    /// nil for the combined feed.
    package var classIndex: Int?
    /// The address to paste into Google Calendar or Outlook on the web; nil without a public URL.
    package var subscribeURL: String?
    /// The `webcal://` form of ``subscribeURL``.
    package var webcalURL: String?
    /// The one-time download: absolute when the public URL is known, else relative to the page
    /// (which sits in the same folder as the feeds).
    package var downloadHref: String

    /// - Parameter publicURL: the folder's http(s) address ending in "/", as the decoder returns it.
    package init(fileName: String, title: String, classIndex: Int?, publicURL: String?) {
        self.init(fileName: fileName, title: title, classIndex: classIndex, folder: Folder(publicURL: publicURL))
    }

    init(fileName: String, title: String, classIndex: Int?, folder: Folder) {
        self.fileName = fileName
        self.title = title
        self.classIndex = classIndex
        if let absolute = folder.absolute, let webcal = folder.webcal {
            subscribeURL = absolute + fileName
            webcalURL = webcal + fileName
            downloadHref = absolute + fileName
        } else {
            subscribeURL = nil
            webcalURL = nil
            downloadHref = fileName
        }
    }

    /// The public address of the folder the feeds are served from, in the two forms a feed's
    /// addresses start with; both nil without a public http(s) address. Worked out once for all
    /// the feeds of a folder.
    struct Folder {
        /// "https://circl.example/feeds/", the scheme lowercased.
        var absolute: String?
        /// "webcal://circl.example/feeds/".
        var webcal: String?

        init(publicURL: String?) {
            guard let base = publicURL, let rest = FeedLink.afterScheme(base) else { return }
            absolute = FeedLink.scheme(of: base) + "://" + rest
            webcal = "webcal://" + rest
        }
    }

    /// The links of every feed the builder writes: the combined feed first, then one per class,
    /// then the schedule's `feeds` (whose `classIndex` is nil, like the combined feed's).
    package static func all(_ builder: FeedBuilder) -> [FeedLink] {
        let s = builder.schedule
        let folder = Folder(publicURL: s.calendar.publicURL)
        var out = [FeedLink(fileName: builder.fileName(classIndex: nil), title: builder.wording[.allClasses], classIndex: nil, folder: folder)]
        for i in s.classes.indices {
            out.append(FeedLink(fileName: builder.fileName(classIndex: i), title: title(s.classes[i], builder.wording), classIndex: i, folder: folder))
        }
        for k in s.feeds.indices {
            out.append(FeedLink(fileName: builder.fileName(.extra(k)), title: s.feeds[k].name, classIndex: nil, folder: folder))
        }
        return out
    }

    /// "Hip Mobility & Stretch, Mondays 17:15"; a one-off class by its title and how many dates
    /// it has ("Workshop (3 dates)"), as its dates may have moved or passed.
    static func title(_ cls: ClassDefinition, _ wording: Wording) -> String {
        guard case .dates(let dates) = cls.pattern else { return wording.className(cls) }
        if dates.count == 1 { return wording(.oneOffFeed, ("title", cls.title)) }
        return wording(.datesFeed, ("title", cls.title), ("count", String(dates.count)))
    }

    /// "https" or "http", lowercased (schemes are case-insensitive, RFC 3986 §3.1).
    private static func scheme(of url: String) -> String {
        url.lowercased().hasPrefix("https://") ? "https" : "http"
    }

    /// What follows "http://" or "https://"; nil for any other scheme.
    private static func afterScheme(_ url: String) -> Substring? {
        let lower = url.lowercased()
        if lower.hasPrefix("https://") { return url.dropFirst(8) }
        if lower.hasPrefix("http://") { return url.dropFirst(7) }
        return nil
    }
}
