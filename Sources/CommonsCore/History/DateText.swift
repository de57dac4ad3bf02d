import CommonsGit
import Foundation

/// Dates as the site shows them: the day in the author's own time zone, so the same commit always
/// reads the same wherever the site is built.
enum DateText {
    /// `2024-05-01`.
    static func day(_ signature: Signature) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(secondsFromGMT: Int(signature.offsetMinutes) * 60) ?? TimeZone(secondsFromGMT: 0)!
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(signature.time)))
    }
}
