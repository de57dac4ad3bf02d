import Foundation
import Hummingbird

/// Answers what the file middleware does not: methods other than GET and HEAD, requests while there is
/// no site to show, and paths the site does not have, with the site's own 404 page.
struct ServeMiddleware<Context: RequestContext>: RouterMiddleware {
    let state: SiteState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        if request.uri.path == ReloadScript.eventsPath { return try await next(request, context) }
        switch state.phase {
        case .building:
            return page(ReloadScript.page(title: "Building the commons…", message: "The first build is running."), status: .serviceUnavailable, request)
        case .failed(let message):
            return page(ReloadScript.page(title: "The build failed", message: message), status: .internalServerError, request)
        case .ready:
            break
        }
        do {
            let response = try await next(request, context)
            guard response.status == .notFound else { return response }
        } catch {
            guard let error = error as? any HTTPResponseError, error.status == .notFound else { throw error }
        }
        let notFound = try state.notFoundPage()?.bytes ?? Array("Not found\n".utf8)
        return page(notFound, status: .notFound, request)
    }

    private func page(_ bytes: [UInt8], status: HTTPResponse.Status, _ request: Request) -> Response {
        let headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .contentLength: String(bytes.count), .cacheControl: "no-cache"]
        return Response(status: status, headers: headers, body: request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
