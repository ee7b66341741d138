// GraphQL over HTTP (graphql/graphql-over-http draft, held to the graphql-http audit list):
// POST with application/json, GET for queries, Accept negotiation, and the status codes each
// response media type calls for; around it the request policy (GatewayPolicy): CORS, CSRF,
// authentication and roles, persisted queries, limits, introspection, timeout, error masking.
// The engine does the GraphQL work; this file only speaks HTTP and applies the policy.

import GraphQLKit

/// A class: requests capture it, and copying two ExecutableSchemas and a policy per request
/// showed in profiles.
final class GraphQLHTTPHandler: Sendable {
    /// The schema, with the policy's operation and parser limits installed.
    let executable: ExecutableSchema
    /// The same schema (sharing its document cache) with the complexity limit for introspection.
    private let introspectionExecutable: ExecutableSchema
    /// Per-request value handed to resolvers as `RequestContext.application` (registries, loaders, credentials).
    let makeContext: @Sendable (HTTPRequest) -> (any Sendable)?
    /// The value root fields resolve against (the demo data until the registries land).
    let rootValue: FieldValue
    let policy: GatewayPolicy
    /// Registered persisted queries, with the hit and miss counts /metrics reports.
    let persistedQueryStore: PersistedQueryStore
    private let persistedQueries: PersistedQueries
    private let authenticator: Authenticator
    private let cors: CORS
    private let csrf: CSRFPrevention
    private let errorLog: ErrorLog
    private let watchdog = Watchdog()
    private let requestIDs = RequestIDSource()

    init(
        executable: ExecutableSchema, rootValue: FieldValue = .null, policy: GatewayPolicy = GatewayPolicy(),
        errorLog: ErrorLog = .standardError, now: @escaping @Sendable () -> Double = Authenticator.wallClock,
        makeContext: @escaping @Sendable (HTTPRequest) -> (any Sendable)? = { _ in nil }
    ) {
        var executable = executable
        executable.limits = policy.operationLimits
        executable.parseOptions.maxTokens = policy.maxTokens
        self.executable = executable
        executable.limits?.maxComplexity = policy.operationLimits.maxComplexity.map { max($0, policy.introspectionMaxComplexity) }
        self.introspectionExecutable = executable
        self.rootValue = rootValue
        self.makeContext = makeContext
        self.policy = policy
        self.persistedQueryStore = PersistedQueryStore(capacity: policy.persistedQueries.capacity)
        self.persistedQueries = PersistedQueries(policy: policy.persistedQueries, store: persistedQueryStore)
        self.authenticator = Authenticator(policy: policy.authentication, now: now)
        self.cors = CORS(policy: policy.cors)
        self.csrf = CSRFPrevention(enabled: policy.preventsCSRF, cors: policy.cors)
        self.errorLog = errorLog
    }

    // `nonisolated(nonsending)`: runs in the request's task where it is (the event loop), no
    // executor hop on each call and return.
    nonisolated(nonsending) func handle(_ request: HTTPRequest) async -> HTTPResponse {
        var known: KnownOperationName?
        return await handle(request, operationName: &known)
    }

    /// `handle`, also noting the operation name and query a POST body gave (for the request
    /// observer's metrics and log line, which would otherwise scan the body again).
    nonisolated(nonsending) func handle(
        _ request: HTTPRequest, operationName known: inout KnownOperationName?
    ) async -> HTTPResponse {
        if request.method == "OPTIONS", cors.policy.isEnabled { return cors.preflight(request) }
        var response = await answer(request, known: &known)
        cors.decorate(&response, for: request)
        return response
    }

