extension Repository {
    /// Every commit reachable from `head`, itself included: all that a reader who saw `head` has seen.
    /// A shallow clone's missing parents end the walk, as they end the history walk.
    public func ancestry(of head: ObjectID) throws(GitError) -> Set<ObjectID> {
        var seen: Set<ObjectID> = []
        var pending = [head]
        while let id = pending.popLast() {
            guard seen.insert(id).inserted else { continue }
            pending += try commit(id).parents.filter { exists($0) }
        }
        return seen
    }
}
