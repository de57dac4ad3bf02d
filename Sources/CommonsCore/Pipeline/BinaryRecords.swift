/// A compact binary form for what a build leaves in its cache: numbers as variable-length integers,
/// strings as their length and UTF-8 bytes. Foundation's JSON coders cost as much as rendering the
/// notes they would have saved; this writes and reads a rendered commons of 10,000 notes in a few
/// hundredths of a second.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func write(_ value: Int) {
        // Zigzag, so that small negative numbers stay short too.
        write(UInt64(bitPattern: Int64((value << 1) ^ (value >> (Int.bitWidth - 1)))))
    }

    mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func write(_ value: String) {
        write(value.utf8.count)
        bytes += value.utf8
    }

    mutating func write(raw: some Collection<UInt8>) {
        write(raw.count)
        bytes += raw
    }

    mutating func write(_ value: Int?) {
        write(value != nil)
        if let value { write(value) }
    }

    mutating func write(_ value: String?) {
        write(value != nil)
        if let value { write(value) }
    }

    /// A text that often repeats the one written before it, as the links of one paragraph share its
    /// text as their context: a flag, then the text only when it differs. Written once a link, such a
    /// paragraph of 200,000 links would be written 200,000 times.
    mutating func write(_ text: String, after previous: inout String?) {
        write(text == previous)
        if text != previous { write(text) }
        previous = text
    }

    mutating func write<Element>(_ values: [Element], _ each: (inout BinaryWriter, Element) -> Void) {
        write(values.count)
        for value in values { each(&self, value) }
    }
}

/// Reads what a `BinaryWriter` wrote; every read throws on bytes that end early or do not read, so a
/// truncated or foreign cache file is refused, never trusted.
struct BinaryReader {
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private var position: Int

    init(_ bytes: [UInt8], from position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var isAtEnd: Bool { position == bytes.count }

    mutating func unsigned() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { throw Malformed() }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() throws -> Int {
        let zigzag = try unsigned()
        return Int(Int64(bitPattern: zigzag >> 1) ^ -Int64(zigzag & 1))
    }

    mutating func bool() throws -> Bool {
        guard position < bytes.count, bytes[position] <= 1 else { throw Malformed() }
        defer { position += 1 }
        return bytes[position] == 1
    }

    mutating func raw() throws -> ArraySlice<UInt8> {
        let count = try int()
        guard count >= 0, count <= bytes.count - position else { throw Malformed() }
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func string() throws -> String {
        guard let text = String(validating: try raw(), as: UTF8.self) else { throw Malformed() }
        return text
    }

    mutating func optionalInt() throws -> Int? {
        try bool() ? try int() : nil
    }

    /// A text `write(_:after:)` wrote, with the text read before it.
    mutating func string(after previous: inout String?) throws -> String {
        guard try bool() else {
            let text = try string()
            previous = text
            return text
        }
        guard let previous else { throw Malformed() }
        return previous
    }

    mutating func optionalString() throws -> String? {
        try bool() ? try string() : nil
    }

    mutating func array<Element>(_ each: (inout BinaryReader) throws -> Element) throws -> [Element] {
        let count = try int()
        // Each element takes a byte at least: a count beyond the bytes left is a damaged file.
        guard count >= 0, count <= bytes.count - position else { throw Malformed() }
        var values: [Element] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try each(&self)) }
        return values
    }
}