    nonisolated(nonsending) private func answer(
        _ request: HTTPRequest, known: inout KnownOperationName?
    ) async -> HTTPResponse {
        guard request.method == "GET" || request.method == "POST" else {
            let allow = cors.policy.isEnabled ? CORS.allowedMethods : "GET, POST"
            return HTTPResponse(status: 405, headers: HTTPHeaders([("Allow", allow)]), body: Array("Use GET or POST\n".utf8))
        }
        guard let mediaType = GraphQLMediaType.negotiate(request.headers[known: .accept]) else {
            return HTTPResponse.plain(406, "Accept application/graphql-response+json or application/json")
        }
        if request.method == "GET", let refusal = csrf.refusal(request) {
            return errorResponse(status: 403, message: refusal, code: "CSRF_PREVENTED", mediaType: mediaType)
        }

        // Who is asking. Bad credentials are refused even where anonymous reads are allowed.
        let principal: Principal
        switch authenticator.authenticate(authorization: request.headers[known: .authorization]) {
        case .failure(let failure):
            return unauthenticated(failure.message, invalidToken: true, mediaType: mediaType)
        case .success(let p):
            principal = p
        }
        if principal.roles.isEmpty && !principal.isAuthenticated {
            return unauthenticated(
                "Authentication required: send \"Authorization: Bearer <token>\".", invalidToken: false, mediaType: mediaType)
        }

        var parameters: GraphQLRequestParameters
        do throws(GraphQLRequestParameters.Malformed) {
            parameters = request.method == "POST"
                ? try .fromPOST(body: request.body, contentType: request.headers[known: .contentType])
                : try .fromGET(query: request.query)
        } catch {
            return errorResponse(status: error.status, message: error.message, mediaType: mediaType)
        }
        if request.method == "POST" { known = KnownOperationName(operationName: parameters.operationName, query: parameters.query) }
        let query: String
        do throws(PersistedQueryFailure) {
            guard let resolved = try persistedQueries.resolve(query: parameters.query, extensions: parameters.extensions) else {
                return errorResponse(status: 400, message: "Missing \"query\": send the GraphQL document as a string", mediaType: mediaType)
            }
            query = resolved
        } catch {
            return HTTPResponse(
                status: error.status, headers: HTTPHeaders(.contentType, mediaType.contentType),
                body: ExecutionResult(errors: [error.error]).jsonBytes)
        }
        parameters.query = query

        // Parse and validate (or take both from the document cache).
        let prepared: PreparedDocument
        switch executable.prepare(query) {
        case .failure(let errors):
            return respond(
                ExecutionResult(errors: RequestErrorCodes.coded(errors.errors, RequestErrorCodes.parseFailed)), requestError: true,
                mediaType: mediaType)
        case .success(let p):
            prepared = p
        }
        if !prepared.validationErrors.isEmpty {
            return respond(
                ExecutionResult(errors: RequestErrorCodes.coded(prepared.validationErrors, RequestErrorCodes.validationFailed)),
                requestError: true, mediaType: mediaType)
        }
        if !mayIntrospect(principal), let violation = IntrospectionGuard.violation(in: prepared.document, source: prepared.source) {
            return respond(ExecutionResult(errors: [violation]), requestError: true, mediaType: mediaType)
        }
        // The operation's type and root fields as noted when the document was prepared (copying
        // the operation out of the document for them cost ~1.2 k instructions per request).
        let operation = prepared.operationSummary(named: parameters.operationName)
        // GET is for reading only: a mutation over GET must not run (spec: 405 with Allow: POST).
        if request.method == "GET", let operation, operation.type != .query {
            var response = errorResponse(
                status: 405, message: "Only queries may be sent with GET; send \(operation.type.rawValue)s with POST",
                mediaType: mediaType)
            response.headers.add("Allow", "POST")
            return response
        }
        let needed: Role = operation?.type == .mutation ? .writer : .reader
        if !principal.has(needed) {
            let what = needed == .writer ? "Mutations need" : "Queries need"
            if !principal.isAuthenticated {
                return unauthenticated(
                    "\(what) the \(needed.rawValue) role: send \"Authorization: Bearer <token>\".", invalidToken: false,
                    mediaType: mediaType)
            }
            return errorResponse(status: 403, message: "\(what) the \(needed.rawValue) role.", code: "FORBIDDEN", mediaType: mediaType)
        }
        let introspects = operation?.selectsOnlyIntrospection ?? false
        return await execute(
            parameters, prepared: prepared, query: query, introspects: introspects, request: request,
            principal: principal, mediaType: mediaType)
    }

