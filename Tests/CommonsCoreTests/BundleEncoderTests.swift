@testable import CommonsCore
import Foundation
import Testing
import TestSupport

/// The bundle's encoder writes what Foundation's `JSONEncoder` writes with sorted keys and slashes
/// as they are, byte for byte: the reference it replaced for speed.
@Suite struct BundleEncoderTests {
    static func reference(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static let texts = ["", "a", "B", "_", "10", "9", "é", "e\u{301}", "日本", "🦀", "ｚ", "q\"uote", "back\\slash", "a/b", "</script>",
                        "\u{0}\u{1}\u{8}\u{b}\u{c}\n\r\t\u{1f}", "\u{7f}\u{2028}\u{2029}", "tab\tin", "<&>'"]
    static let doubles = [0.0, -0.0, 1.5, 0.1, 1e20, 1e-7, 3.0, 123456789.125, -2.5e-300, Double.greatestFiniteMagnitude]

    static func value(_ generator: inout SplitMix, depth: Int) -> FrontMatterValue {
        switch Int.random(in: 0...(depth > 2 ? 4 : 6), using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .int([0, -1, 7, Int.max, Int.min].randomElement(using: &generator)!)
        case 3: return .double(doubles.randomElement(using: &generator)!)
        case 4: return .string(texts.randomElement(using: &generator)!)
        case 5: return .list((0..<Int.random(in: 0...3, using: &generator)).map { _ in value(&generator, depth: depth + 1) })
        default:
            return .mapping((0..<Int.random(in: 0...4, using: &generator)).map { _ in
                .init(key: texts.randomElement(using: &generator)!, value: value(&generator, depth: depth + 1))
            })
        }
    }

    @Test(arguments: 1...20)
    func frontMatterAsFoundationWritesIt(seed: Int) throws {
        var generator = SplitMix(seed: UInt64(seed))
        let values = (0..<20).map { _ in FrontMatterJSON(value: Self.value(&generator, depth: 0)) }
        let (mine, theirs) = (try BundleEncoder().encode(values), try Self.reference(values))
        #expect(mine == theirs, "seed \(seed): \(String(reflecting: String(decoding: mine, as: UTF8.self)))")
    }

    struct Everything: Encodable {
        let text: String
        let missing: Int?
        let present: String?
        let numbers: [Int]
        let small: Int8
        let huge: UInt64
        let float: Float
        let words: [String: [Int]]
        let nested: [[String]]
        let empty: [String: Int]
        let none: [Int]
        let flag: Bool
    }

    @Test func structsDictionariesAndEveryNumberAsFoundationWritesThem() throws {
        let value = Everything(text: "x/y \"z\"", missing: nil, present: "é", numbers: [3, -4, 0], small: -8, huge: UInt64.max, float: 0.25,
                               words: Dictionary(uniqueKeysWithValues: Self.texts.filter { $0 != "e\u{301}" }.enumerated().map { ($1, [$0, $0 * 3]) }),
                               nested: [[], ["a", "b"]], empty: [:], none: [], flag: false)
        #expect(try BundleEncoder().encode(value) == Self.reference(value))
        #expect(try BundleEncoder().encode([Everything]()) == Self.reference([Everything]()))
    }

    /// A type that encodes its superclass's part through a super encoder, and a key twice.
    struct Unusual: Encodable {
        enum Key: String, CodingKey { case a, b, `super` }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(1, forKey: .a)
            try container.encode(2, forKey: .a)
            var superContainer = container.superEncoder().singleValueContainer()
            try superContainer.encode("parent")
            var nested = container.nestedUnkeyedContainer(forKey: .b)
            try nested.encode(true)
            try nested.encodeNil()
            var list = encoder.container(keyedBy: Key.self)
            try list.encode([1.5, 2], forKey: .b)
        }
    }

    @Test func superEncodersAndRepeatedKeysAsFoundationWritesThem() throws {
        #expect(try BundleEncoder().encode(Unusual()) == Self.reference(Unusual()))
        #expect(try BundleEncoder().encode([Unusual(), Unusual()]) == Self.reference([Unusual(), Unusual()]))
    }
}
