import Foundation

/// The JSON of the bundle and of the site's data files (search index, graph, explorer): keys sorted
/// by their UTF-8 bytes, so that the same commit gives the same bytes, and slashes left as they are.
///
/// It writes what Foundation's `JSONEncoder` writes with `.sortedKeys` and `.withoutEscapingSlashes`,
/// byte for byte (a test holds it to that), at several times the speed: that encoder builds a tree of
/// boxed values and asks each value's type at every step, which made encoding the bundle and the
/// search index a tenth of a build. Values are gathered into a light tree, then written once.
struct BundleEncoder {
    func encode(_ value: some Encodable) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1024)
        try JSONNode.of(value).write(into: &bytes)
        return bytes
    }
}

/// A value being encoded: scalars as they are, containers as classes the containers fill in.
enum JSONNode {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    /// Already JSON: a floating-point number, as Foundation writes it.
    case raw([UInt8])
    case object(JSONObject)
    case array(JSONArray)
    /// What a super encoder was given, known only once the caller has used it.
    case encoder(JSONNodeEncoder)

    static func of<T: Encodable>(_ value: T) throws -> JSONNode {
        switch value {
        case let text as String: return .string(text)
        case let number as Int: return .int(number)
        case let flag as Bool: return .bool(flag)
        case let number as Double: return try .double(number)
        // The other integer and floating-point types, which the containers' protocols hand to this
        // generic path: asking them to encode themselves would come back here.
        case let number as any BinaryInteger: return Int(exactly: number).map(JSONNode.int) ?? .raw(Array(String(describing: number).utf8))
        case let number as Float: return .raw(Array(try JSONEncoder().encode(number)))
        default:
            let encoder = JSONNodeEncoder()
            try value.encode(to: encoder)
            guard let node = encoder.node else {
                throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(T.self) encoded no value"))
            }
            return node
        }
    }

    static func double(_ number: Double) throws -> JSONNode {
        // Rare (front-matter numbers): Foundation's own spelling, so the bytes stay its bytes.
        .raw(Array(try JSONEncoder().encode(number)))
    }

    func write(into bytes: inout [UInt8]) throws {
        switch self {
        case .null: bytes += "null".utf8
        case .bool(let flag): bytes += (flag ? "true" : "false").utf8
        case .int(let number): bytes += String(number).utf8
        case .string(let text): Self.write(text, into: &bytes)
        case .raw(let json): bytes += json
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (index, entry) in object.distinctEntries.sorted(by: { $0.key.precedesInBytes($1.key) }).enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.write(entry.key, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                try entry.value.write(into: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        case .encoder(let encoder):
            // Foundation writes an unused super encoder as an empty object.
            try (encoder.node ?? .object(JSONObject())).write(into: &bytes)
        case .array(let array):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in array.items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                try item.write(into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        }
    }

    /// A JSON string: quotes and backslashes escaped, control characters as their short escapes or
    /// `\u00xx`; everything else, slashes and U+2028 included, as it is.
    static func write(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        let hex = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

final class JSONObject {
    var entries: [(key: String, value: JSONNode)] = []

    /// One entry a key, as Foundation keeps them in a dictionary: keys that Swift holds equal (one
    /// canonically equivalent to the other, like `é` and `e` with a combining accent) are one key,
    /// spelled as it came first, with the value that came last.
    var distinctEntries: [(key: String, value: JSONNode)] {
        // Plain ASCII keys are equal only when their bytes are, which a set of them tells cheaply.
        if entries.allSatisfy({ $0.key.utf8.allSatisfy { $0 < 0x80 } }) {
            var seen = Set<String>()
            guard entries.allSatisfy({ seen.insert($0.key).inserted }) else { return merged }
            return entries
        }
        return merged
    }

    private var merged: [(key: String, value: JSONNode)] {
        var position: [String: Int] = [:]
        var distinct: [(key: String, value: JSONNode)] = []
        for entry in entries {
            if let index = position[entry.key] {
                distinct[index].value = entry.value
            } else {
                position[entry.key] = distinct.count
                distinct.append(entry)
            }
        }
        return distinct
    }
}

final class JSONArray {
    var items: [JSONNode] = []
}

/// The `Encoder` a value's `encode(to:)` is given; what it encodes becomes `node`.
final class JSONNodeEncoder: Encoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    var node: JSONNode?

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // Asked twice, the same object: the second container adds to the first's keys.
        if case .object(let object) = node { return KeyedEncodingContainer(JSONKeyedContainer(object: object)) }
        let object = JSONObject()
        node = .object(object)
        return KeyedEncodingContainer(JSONKeyedContainer(object: object))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let array) = node { return JSONUnkeyedContainer(array: array) }
        let array = JSONArray()
        node = .array(array)
        return JSONUnkeyedContainer(array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueContainer(encoder: self)
    }
}

private struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: JSONObject
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { object.entries.append((key.stringValue, .null)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.entries.append((key.stringValue, .bool(value))) }
    mutating func encode(_ value: String, forKey key: Key) throws { object.entries.append((key.stringValue, .string(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { object.entries.append((key.stringValue, .int(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws { object.entries.append((key.stringValue, try .double(value))) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { object.entries.append((key.stringValue, try JSONNode.of(value))) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObject()
        object.entries.append((key.stringValue, .object(nested)))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(object: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONArray()
        object.entries.append((key.stringValue, .array(nested)))
        return JSONUnkeyedContainer(array: nested)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let encoder = JSONNodeEncoder()
        object.entries.append((name, .encoder(encoder)))
        return encoder
    }
}

private struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let array: JSONArray
    var codingPath: [any CodingKey] { [] }
    var count: Int { array.items.count }

    mutating func encodeNil() throws { array.items.append(.null) }
    mutating func encode(_ value: Bool) throws { array.items.append(.bool(value)) }
    mutating func encode(_ value: String) throws { array.items.append(.string(value)) }
    mutating func encode(_ value: Int) throws { array.items.append(.int(value)) }
    mutating func encode(_ value: Double) throws { array.items.append(try .double(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { array.items.append(try JSONNode.of(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObject()
        array.items.append(.object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(object: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONArray()
        array.items.append(.array(nested))
        return JSONUnkeyedContainer(array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = JSONNodeEncoder()
        array.items.append(.encoder(encoder))
        return encoder
    }
}

private struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONNodeEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoder.node = .null }
    mutating func encode(_ value: Bool) throws { encoder.node = .bool(value) }
    mutating func encode(_ value: String) throws { encoder.node = .string(value) }
    mutating func encode(_ value: Int) throws { encoder.node = .int(value) }
    mutating func encode(_ value: Double) throws { encoder.node = try .double(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { encoder.node = try JSONNode.of(value) }
}
