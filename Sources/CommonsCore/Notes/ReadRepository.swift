import CommonsGit
import Foundation

/// Stage 1: reads the settings, the notes and the template overrides from one tree.
enum ReadRepository {
    /// `title` is the site's title unless the settings give one.
    static func run(_ tree: SourceTree, overrides: SettingsOverrides, title: String) throws -> Snapshot {
        var diagnostics: [Diagnostic] = []
        var settings = Settings()
        settings.title = title
        if let bytes = try contents(of: ConfigFile.name, in: tree) {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw BuildError("\(ConfigFile.name): error: the file is not valid UTF-8")
            }
            let (file, unknownKeys) = try ConfigFile.parse(text)
            settings.apply(file)
            for key in unknownKeys {
                diagnostics.append(Diagnostic(path: ConfigFile.name, message: "unknown setting '\(key)' is ignored", rule: .configKey))
            }
        }
        settings.apply(overrides)
        // Only the command line may write outside the repository: a committed setting that could is
        // how building someone else's repository would write, or delete, wherever they chose.
        settings.output = try normalisedFolder(settings.output, what: "output folder")
        settings.cacheFolder = try settings.cacheFolder.map { try normalisedFolder($0, what: "cache folder") }
        if settings.strictLineBreaks == nil { settings.strictLineBreaks = vaultLineBreaks(tree, contentFolder: settings.contentFolder) }
        settings.contentFolder = try normalisedFolder(settings.contentFolder, what: "content folder")
        settings.templateFolder = try normalisedFolder(settings.templateFolder, what: "template folder")

        var markdownFiles: [Snapshot.MarkdownFile] = []
        var attachments: Set<String> = []
        let reserved = reservedFolders(settings)
        for file in try tree.files(under: settings.contentFolder) {
            if reserved.contains(where: { file.path == $0 || file.path.hasPrefix($0 + "/") }) { continue }
            let repositoryPath = settings.contentFolder.isEmpty ? file.path : settings.contentFolder + "/" + file.path
            switch file.kind {
            case .unreadableName:
                diagnostics.append(Diagnostic(path: repositoryPath, message: "the file name is not valid UTF-8 (shown here with \u{FFFD}): the file is skipped; rename it",
                                              rule: .encoding))
            case .submodule:
                diagnostics.append(Diagnostic(path: repositoryPath, message: "submodule skipped: its files are in another repository", rule: .submodule))
            case .symlink:
                if NoteID.isNote(file.path) {
                    diagnostics.append(Diagnostic(path: repositoryPath, message: "symbolic link skipped: notes are read from regular files only", rule: .symlink))
                }
            case .file where NoteID.isNote(file.path):
                do {
                    if let bytes = try tree.contents(of: repositoryPath) {
                        markdownFiles.append(.init(id: NoteID(path: file.path), bytes: bytes))
                    }
                } catch {
                    guard CommitTree.isMissingContent(error) else { throw error }
                    diagnostics.append(Diagnostic(path: repositoryPath, message: "the repository lacks this note's content\(tree.whereRead) (a partial or damaged clone): it is not published",
                                                  rule: .missingNote))
                }
            case .file:
                // Swift's Set treats NFC and NFD spellings of a path as one; git keeps both.
                let (inserted, existing) = attachments.insert(file.path)
                if !inserted {
                    diagnostics.append(Diagnostic(path: repositoryPath, message: "differs from '\(existing)' only in Unicode normalisation: only the first is published", rule: .pathClash))
                }
            }
        }

        var templateOverrides: [String: [UInt8]] = [:]
        for file in try tree.files(under: settings.templateFolder) where file.kind == .file {
            let path = settings.templateFolder.isEmpty ? file.path : settings.templateFolder + "/" + file.path
            templateOverrides[file.path] = try contents(of: path, in: tree)
        }

        return Snapshot(
            commit: tree.commit,
            settings: settings,
            markdownFiles: markdownFiles,
            attachments: attachments,
            templateOverrides: templateOverrides,
            diagnostics: diagnostics
        )
    }

    /// Obsidian's "strict line breaks" as the vault's `.obsidian/app.json` sets it, in the content
    /// folder or at the repository root; nil when neither says.
    private static func vaultLineBreaks(_ tree: SourceTree, contentFolder: String) -> Bool? {
        for folder in Set([contentFolder, ""]).sorted(by: >) {
            let path = (folder.isEmpty ? "" : folder + "/") + ".obsidian/app.json"
            guard let bytes = try? tree.contents(of: path),
                  let settings = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { continue }
            return settings["strictLineBreaks"] as? Bool ?? false
        }
        return nil
    }

    /// The settings and the theme shape every page, so a build without them stops, naming the file.
    private static func contents(of path: String, in tree: SourceTree) throws -> [UInt8]? {
        do {
            return try tree.contents(of: path)
        } catch {
            guard CommitTree.isMissingContent(error) else { throw error }
            throw BuildError("\(path): error: the repository lacks this file's content\(tree.whereRead) (a partial or damaged clone); fetch it, e.g. with `git fetch --refetch`, and build again")
        }
    }

    /// Folders below the content folder that hold commons' own files, never notes.
    private static func reservedFolders(_ settings: Settings) -> [String] {
        [settings.templateFolder, settings.output].compactMap { folder in
            let folder = folder.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
            if settings.contentFolder.isEmpty { return folder.isEmpty ? nil : folder }
            guard folder.hasPrefix(settings.contentFolder + "/") else { return nil }
            return String(folder.dropFirst(settings.contentFolder.count + 1))
        }
    }

    /// A folder of the repository as a clean relative path; one that leaves the repository is refused.
    private static func normalisedFolder(_ folder: String, what: String) throws -> String {
        let segments = folder.split(separator: "/").filter { $0 != "." && !$0.isEmpty }
        guard !folder.hasPrefix("/"), !segments.contains("..") else {
            throw BuildError("the \(what) '\(folder)' must be a folder inside the repository")
        }
        return segments.joined(separator: "/")
    }
}

extension Settings {
    mutating func apply(_ file: ConfigFile) {
        if let value = file.title { title = value }
        if let value = file.baseURL { baseURL = value }
        if let value = file.repoURL { repoURL = value }
        if let value = file.content { contentFolder = value }
        if let value = file.output { output = value }
        if let value = file.cacheDir { cacheFolder = value }
        if let value = file.exclude { exclude += value }
        if let value = file.template { templateFolder = value }
        if let value = file.default { defaultVisibility = value }
        if let value = file.drafts { drafts = value }
        if let value = file.unsafeHTML { unsafeHTML = value }
        if let value = file.strictLineBreaks { strictLineBreaks = value }
        if let value = file.home { home = value }
    }

    mutating func apply(_ overrides: SettingsOverrides) {
        if let value = overrides.title { title = value }
        if let value = overrides.baseURL { baseURL = value }
        if let value = overrides.repoURL { repoURL = value }
        if let value = overrides.contentFolder { contentFolder = value }
        if let value = overrides.templateFolder { templateFolder = value }
        exclude += overrides.exclude
        if overrides.drafts { drafts = true }
        if overrides.unsafeHTML { unsafeHTML = true }
        if let url = baseURL, !url.hasSuffix("/") { baseURL = url + "/" }
        while repoURL?.hasSuffix("/") == true { repoURL?.removeLast() }
    }
}
