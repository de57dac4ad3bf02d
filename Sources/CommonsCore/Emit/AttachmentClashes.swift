import Foundation

/// Attachments are copied with their own paths, so two that differ only in letter case or Unicode
/// normalisation would overwrite each other on a case-insensitive host (macOS, Windows, many CDNs).
enum AttachmentClashes {
    static func diagnostics(_ attachments: [String], repositoryPath: (String) -> String) -> [Diagnostic] {
        // Swift's String equality already folds NFC and NFD together; lowercasing folds letter case.
        let groups = Dictionary(grouping: attachments) { $0.lowercased() }
        // The check stage puts every problem in file order, so these are returned in any order.
        return groups.values.filter { $0.count > 1 }.flatMap { paths in
            let sorted = paths.sorted { $0.precedesInBytes($1) }
            return sorted.dropFirst().map { path in
                Diagnostic(path: repositoryPath(path),
                           message: "differs from '\(repositoryPath(sorted[0]))' only in letter case or Unicode normalisation; on case-insensitive hosts one will replace the other",
                           rule: .pathClash)
            }
        }
    }
}
