import CGumbo
import CGumboGuard

/// An HTML fragment parsed by gumbo, Google's HTML5 parser, as a browser parses the inside of a `<div>`:
/// owns gumbo's output tree and the bytes its positions and string pieces point into.
///
/// The tree is read through `Node`s, each of which keeps the fragment alive, so no pointer into the
/// tree outlives it. Parsing touches no global state: fragments are parsed on any thread at once.
final class HTMLFragment {
    /// The input, as gumbo read it: source offsets are byte offsets into it.
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// The parse, which owns every byte of gumbo's tree.
    private let parse: OpaquePointer
    private let output: UnsafeMutablePointer<GumboOutput>
    /// Made for each use: gumbo's options hold pointers, which Swift will not share between threads.
    private static func options() -> GumboOptions {
        var options = kGumboDefaultOptions
        options.fragment_context = GUMBO_TAG_DIV
        options.fragment_namespace = GUMBO_NAMESPACE_HTML
        // Parse errors are of no use here, and a long note would collect one per stray tag.
        options.max_errors = 0
        return options
    }

    init(parsing html: String) throws(HTMLParseError) {
        let utf8 = html.utf8
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(utf8.count, 1))
        _ = bytes.initialize(from: utf8)
        var options = Self.options()
        var failure = [CChar](repeating: 0, count: 512)
        let parse = bytes.withMemoryRebound(to: CChar.self) { buffer in
            commons_gumbo_parse(&options, buffer.baseAddress, utf8.count, &failure, failure.count)
        }
        guard let parse, let parsed = commons_gumbo_output(parse), parsed.pointee.root != nil else {
            commons_gumbo_free(parse)
            bytes.deallocate()
            let message = String(decoding: failure.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let reason = parse == nil ? ": it stopped on one of its own checks (\(message))" : ""
            throw HTMLParseError("gumbo could not parse an HTML fragment of \(utf8.count) bytes\(reason)")
        }
        self.bytes = bytes
        self.parse = parse
        output = parsed
    }

    deinit {
        commons_gumbo_free(parse)
        bytes.deallocate()
    }

    /// The fragment's top-level nodes, in order.
    var nodes: [Node] {
        Node(fragment: self, pointer: output.pointee.root).children
    }

    /// A node of the tree: an element, text, or a comment.
    struct Node {
        let fragment: HTMLFragment
        fileprivate let pointer: UnsafeMutablePointer<GumboNode>

        enum Kind {
            case element, text, whitespace, comment, cdata, template, other
        }

        var kind: Kind {
            switch pointer.pointee.type {
            case GUMBO_NODE_ELEMENT: .element
            case GUMBO_NODE_TEXT: .text
            case GUMBO_NODE_WHITESPACE: .whitespace
            case GUMBO_NODE_COMMENT: .comment
            case GUMBO_NODE_CDATA: .cdata
            case GUMBO_NODE_TEMPLATE: .template
            default: .other
            }
        }

        private var isElement: Bool { kind == .element || kind == .template }

        /// The decoded text of a text, whitespace, comment or CDATA node.
        var text: String {
            guard !isElement, let text = pointer.pointee.v.text.text else { return "" }
            return String(cString: text)
        }

        /// An element's name in lowercase, as written for elements gumbo does not know.
        var name: String {
            guard isElement else { return "" }
            let element = pointer.pointee.v.element
            if element.tag != GUMBO_TAG_UNKNOWN, let name = gumbo_normalized_tagname(element.tag) {
                return String(cString: name)
            }
            var piece = element.original_tag
            gumbo_tag_from_original_text(&piece)
            return fragment.string(piece).lowercased()
        }

        /// False for elements of SVG and MathML, which are parsed by other rules and are no HTML.
        var isHTML: Bool {
            isElement && pointer.pointee.v.element.tag_namespace == GUMBO_NAMESPACE_HTML
        }

        /// The byte range of the element's start tag, or of the whole comment, as written in the input;
        /// nil when the parser made the element without one.
        var source: Range<Int>? {
            isElement ? fragment.range(of: pointer.pointee.v.element.original_tag) : fragment.range(of: pointer.pointee.v.text.original_text)
        }

        /// True for an element whose end tag the input does not hold: the input ended, or another tag closed it.
        var isLeftOpen: Bool {
            isElement && pointer.pointee.parse_flags.rawValue & GUMBO_INSERTION_IMPLICIT_END_TAG.rawValue != 0
        }

        /// Where the node starts in the input: for an element the parser copied (a formatting element
        /// reopened in a later paragraph), where the original starts; for one it implied (a `<tbody>`),
        /// where the tag that implied it does.
        var offset: Int {
            let position = isElement ? pointer.pointee.v.element.start_pos : pointer.pointee.v.text.start_pos
            return Int(position.offset)
        }

        struct Attribute {
            /// Lowercased by the parser.
            let name: String
            /// With character references decoded.
            let value: String
            /// Where the attribute is written, its name to the end of its value.
            let source: Range<Int>?
        }

        var attributes: [Attribute] {
            guard isElement else { return [] }
            let vector = pointer.pointee.v.element.attributes
            return (0..<Int(vector.length)).compactMap { index in
                guard let attribute = vector.data[index]?.assumingMemoryBound(to: GumboAttribute.self).pointee else { return nil }
                let name = fragment.range(of: attribute.original_name)
                let value = fragment.range(of: attribute.original_value)
                let source = name.map { name in name.lowerBound..<max(name.upperBound, value?.upperBound ?? 0) }
                return Attribute(name: attribute.name.map { String(cString: $0) } ?? "",
                                 value: attribute.value.map { String(cString: $0) } ?? "", source: source)
            }
        }

        var children: [Node] {
            guard isElement else { return [] }
            let vector = pointer.pointee.v.element.children
            return (0..<Int(vector.length)).compactMap { index in
                vector.data[index].map { Node(fragment: fragment, pointer: $0.assumingMemoryBound(to: GumboNode.self)) }
            }
        }
    }

    /// The byte range a string piece of the tree covers in the input; nil for text the parser made.
    fileprivate func range(of piece: GumboStringPiece) -> Range<Int>? {
        guard let data = piece.data, piece.length > 0, let base = bytes.baseAddress else { return nil }
        let start = UnsafeRawPointer(data) - UnsafeRawPointer(base)
        guard start >= 0, start + piece.length <= bytes.count else { return nil }
        return start..<(start + piece.length)
    }

    fileprivate func string(_ piece: GumboStringPiece) -> String {
        guard let range = range(of: piece) else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

/// A failure of gumbo itself (not a problem in the HTML, which always parses).
struct HTMLParseError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
