// The local SkyDriver's request path: route → method → authentication → the redirect lookup
// (before argument checks, as in SkyDriver: an unknown scan is 404 even when arguments are
// wrong) → the handler. Every failure becomes SkyDriver's `{"code", "error"}` answer.

import Foundation
import GraphQLKit

struct SkyDriverRouter: Sendable {
    let handlers: SkyDriverHandlers
    /// The bearer token required; nil answers everyone (SkyDriver's CI mode).
    let token: String?

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        do {
            return try await route(request)
        } catch {
            // The client sees tornado's generic 500; the operator needs the database's reason.
            if case .storage(let message) = error {
                FileHandle.standardError.write(Data("skydriver-local: \(request.method) \(request.path): \(message)\n".utf8))
            }
            return error.response
        }
    }

    private func route(_ request: HTTPRequest) async throws(SkyDriverError) -> HTTPResponse {
        guard let route = SkyDriverRoute(path: request.path) else { throw .notFound }
        guard route.methods.contains(request.method) else { throw .methodNotAllowed }
        try authenticate(request)
        let arguments = try SkyDriverArguments(request: request)

        var manifest: JSONObject?
        if let scanID = route.scanID, route.redirects(method: request.method) {
            guard let found = try await handlers.store.manifest(scanID) else { throw .notFound }
            if let replacement = found["replaced_by_scan_id"]?.stringValue, !arguments.noRedirect {
                return redirect(request, from: scanID, to: replacement)
            }
            manifest = ManifestShape.normalized(found)
        }
        let answer = try await handlers.handle(route, method: request.method, arguments: arguments, manifest: manifest)
        return SkyDriverJSON.response(answer)
    }

    private func authenticate(_ request: HTTPRequest) throws(SkyDriverError) {
        guard let token else { return }
        guard let header = request.headers["Authorization"], header.hasPrefix("Bearer "),
              ConstantTime.equals(Array(header.dropFirst(7).utf8), Array(token.utf8)) else {
            throw .authenticationFailed
        }
    }

    /// 302 to the same URL with the replacement's id (query kept, so `no_redirect` etc. survive).
    private func redirect(_ request: HTTPRequest, from scanID: String, to replacement: String) -> HTTPResponse {
        let path = request.path
        let prefix = "/scan/\(scanID)"
        let tail = path.dropFirst(prefix.count)
        var location = "/scan/\(replacement)\(tail)"
        if let query = request.query { location += "?\(query)" }
        return HTTPResponse(status: 302, headers: HTTPHeaders([("Location", location), ("Content-Type", "text/html; charset=UTF-8")]))
    }
}
