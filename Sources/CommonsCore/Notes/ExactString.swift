/// A string compared by its bytes. Swift's String equality holds the NFC and NFD spellings of a
/// name equal, but git and file systems tell them apart: `café.md` in each spelling is a note of its own.
public struct ExactString: Hashable, Sendable {
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public static func == (lhs: ExactString, rhs: ExactString) -> Bool {
        lhs.value.utf8.elementsEqual(rhs.value.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        for byte in value.utf8 { hasher.combine(byte) }
    }
}
