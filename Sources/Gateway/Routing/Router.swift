// Which handler answers which path. The HTTP core knows nothing of GraphQL; this is where the
// two meet, together with the operational endpoints.

import GraphQLKit

struct Router: Sendable {
    let graphQL: GraphQLHTTPHandler
    /// Reports whether each configured source answers, for /readyz.
    let readiness: @Sendable () async -> [(name: String, ready: Bool, detail: String)]

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        switch request.path {
        case "/graphql":
            if request.method == "GET", request.query == nil, acceptsHTML(request) { return ExplorerPage.response }
            return await graphQL.handle(request)
        case "/":
            return request.method == "GET" || request.method == "HEAD"
                ? ExplorerPage.response : HTTPResponse(status: 405, headers: HTTPHeaders([("Allow", "GET")]))
        case "/healthz":
            return HTTPResponse(status: 200, contentType: "application/json", body: #"{"status":"ok"}"#)
        case "/readyz":
            return await readyz()
        default:
            return HTTPResponse.plain(404, "Not found: RunQL serves /graphql, /healthz and /readyz")
        }
    }

    private func acceptsHTML(_ request: HTTPRequest) -> Bool {
        request.headers["Accept"]?.contains("text/html") == true
    }

    private func readyz() async -> HTTPResponse {
        let sources = await readiness()
        let ready = sources.allSatisfy(\.ready)
        let body: JSONValue = .object([
            "ready": .bool(ready),
            "sources": .list(sources.map { .object(["name": .string($0.name), "ready": .bool($0.ready), "detail": .string($0.detail)]) }),
        ])
        return HTTPResponse(status: ready ? 200 : 503, contentType: "application/json", body: body.jsonString)
    }
}
