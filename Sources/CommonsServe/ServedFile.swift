import Foundation
import Hummingbird

/// A file of the site as `serve` sends it: HTML with the reload script, and the time its bytes last
/// changed, for `Last-Modified` and the ETag that lets a browser revalidate.
struct ServedFile: FileMiddlewareFileAttributes, Sendable {
    let bytes: [UInt8]
    let modificationDate: Date
    let isFolder: Bool

    var size: Int { bytes.count }
}

/// The served site read as files, for Hummingbird's `FileMiddleware`, which does the HTTP side: `HEAD`,
/// content types, `index.html` for folders, `ETag` and `Last-Modified` with 304s, ranges.
struct SiteFileProvider: FileProvider {
    let state: SiteState

    func getFileIdentifier(_ path: String) -> String? {
        ServePath.sitePath(path)
    }

    func getAttributes(id: String) async throws -> ServedFile? {
        try state.served(id)
    }

    func loadFile(id: String, context: some RequestContext) async throws -> ResponseBody {
        guard let file = try state.served(id) else { throw HTTPError(.notFound) }
        return ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes))
    }

    func loadFile(id: String, range: ClosedRange<Int>, context: some RequestContext) async throws -> ResponseBody {
        guard let file = try state.served(id) else { throw HTTPError(.notFound) }
        guard range.lowerBound < file.bytes.count else { throw HTTPError(.rangeNotSatisfiable) }
        return ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes[range.clamped(to: 0...(file.bytes.count - 1))]))
    }
}
