// A gateway on port 0 with a given schema, resolvers and policy, for end-to-end policy tests
// over real sockets (RawClient), stopped the way GraphQLOverHTTPTests stops its servers.

import Foundation
import GraphQLKit
@testable import Gateway

struct TestGateway {
    let server: HTTPServer
    let handler: GraphQLHTTPHandler
    var port: Int { server.port }

    static let defaultSDL = """
        type Query { hello(name: String): String n: Int list(first: Int): [Item] item: Item whoami: String }
        type Item { id: Int child: Item children: [Item] }
        type Mutation { bump: Int }
        """

    static func start(
        sdl: String = defaultSDL, resolvers: [String: FieldResolver] = [:], policy: GatewayPolicy = GatewayPolicy(),
        log: LogCapture = LogCapture(), now: @escaping @Sendable () -> Double = Authenticator.wallClock
    ) throws -> TestGateway {
        let schema = try Schema(sdl: sdl)
        var all: [String: FieldResolver] = [:]
        if schema.type(named: "Query")?.field(named: "whoami") != nil {
            // Shows what resolvers see of the authenticated principal.
            all["Query.whoami"] = .sync { _, _, context, _ in
                guard let request = context as? RequestContext else { return .json(.string("no context")) }
                let roles = request.principal.roles.map(\.rawValue).sorted().joined(separator: ",")
                return .json(.string("\(request.principal.subject ?? "anonymous"):\(roles)"))
            }
        }
        all.merge(resolvers) { $1 }
        let executable = try ExecutableSchema(schema: schema, resolvers: all, validate: { validate(schema: $0, document: $1, source: $2) })
        let item: JSONValue = .object(["id": .int(1)])
        let root: FieldValue = .json(.object([
            "n": .int(1), "bump": .int(2), "item": item, "list": .list([item, item]),
        ]))
        let handler = GraphQLHTTPHandler(executable: executable, rootValue: root, policy: policy, errorLog: log.log, now: now)
        let router = Router(graphQL: handler, readiness: { [] })
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.eventLoops = 1
        let server = HTTPServer(configuration: configuration) { await router.handle($0) }
        try server.start()
        return TestGateway(server: server, handler: handler)
    }

    func stop() async {
        server.shutdown(deadline: 2)
        await withCheckedContinuation { continuation in
            Thread { server.wait(); continuation.resume() }.start()
        }
    }

    /// Sends one request with `headers` (Host is added) and reads the answer.
    func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: String? = nil) async throws -> RawClient.Response {
        let client = try RawClient(port: port)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.utf8.count)\r\n" }
        client.send(head + "\r\n" + (body ?? ""))
        guard let response = await client.readResponse() else { throw TestGatewayError.noResponse }
        return response
    }

    func post(_ body: String, headers: [(String, String)] = [], accept: String = "application/graphql-response+json") async throws -> RawClient.Response {
        try await send("POST", "/graphql", headers: [("Content-Type", "application/json"), ("Accept", accept)] + headers, body: body)
    }

    /// `query` and the other parameters are URL-encoded here.
    func get(_ parameters: [(String, String)], headers: [(String, String)] = []) async throws -> RawClient.Response {
        let encoded = parameters.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send("GET", "/graphql?\(encoded)", headers: [("Accept", "application/graphql-response+json")] + headers)
    }

    /// A POST body for `query` (and variables, as JSON text).
    static func body(_ query: String, variables: String? = nil, extensions: String? = nil) -> String {
        var text = "{\"query\":" + JSONValue.string(query).jsonString
        if let variables { text += ",\"variables\":" + variables }
        if let extensions { text += ",\"extensions\":" + extensions }
        return text + "}"
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

enum TestGatewayError: Error { case noResponse }

/// The parsed JSON body of a response.
func json(_ response: RawClient.Response) -> JSONValue? { try? JSONParser.parse(response.body) }

/// `errors[i].extensions.code`, or `errors[i].message` via `field`.
func errorField(_ response: RawClient.Response, _ key: String, at index: Int = 0) -> String? {
    guard case .object(let o)? = json(response), case .list(let errors)? = o["errors"], index < errors.count,
          case .object(let error) = errors[index] else { return nil }
    if key == "message", case .string(let m)? = error["message"] { return m }
    if case .object(let ext)? = error["extensions"], case .string(let v)? = ext[key] { return v }
    return nil
}