    nonisolated(nonsending) private func execute(
        _ parameters: GraphQLRequestParameters, prepared: PreparedDocument, query: String, introspects: Bool,
        request: HTTPRequest,
        principal: Principal, mediaType: GraphQLMediaType
    ) async -> HTTPResponse {
        let context = RequestContext(principal: principal, application: makeContext(request), id: requestIDs.next(for: request))
        let outcome = await RequestTimeout.run(timeout: policy.requestTimeout, watchdog: watchdog) {
            // Not a ternary: that would copy the schema struct.
            if introspects {
                await introspectionExecutable.execute(
                    query: query, operationName: parameters.operationName, variables: parameters.variables,
                    context: context, rootValue: rootValue)
            } else {
                // The document `prepare` already gave: no second cache lookup of the query text.
                await executable.execute(
                    prepared, operationName: parameters.operationName, variables: parameters.variables,
                    context: context, rootValue: rootValue)
            }
        }
        var result = outcome.value
        let timedOut = outcome.timedOut
        if result.errors.isEmpty && !timedOut {
            return respond(result, requestError: !result.hasData, mediaType: mediaType)
        }
        let requestId = context.requestId
        if timedOut {
            // Fields that failed only because they were cancelled are covered by the one TIMEOUT error.
            result.errors.removeAll { $0.underlyingError is CancellationError }
        }
        if let failure = result.failure {
            result.errors = RequestErrorCodes.coded(result.errors, RequestErrorCodes.code(for: failure))
        }
        ErrorMasking.apply(to: &result.errors, requestId: requestId, masks: policy.masksInternalErrors, log: errorLog)
        if timedOut {
            result.errors.append(GraphQLError(
                "Request timed out", extensions: ["code": .string("TIMEOUT"), "requestId": .string(requestId)]))
            if result.dataJSON == nil || result.dataJSON == Array("null".utf8) {
                return HTTPResponse(
                    status: 504, headers: HTTPHeaders(.contentType, mediaType.contentType), body: result.jsonBytes)
            }
        }
        // No data entry: the request failed before execution (operation, variables, limits).
        return respond(result, requestError: !result.hasData, mediaType: mediaType)
    }

    private func mayIntrospect(_ principal: Principal) -> Bool {
        switch policy.introspection {
        case .everyone: true
        case .admins: principal.has(.admin)
        case .nobody: false
        }
    }

    /// Request errors answer 400 for application/graphql-response+json, and 200 for legacy
    /// application/json clients (graphql-http audits 572B, FDE2, 7B9B, 556A, 74FF, 86EE).
    private func respond(_ result: ExecutionResult, requestError: Bool, mediaType: GraphQLMediaType) -> HTTPResponse {
        let status = requestError && mediaType == .graphQLResponse ? 400 : 200
        let headers = HTTPHeaders(.contentType, mediaType.contentType)
        // One array for nearly every answer: no list of chunks to allocate.
        var response = result.isInChunks
            ? HTTPResponse(status: status, headers: headers, chunks: result.jsonChunks)
            : HTTPResponse(status: status, headers: headers, body: result.jsonBytes)
        response.graphQLErrors = (result.errors.count, requestError)
        return response
    }

    private func errorResponse(status: Int, message: String, code: String? = nil, mediaType: GraphQLMediaType) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: HTTPHeaders(.contentType, mediaType.contentType),
            body: ExecutionResult(errors: [GraphQLError(message, extensions: code.map { ["code": .string($0)] })]).jsonBytes)
    }

    /// 401 with the challenge RFC 6750 §3 describes (`error="invalid_token"` when a token was sent).
    private func unauthenticated(_ message: String, invalidToken: Bool, mediaType: GraphQLMediaType) -> HTTPResponse {
        var response = errorResponse(status: 401, message: message, code: "UNAUTHENTICATED", mediaType: mediaType)
        response.headers.add("WWW-Authenticate", invalidToken ? #"Bearer realm="RunQL", error="invalid_token""# : #"Bearer realm="RunQL""#)
        return response
    }
}
