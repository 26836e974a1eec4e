import CivilTime

/// One concrete class occurrence: the engine's output and the feed's input.
package struct Occurrence: Sendable, Hashable {
    package enum Status: Sendable, Hashable {
        case confirmed
        /// Cancelled by an exception, with its reason.
        case cancelled(reason: String?)
    }

    /// Index into `Schedule.classes`.
    package var classIndex: Int
    /// The date the class was scheduled on before any move: the occurrence's identity (UID).
    package var originalDate: LocalDate
    /// The local date the occurrence is on (its nominal date; the move target when moved).
    package var date: LocalDate
    /// The wall-clock start as it really happens (a time in a DST gap is shifted forward).
    package var localStart: LocalDateTime
    /// Start and end instants, seconds since the epoch UTC. `end - start` is exactly the duration.
    package var start: Int64
    package var end: Int64
    package var status: Status
    /// Set when a `moveTo` exception moved this occurrence: where it was scheduled, and why.
    package var movedFrom: LocalDateTime?
    package var moveReason: String?
    /// The scheduled wall time did not exist that day (spring-forward gap).
    package var startWasInGap: Bool
    /// The scheduled wall time happened twice that day (fall-back); the first was taken.
    package var startWasAmbiguous: Bool
    /// What exceptions change about this occurrence besides its date and time (merged, the
    /// first listed winning a field; its reason is the first change's).
    package var change: OccurrenceChange? = nil
    /// The reason of the change, if any.
    package var changeReason: String? { change?.reason }

    package init(
        classIndex: Int, originalDate: LocalDate, date: LocalDate, localStart: LocalDateTime, start: Int64, end: Int64,
        status: Status, movedFrom: LocalDateTime? = nil, moveReason: String? = nil, startWasInGap: Bool = false,
        startWasAmbiguous: Bool = false, scheduledTime: LocalTime? = nil, change: OccurrenceChange? = nil
    ) {
        self.change = change
        self.scheduledTime = scheduledTime
        self.classIndex = classIndex
        self.originalDate = originalDate
        self.date = date
        self.localStart = localStart
        self.start = start
        self.end = end
        self.status = status
        self.movedFrom = movedFrom
        self.moveReason = moveReason
        self.startWasInGap = startWasInGap
        self.startWasAmbiguous = startWasAmbiguous
    }

    /// The wall time the schedule asked for, when it differs from `localStart` (a moved
    /// occurrence, or one whose time fell in a gap); nil means the class's own start.
    package var scheduledTime: LocalTime?

    /// True when an exception changes the instructor, location, title, note or length.
    package var isChanged: Bool { change != nil }

    package var isCancelled: Bool {
        if case .cancelled = status { return true }
        return false
    }
}

extension Schedule {
    /// What members see for an occurrence, its exceptions' changes applied: the instructor.
    package func instructor(of o: Occurrence) -> String? { o.change?.instructor ?? classes[o.classIndex].instructor }
    /// The location, changed or the class's.
    package func location(of o: Occurrence) -> String? { o.change?.location ?? classes[o.classIndex].location }
    /// The title, changed or the class's.
    package func title(of o: Occurrence) -> String { o.change?.title ?? classes[o.classIndex].title }
    /// The length in minutes, changed or the class's.
    package func durationMinutes(of o: Occurrence) -> Int { o.change?.durationMinutes ?? classes[o.classIndex].durationMinutes }

    /// The booking link of an occurrence: its class's template, else the calendar's, filled in;
    /// else the class's or the calendar's plain `url`.
    package func bookingURL(of o: Occurrence) -> String? {
        let cls = classes[o.classIndex]
        if let t = cls.bookingURL ?? calendar.bookingURL {
            return t.filled(date: o.date, time: o.localStart.time, classID: cls.id)
        }
        return cls.url ?? calendar.url
    }

    /// True when the occurrence belongs in `feed`.
    package func feed(_ feed: FeedDefinition, includes o: Occurrence) -> Bool {
        let cls = classes[o.classIndex]
        return feed.matches(instructor: instructor(of: o), location: location(of: o), tags: cls.tags, classID: cls.id)
    }

}

/// Which classes may have occurrences in each of `feeds`, worked out once per schedule: a
/// class whose own instructor, location, tags and id match, or one that an exception gives a
/// matching instructor or location on some date.
package struct FeedMembership: Sendable {
    /// For each class with `change` entries (or moves with changes), the (instructor, location)
    /// pairs its changed occurrences can have.
    private let variants: [Int: [(instructor: String?, location: String?)]]
    private let schedule: Schedule

    package init(_ schedule: Schedule) {
        self.schedule = schedule
        var variants: [Int: [(instructor: String?, location: String?)]] = [:]
        guard !schedule.feeds.isEmpty else {
            self.variants = [:]
            return
        }
        var indexByID: [String: Int] = [:]
        for (i, c) in schedule.classes.enumerated() where indexByID[c.id] == nil { indexByID[c.id] = i }
        for e in schedule.exceptions {
            guard let c = e.changes, c.instructor != nil || c.location != nil, let id = e.classID, let i = indexByID[id] else { continue }
            let cls = schedule.classes[i]
            variants[i, default: []].append((c.instructor ?? cls.instructor, c.location ?? cls.location))
        }
        self.variants = variants
    }

    /// True when some occurrence of class `i` may belong in `feed`.
    package func feed(_ feed: FeedDefinition, mayInclude i: Int) -> Bool {
        let cls = schedule.classes[i]
        if feed.matches(instructor: cls.instructor, location: cls.location, tags: cls.tags, classID: cls.id) { return true }
        return variants[i]?.contains { feed.matches(instructor: $0.instructor, location: $0.location, tags: cls.tags, classID: cls.id) } ?? false
    }

    /// True when class `i`'s occurrences are all in `feed` or all out of it: no exception gives
    /// one of them an instructor or location that the feed judges otherwise than the class's.
    package func isUniform(classIndex i: Int, for feed: FeedDefinition) -> Bool {
        guard let variants = variants[i] else { return true }
        let cls = schedule.classes[i]
        let own = feed.matches(instructor: cls.instructor, location: cls.location, tags: cls.tags, classID: cls.id)
        return variants.allSatisfy { feed.matches(instructor: $0.instructor, location: $0.location, tags: cls.tags, classID: cls.id) == own }
    }
}
