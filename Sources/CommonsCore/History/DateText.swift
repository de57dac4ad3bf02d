import CommonsGit
import Foundation
import Synchronization

/// Dates as the site shows them: the day in the author's own time zone, so the same commit always
/// reads the same wherever the site is built.
enum DateText {
    /// `2024-05-01`.
    static func day(_ signature: Signature) -> String {
        guard let local = CivilTime(signature) else { return format(signature, [.withFullDate]) }
        return local.day
    }

    /// RFC 3339, as feeds want it: `2024-05-01T12:00:00+02:00`.
    static func timestamp(_ signature: Signature) -> String {
        guard let local = CivilTime(signature) else { return format(signature, [.withInternetDateTime]) }
        return local.day + "T" + local.time + Self.offset(signature.offsetMinutes)
    }

    /// `Z`, or `+02:00` and `-05:30`, as ISO 8601 writes a zone.
    private static func offset(_ minutes: Int32) -> String {
        guard minutes != 0 else { return "Z" }
        let size = abs(Int(minutes))
        return (minutes < 0 ? "-" : "+") + CivilTime.digits(size / 60, 2) + ":" + CivilTime.digits(size % 60, 2)
    }

    /// A signature's time in its own zone, told by arithmetic: a site formats a date for every
    /// revision, and Foundation's formatter, behind a lock, was a fifth of laying out a history page.
    /// Only the years 1970 to 9999, in the zones git reads (up to 14:59 either side of UTC), are told
    /// so; Foundation tells the rest, as it does the calendar before 1582 and years of other lengths.
    private struct CivilTime {
        let day: String
        let time: String

        init?(_ signature: Signature) {
            guard abs(signature.offsetMinutes) < 15 * 60 else { return nil }
            let seconds = signature.time + Int64(signature.offsetMinutes) * 60
            guard seconds >= 0, seconds <= 253_402_300_799 else { return nil }
            let days = Int(seconds / 86_400), within = Int(seconds % 86_400)
            // Howard Hinnant's days-to-civil, for the proleptic Gregorian calendar.
            let shifted = days + 719_468
            let era = shifted / 146_097
            let dayOfEra = shifted - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let monthIndex = (5 * dayOfYear + 2) / 153
            let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
            let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
            let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
            day = Self.digits(year, 4) + "-" + Self.digits(month, 2) + "-" + Self.digits(dayOfMonth, 2)
            time = Self.digits(within / 3_600, 2) + ":" + Self.digits(within / 60 % 60, 2) + ":" + Self.digits(within % 60, 2)
        }

        static func digits(_ number: Int, _ width: Int) -> String {
            let text = String(number)
            return String(repeating: "0", count: max(0, width - text.utf8.count)) + text
        }
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
