import Foundation

/// Paths and URLs inside the generated site.
enum SitePath {
    /// The relative prefix from a page (given by its folder path, ending in `/` or "") back to the site root.
    static func root(fromPage pagePath: String) -> String {
        String(repeating: "../", count: pagePath.split(separator: "/").count)
    }

    /// A site path made safe for an href: everything but unreserved characters and `/` percent-encoded.
    static func encode(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// The URL of a site path: absolute below the base URL, from the site root without one.
    static func url(of path: String, baseURL: String?) -> String {
        (baseURL ?? "/") + encode(path)
    }

    /// A fragment (`#anchor`) made safe for an href; letters of any script are percent-encoded too.
    static func encodeFragment(_ fragment: String) -> String {
        fragment.isEmpty ? "" : "#" + (String(fragment.dropFirst()).addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }

    private static let allowed: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-._~/")
        return set
    }()

    /// A relative href from the page at `pagePath` to the page at `target` (both from the site root).
    static func href(to target: String, fromPage pagePath: String) -> String {
        let root = root(fromPage: pagePath)
        return target.isEmpty && root.isEmpty ? "./" : root + encode(target)
    }

    /// Resolves `relative` (already percent-decoded) against `folder`; nil when it climbs above the top.
    static func resolve(_ relative: String, inFolder folder: String) -> String? {
        // Most paths of links are plain, with no `.`, `..` or empty segment, and join as they are:
        // splitting them was a sixteenth of a big history's build, in the redaction of past versions.
        if isPlain(relative) && (folder.isEmpty || isPlain(folder)) {
            return folder.isEmpty ? relative : folder + "/" + relative
        }
        var segments = relative.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
        for segment in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default: segments.append(String(segment))
            }
        }
        return segments.joined(separator: "/")
    }

    /// Not empty, no segment empty or starting with a dot.
    private static func isPlain(_ path: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: "/")
        for byte in path.utf8 {
            if previous == UInt8(ascii: "/") && (byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")) { return false }
            previous = byte
        }
        return previous != UInt8(ascii: "/")
    }
}
