import Foundation

/// Paths and URLs inside the generated site.
enum SitePath {
    /// The relative prefix from a page (given by its folder path, ending in `/` or "") back to the site root.
    static func root(fromPage pagePath: String) -> String {
        String(repeating: "../", count: pagePath.split(separator: "/").count)
    }

    /// A site path made safe for an href: every UTF-8 byte but an unreserved character and `/` is written `%XX`, as Foundation's
    /// `addingPercentEncoding` writes it (a test holds it to that), by byte: through Foundation it was
    /// a twentieth of the next commit's build, which makes the URL of every note for the bundle and
    /// the llms.txt files.
    static func encode(_ path: String) -> String {
        func kept(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"): true
            default: false
            }
        }
        guard !path.utf8.allSatisfy(kept) else { return path }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count * 3)
        for byte in path.utf8 {
            if kept(byte) { bytes.append(byte) } else { bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]] }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The URL of a site path: absolute below the base URL, from the site root without one.
    static func url(of path: String, baseURL: String?) -> String {
        (baseURL ?? "/") + encode(path)
    }

    /// A fragment (`#anchor`) made safe for an href; letters of any script are percent-encoded too.
    static func encodeFragment(_ fragment: String) -> String {
        fragment.isEmpty ? "" : "#" + encode(String(fragment.dropFirst()))
    }

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
