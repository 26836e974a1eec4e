import CivilTime
import Foundation
import Testing

/// Regressions for TZif data that once crashed, hung or loaded silently wrong.
@Suite struct ZoneDataRegressionTests {
    static func london(transitions: [(Int64, UInt8)], footer: String?) -> [UInt8] {
        var b = TZifBuilder()
        b.types = [(0, false, 0), (3600, true, 4)]
        b.chars = Array("GMT\0BST\0".utf8)
        b.transitions = transitions
        b.footer = footer
        return b.bytes
    }

    @Test func aLastTransitionFarInTheFutureLoadsWithoutTrapping() throws {
        // A transition in the year 2300 with a footer: the footer adds nothing beyond 2200.
        let bytes = Self.london(transitions: [(10_413_792_000, 1)], footer: "GMT0BST,M3.5.0/1,M10.5.0")
        let rules = try ZoneRules(identifier: "Test/Far", tzif: bytes)
        #expect(rules.transitions.count == 1)
    }

    @Test func aTransitionNearTheEndOfTimeDoesNotOverflow() throws {
        let bytes = Self.london(transitions: [(Int64.min + 10, 1)], footer: "GMT0BST,M3.5.0/1,M10.5.0")
        let rules = try ZoneRules(identifier: "Test/Early", tzif: bytes)
        #expect(rules.offset(at: 1_800_000_000).abbreviation == "BST" || rules.offset(at: 1_800_000_000).abbreviation == "GMT")
    }

    @Test func transitionsOutOfOrderAreAnError() {
        let bytes = Self.london(transitions: [(2_000_000_000, 1), (1_000_000_000, 0)], footer: "GMT0")
        #expect(throws: ZoneDataError.self) { try ZoneRules(identifier: "Test/Unsorted", tzif: bytes) }
    }

    @Test func aMissingOrCutFooterIsAnError() throws {
        let whole = Array(try Data(contentsOf: URL(fileURLWithPath: "/usr/share/zoneinfo/Europe/London")))
        #expect(throws: Never.self) { try ZoneRules(identifier: "Europe/London", tzif: whole) }
        let footerStart = try #require(whole.dropLast().lastIndex(of: 0x0A))
        for cut in footerStart..<(whole.count - 1) {
            #expect(throws: ZoneDataError.self, "cut at \(cut)") {
                try ZoneRules(identifier: "Europe/London", tzif: Array(whole[..<cut]))
            }
        }
    }
}
