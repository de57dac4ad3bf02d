import CommonsCore
import Foundation
import MCP

/// Each published note as the resource `commons://note/<id>`, whose content is its Markdown as the
/// bundle has it. Listed a page at a time, so that a large commons does not arrive in one message.
struct NoteResources: Sendable {
    static let scheme = "commons://note/"
    static let pageSize = 500

    let library: NoteLibrary

    func list(after cursor: String?) throws -> ListResources.Result {
        let start: Int
        if let cursor {
            guard let offset = Int(cursor), (0...library.notes.count).contains(offset) else {
                throw MCPError.invalidParams("unknown cursor '\(cursor)': use the nextCursor of the previous page")
            }
            start = offset
        } else {
            start = 0
        }
        let end = min(start + Self.pageSize, library.notes.count)
        let resources = library.notes[start..<end].map { note in
            Resource(name: note.id, uri: Self.uri(of: note.id), title: note.title, description: note.path,
                     mimeType: "text/markdown", size: note.markdown.utf8.count)
        }
        return .init(resources: resources, nextCursor: end < library.notes.count ? String(end) : nil)
    }

    func read(_ uri: String) throws -> ReadResource.Result {
        guard uri.hasPrefix(Self.scheme), let id = String(uri.dropFirst(Self.scheme.count)).removingPercentEncoding,
              let note = try? library.note(id: id) else {
            throw MCPError.invalidParams("no published note has the resource '\(uri)': resources/list names them")
        }
        return .init(contents: [.text(note.markdown, uri: uri, mimeType: "text/markdown")])
    }

    /// Ids are page paths, which may hold characters a URI must escape.
    static func uri(of id: String) -> String {
        scheme + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id)
    }
}
