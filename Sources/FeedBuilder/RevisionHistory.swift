import ICalendar

/// What a subscriber already has for each event, read back from the feeds in the output folder,
/// so that an unchanged event keeps its DTSTAMP, LAST-MODIFIED and SEQUENCE (RFC 5545
/// §3.8.7.2: without METHOD, DTSTAMP is when the information was last revised) and the feed
/// stays byte-identical. A changed event gets SEQUENCE + 1 and a new revision time, which is what
/// Google needs to apply the change (it ignores an edit whose SEQUENCE and LAST-MODIFIED stay put).
package struct RevisionHistory: Sendable {
    package struct Revision: Sendable, Hashable {
        /// FNV-1a hash of the event's content lines other than DTSTAMP, LAST-MODIFIED and SEQUENCE.
        package var fingerprint: UInt64
        package var stamp: Int64
        package var sequence: Int
    }

    /// By ``key(uid:recurrenceID:)``: a 64-bit hash keeps the table small (32 bytes an event).
    package private(set) var revisions: [UInt64: Revision] = [:]

    package init() {}

    package static func key(uid: String, recurrenceID: String?) -> UInt64 {
        var k = Key()
        k.add(uid.utf8)
        if let recurrenceID {
            k.add(0)
            k.add(recurrenceID.utf8)
        }
        return k.value
    }

    /// FNV-1a over the UID's bytes, a NUL, and the RECURRENCE-ID's value.
    package struct Key {
        package var value: UInt64 = 0xCBF2_9CE4_8422_2325
        package init() {}
        package mutating func add(_ byte: UInt8) {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01B3
        }
        package mutating func add(_ bytes: some Sequence<UInt8>) { for b in bytes { add(b) } }
    }

    package var isEmpty: Bool { revisions.isEmpty }

    /// Adds the events of a previous feed. Where two feeds (the combined one and a class's)
    /// disagree, the later revision wins.
    package mutating func add(feed bytes: [UInt8]) throws(ICalendarParseError) {
        for cal in try ICalendarReader().parse(bytes) {
            for e in cal.components(named: "VEVENT") {
                guard let uid = e.property("UID")?.value else { continue }
                let rid = e.property("RECURRENCE-ID")?.value
                let stamp = (e.property("LAST-MODIFIED") ?? e.property("DTSTAMP")).flatMap { p -> Int64? in
                    if case .utc(let t)? = DateTimeValue.values(of: p)?.first { return t }
                    return nil
                }
                guard let stamp else { continue }
                let seq = e.property("SEQUENCE").flatMap { Int($0.value) } ?? 0
                let r = Revision(fingerprint: Self.fingerprint(e.properties), stamp: stamp, sequence: max(0, seq))
                let k = Self.key(uid: uid, recurrenceID: rid)
                if let old = revisions[k], (old.sequence, old.stamp) >= (r.sequence, r.stamp) { continue }
                revisions[k] = r
            }
        }
    }

    package subscript(key: UInt64) -> Revision? { revisions[key] }

    /// The properties that make up an event's content: the line hashes of every property but
    /// the revision ones, combined in order (the writer computes the same while writing).
    package static func fingerprint(_ properties: [Property]) -> UInt64 {
        var fp = Fingerprint()
        for p in properties where !revisionProperties.contains(p.name) {
            var w = ContentLineWriter(foldWidth: 1 << 20)
            fp.add(w.write(p))
        }
        return fp.value
    }

    static let revisionProperties: Set<String> = ["DTSTAMP", "LAST-MODIFIED", "SEQUENCE"]
}
