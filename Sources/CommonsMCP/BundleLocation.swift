import CommonsCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches a published `commons.json`: a plain GET for an http(s) URL, a read for a file path, so an
/// agent can mirror a commons from its website without its repository.
enum BundleLocation {
    static func read(_ location: String) async throws -> Data {
        guard let url = URL(string: location), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
            do {
                return try Data(contentsOf: URL(fileURLWithPath: location))
            } catch {
                throw BuildError("cannot read the bundle '\(location)': \(FileErrorText.reason(error))")
            }
        }
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await URLSession.shared.data(from: url)
        } catch {
            throw BuildError("cannot fetch the bundle \(location): \(error.localizedDescription)")
        }
        if let status = (response as? HTTPURLResponse)?.statusCode, !(200..<300).contains(status) {
            throw BuildError("cannot fetch the bundle \(location): the server answered HTTP \(status)")
        }
        return data
    }
}
