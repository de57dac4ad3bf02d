import Crypto

/// What a build found of each past version of the published notes, kept in the build's `CacheStore`
/// for the next: reading a version, parsing its front matter and dropping its links to what is not
/// published cost more than a second at 10,000 notes, for versions that never change.
///
/// What may be shown of a version depends on its bytes and path (the key), and on what is published
/// now: the notes with their names, aliases and pages, the attachments, the withheld names and the
/// publishing settings. The file holds a digest of all of these, and a build whose digest differs
/// reads every version again. A version the repository lacked is not kept: it is looked for again.
enum VersionCache {
    static let fileName = "versions.cache"
    static let format = "commons versions 1"

    /// The digest of what the texts depend on besides the versions themselves.
    /// `rendering` is the digest of the environment the notes were rendered in (`RenderCache`).
    static func environment(_ rendering: [UInt8], settings: Settings) -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(raw: rendering)
        writer.write(settings.contentFolder)
        writer.write(settings.exclude) { $0.write($1) }
        writer.write(settings.defaultVisibility.rawValue)
        writer.write(settings.drafts)
        return Array(SHA256.hash(data: writer.bytes))
    }

    private static func file(in store: CacheStore) -> CacheFile {
        store.file(fileName, header: [format, PageMemo.executableIdentity])
    }

    /// What the last build found, when it was made in `environment`; none otherwise, or when the file
    /// does not read whole.
    static func load(from store: CacheStore, environment: [UInt8]) -> [String: PublishedVersions.Text] {
        guard let body = file(in: store).body() else { return [:] }
        var reader = BinaryReader(body)
        guard let digest = try? reader.raw(), digest.elementsEqual(environment),
              let entries = try? reader.array({ reader -> (String, PublishedVersions.Text) in
                  (try reader.string(), try reader.optionalString().map(PublishedVersions.Text.found) ?? .withheld)
              }), reader.isAtEnd else { return [:] }
        return Dictionary(entries, uniquingKeysWith: { first, _ in first })
    }

    /// Keeps what this build found, unless it is what the last one left.
    static func save(_ found: [String: PublishedVersions.Text], earlier: [String: PublishedVersions.Text], environment: [UInt8], to store: CacheStore) {
        guard found != earlier else { return }
        var writer = BinaryWriter()
        writer.write(raw: environment)
        writer.write(found.sorted { $0.key.precedesInBytes($1.key) }) { writer, entry in
            writer.write(entry.key)
            let text: String? = if case .found(let text) = entry.value { text } else { nil }
            writer.write(text)
        }
        file(in: store).write(body: writer.bytes)
    }
}
