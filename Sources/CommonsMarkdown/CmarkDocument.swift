import CCmarkGFM
import Foundation

/// A parsed cmark-gfm document: owns the parser (whose extension list the HTML renderer needs) and the tree.
///
/// cmark-gfm mutates process-global tables while parsing (the special characters of the inline
/// parser, set and reset for each parser's extensions), so parsing goes through one lock. The tree a
/// parse returns belongs to its document alone: walking, editing and rendering it touch no global
/// state, so documents are edited and rendered on any thread at once.
final class CmarkDocument {
    /// Serialises parsing in the process: parsing on two threads at once silently corrupts output.
    private static let parseLock = NSLock()

    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    private let parser: OpaquePointer
    let root: OpaquePointer
    let options: Int32

    init(parsing text: String, options: MarkdownOptions) throws(MarkdownError) {
        _ = Self.extensionsRegistered
        Self.parseLock.lock()
        defer { Self.parseLock.unlock() }
        self.options = options.cmarkOptions
        guard let parser = cmark_parser_new(self.options) else { throw MarkdownError("cmark-gfm could not create a parser") }
        for name in MarkdownOptions.extensionNames {
            guard let syntaxExtension = cmark_find_syntax_extension(name) else {
                cmark_parser_free(parser)
                throw MarkdownError("cmark-gfm has no '\(name)' extension")
            }
            cmark_parser_attach_syntax_extension(parser, syntaxExtension)
        }
        var utf8 = text.utf8CString
        utf8.withUnsafeMutableBufferPointer { buffer in
            cmark_parser_feed(parser, buffer.baseAddress, buffer.count - 1)
        }
        guard let root = cmark_parser_finish(parser) else {
            cmark_parser_free(parser)
            throw MarkdownError("cmark-gfm could not parse the document")
        }
        self.parser = parser
        self.root = root
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// Renders the (possibly edited) tree as HTML.
    func html() -> String {
        html(of: root)
    }

    /// Renders one node of the document, or one made for it, with the document's options and extensions.
    func html(of node: OpaquePointer) -> String {
        guard let rendered = cmark_render_html(node, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}

/// A failure of cmark-gfm itself (not a problem in the Markdown, which always parses).
public struct MarkdownError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
