/// The instant of a timestamp as `DateText.timestamp` writes them (`2024-05-01T12:00:00+02:00`, or
/// `Z`), read without a date formatter: Foundation's took a third of the time of writing the bundle,
/// which sorts every commit of the history by its date.
public enum Timestamp {
    /// `items` newest first by the instant of their timestamp (text in an author's offset does not sort
    /// by time), then by hash: the order of the bundle's commit table, of `changes_since` from a
    /// bundle and of the `log` tool.
    public static func newestFirst<Item>(_ items: [Item], date: (Item) -> String, hash: (Item) -> String) -> [Item] {
        let keys = items.map { (instant: seconds(date($0)) ?? .min, hash: hash($0)) }
        return items.indices.sorted { lhs, rhs in
            keys[lhs].instant != keys[rhs].instant ? keys[lhs].instant > keys[rhs].instant : keys[lhs].hash < keys[rhs].hash
        }.map { items[$0] }
    }

    /// Seconds since 1970 in UTC; nil for text of another form.
    public static func seconds(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 || bytes.count == 25, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), (1...12).contains(month),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19) else { return nil }
        var offset = 0
        if bytes.count == 25 {
            guard bytes[19] == UInt8(ascii: "+") || bytes[19] == UInt8(ascii: "-"), bytes[22] == UInt8(ascii: ":"),
                  let hours = number(20..<22), let minutes = number(23..<25) else { return nil }
            offset = (hours * 60 + minutes) * 60 * (bytes[19] == UInt8(ascii: "-") ? -1 : 1)
        } else if bytes[19] != UInt8(ascii: "Z") {
            return nil
        }
        return daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
