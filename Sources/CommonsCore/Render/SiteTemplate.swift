import Foundation
import Mustache

/// The theme: Mustache templates and the assets copied beside the pages. The built-in theme is compiled
/// into the binary; a file at the same path in the commons' template folder replaces it.
struct SiteTemplate: Sendable {
    /// The folder of the theme's files that are not templates, copied into the site as they are.
    static let assetsFolder = "assets"

    private let library: MustacheLibrary
    /// Non-template files of the theme, by their path in it (`assets/style.css`).
    let assets: [(path: String, bytes: [UInt8])]
    /// Every file of the theme, built-in and overridden, for the digests of the pages laid out with it.
    let digest: PageDigest

    /// What the theme is made from, for `serve` to keep it while they are as they were: parsing the
    /// templates was a thirtieth of a rebuild.
    struct Inputs: Equatable {
        let overrides: [String: [UInt8]]
        let overrideFolder: String

        /// By the bytes of the paths: a file renamed from one Unicode spelling to the other is another theme.
        static func == (lhs: Inputs, rhs: Inputs) -> Bool {
            let exact = { (files: [String: [UInt8]]) in Dictionary(uniqueKeysWithValues: files.map { (ExactString($0.key), $0.value) }) }
            return lhs.overrideFolder.hasSameBytes(as: rhs.overrideFolder) && exact(lhs.overrides) == exact(rhs.overrides)
        }
    }

    init(_ inputs: Inputs) throws {
        let (overrides, overrideFolder) = (inputs.overrides, inputs.overrideFolder)
        var files: [String: (bytes: [UInt8], origin: String)] = [:]
        for (path, base64) in EmbeddedSiteTemplate.base64Files {
            files[path] = ([UInt8](Data(base64Encoded: base64) ?? Data()), "built-in theme: \(path)")
        }
        for (path, bytes) in overrides {
            files[path] = (bytes, overrideFolder.isEmpty ? path : overrideFolder + "/" + path)
        }

        _ = HTMLEscaping.registered
        var library = MustacheLibrary()
        var assets: [(path: String, bytes: [UInt8])] = []
        var everything = Array(HTMLEscaping.pragma.utf8)
        for path in files.keys.sorted() {
            let file = files[path]!
            everything += Array("\0\(path)\0\(file.bytes.count)\0".utf8) + file.bytes
            guard path.hasSuffix(".mustache") else {
                assets.append((path, file.bytes))
                continue
            }
            guard let text = String(validating: file.bytes, as: UTF8.self) else {
                throw BuildError("\(file.origin): error: the template is not valid UTF-8")
            }
            do {
                library.register(try MustacheTemplate(string: HTMLEscaping.pragma + text), named: String(path.dropLast(".mustache".count)))
            } catch let error as MustacheTemplate.ParserError {
                let line = error.context.lineNumber - HTMLEscaping.pragmaLines
                throw BuildError("\(file.origin):\(line):\(error.context.columnNumber): error: template syntax: \(error.error)")
            } catch {
                throw BuildError("\(file.origin): error: template syntax: \(error)")
            }
        }
        for name in SitePageKinds.requiredTemplates where library.getTemplate(named: name) == nil {
            throw BuildError("the theme has no '\(name).mustache' template")
        }
        self.library = library
        self.assets = assets
        digest = PageDigest(of: everything)
    }

    func render(_ name: String, _ context: PageValues) throws -> String {
        guard let html = library.render(context, withTemplate: name) else {
            throw BuildError("the theme has no '\(name).mustache' template")
        }
        return html
    }
}
