// Which handler answers which path. The HTTP core knows nothing of GraphQL; this is where the
// two meet, together with the operational endpoints. Every request passes the observer
// (request id, metrics, request log) on its way in and out.

import GraphQLKit

struct Router: Sendable {
    let graphQL: GraphQLHTTPHandler
    /// Reports whether each configured source answers, for /readyz.
    let readiness: @Sendable () async -> [(name: String, ready: Bool, detail: String)]
    /// Request ids, metrics and the request log (ids only by default).
    var observer = RequestObserver()

    /// `nonisolated(nonsending)` here and down the request path: these run in the request's
    /// task wherever it runs, with no executor hop at every call and return.
    nonisolated(nonsending) func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let route = Router.route(of: request)
        return await observer.observe(request, route: route) { request, known in
            await answer(request, route: route, known: &known)
        }
    }

    static func route(of request: HTTPRequest) -> Route {
        switch request.path {
        case "/graphql": request.method == "GET" && request.query == nil && acceptsHTML(request) ? .explorer : .graphQL
        case "/": .explorer
        case "/healthz": .healthz
        case "/readyz": .readyz
        case "/metrics": .metrics
        default: .other
        }
    }

    nonisolated(nonsending) private func answer(
        _ request: HTTPRequest, route: Route, known: inout KnownOperationName?
    ) async -> HTTPResponse {
        switch route {
        case .graphQL:
            return await graphQL.handle(request, operationName: &known)
        case .explorer:
            return request.method == "GET" || request.method == "HEAD"
                ? ExplorerPage.response : HTTPResponse(status: 405, headers: HTTPHeaders([("Allow", "GET")]))
        case .healthz:
            return HTTPResponse(status: 200, contentType: "application/json", body: #"{"status":"ok"}"#)
        case .readyz:
            return await readyz()
        case .metrics:
            guard let metrics = observer.metrics else { return HTTPResponse.plain(404, "Metrics are turned off (logging.metrics)") }
            return HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: metrics.render())
        case .other:
            return HTTPResponse.plain(404, "Not found: RunQL serves /graphql, /healthz, /readyz and /metrics")
        }
    }

    private static func acceptsHTML(_ request: HTTPRequest) -> Bool {
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
