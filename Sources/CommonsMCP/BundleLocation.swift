import CommonsCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches a published `commons.json`: a plain GET for an http(s) URL, a read for a file path, so an
/// agent can mirror a commons from its website without its repository.
enum BundleLocation {
    static func read(_ location: String) async throws -> Data {
        let url = URL(string: location)
        switch url?.scheme?.lowercased() {
        case "http", "https": return try await fetch(url!, location: location)
        case "file": return try readFile(url!.path, location: location)
        default: return try readFile(location, location: location)
        }
    }

    private static func readFile(_ path: String, location: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw BuildError("cannot read the bundle '\(location)': \(FileErrorText.reason(error))")
        }
    }

    private static func fetch(_ url: URL, location: String) async throws -> Data {
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await URLSession.shared.data(from: url)
        } catch {
            throw BuildError("cannot fetch the bundle \(location): \(reason(error))")
        }
        if let status = (response as? HTTPURLResponse)?.statusCode, !(200..<300).contains(status) {
            throw BuildError("cannot fetch the bundle \(location): the server answered HTTP \(status)")
        }
        return data
    }

    /// What went wrong in words: on Linux a URLError describes itself only by its number.
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? URLError else { return "\(error)" }
        return switch error.code {
        case .cannotFindHost, .dnsLookupFailed: "no host has that name"
        case .cannotConnectToHost: "nothing answers at that address"
        case .timedOut: "the server did not answer in time"
        case .networkConnectionLost, .notConnectedToInternet: "the connection failed"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid:
            "the server's TLS certificate was refused"
        default: "URL error \(error.code.rawValue)"
        }
    }
}
