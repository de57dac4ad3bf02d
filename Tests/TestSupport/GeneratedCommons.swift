import Foundation

/// A commons made by the benchmark's generator, for the tests that want what hand-written fixtures
/// lack: folders, renames, deletions, private notes, wanted notes and long histories.
public enum GeneratedCommons {
    static let generator = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Benchmarks/generate_commons.py")

    /// Generates the tests' usual commons, 60 notes over 150 commits, as a repository at `path`.
    public static func make(at path: String) throws -> Run.Result {
        try Run.command(["python3", generator.path, path, "--notes", "60", "--commits", "150", "--seed", "3"])
    }
}
