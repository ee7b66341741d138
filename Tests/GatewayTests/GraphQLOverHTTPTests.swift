import Foundation
import GraphQLKit
import Testing
@testable import Gateway

/// A gateway over a small schema, answering the graphql-http audit list's requests.
private func startGateway() throws -> HTTPServer {
    let schema = try Schema(sdl: """
        type Query { hello(name: String!): String n: Int }
        type Mutation { bump: Int }
        """)
    let executable = try ExecutableSchema(schema: schema, validate: { validate(schema: $0, document: $1, source: $2) })
    let root: FieldValue = .json(.object(["n": .int(1), "bump": .int(2)]))
    let router = Router(graphQL: GraphQLHTTPHandler(executable: executable, rootValue: root), readiness: { [] })
    var configuration = HTTPServerConfiguration()
    configuration.port = 0
    configuration.eventLoops = 1
    let server = HTTPServer(configuration: configuration) { await router.handle($0) }
    try server.start()
    return server
}

private func stop(_ server: HTTPServer) async {
    server.shutdown(deadline: 2)
    await withCheckedContinuation { continuation in
        Thread { server.wait(); continuation.resume() }.start()
    }
}

private let gql = "application/graphql-response+json"

private func post(_ port: Int, _ body: String, accept: String? = gql, contentType: String? = "application/json") async throws -> RawClient.Response {
    let client = try RawClient(port: port)
    var head = "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n"
    if let accept { head += "Accept: \(accept)\r\n" }
    if let contentType { head += "Content-Type: \(contentType)\r\n" }
    client.send(head + "\r\n" + body)
    return try #require(await client.readResponse())
}

private func get(_ port: Int, _ query: String, accept: String? = gql) async throws -> RawClient.Response {
    let client = try RawClient(port: port)
    client.send("GET /graphql?\(query) HTTP/1.1\r\nHost: x\r\n" + (accept.map { "Accept: \($0)\r\n" } ?? "") + "\r\n")
    return try #require(await client.readResponse())
}

@Suite struct GraphQLOverHTTPTests {
    @Test func acceptNegotiation() async throws {
        let server = try startGateway()
        let typename = #"{"query":"{ __typename }"}"#
        for (accept, type) in [(gql, gql), ("application/json", "application/json"), ("*/*", "application/json"),
                               (nil, "application/json"), ("\(gql), application/json;q=0.9", gql),
                               ("application/json, \(gql);q=0.5", "application/json")] as [(String?, String)] {
            let r = try await post(server.port, typename, accept: accept)
            #expect(r.status == 200)
            #expect(r.headers["content-type"]?.hasPrefix(type) == true, "Accept \(accept ?? "none")")
            #expect(r.body == #"{"data":{"__typename":"Query"}}"#)
        }
        #expect(try await post(server.port, typename, accept: "application/x-unsupported-audit-type").status == 406)
        await stop(server)
    }

