/// Values by path, each stamped with the last build that used it, so that a finished build forgets
/// those it did not use. It counts the ones it used, and when that is all of them it forgets nothing
/// without looking at each: the usual rebuild, where every file is as it was.
struct StampedValues<Value> {
    private var values: [String: (value: Value, build: Int)] = [:]
    private var build = 0, usedInBuild = 0

    /// Starts a build. What a failed one used stays, stamped with that build.
    mutating func beginBuild() {
        build += 1
        usedInBuild = 0
    }

    /// The value at `path` when `isCurrent` holds for it, stamped as used; one look-up of the path, for
    /// the ten thousand a rebuild finds as they were.
    mutating func use(_ path: String, if isCurrent: (Value) -> Bool = { _ in true }) -> Value? {
        guard let index = values.index(forKey: path), isCurrent(values.values[index].value) else { return nil }
        if values.values[index].build != build {
            values.values[index].build = build
            usedInBuild += 1
        }
        return values.values[index].value
    }

    /// Keeps `value` at `path`, used by this build; nil forgets what was there.
    mutating func set(_ value: Value?, at path: String) {
        if let value {
            if values.updateValue((value, build), forKey: path)?.build != build { usedInBuild += 1 }
        } else if values.removeValue(forKey: path)?.build == build {
            usedInBuild -= 1
        }
    }

    /// Forgets the values the build just finished did not use.
    mutating func endBuild() {
        if usedInBuild != values.count { values = values.filter { $0.value.build == build } }
    }
}
