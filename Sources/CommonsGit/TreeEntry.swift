/// One file of a commit's tree, found by a recursive listing.
public struct TreeEntry: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case file
        case executable
        case symlink
        /// A gitlink: the commit of a submodule, whose files are not in this repository.
        case submodule
    }

    /// The path below the listed folder, with `/` separators.
    public let path: String
    public let id: ObjectID
    public let kind: Kind
    /// False when a part of the path is not valid UTF-8, which git allows: `path` then shows U+FFFD
    /// in its place, and names no file that can be read back.
    public var hasValidName = true
}
