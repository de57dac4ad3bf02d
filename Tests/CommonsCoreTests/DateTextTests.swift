@testable import CommonsCore
import CommonsGit
import Foundation
import Testing

/// Dates told by arithmetic are the dates Foundation's ISO 8601 formatter writes, in every zone
/// libgit2 reads from a commit (up to 14:59 either side) and at the edges of the years and of the
/// range told so.
@Suite struct DateTextTests {
    static func foundation(_ signature: Signature, _ options: ISO8601DateFormatter.Options) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = options
        formatter.timeZone = TimeZone(secondsFromGMT: Int(signature.offsetMinutes) * 60) ?? TimeZone(secondsFromGMT: 0)!
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(signature.time)))
    }

    static func check(_ time: Int64, _ offset: Int32) {
        let signature = Signature(name: "A", email: "a@example.org", time: time, offsetMinutes: offset)
        #expect(DateText.day(signature) == foundation(signature, [.withFullDate]), "\(time) \(offset)")
        #expect(DateText.timestamp(signature) == foundation(signature, [.withInternetDateTime]), "\(time) \(offset)")
    }

    @Test func randomTimesInEveryZone() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            Self.check(Int64.random(in: -3_000_000_000...300_000_000_000, using: &generator), Int32.random(in: -899...899, using: &generator))
        }
        for _ in 0..<5000 {
            Self.check(Int64.random(in: 0...2_000_000_000, using: &generator), Int32.random(in: -14 * 4...14 * 4, using: &generator) * 15)
        }
    }

    @Test func edgesOfDaysYearsAndTheRangeToldByArithmetic() {
        let edges: [Int64] = [
            0, -1, 1, 86_399, 86_400, 68_255_999, 68_256_000, // 1972-02-29 and the day after
            951_782_399, 951_782_400, 951_868_800, // 2000-02-28, 2000-02-29, 2000-03-01
            4_107_542_399, 4_107_542_400, // 2100-02-28 ends, 2100-03-01 begins: no leap day
            253_402_300_799, 253_402_300_800, 253_402_387_200, // the last second of 9999 and past it
        ]
        for time in edges {
            for offset: Int32 in [0, 1, -1, 60, -60, 330, -570, 14 * 60, -12 * 60, 899, -899, 18 * 60 + 1, -(18 * 60 + 1)] {
                Self.check(time, offset)
            }
        }
    }
}
