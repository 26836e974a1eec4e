import CivilTime

/// The exceptions that name a class, grouped by class in flat arrays: what the recurrence engine
/// asks for every occurrence it makes.
///
/// A network has thousands of classes with a handful of cancellations each. Grouping them into a
/// dictionary of arrays keyed by class id, with an index per class, cost more than expanding the
/// classes did. Here each exception is placed once (a counting sort by class), a class's
/// cancellations are a slice of one array scanned in list order (the first listed wins), and
/// only a class with more than ``scanLimit`` of them gets a ``CancellationIndex``, which keeps
/// every lookup O(log n) for a schedule at the limits.
///
/// Exceptions name classes by id. Classes that share an id (an invalid schedule that the
/// validator reports) share their exceptions: everything is stored under the first class with
/// the id, its ``owner``.
final class ClassExceptions: Sendable {
    /// A class with at most this many cancellations is scanned; a longer list is indexed.
    static let scanLimit = 16

    /// The first class with each id.
    let indexByID: [String: Int]
    /// For each class, the class its exceptions are stored under (itself unless its id repeats).
    let owner: [Int]
    /// A class's cancellations are `cancellations[start[owner] ..< start[owner + 1]]`, in list order.
    private let start: [Int]
    private let cancellations: [Cancellation]
    /// The indexes of the classes with more than ``scanLimit`` cancellations.
    private let indexes: [Int: CancellationIndex]
    /// Moves by original date (the first listed for a date wins), for the classes that have any.
    private let moves: [Int: [LocalDate: ScheduleException]]
    /// The positions in `Schedule.exceptions` of each class's `change` entries, in list order,
    /// by owner: an array access for every occurrence made, not a hash lookup (nearly every
    /// list is empty, which costs no allocation).
    private let changes: [[Int]]
    /// Per owner: true when some class with the id ignores holiday calendars.
    private let ignoresHolidays: [Bool]

    /// One cancellation as day numbers, with its position in `Schedule.exceptions`.
    private struct Cancellation: Sendable {
        var from: Int
        var to: Int
        var position: Int
    }

    init(_ schedule: Schedule) {
        let classes = schedule.classes
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(classes.count)
        var owner: [Int] = []
        owner.reserveCapacity(classes.count)
        var ignoresHolidays = [Bool](repeating: false, count: classes.count)
        for (i, c) in classes.enumerated() {
            let o: Int
            if let first = indexByID[c.id] { o = first } else { o = i; indexByID[c.id] = i }
            owner.append(o)
            if c.ignoreHolidays { ignoresHolidays[o] = true }
        }

        // The owner of each exception's class (-1: calendar-wide, no such class, or not a cancellation). Exceptions
        // are usually listed class by class, so the previous id is compared before hashing.
        var ownerOf = [Int](repeating: -1, count: schedule.exceptions.count)
        var previous: (id: String, owner: Int)?
        var counts = [Int](repeating: 0, count: classes.count + 1)
        var moves: [Int: [LocalDate: ScheduleException]] = [:]
        var changes = [[Int]](repeating: [], count: classes.count)
        let exceptions = schedule.exceptions
        // By index: `for e in exceptions` would copy (retain and release) every entry's strings.
        for position in exceptions.indices {
            guard let id = exceptions[position].classID else { continue }
            let o: Int
            if let p = previous, p.id == id {
                o = p.owner
            } else if let found = indexByID[id] {
                o = found
                previous = (id, found)
            } else {
                continue
            }
            switch exceptions[position].kind {
            case .cancel(let from, let to):
                guard from <= to else { continue }  // covers nothing
                ownerOf[position] = o
                counts[o + 1] += 1
            case .move(let date, _, _):
                if moves[o]?[date] == nil { moves[o, default: [:]][date] = exceptions[position] }
            case .change(let from, let to):
                if from <= to, exceptions[position].changes != nil { changes[o].append(position) }
            }
        }
        // Counting sort by owner; positions ascend within each class, so list order is kept.
        for i in classes.indices { counts[i + 1] += counts[i] }
        var next = counts
        var cancellations = [Cancellation](repeating: Cancellation(from: 0, to: 0, position: 0), count: counts[classes.count])
        for (position, o) in ownerOf.enumerated() where o >= 0 {
            guard case .cancel(let from, let to) = exceptions[position].kind else { continue }
            cancellations[next[o]] = Cancellation(from: from.dayNumber, to: to.dayNumber, position: position)
            next[o] += 1
        }
        var indexes: [Int: CancellationIndex] = [:]
        for o in classes.indices where counts[o + 1] - counts[o] > Self.scanLimit {
            indexes[o] = CancellationIndex(cancellations[counts[o]..<counts[o + 1]].map { exceptions[$0.position] })
        }
        self.indexByID = indexByID
        self.owner = owner
        self.start = counts
        self.cancellations = cancellations
        self.indexes = indexes
        self.moves = moves
        self.changes = changes
        self.ignoresHolidays = ignoresHolidays
    }

    /// The position in `Schedule.exceptions` of the first listed cancellation naming class `i`
    /// that covers `date`.
    func firstCancellation(ofClass i: Int, covering date: LocalDate) -> Int? {
        let o = owner[i]
        let lo = start[o]
        let hi = start[o + 1]
        guard lo < hi else { return nil }
        if let index = indexes[o] { return index.firstPosition(covering: date).map { cancellations[lo + $0].position } }
        let day = date.dayNumber
        for k in lo..<hi where cancellations[k].from <= day && day <= cancellations[k].to {
            return cancellations[k].position
        }
        return nil
    }

    /// Calls `body` with day ranges whose union is the days class `i`'s own cancellations cover.
    /// Single days may repeat (callers deduplicate dates); longer ranges are merged first, so a
    /// date is visited once for them, however many long closures overlap it.
    func forEachCancelledRange(ofClass i: Int, _ body: (ClosedRange<LocalDate>) -> Void) {
        let o = owner[i]
        let lo = start[o]
        let hi = start[o + 1]
        guard lo < hi else { return }
        if let index = indexes[o] {
            for r in index.coveredRanges { body(r) }
            return
        }
        // Nearly always single days, passed as they are; ranges are merged first, so that a few
        // overlapping closures of years do not visit their dates once each.
        var ranges: [ClosedRange<LocalDate>] = []
        for k in lo..<hi {
            let r = LocalDate(dayNumber: cancellations[k].from)...LocalDate(dayNumber: cancellations[k].to)
            if cancellations[k].from == cancellations[k].to { body(r) } else { ranges.append(r) }
        }
        for r in ranges.count > 1 ? CancellationIndex.union(ranges) : ranges { body(r) }
    }

    func moves(ofClass i: Int) -> [LocalDate: ScheduleException] { moves[owner[i]] ?? [:] }

    func hasMoves(ofClass i: Int) -> Bool { moves[owner[i]] != nil }

    func hasChanges(ofClass i: Int) -> Bool { !changes[owner[i]].isEmpty }

    /// The positions of class `i`'s `change` entries, in list order.
    func changes(ofClass i: Int) -> [Int] { changes[owner[i]] }

    func ignoresHolidays(ofClass i: Int) -> Bool { ignoresHolidays[owner[i]] }
}
