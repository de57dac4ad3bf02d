import CGit2

/// A line diff of two texts in hunks with three lines of context, as `git diff` shows it, computed
/// by libgit2. The texts are given, not read from the repository, so a caller can diff what it may
/// publish of two versions rather than the versions themselves.
public struct TextDiff: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case context, added, removed

            /// The mark `git diff` puts before such a line.
            public var sign: String {
                switch self {
                case .context: " "
                case .added: "+"
                case .removed: "-"
                }
            }
        }

        public let kind: Kind
        /// The line without its line break.
        public let text: String
    }

    public struct Hunk: Sendable, Equatable {
        /// `@@ -1,4 +1,5 @@`.
        public let header: String
        public let lines: [Line]
    }

    public let hunks: [Hunk]

    /// The hunks as `git diff` prints them, without its file headers.
    public var unifiedText: String {
        hunks.map { hunk in ([hunk.header] + hunk.lines.map { $0.kind.sign + $0.text }).joined(separator: "\n") }.joined(separator: "\n")
    }

    public init(from old: String, to new: String) throws(GitError) {
        Libgit2.ensureInitialised()
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "set up a diff")
        // Notes are text even when a stray control character would make git call them binary.
        options.flags |= GIT_DIFF_FORCE_TEXT.rawValue
        // git diff slides ambiguous hunks to where indentation says a change begins (diff.indentHeuristic,
        // on by default); without it, an inserted line that repeats its neighbour lands elsewhere.
        options.flags |= GIT_DIFF_INDENT_HEURISTIC.rawValue
        // The patch points into both buffers, so it is read before they go.
        let oldBytes = Array(old.utf8), newBytes = Array(new.utf8)
        hunks = try oldBytes.withUnsafeBytes { oldBuffer in
            newBytes.withUnsafeBytes { newBuffer in
                Result { () throws(GitError) in
                    var patch: OpaquePointer?
                    try check(git_patch_from_buffers(&patch, oldBuffer.baseAddress, oldBuffer.count, nil,
                                                     newBuffer.baseAddress, newBuffer.count, nil, &options), "diff two versions of a note")
                    defer { git_patch_free(patch) }
                    return try Self.hunks(of: patch)
                }
            }
        }.get()
    }

    private static func hunks(of patch: OpaquePointer?) throws(GitError) -> [Hunk] {
        var hunks: [Hunk] = []
        for hunkIndex in 0..<git_patch_num_hunks(patch) {
            var hunk: UnsafePointer<git_diff_hunk>?
            var lineCount = 0
            try check(git_patch_get_hunk(&hunk, &lineCount, patch, hunkIndex), "read a diff hunk")
            guard let hunk else { continue }
            var lines: [Line] = []
            for lineIndex in 0..<lineCount {
                var line: UnsafePointer<git_diff_line>?
                try check(git_patch_get_line_in_hunk(&line, patch, hunkIndex, lineIndex), "read a diff line")
                guard let line = line?.pointee else { continue }
                let kind: Line.Kind
                switch UInt32(bitPattern: Int32(line.origin)) {
                case GIT_DIFF_LINE_CONTEXT.rawValue: kind = .context
                case GIT_DIFF_LINE_ADDITION.rawValue: kind = .added
                case GIT_DIFF_LINE_DELETION.rawValue: kind = .removed
                default: continue  // "no newline at end of file" markers
                }
                let bytes = UnsafeRawBufferPointer(start: line.content, count: line.content_len)
                var text = String(decoding: bytes, as: UTF8.self)
                if text.last == "\n" || text.last == "\r\n" { text.removeLast() }
                lines.append(Line(kind: kind, text: text))
            }
            hunks.append(Hunk(header: Self.header(hunk.pointee), lines: lines))
        }
        return hunks
    }

    /// The hunk's range line, without the function context git may append after it.
    private static func header(_ hunk: git_diff_hunk) -> String {
        func range(_ start: Int32, _ count: Int32) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
        return "@@ -\(range(hunk.old_start, hunk.old_lines)) +\(range(hunk.new_start, hunk.new_lines)) @@"
    }
}
