import Foundation

// Writes a Swift file holding every file of a folder, base64-encoded, keyed by its path in the folder.
// Base64 string literals keep the generated file small and quick to compile, and carry binary files too.

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: site-template-embedder <folder> <output.swift>\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])

var entries: [(path: String, base64: String)] = []
if let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) {
    for case let url as URL in enumerator {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
        let relative = String(url.standardizedFileURL.path.dropFirst(folder.path.count + 1))
        if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
        entries.append((relative, try Data(contentsOf: url).base64EncodedString()))
    }
}
entries.sort { $0.path < $1.path }

var source = "// Generated from site-template/ by site-template-embedder. Do not edit.\n"
source += "enum EmbeddedSiteTemplate {\n    static let base64Files: [(path: String, base64: String)] = [\n"
for entry in entries {
    source += "        (\(String(reflecting: entry.path)), \"\(entry.base64)\"),\n"
}
source += "    ]\n}\n"
try Data(source.utf8).write(to: output, options: .atomic)
