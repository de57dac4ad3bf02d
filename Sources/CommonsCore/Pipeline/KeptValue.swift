/// A value `serve` keeps from one rebuild to the next, made again only when what it is made from
/// differs from the last build's: an edit of a note's text leaves the commons' structure (its routes,
/// what links reach, its order) as it was, and remaking that structure was most of a rebuild.
final class KeptValue<Key: Equatable, Value> {
    private var kept: (key: Key, value: Value)?

    /// The value made from `key`: the last one when its key was equal, else `make`'s.
    func value(for key: Key, _ make: () throws -> Value) rethrows -> Value {
        if let kept, kept.key == key { return kept.value }
        let value = try make()
        kept = (key, value)
        return value
    }
}
