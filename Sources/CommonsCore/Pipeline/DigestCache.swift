import Crypto
import Foundation

/// A value a cache keeps by a digest of what it is made from, written as binary records. `Input` is
/// what the caller has at hand when it asks, which a value may be read back with rather than holding
/// it again.
protocol DigestCacheable: Sendable {
    associatedtype Input
    /// An empty cache of such values, under the file name and format they are kept in.
    static func cache() -> DigestCache<Self>
    init(reading reader: inout BinaryReader, for input: Input) throws
    func write(into writer: inout BinaryWriter)
}

/// Values made from each note that the next build is likely to need again, kept by a SHA-256 of what
/// they are made from: `serve` keeps them in memory between rebuilds, a build in a file of its
/// `CacheStore`. The file carries a checksum of its records, since a damaged value could read as
/// another one; a file that does not read whole is ignored, and every value made again.
final class DigestCache<Value: DigestCacheable>: @unchecked Sendable {
    // @unchecked: the dictionaries and the count are read and written under `lock`.
    let fileName: String
    private let format: String
    private let lock = NSLock()
    /// The values the last build made: as read from the file, each decoded when first asked for.
    private var earlier: [[UInt8]: Kept]
    /// The values this build asked for: the ones the next build will find, each with the bytes it was
    /// read from, which are written again as they are rather than encoded again.
    private var used: [[UInt8]: (value: Value, written: ArraySlice<UInt8>?)] = [:]
    /// How many values were made rather than kept, since the cache was made.
    private(set) var made = 0

    private enum Kept {
        case read(Value)
        case written(ArraySlice<UInt8>)
    }

    private init(fileName: String, format: String, earlier: [[UInt8]: Kept]) {
        (self.fileName, self.format, self.earlier) = (fileName, format, earlier)
    }

    /// An empty cache whose file in a store is `fileName`, made under `format`.
    convenience init(fileName: String, format: String) {
        self.init(fileName: fileName, format: format, earlier: [:])
    }

    /// The value for `key`, made by `make` unless an earlier build made it.
    func value<Failure: Error>(for key: [UInt8], input: Value.Input, make: () throws(Failure) -> Value) throws(Failure) -> Value {
        let (again, kept) = lock.withLock { (used[key], earlier[key]) }
        if let again { return again.value }
        var found: Value?, written: ArraySlice<UInt8>?
        switch kept {
        case .read(let value): found = value
        case .written(let bytes):
            var reader = BinaryReader(Array(bytes))
            // A value that does not decode whole is made again, never trusted.
            found = (try? Value(reading: &reader, for: input)).flatMap { reader.isAtEnd ? $0 : nil }
            if found != nil { written = bytes }
        case nil: break
        }
        let value: Value
        if let found { value = found } else { value = try make() }
        lock.withLock {
            used[key] = (value, written)
            if found == nil { made += 1 }
        }
        return value
    }

    /// A SHA-256 of `bytes`, as keys are.
    static func key(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    /// Makes what this build asked for the earlier values of the next one, as `serve` rebuilds.
    func endBuild() {
        lock.withLock {
            earlier = used.mapValues { .read($0.value) }
            used = [:]
        }
    }

    private func file(in store: CacheStore) -> CacheFile {
        store.file(fileName, header: [format, PageMemo.executableIdentity])
    }

    /// What the last build left in `store`: an empty cache when there is none, or a file that does not
    /// read whole or whose checksum fails.
    func loaded(from store: CacheStore) -> DigestCache {
        guard let body = file(in: store).body() else { return self }
        var reader = BinaryReader(body)
        guard let checksum = try? reader.raw(), let records = try? reader.raw(), reader.isAtEnd,
              checksum.elementsEqual(SHA256.hash(data: records)) else { return self }
        var recordReader = BinaryReader(Array(records))
        guard let kept = try? recordReader.array({ reader in (Array(try reader.raw()), Kept.written(try reader.raw())) }),
              recordReader.isAtEnd else { return self }
        return DigestCache(fileName: fileName, format: format, earlier: Dictionary(kept, uniquingKeysWith: { first, _ in first }))
    }

    /// Keeps this build's values for the next, unless they are the ones the last build left.
    func save(to store: CacheStore) {
        let entries: [(key: [UInt8], value: (value: Value, written: ArraySlice<UInt8>?))] = lock.withLock {
            guard Set(used.keys) != Set(earlier.keys) else { return [] }
            return used.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        }
        guard !entries.isEmpty else { return }
        var records = BinaryWriter()
        records.write(entries) { writer, entry in
            writer.write(raw: entry.key)
            if let written = entry.value.written {
                writer.write(raw: written)
            } else {
                var value = BinaryWriter()
                entry.value.value.write(into: &value)
                writer.write(raw: value.bytes)
            }
        }
        var writer = BinaryWriter()
        writer.write(raw: Array(SHA256.hash(data: records.bytes)))
        writer.write(raw: records.bytes)
        file(in: store).write(body: writer.bytes)
    }
}
