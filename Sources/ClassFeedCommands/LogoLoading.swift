import FeedBuilder
import Timetable

/// The logo file `calendar.logo` names, read and checked before anything is written.
struct LogoFile: Equatable {
    /// Its name in the output folder, beside the page ("logo.png").
    var name: String
    var bytes: [UInt8]
}

/// Reads `calendar.logo` when it names a file (relative to the schedule's folder, as holiday
/// calendars are) and checks that its bytes are the image its extension says: a missing file
/// exits 66, a wrong or oversized one 65, each located at `calendar.logo` in the schedule; the
/// output folder is untouched either way. The copy is written by the build beside the page.
enum LogoLoading {
    static func load(_ schedule: Schedule, scheduleFile: String, fileSystem: any FileSystem, inputs: RunInputs? = nil) throws(CLIError) -> LogoFile? {
        guard case .file(let relative, let type, let location)? = schedule.calendar.logo else { return nil }
        let file = HolidayLoading.resolve(relative, scheduleFile: scheduleFile)
        let at = schedule.sourceFile + (location.map { ":\($0)" } ?? "")
        let path = "calendar.logo"
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.read(file, limit: PageLogo.maxFileBytes)
        } catch {
            throw CLIError(error.code, at: at, path: path, "cannot read the logo: \(error.message)\n"
                + "  hint: the logo's path is relative to the schedule's folder; save the image there, e.g. as logo.png"
                + (error.code == .dataError ? ", at most \(PageLogo.maxFileBytes >> 10) KiB (a logo for a web page is rarely above 100 KiB)" : ""))
        }
        if let problem = problem(bytes, type) {
            throw CLIError(.dataError, at: at, path: path, "\(file) \(problem)\n"
                + "  hint: the logo must be \(PageLogo.extensionsWords) whose name says what it is; save it again from an image editor")
        }
        inputs?.fileRead(file, bytes)
        return LogoFile(name: SubscribePage.logoFileName(type), bytes: bytes)
    }

    /// Removes the logo copies an earlier build wrote that this page no longer shows (the logo
    /// was removed, or is now of another type), as retired feeds are removed; returns their
    /// names. Only a name the last run's record lists as its output is removed, so a file of
    /// that name the owner put in the folder stays.
    static func retire(in output: String, keeping current: String?, fileSystem: any FileSystem) -> [String] {
        guard case .bytes(let bytes) = fileSystem.readPrevious(output + "/" + RunRecord.fileName, limit: RunRecord.maxBytes),
            let record = RunRecord.parse(bytes)
        else { return [] }
        let ours = Set(record.outputs.map(\.name))
        var removed: [String] = []
        for name in SubscribePage.logoFileNames where name != current && ours.contains(name) {
            fileSystem.remove(directory: output, name: name)
            removed.append(name)
        }
        return removed
    }

    /// Why `bytes` are not an image of `type`, or nil: the first bytes of each format (PNG's
    /// signature, JPEG's SOI marker, WebP's RIFF header, an `<svg` element), and no script in
    /// an SVG (opened on its own, from the studio's site, an SVG's script would run there).
    static func problem(_ bytes: [UInt8], _ type: PageLogo.LogoType) -> String? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && bytes[offset..<(offset + prefix.count)].elementsEqual(prefix)
        }
        switch type {
        case .png:
            return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? nil : "is not a PNG image"
        case .jpeg:
            return starts([0xFF, 0xD8, 0xFF]) ? nil : "is not a JPEG image"
        case .webp:
            return starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) ? nil : "is not a WebP image"
        case .svg:
            let text = String(decoding: bytes, as: UTF8.self).lowercased()
            guard text.contains("<svg") else { return "is not an SVG image (no <svg> element)" }
            if text.contains("<script") || text.contains("javascript:") || text.contains("<foreignobject") {
                return "holds a script or embedded HTML, which a logo must not"
            }
            if hasEventHandler(Array(text.utf8)) { return "holds an event handler (on...=), which a logo must not" }
            return nil
        }
    }

    /// Whether lower-cased markup has an attribute `on…=` (white space, "on", letters, optional
    /// white space, "="): an event handler.
    static func hasEventHandler(_ u: [UInt8]) -> Bool {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x2F }
        var k = 0
        while k + 3 < u.count {
            defer { k += 1 }
            guard isSpace(u[k]), u[k + 1] == UInt8(ascii: "o"), u[k + 2] == UInt8(ascii: "n") else { continue }
            var j = k + 3
            while j < u.count, u[j] >= UInt8(ascii: "a"), u[j] <= UInt8(ascii: "z") { j += 1 }
            guard j > k + 3 else { continue }
            while j < u.count, isSpace(u[j]) { j += 1 }
            if j < u.count, u[j] == UInt8(ascii: "=") { return true }
        }
        return false
    }
}
