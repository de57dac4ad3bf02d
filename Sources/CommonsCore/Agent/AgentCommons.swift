import Foundation

/// What `commons mcp` serves: the published commons as the context bundle describes it, read either
/// from a git repository (with the archive of past versions behind it) or from a published
/// `commons.json`. Both are made by the stages the site uses, so an agent sees what a reader sees.
public enum AgentCommons {
    /// Builds the bundle's document of the commons `plan` names, in memory, and opens its archive.
    public static func open(_ plan: BuildPlan, progress: @escaping (String) -> Void = { _ in }) throws -> (BundleDocument, NoteArchive) {
        let gathered = try ExportBundle.gather(plan, clock: StageClock(progress: progress))
        return (gathered.document, try NoteArchive(gathered.commons, history: gathered.history, document: gathered.document, plan: plan))
    }

    /// Reads a `commons.json` as `commons build` writes it, and derives what format 2 leaves out.
    public static func decode(bundle bytes: Data) throws -> BundleDocument {
        struct Version: Decodable {
            struct Provenance: Decodable { let schemaVersion: Int }
            let provenance: Provenance
        }
        let version: Int
        do {
            version = try JSONDecoder().decode(Version.self, from: bytes).provenance.schemaVersion
        } catch {
            throw BuildError("this is not a commons context bundle: \(DecodingErrorText.describe(error))")
        }
        guard version == ContextBundle.schemaVersion else {
            throw BuildError("the bundle has schema version \(version), and this commons reads version \(ContextBundle.schemaVersion): use a commons of the same version as the site's")
        }
        do {
            return BundleDocument(expanding: try JSONDecoder().decode(BundleFile.self, from: bytes))
        } catch {
            throw BuildError("the bundle does not follow its schema: \(DecodingErrorText.describe(error))")
        }
    }
}

/// A decoding error in one line, with where in the JSON it happened.
enum DecodingErrorText {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .dataCorrupted(let context): return "invalid JSON\(at(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context): return "'\(key.stringValue)' is missing\(at(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(context.debugDescription)\(at(context))"
        @unknown default: return "\(error)"
        }
    }

    private static func at(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "" : " at \(path)"
    }
}
