import CivilTime

/// The number of events a build would write, counted before building (ScheduleLimits
/// ``ScheduleLimits/occurrencesPerFeed``): a long window over many daily classes must be a
/// clear error, not hours of work and a feed of gigabytes.
package enum OccurrenceBudget {
    /// An upper bound of the events in the combined feed (the largest one): in the occurrences
    /// style, every scheduled date in the window plus every move; in the series style, one
    /// event per weekly class and the first instances written on their own when they cross a
    /// clock change (``ScheduleLimits/seriesLeadEvents``), plus its cancelled dates from the
    /// window's start on (EXDATEs or overrides) plus its moves, and one-off classes' dates from
    /// the window's start on.
    package static func count(_ schedule: Schedule, from: LocalDate, to: LocalDate, style: FeedStyle) -> Int {
        var moves: [String: Int] = [:]
        var perClass: [String: [ClosedRange<LocalDate>]] = [:]
        var global: [ScheduleException] = []
        for e in schedule.exceptions {
            switch e.kind {
            case .move: if let id = e.classID { moves[id, default: 0] += 1 }
            case .change(let from, let to):
                // Each changed date is an override in a series (counted as scheduled dates).
                if let id = e.classID, from <= to { perClass[id, default: []].append(from...to) }
            case .cancel(let from, let to):
                if let id = e.classID {
                    if from <= to { perClass[id, default: []].append(from...to) }
                } else {
                    global.append(e)
                }
            }
        }
        let everyClass = CancellationIndex(global).coveredRanges
        let withHolidays = CancellationIndex(global + schedule.holidayClosures).coveredRanges
        let end = LocalDate.distantFuture
        var total = 0
        for cls in schedule.classes {
            total += moves[cls.id] ?? 0
            switch (style, cls.pattern) {
            case (.occurrences, _):
                total += cls.scheduledCount(in: from...max(from, to))
            case (.series, .dates):
                total += cls.scheduledCount(in: from...max(from, end))
            case (.series, .weekly), (.series, .everyNWeeks), (.series, .monthly):
                let shared = cls.ignoreHolidays ? everyClass : withHolidays
                // Only the union of the days matters here, and merging sorted ranges is far
                // cheaper than a CancellationIndex per class.
                let own = perClass[cls.id] ?? []
                let ranges = own.isEmpty ? shared : CancellationIndex.union(shared + own)
                total += 1 + ScheduleLimits.seriesLeadEvents
                for r in ranges where r.upperBound >= from {
                    total += cls.scheduledCount(in: max(r.lowerBound, from)...r.upperBound)
                }
            }
            if total > ScheduleLimits.occurrencesPerFeed { return total }
        }
        return total
    }

    /// An upper bound of ``count(_:from:to:style:)`` in one pass over the exceptions, with no
    /// grouping by class: every day a cancellation covers counts as a cancelled date of each
    /// class it names (of every weekly class, for the calendar-wide ones and holidays), and
    /// every move counts. Nearly every schedule is far below the limit by this measure, and
    /// only one near it pays for the exact count. For a validated schedule: with repeated class
    /// ids (an error the validator reports first) ``count`` adds a shared id's exceptions once
    /// per class, and this bound may fall below it.
    package static func upperBound(_ schedule: Schedule, from: LocalDate, to: LocalDate, style: FeedStyle) -> Int {
        let end = LocalDate.distantFuture
        /// Days of `from...to` on or after the window's start.
        func days(_ a: LocalDate, _ b: LocalDate) -> Int { max(0, b.dayNumber - max(a, from).dayNumber + 1) }
        var total = 0
        var ownDays = 0
        var shared: [ClosedRange<LocalDate>] = []
        for e in schedule.exceptions {
            switch e.kind {
            case .move: if e.classID != nil { total += 1 }
            case .change(let a, let b):
                if e.classID != nil, a <= b { ownDays += days(a, b) }
            case .cancel(let a, let b):
                guard a <= b else { continue }
                if e.classID != nil { ownDays += days(a, b) } else { shared.append(a...b) }
            }
        }
        for h in schedule.holidayClosures {
            if case .cancel(let a, let b) = h.kind, a <= b { shared.append(a...b) }
        }
        let sharedDays = CancellationIndex.union(shared).reduce(0) { $0 + days($1.lowerBound, $1.upperBound) }
        for cls in schedule.classes {
            switch (style, cls.pattern) {
            case (.occurrences, _): total += cls.scheduledCount(in: from...max(from, to))
            case (.series, .dates): total += cls.scheduledCount(in: from...max(from, end))
            case (.series, .weekly), (.series, .everyNWeeks), (.series, .monthly): total += 1 + ScheduleLimits.seriesLeadEvents + sharedDays
            }
            if total > ScheduleLimits.occurrencesPerFeed { return total }
        }
        return style == .series ? total + ownDays : total
    }

    /// Throws a schedule error (exit 65) when a build of this window would exceed the limit;
    /// else returns at most the limit and at least the number of events (``upperBound``, or
    /// the exact count when that bound was over the limit).
    @discardableResult
    package static func check(_ schedule: Schedule, from: LocalDate, to: LocalDate, style: FeedStyle) throws(ScheduleError) -> Int {
        let bound = upperBound(schedule, from: from, to: to, style: style)
        guard bound > ScheduleLimits.occurrencesPerFeed else { return bound }
        let exact = count(schedule, from: from, to: to, style: style)
        guard exact > ScheduleLimits.occurrencesPerFeed else { return exact }
        throw ScheduleError([
            Diagnostic(
                .error, file: schedule.sourceFile, location: nil, path: "",
                message: "the feed from \(from) to \(to) would hold more than \(ScheduleLimits.occurrencesPerFeed) events, the limit",
                hint: "shorten the window with --from and --to, or split the schedule into one per studio")
        ])
    }
}
