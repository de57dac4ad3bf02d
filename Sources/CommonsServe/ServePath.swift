/// Turns the path of a request, already percent-decoded, into a path of the site, or refuses it.
///
/// The site is held in memory, so no request can reach a file outside it; this refuses, besides, any
/// path that could mean something else to a file system or a proxy in front of `serve`, so that what
/// is served never depends on how such a path would be read.
enum ServePath {
    /// The site path (no leading `/`) for `requestPath`, or nil to answer 404.
    static func sitePath(_ requestPath: String) -> String? {
        guard requestPath.hasPrefix("/") else { return nil }
        let path = requestPath.dropFirst()
        if path.contains(where: { $0 == "\\" || $0 == "\0" || $0.isNewline }) { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        // An empty segment other than the trailing one is `//`; `.` and `..` name other folders.
        for (index, segment) in segments.enumerated() {
            if segment == "." || segment == ".." { return nil }
            if segment.isEmpty && index != segments.count - 1 { return nil }
        }
        return String(path)
    }
}
