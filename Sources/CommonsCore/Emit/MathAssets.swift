import CommonsMarkdown
import Foundation

/// KaTeX, to typeset the math of notes in the reader's browser with no request to another host: the
/// copy Debian's `libjs-katex` and `fonts-katex` install, copied into the site's `assets/katex/` only
/// when some published note has math. Where the packages are missing, math is shown as its TeX, and
/// the build says how to have it typeset.
struct MathAssets {
    /// Debian's KaTeX; its `fonts` is a link to `fonts-katex`'s folder.
    static let installed = "/usr/share/javascript/katex"
    static let folder = "assets/katex/"

    /// The site's files, by their path in it, and where each is read from.
    let files: [(path: String, source: String)]

    /// nil when KaTeX is not installed whole.
    init?(from root: String = Self.installed) {
        let scripts = [("katex.min.css", "katex.min.css"), ("katex.min.js", "katex.min.js"), ("auto-render.min.js", "contrib/auto-render.js")]
        var files = scripts.map { (Self.folder + $0.0, root + "/" + $0.1) }
        guard files.allSatisfy({ LocalFile.kind(atPath: (try? RealPath.of($0.1)) ?? $0.1) == .file }),
              let fonts = try? FileManager.default.contentsOfDirectory(atPath: root + "/fonts") else { return nil }
        // The stylesheet names each font in three formats, so all three are copied.
        for font in fonts.sorted() where font.hasPrefix("KaTeX_") {
            files.append((Self.folder + "fonts/" + font, root + "/fonts/" + font))
        }
        self.files = files
    }

    var outputFiles: [OutputFile] {
        files.map { OutputFile(path: $0.path, bytes: (try? LocalFile.bytes(atPath: $0.source)) ?? []) }
    }

    /// Whether a note's HTML holds math for KaTeX to typeset.
    static func isUsed(in html: String) -> Bool {
        html.holdsBytes("class=\"math math-")
    }
}
