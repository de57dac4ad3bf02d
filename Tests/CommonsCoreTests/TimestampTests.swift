@testable import CommonsCore
import Foundation
import CommonsGit
import Testing

/// The bundle orders commits by `Timestamp.seconds`, which must read every timestamp `DateText`
/// writes as Foundation's formatter reads it.
@Suite struct TimestampTests {
    @Test func everyTimestampReadsAsFoundationReadsIt() {
        var generator = SystemRandomNumberGenerator()
        let parser = ISO8601DateFormatter()
        for _ in 0..<2000 {
            let time = Int64.random(in: -2_000_000_000...4_000_000_000, using: &generator)
            let offset = Int32.random(in: -14 * 60...14 * 60, using: &generator)
            let text = DateText.timestamp(Signature(name: "A", email: "a@example.org", time: time, offsetMinutes: offset))
            #expect(Timestamp.seconds(text) == parser.date(from: text).map { Int($0.timeIntervalSince1970) }, "\(text)")
        }
    }

    @Test func otherTextsAreNotRead() {
        for text in ["", "2024-05-01", "2024-05-01T12:00:00", "2024-13-01T12:00:00Z", "2024-05-01T12:00:00+0200", "2024-05-01 12:00:00Z"] {
            #expect(Timestamp.seconds(text) == nil, "\(text)")
        }
    }
}
