import Foundation

/// A string compared by its bytes. Swift's String equality holds the NFC and NFD spellings of a
/// name equal, but git and file systems tell them apart: `café.md` in each spelling is a note of its own.
public struct ExactString: Hashable, Sendable {
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public static func == (lhs: ExactString, rhs: ExactString) -> Bool {
        lhs.value.hasSameBytes(as: rhs.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combineUTF8(of: value)
    }
}

extension String {
    /// Whether the two strings are the same bytes of UTF-8, which `==` does not tell (see `ExactString`).
    /// With `memcmp` where both are stored whole, as Swift's own strings are: a byte loop over the two
    /// views, for every look-up in the dictionaries keyed by note, was a tenth of a `serve` rebuild.
    func hasSameBytes(as other: String) -> Bool {
        let (mine, theirs) = (utf8, other.utf8)
        guard mine.count == theirs.count else { return false }
        let compared = mine.withContiguousStorageIfAvailable { mine in
            theirs.withContiguousStorageIfAvailable { theirs in
                mine.isEmpty || memcmp(mine.baseAddress!, theirs.baseAddress!, mine.count) == 0
            }
        }
        // A string bridged from Foundation may not be stored whole.
        return (compared ?? nil) ?? mine.elementsEqual(theirs)
    }

    /// Whether the string's UTF-8 bytes come before `other`'s, as `utf8.lexicographicallyPrecedes`
    /// says: the order of paths and names everywhere, the same on every machine. With `memcmp`, for
    /// the sorts of every path of a commons.
    func precedesInBytes(_ other: String) -> Bool {
        let (mine, theirs) = (utf8, other.utf8)
        let compared = mine.withContiguousStorageIfAvailable { mine in
            theirs.withContiguousStorageIfAvailable { theirs in
                let common = Swift.min(mine.count, theirs.count)
                let order = common == 0 ? 0 : memcmp(mine.baseAddress!, theirs.baseAddress!, common)
                return order != 0 ? order < 0 : mine.count < theirs.count
            }
        }
        return (compared ?? nil) ?? mine.lexicographicallyPrecedes(theirs)
    }
}

extension Hasher {
    /// Feeds a string's UTF-8 bytes as they are, for types that compare strings by their bytes. In one
    /// call: a call a byte made hashing the dictionaries keyed by note a visible part of every build.
    /// The count follows, so that keys made of several strings stay apart ("ab", "c" and "a", "bc").
    mutating func combineUTF8(of string: String) {
        var string = string
        string.withUTF8 { bytes in
            combine(bytes: UnsafeRawBufferPointer(bytes))
            combine(bytes.count)
        }
    }
}
