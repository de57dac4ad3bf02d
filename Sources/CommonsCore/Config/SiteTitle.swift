import CommonsGit

/// The site's title when neither `title:` nor `--title` gives one: the repository's name, as a forge
/// names it, taken from the `origin` remote's address (`github.com/me/garden.git` is "garden"), which
/// every clone shares; "Commons" for a repository without one. Never the name of the folder it is
/// cloned into, which would make the same commit give other bytes in another folder.
enum SiteTitle {
    static let last = "Commons"

    static func fallback(for repository: Repository) -> String {
        repository.remoteURL("origin").flatMap(name(in:)) ?? last
    }

    /// The last part of a path or an address, without a trailing `/` or `.git`: nil when nothing is left.
    static func name(in location: String) -> String? {
        var path = Substring(location)
        while path.hasSuffix("/") { path = path.dropLast() }
        if path.hasSuffix(".git") { path = path.dropLast(4) }
        while path.hasSuffix("/") { path = path.dropLast() }
        let name = path.split(whereSeparator: { $0 == "/" || $0 == ":" || $0 == "\\" }).last.map(String.init)?.trimmed
        return name?.nonEmpty
    }
}
