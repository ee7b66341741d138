// GraphQL over HTTP (graphql/graphql-over-http draft, held to the graphql-http audit list):
// POST with application/json, GET for queries, Accept negotiation, and the status codes each
// response media type calls for. The engine does the GraphQL work; this file only speaks HTTP.

import GraphQLKit

struct GraphQLHTTPHandler: Sendable {
    let executable: ExecutableSchema
    /// Per-request value handed to resolvers (registries, loaders, credentials).
    let makeContext: @Sendable (HTTPRequest) -> (any Sendable)?
    /// The value root fields resolve against (the demo data until the registries land).
    let rootValue: FieldValue

    init(
        executable: ExecutableSchema, rootValue: FieldValue = .null,
        makeContext: @escaping @Sendable (HTTPRequest) -> (any Sendable)? = { _ in nil }
    ) {
        self.executable = executable
        self.rootValue = rootValue
        self.makeContext = makeContext
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.method == "GET" || request.method == "POST" else {
            return HTTPResponse(status: 405, headers: HTTPHeaders([("Allow", "GET, POST")]), body: Array("Use GET or POST\n".utf8))
        }
        guard let mediaType = GraphQLMediaType.negotiate(request.headers["Accept"]) else {
            return HTTPResponse.plain(406, "Accept application/graphql-response+json or application/json")
        }
        let parameters: GraphQLRequestParameters
        do throws(GraphQLRequestParameters.Malformed) {
            parameters = request.method == "POST"
                ? try .fromPOST(body: request.body, contentType: request.headers["Content-Type"])
                : try .fromGET(query: request.query)
        } catch {
            return errorResponse(status: error.status, message: error.message, mediaType: mediaType)
        }

        // Parse and validate (or take both from the document cache).
        let prepared: PreparedDocument
        switch executable.prepare(parameters.query) {
        case .failure(let errors):
            return respond(ExecutionResult(errors: errors.errors), requestError: true, mediaType: mediaType)
        case .success(let p):
            prepared = p
        }
        if !prepared.validationErrors.isEmpty {
            return respond(ExecutionResult(errors: prepared.validationErrors), requestError: true, mediaType: mediaType)
        }
        // GET is for reading only: a mutation over GET must not run (spec: 405 with Allow: POST).
        if request.method == "GET", let operation = selectedOperation(prepared.document, parameters.operationName),
           operation.operation != .query {
            var response = errorResponse(
                status: 405, message: "Only queries may be sent with GET; send \(operation.operation.rawValue)s with POST",
                mediaType: mediaType)
            response.headers.add("Allow", "POST")
            return response
        }
        let result = await executable.execute(
            query: parameters.query, operationName: parameters.operationName, variables: parameters.variables,
            context: makeContext(request), rootValue: rootValue)
        // No data entry: the request failed before execution (operation, variables, limits).
        return respond(result, requestError: result.dataJSON == nil, mediaType: mediaType)
    }

    /// Request errors answer 400 for application/graphql-response+json, and 200 for legacy
    /// application/json clients (graphql-http audits 572B, FDE2, 7B9B, 556A, 74FF, 86EE).
    private func respond(_ result: ExecutionResult, requestError: Bool, mediaType: GraphQLMediaType) -> HTTPResponse {
        let status = requestError && mediaType == .graphQLResponse ? 400 : 200
        return HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", mediaType.contentType)]), body: result.jsonBytes)
    }

    private func errorResponse(status: Int, message: String, mediaType: GraphQLMediaType) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: HTTPHeaders([("Content-Type", mediaType.contentType)]),
            body: ExecutionResult(errors: [GraphQLError(message)]).jsonBytes)
    }

    /// The operation `name` picks, or the only one; nil when that is ambiguous (execution reports it).
    private func selectedOperation(_ document: Document, _ name: String?) -> OperationDefinition? {
        var found: OperationDefinition?
        for case .operation(let operation) in document.definitions {
            if let name {
                if operation.name?.value == name { return operation }
            } else {
                if found != nil { return nil }
                found = operation
            }
        }
        return found
    }
}
