import Foundation

enum URLPath {
    /// The path of an absolute URL, ending in `/`: `https://x.org/notes/` → `/notes/`.
    static func path(of baseURL: String) -> String {
        guard let components = URLComponents(string: baseURL), !components.path.isEmpty else { return "/" }
        return components.path.hasSuffix("/") ? components.path : components.path + "/"
    }
}
