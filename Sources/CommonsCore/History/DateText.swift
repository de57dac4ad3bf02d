import CommonsGit
import Foundation
import Synchronization

/// Dates as the site shows them: the day in the author's own time zone, so the same commit always
/// reads the same wherever the site is built.
enum DateText {
    /// `2024-05-01`.
    static func day(_ signature: Signature) -> String {
        format(signature, [.withFullDate])
    }

    /// RFC 3339, as feeds want it: `2024-05-01T12:00:00+02:00`.
    static func timestamp(_ signature: Signature) -> String {
        format(signature, [.withInternetDateTime])
    }

    private static func format(_ signature: Signature, _ options: ISO8601DateFormatter.Options) -> String {
        formatters.withLock { formatters in
            let key = FormatterKey(options: options.rawValue, offsetMinutes: signature.offsetMinutes)
            let formatter = formatters[key] ?? {
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = options
                formatter.timeZone = TimeZone(secondsFromGMT: Int(signature.offsetMinutes) * 60) ?? TimeZone(secondsFromGMT: 0)!
                formatters[key] = formatter
                return formatter
            }()
            return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(signature.time)))
        }
    }

    private struct FormatterKey: Hashable {
        let options: UInt
        let offsetMinutes: Int32
    }

    /// Making a formatter costs far more than using one, and a site formats a date per revision.
    private static let formatters = Mutex<[FormatterKey: ISO8601DateFormatter]>([:])
}
