import Foundation

/// The folder a build stages the new site in, kept between builds so that the next build need not make
/// it again: after the swap it holds the site before, which becomes the next build's staging folder.
///
/// Making a staging folder from nothing costs a folder made and a file linked for every file of the
/// site, and removing the old site as much again, even when one note changed: at 10,000 notes that
/// was most of the next commit's build. The spare, `.<output>.spare` beside the output folder, keeps
/// its folders and its links instead, and a build only changes what differs.
///
/// The spare holds nothing the site does not: after each swap, and before each build takes it, every
/// file of it that is not the very file (the same inode) of the site at the same path is removed. A
/// page of a note made private since, or one a reader could compare with the site, never lingers
/// beside it; and since files are never written in place (see `StagedFile`), changing the spare never
/// changes the site it shares its files with.
struct SpareSite {
    let path: String
    /// The file that marks a folder as a spare commons kept: a folder of that name without it is
    /// someone else's, and no build takes or removes it. It tells git to ignore the folder, which
    /// stands beside an output folder the repository ignores.
    static let marker = ".gitignore"
    static let markerText = "# The spare site of commons, for its next build: see URLs and output in its documentation.\n*\n"

    init(of output: URL) {
        path = output.deletingLastPathComponent().appending(path: ".\(output.lastPathComponent).spare").path
    }

    /// Moves the spare to `staging`, pruned to what the new site keeps of the `live` one: `wanted`
    /// paths that are the live site's own files. Paths are compared by their bytes, as the file system
    /// does: a name in NFC and the same in NFD are two files. False when there is no spare to take.
    func take(as staging: String, live: String, wanted: Set<ExactString>) -> Bool {
        // Inodes tell files apart on one device only; the spare is made beside the site, on its device.
        guard isSpare, LocalFile.status(atPath: path)?.st_dev == LocalFile.status(atPath: live)?.st_dev, rename(path, staging) == 0 else {
            return false
        }
        guard (try? Self.prune(staging, below: "", live: live, keeping: { wanted.contains(ExactString($0)) },
                                    listingsTellInodes: Self.listingTellsInodes(staging) && Self.listingTellsInodes(live))) != nil else {
            try? FileManager.default.removeItem(atPath: staging)
            return false
        }
        return true
    }

    /// Keeps `staging`, which holds the site before since the swap, as the next build's spare, with
    /// only the files it shares with the `live` site. Removes it when it cannot.
    func keep(_ staging: String, live: String) {
        guard LocalFile.status(atPath: staging)?.st_dev == LocalFile.status(atPath: live)?.st_dev,
              (try? Self.prune(staging, below: "", live: live, keeping: { _ in true },
                                listingsTellInodes: Self.listingTellsInodes(staging) && Self.listingTellsInodes(live))) != nil,
              (try? StagedFile.write(to: staging + "/" + Self.marker) { try $0(Array(Self.markerText.utf8)) }) != nil,
              LocalFile.kind(atPath: path) == nil, rename(staging, path) == 0 else {
            try? FileManager.default.removeItem(atPath: staging)
            return
        }
    }

    /// Removes a spare that no site goes with: the output folder was removed since.
    func remove() {
        if isSpare { try? FileManager.default.removeItem(atPath: path) }
    }

    private var isSpare: Bool {
        LocalFile.kind(atPath: path) == .folder && StagedFile.holds(Array(Self.markerText.utf8), atPath: path + "/" + Self.marker)
    }

    /// Removes every entry of `folder` (below `root`) that is not `kept` or not the live site's own at
    /// the same path, and every folder left empty. Returns whether the folder is empty now. Files are
    /// told apart by the inodes the two folders' listings give, so that a site of 60,000 files costs
    /// no call for each.
    @discardableResult
    private static func prune(_ root: String, below folder: String, live: String, keeping kept: (String) -> Bool,
                              listingsTellInodes: Bool) throws -> Bool {
        let listed = try FolderListing.entries(in: folder.isEmpty ? root : root + "/" + folder)
        let liveFolder = folder.isEmpty ? live : live + "/" + folder
        let liveFiles = LocalFile.kind(atPath: liveFolder) == .folder
            ? Dictionary((try FolderListing.entries(in: liveFolder)).map { (ExactString($0.name), $0) }, uniquingKeysWith: { first, _ in first }) : [:]
        var left = listed.count
        for entry in listed {
            let path = folder.isEmpty ? entry.name : folder + "/" + entry.name
            let spare = root + "/" + path
            let removed: Bool
            switch entry.kind ?? LocalFile.kind(atPath: spare) {
            case .folder:
                removed = try prune(root, below: path, live: live, keeping: kept, listingsTellInodes: listingsTellInodes) && rmdir(spare) == 0
            case .file where listingsTellInodes && entry.kind != nil && liveFiles[ExactString(entry.name)]?.kind == .file:
                removed = !(kept(path) && liveFiles[ExactString(entry.name)]?.inode == entry.inode) && unlink(spare) == 0
            case .file, .symlink:
                removed = !(kept(path) && sameEntry(spare, live + "/" + path)) && unlink(spare) == 0
            default:
                removed = (try? FileManager.default.removeItem(atPath: spare)) != nil
            }
            if removed { left -= 1 }
        }
        return left == 0
    }

    /// Whether the inodes a listing of `folder` gives are the files' own, as on ext4, XFS, Btrfs and
    /// tmpfs; an overlay or FUSE file system may give others, and then each file is asked.
    private static func listingTellsInodes(_ folder: String) -> Bool {
        guard let entries = try? FolderListing.entries(in: folder) else { return false }
        return entries.prefix(8).allSatisfy { entry in
            LocalFile.status(atPath: folder + "/" + entry.name).map { UInt64($0.st_ino) == entry.inode } ?? false
        }
    }

    /// Whether two paths are one file (one inode), or symbolic links to the same place.
    static func sameEntry(_ one: String, _ other: String) -> Bool {
        guard let first = LocalFile.status(atPath: one), let second = LocalFile.status(atPath: other) else { return false }
        switch (LocalFile.Kind(first), LocalFile.Kind(second)) {
        case (.file, .file):
            return first.st_dev == second.st_dev && first.st_ino == second.st_ino
        case (.symlink, .symlink):
            let destination = { (path: String) in try? FileManager.default.destinationOfSymbolicLink(atPath: path) }
            return destination(one) != nil && destination(one) == destination(other)
        default:
            return false
        }
    }
}