    @Test func utf8QueriesAndParameters() async throws {
        let server = try startGateway()
        let emoji = try await post(server.port, ##"{"query":"# 🚀 Dörte 🦄\n{ n }"}"##, contentType: "application/json; charset=utf-8")
        #expect(emoji.status == 200)
        #expect(emoji.body == #"{"data":{"n":1}}"#)
        let plain = try await post(server.port, ##"{"query":"# ü\n{ n }"}"##, contentType: "application/json")
        #expect(plain.status == 200)
        let named = try await post(server.port, #"{"query":"query Query { __typename }","operationName":"Query","variables":null,"extensions":null}"#)
        #expect(named.status == 200 && !named.body.contains("errors"))
        let withVariables = try await post(server.port, #"{"query":"query($n: String!) { hello(name: $n) }","variables":{"n":"x"},"extensions":{"k":1}}"#, accept: "application/json")
        #expect(withVariables.status == 200 && withVariables.body == #"{"data":{"hello":null}}"#)
        await stop(server)
    }

    @Test(arguments: [
        ("", 400), (#"{"notquery":"{ __typename }"}"#, 400), (#"{"query":{}}"#, 400), (#"{"query":0}"#, 400),
        (#"{"query":false}"#, 400), (#"{"query":[]}"#, 400), (#"{"query":"{ __typename }","operationName":0}"#, 400),
        (#"{"query":"{ __typename }","variables":"x"}"#, 400), (#"{"query":"{ __typename }","variables":[]}"#, 400),
        (#"{"query":"{ __typename }","extensions":false}"#, 400), (#"{ "not a JSON"#, 400),
        (#"[{"query":"{ __typename }"},{"query":"{ __typename }"}]"#, 400),
    ])
    func malformedRequestsAre400(body: String, status: Int) async throws {
        let server = try startGateway()
        let r = try await post(server.port, body)
        #expect(r.status == status)
        #expect(r.body.hasPrefix(#"{"errors":[{"message":"#))
        await stop(server)
    }

    @Test func contentTypeIsRequired() async throws {
        let server = try startGateway()
        #expect(try await post(server.port, "", contentType: nil).status == 415)
        #expect(try await post(server.port, #"{"query":"{ n }"}"#, contentType: "text/plain").status == 415)
        #expect(try await post(server.port, #"{"query":"{ n }"}"#, contentType: "application/json; charset=latin1").status == 415)
        await stop(server)
    }

    @Test func requestErrorsAre400ForGraphQLResponseJSONAnd200ForLegacyJSON() async throws {
        let server = try startGateway()
        let cases = [#"{"query":"{"}"#, #"{"query":"{ nope }"}"#, #"{"query":"query($n: Int!) { n @include(if: true) hello(name: \"x\") }","variables":{"n":"not an int"}}"#]
        for body in cases {
            let strict = try await post(server.port, body, accept: gql)
            #expect(strict.status == 400, "\(body)")
            #expect(!strict.body.contains(#""data""#))
            #expect(strict.body.hasPrefix(#"{"errors":["#))
            let legacy = try await post(server.port, body, accept: "application/json")
            #expect(legacy.status == 200, "\(body)")
            #expect(!legacy.body.contains(#""data""#))
        }
        await stop(server)
    }

    @Test func getRunsQueriesAndRefusesMutations() async throws {
        let server = try startGateway()
        let q = try await get(server.port, "query=%7B%20__typename%20%7D")
        #expect(q.status == 200 && q.body == #"{"data":{"__typename":"Query"}}"#)
        let vars = try await get(server.port, "query=query(%24n%3AString!)%7Bhello(name%3A%24n)%7D&variables=%7B%22n%22%3A%22x%22%7D", accept: "application/json")
        #expect(vars.status == 200 && !vars.body.contains("errors"))
        let mutation = try await get(server.port, "query=mutation%20%7B%20bump%20%7D")
        #expect(mutation.status == 405)
        #expect(mutation.headers["allow"] == "POST")
        #expect(try await get(server.port, "").status == 400)
        let put = try RawClient(port: server.port)
        put.send("PUT /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        let refused = try #require(await put.readResponse())
        #expect(refused.status == 405 && refused.headers["allow"] == "GET, POST")
        // The mutation works over POST.
        #expect(try await post(server.port, #"{"query":"mutation { bump }"}"#).body == #"{"data":{"bump":2}}"#)
        await stop(server)
    }

    @Test func opsEndpointsAndExplorer() async throws {
        let server = try startGateway()
        let client = try RawClient(port: server.port)
        client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /readyz HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\nGET /graphql HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await client.readResponse()?.body == #"{"status":"ok"}"#)
        #expect(await client.readResponse()?.body == #"{"ready":true,"sources":[]}"#)
        #expect(await client.readResponse()?.body.contains("<title>RunQL</title>") == true)
        #expect(await client.readResponse()?.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(await client.readResponse()?.status == 404)
        // After an oversized request the server still answers.
        let big = try await post(server.port, #"{"query":"{ n }","extensions":{"pad":""# + String(repeating: "x", count: 3_000_000) + #""}}"#)
        #expect(big.status == 413)
        #expect(try await post(server.port, #"{"query":"{ n }"}"#).body == #"{"data":{"n":1}}"#)
        await stop(server)
    }
}
