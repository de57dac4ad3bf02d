/// What the pipeline needs to know about one commit, as plain values.
public struct CommitInfo: Hashable, Sendable {
    public let id: ObjectID
    public let tree: ObjectID
    public let parents: [ObjectID]
    public let author: Signature
    public let committer: Signature
    /// The whole message, as written.
    public let message: String

    func withAuthor(_ author: Signature) -> CommitInfo {
        CommitInfo(id: id, tree: tree, parents: parents, author: author, committer: committer, message: message)
    }

    /// The first line of the message.
    public var subject: String {
        String(message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
