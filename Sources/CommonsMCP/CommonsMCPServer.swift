import CommonsCore
import Foundation
import MCP

/// `commons mcp`: the published commons as a Model Context Protocol server over standard input and
/// output. Its tools search, read, follow links and read history; each note is also a resource.
public enum CommonsMCPServer {
    /// Where the notes come from.
    public enum Source: Sendable {
        /// A git repository, built as `plan` says.
        case repository(BuildPlan)
        /// A published `commons.json`: a file path or an http(s) URL.
        case bundle(String)
    }

    /// Loads the commons, then serves until the client closes standard input and every request read
    /// has its answer. `log` hears what goes to standard error, since standard output carries the protocol.
    public static func run(_ source: Source, log: @escaping @Sendable (String) -> Void) async throws {
        let library = try await load(source, log: log)
        let server = Server(
            name: "commons",
            version: CommonsVersion.current,
            title: library.document.provenance.title,
            instructions: instructions(library),
            capabilities: .init(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false))
        )
        let tools = NoteTools(library: library)
        // Tools run one at a time off Swift's cooperative threads: a slow one (changes since an old
        // commit parses that whole commit) must not hold up reading the next messages.
        let toolQueue = DispatchQueue(label: "commons.mcp.tools")
        let catalog = ToolCatalog.tools(gitMode: library.archive != nil)
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: catalog) }
        await server.withMethodHandler(CallTool.self) { call in
            let answer = await withCheckedContinuation { continuation in
                toolQueue.async {
                    continuation.resume(returning: Result { try AnswerJSON.textAndValue(tools.call(call.name, call.arguments)) })
                }
            }
            // The same answer twice: as structured content, which the tool's output schema describes,
            // and as its JSON text, for clients that read only text.
            return switch answer {
            case .success(let (text, structured)):
                .init(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: Optional<Value>.some(structured), isError: false)
            case .failure(let error): .init(content: [.text(text: "\(error)", annotations: nil, _meta: nil)], isError: true)
            }
        }
        let resources = NoteResources(library: library)
        await server.withMethodHandler(ListResources.self) { request in try resources.list(after: request.cursor) }
        await server.withMethodHandler(ReadResource.self) { request in try resources.read(request.uri) }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in .init(templates: [ToolCatalog.noteTemplate]) }
        log("Serving \(library.notes.count) notes of \(library.provenance) over MCP on standard input and output")
        let transport = LineTransport()
        try await server.start(transport: transport)
        await server.waitUntilCompleted()
        // The server's loop ends with the input, before the answers it is still making are written.
        await transport.owed.settled()
    }

    private static func load(_ source: Source, log: @escaping @Sendable (String) -> Void) async throws -> NoteLibrary {
        switch source {
        case .repository(let plan):
            let (document, archive) = try AgentCommons.open(plan, progress: log)
            return try NoteLibrary(document: document, origin: .repository(commit: document.provenance.commit), archive: archive)
        case .bundle(let location):
            let document = try AgentCommons.decode(bundle: try await BundleLocation.read(location))
            return try NoteLibrary(document: document, origin: .bundle(location), archive: nil)
        }
    }

    private static func instructions(_ library: NoteLibrary) -> String {
        let document = library.document
        var lines = [
            "The published notes of \"\(document.provenance.title)\": \(library.notes.count) notes, from \(library.provenance).",
            "Find notes with search_notes or list_notes, read one with read_note (or one section of it), follow the link graph with links, backlinks and neighbourhood, and read its history with note_history and the commits with log.",
            "List-shaped answers come a page at a time: pass an answer's nextCursor as cursor for the next page.",
        ]
        if library.archive != nil {
            lines.append("note_at_revision and diff read past versions.")
        }
        if let commit = library.commitToRemember {
            lines.append("To keep a copy current, remember commit \(commit) and later ask changes_since with it.")
        }
        lines.append("Each note is also the resource commons://note/<id>, its Markdown.")
        return lines.joined(separator: " ")
    }
}

/// Answers as compact JSON with sorted keys: the same question gets the same bytes.
enum AnswerJSON {
    static func text(_ answer: any Encodable) throws -> String {
        String(decoding: try encoded(answer), as: UTF8.self)
    }

    /// The answer as text and as the JSON value a tool's structured content carries.
    static func textAndValue(_ answer: any Encodable) throws -> (String, Value) {
        let bytes = try encoded(answer)
        return (String(decoding: bytes, as: UTF8.self), try JSONDecoder().decode(Value.self, from: bytes))
    }

    private static func encoded(_ answer: any Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(answer)
    }
}
