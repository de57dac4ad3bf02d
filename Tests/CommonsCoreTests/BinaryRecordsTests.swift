@testable import CommonsCore
import Testing
import TestSupport

/// The cache's binary records read back what was written, and a damaged file is refused, never read
/// as something else.
@Suite struct BinaryRecordsTests {
    struct Record: Equatable {
        let number: Int
        let maybe: Int?
        let flag: Bool
        let text: String
        let note: String?
        let list: [String]
    }

    static let numbers = [0, 1, -1, 63, -64, 64, 127, 128, -129, 300, Int.max, Int.min, Int.max - 1, Int.min + 1, 1 << 35, -(1 << 40)]
    static let texts = ["", "a", "Café", "e\u{301}", "日本語", "🦀 and\ttabs\nand lines", String(repeating: "x", count: 300), "\0"]

    static func records(_ seed: UInt64) -> [Record] {
        var generator = SplitMix(seed: seed)
        return (0..<40).map { _ in
            Record(number: numbers.randomElement(using: &generator)!,
                   maybe: Bool.random(using: &generator) ? numbers.randomElement(using: &generator) : nil,
                   flag: Bool.random(using: &generator),
                   text: texts.randomElement(using: &generator)!,
                   note: Bool.random(using: &generator) ? texts.randomElement(using: &generator) : nil,
                   list: (0..<Int.random(in: 0...4, using: &generator)).map { _ in texts.randomElement(using: &generator)! })
        }
    }

    static func write(_ records: [Record]) -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(records) { writer, record in
            writer.write(record.number)
            writer.write(record.maybe)
            writer.write(record.flag)
            writer.write(record.text)
            writer.write(record.note)
            writer.write(record.list) { $0.write($1) }
        }
        return writer.bytes
    }

    static func read(_ bytes: [UInt8]) throws -> [Record] {
        var reader = BinaryReader(bytes)
        let records = try reader.array { reader in
            Record(number: try reader.int(), maybe: try reader.optionalInt(), flag: try reader.bool(), text: try reader.string(),
                   note: try reader.optionalString(), list: try reader.array { try $0.string() })
        }
        guard reader.isAtEnd else { throw BinaryReader.Malformed() }
        return records
    }

    @Test(arguments: [1 as UInt64, 2, 3, 4, 5])
    func whatIsWrittenReadsBack(seed: UInt64) throws {
        let records = Self.records(seed)
        #expect(try Self.read(Self.write(records)) == records, "seed \(seed)")
    }

    /// Every cut of a file, as a build killed while writing would leave one without the atomic rename,
    /// is refused.
    @Test func everyTruncationIsRefused() throws {
        let bytes = Self.write(Self.records(7))
        for end in 0..<bytes.count {
            #expect(throws: BinaryReader.Malformed.self) { try Self.read(Array(bytes[..<end])) }
        }
    }

    @Test func bytesThatAreNotUTF8AreRefused() throws {
        var bytes = Self.write([Record(number: 1, maybe: nil, flag: true, text: "abc", note: nil, list: [])])
        let index = try #require(bytes.firstIndex(of: UInt8(ascii: "b")))
        bytes[index] = 0xFF
        #expect(throws: BinaryReader.Malformed.self) { try Self.read(bytes) }
    }
}
