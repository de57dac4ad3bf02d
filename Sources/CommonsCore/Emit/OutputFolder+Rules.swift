import CommonsGit
import Foundation

/// Where a build may write its site. Every rule compares real paths, symbolic links resolved, because
/// a folder reached through a symlinked parent is the same folder under another spelling: compared as
/// written, a repository was once taken for a site and deleted, `.git` included.
extension OutputFolder {
    /// The output folder a build asked for, checked before anything is written: never `/`, the home
    /// folder, the repository, its git folder or its content folder, nor a folder holding any of them;
    /// never inside the git folder or a content subfolder; only the command line may name a folder
    /// outside the repository, never a committed `commons.yml`; and a folder that holds files must
    /// be a site commons wrote, holding no committed note that it did not write.
    static func chosen(commandLine: String?, settings: Settings, repository: Repository) throws -> OutputFolder {
        let workingDirectory = try repository.workingDirectory.map(RealPath.of)
        let requested = commandLine ?? (repository.workingDirectory.map { $0 + settings.output } ?? settings.output)
        let real = try RealPath.of(requested)
        let shown = commandLine ?? settings.output

        if commandLine == nil, let workingDirectory, !RealPath.isSameOrInside(real, workingDirectory) {
            throw BuildError("the output folder '\(settings.output)' set in \(ConfigFile.name) leads outside the repository, to '\(real)'; only --output on the command line may write outside it")
        }
        var forbidden: [(path: String, what: String)] = [("/", "the root of the file system")]
        if let home = Self.home { forbidden.append((try RealPath.of(home), "your home folder")) }
        if let workingDirectory { forbidden.append((workingDirectory, "the repository")) }
        let gitFolder = try RealPath.of(repository.gitFolder)
        forbidden.append((gitFolder, "the repository's git folder"))
        var content: String?
        if let workingDirectory, !settings.contentFolder.isEmpty {
            content = try RealPath.of(workingDirectory + "/" + settings.contentFolder)
            forbidden.append((content!, "the content folder '\(settings.contentFolder)'"))
        }
        for (path, what) in forbidden where RealPath.isSameOrInside(path, real) {
            throw BuildError("the output folder '\(shown)' \(path == real ? "is" : "holds") \(what); choose a folder of its own, e.g. _site in the repository")
        }
        if RealPath.isSameOrInside(real, gitFolder) {
            throw BuildError("the output folder '\(shown)' lies inside the repository's git folder; choose a folder of its own, e.g. _site in the repository")
        }
        if let content, RealPath.isSameOrInside(real, content) {
            throw BuildError("the output folder '\(shown)' lies inside the content folder '\(settings.contentFolder)', among the notes; choose a folder of its own, e.g. _site in the repository")
        }

        let output = OutputFolder(realPath: real)
        let manifest = try output.checkHoldsOnlyASite(shown: shown)
        if let workingDirectory, RealPath.isSameOrInside(real, workingDirectory), !repository.isHeadUnborn {
            let relative = String(real.dropFirst(workingDirectory.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            let head = try repository.resolveCommit("HEAD")
            // Other tracked files (a committed site's CNAME) are kept like any file commons did not write.
            let notes = try repository.files(of: head, under: relative).filter { NoteID.isNote($0.path) }
            if let note = notes.first(where: { !(manifest?.lists($0.path) ?? false) }) {
                throw BuildError("the output folder '\(shown)' holds '\(relative)/\(note.path)', a note of the repository; choose a folder of its own, e.g. _site")
            }
        }
        return output
    }

    /// The folder's list of what commons wrote, nil when the folder is missing or empty. A folder
    /// that holds files but no list is someone else's, whatever those files are.
    private func checkHoldsOnlyASite(shown: String) throws -> SiteManifest? {
        switch LocalFile.kind(atPath: path) {
        case nil: return nil
        case .folder: break
        default: throw BuildError("the output path '\(shown)' is not a folder")
        }
        if let manifest = SiteManifest.read(in: path) { return manifest }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        guard contents.isEmpty else {
            throw BuildError("the output folder '\(shown)' is not empty and was not written by commons (it has no \(SiteManifest.fileName)); remove it or choose another folder")
        }
        return nil
    }

    private static var home: String? {
        if let home = ProcessInfo.processInfo.environment["HOME"], home.hasPrefix("/") { return home }
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
    }
}
