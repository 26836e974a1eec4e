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

    package init(
        classIndex: Int, originalDate: LocalDate, date: LocalDate, localStart: LocalDateTime, start: Int64, end: Int64,
        status: Status, movedFrom: LocalDateTime? = nil, moveReason: String? = nil, startWasInGap: Bool = false,
        startWasAmbiguous: Bool = false, scheduledTime: LocalTime? = nil
    ) {
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

    package var isCancelled: Bool {
        if case .cancelled = status { return true }
        return false
    }
}
