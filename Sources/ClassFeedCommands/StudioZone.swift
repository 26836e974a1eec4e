import CivilTime

/// The time zone `classfeed init` writes: `--timezone`, else this machine's, else
/// Europe/London. Every name is checked as schedule.json's `calendar.timezone` is: an IANA
/// name of the tz database (not `localtime`, `posix/...` or `right/...`) whose zone loads.
struct StudioZone {
    var name: String
    var rules: ZoneRules
    /// Where the zone came from, when it was not given: said after the name.
    var origin: String?

    /// The names of UTC in the tz database. A server's clock is often on UTC while the studio
    /// is not: a class at "18:00 UTC" would be an hour off half the year in London, so UTC is
    /// taken from `--timezone` only, never from the machine.
    static let utcNames: Set<String> = [
        "UTC", "UCT", "Universal", "Zulu", "GMT", "GMT0", "GMT+0", "GMT-0", "Greenwich",
        "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Etc/Greenwich",
    ]

    static func choose(_ given: String?, _ context: CommandContext, _ database: TimeZoneDatabase) throws(CLIError) -> StudioZone {
        if let given {
            do {
                return StudioZone(name: given, rules: try database.rules(for: given), origin: nil)
            } catch {
                throw CLIError(
                    .usage,
                    "--timezone: \(error.description)\n  hint: \(error.hint ?? "use an IANA name such as \"Europe/London\" or \"America/New_York\"")")
            }
        }
        var sawUTC = false
        for (candidate, origin) in machineZones(context) {
            guard let rules = try? database.rules(for: candidate) else { continue }
            if utcNames.contains(candidate) {
                sawUTC = true
                continue
            }
            return StudioZone(name: candidate, rules: rules, origin: origin)
        }
        let why = sawUTC ? "this machine is on UTC, rarely a studio's time" : "this machine names no time zone"
        do {
            return StudioZone(
                name: fallbackZone, rules: try database.rules(for: fallbackZone),
                origin: "the default: \(why); choose yours with --timezone")
        } catch {
            throw CLIError(.osFile, "\(error.description)\n  hint: \(error.hint ?? "give the studio's zone with --timezone")")
        }
    }

    /// The zone when neither `--timezone` nor the machine names a usable one.
    static let fallbackZone = "Europe/London"

    /// The zone names this machine gives, in the order a program's local time takes them: `TZ`
    /// (`Europe/London` or `:Europe/London`; a POSIX rule such as `GMT0BST,M3.5.0/1,M10.5.0`
    /// is no IANA name and is passed over), then the `/etc/localtime` link's target after
    /// `zoneinfo/`, then Debian's `/etc/timezone`.
    static func machineZones(_ context: CommandContext) -> [(name: String, origin: String)] {
        var found: [(String, String)] = []
        if var tz = context.environment["TZ"], !tz.isEmpty {
            if tz.hasPrefix(":") { tz.removeFirst() }
            if let zone = zoneName(inPath: tz) { found.append((zone, "from TZ")) }
        }
        if let target = context.fileSystem.linkTarget("/etc/localtime"), let zone = zoneName(inPath: target) {
            found.append((zone, "this machine's, from /etc/localtime"))
        }
        if let bytes = try? context.fileSystem.read("/etc/timezone", limit: 256) {
            let text = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
            if let zone = zoneName(inPath: text) { found.append((zone, "this machine's, from /etc/timezone")) }
        }
        return found
    }

    /// `Europe/London` from itself, from `/usr/share/zoneinfo/Europe/London` or
    /// `../usr/share/zoneinfo/posix/Europe/London`; nil when no well-formed name is left.
    static func zoneName(inPath path: String) -> String? {
        var name = path
        let u = Array(path.utf8)
        let marker = Array("zoneinfo/".utf8)
        if u.count > marker.count,
            let at = (0...(u.count - marker.count)).last(where: { u[$0..<($0 + marker.count)].elementsEqual(marker) })
        {
            name = String(decoding: u[(at + marker.count)...], as: UTF8.self)
        }
        for copy in ["posix/", "right/"] where name.hasPrefix(copy) { name.removeFirst(copy.count) }
        guard TimeZoneDatabase.isWellFormedName(name), !TimeZoneDatabase.isNonZoneEntry(name) else { return nil }
        return name
    }
}
