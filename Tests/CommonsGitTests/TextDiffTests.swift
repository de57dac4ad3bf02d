import CommonsGit
import Foundation
import PropertyBased
import Testing
import TestSupport

/// libgit2's diff of two texts, checked against `git diff --no-index` on the same texts.
@Suite struct TextDiffTests {
    @Test(arguments: [
        ("", "one\ntwo\n"),
        ("one\ntwo\n", ""),
        ("one\ntwo\nthree\n", "one\n2\nthree\nfour\n"),
        ("no newline at the end", "no newline at the end\nnow there is\n"),
        ((1...30).map { "line \($0)" }.joined(separator: "\n"), (1...30).map { $0 == 3 || $0 == 25 ? "changed \($0)" : "line \($0)" }.joined(separator: "\n")),
        ("crlf\r\nlines\r\n", "crlf\r\nline\r\n"),
        ("same\n", "same\n"),
        // A line added beside a copy of itself: git's indent heuristic decides which one is new.
        ("\na\n\n", "\na\na\n\nb\n"),
    ])
    func matchesGit(old: String, new: String) throws {
        #expect(try Self.render(TextDiff(from: old, to: new)) == Self.gitDiff(old, new))
    }

    static let texts = Gen<String?>.element(of: ["a\n", "b\n", "c\n", "\n", "é\n", "x"]).array(of: 0...12).map { $0.compactMap { $0 }.joined() }

    @Test func matchesGitOnRandomTexts() async {
        await propertyCheck(count: 40, input: Self.texts, Self.texts) { old, new in
            let (ours, git) = (Self.render(try TextDiff(from: old, to: new)), try Self.gitDiff(old, new))
            #expect(ours == git)
        }
    }

    static func render(_ diff: TextDiff) -> [String] {
        diff.hunks.flatMap { hunk in
            [hunk.header] + hunk.lines.map { $0.kind.sign + $0.text }
        }
    }

    /// The hunks of `git diff --no-index`, without its file headers and end-of-file markers.
    static func gitDiff(_ old: String, _ new: String) throws -> [String] {
        let folder = try TemporaryFolder.make(prefix: "commons-diff")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(old.utf8).write(to: folder.appending(path: "old"))
        try Data(new.utf8).write(to: folder.appending(path: "new"))
        let output = try Run.command(["git", "diff", "--no-index", "--no-color", "-U3", "old", "new"], in: folder).standardOutput
        return output.split { $0 == "\n" || $0 == "\r\n" }
            .drop { !$0.hasPrefix("@@") }
            .filter { !$0.hasPrefix("\\") }
            .map { line in
                guard line.hasPrefix("@@") else { return String(line) }
                return String(line[..<line.range(of: "@@", range: line.index(line.startIndex, offsetBy: 2)..<line.endIndex)!.upperBound])
            }
    }
}
