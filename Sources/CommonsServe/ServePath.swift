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
        // Read by byte, as a file system or proxy reads it: `/` or `.` followed by a combining mark
        // is one `Character` that no comparison of `Character`s would find.
        let bytes = Array(path.utf8)
        if bytes.contains(where: { [UInt8(ascii: "\\"), 0, UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C].contains($0) }) { return nil }
        if path.unicodeScalars.contains(where: { ["\u{85}", "\u{2028}", "\u{2029}"].contains($0) }) { return nil }
        let segments = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        // An empty segment other than the trailing one is `//`; `.` and `..` name other folders.
        for (index, segment) in segments.enumerated() {
            if segment.elementsEqual(".".utf8) || segment.elementsEqual("..".utf8) { return nil }
            if segment.isEmpty && index != segments.count - 1 { return nil }
        }
        return String(path)
    }
}
