import GraphQLKit
import Testing
@testable import Gateway

private let app = "https://app.example.org"
private let corsPolicy = GatewayPolicy(cors: CORSPolicy(allowedOrigins: [app]))

private func preflight(_ gateway: TestGateway, origin: String, method: String = "POST") async throws -> RawClient.Response {
    try await gateway.send("OPTIONS", "/graphql", headers: [
        ("Origin", origin), ("Access-Control-Request-Method", method),
        ("Access-Control-Request-Headers", "content-type, authorization"),
    ])
}

@Suite struct CORSTests {
    @Test func preflightForAnAllowedOrigin() async throws {
        let gateway = try TestGateway.start(policy: corsPolicy)
        let r = try await preflight(gateway, origin: app)
        #expect(r.status == 204)
        #expect(r.headers["access-control-allow-origin"] == app)
        #expect(r.headers["access-control-allow-methods"] == "GET, POST, OPTIONS")
        #expect(r.headers["access-control-allow-headers"]?.contains("Authorization") == true)
        #expect(r.headers["access-control-allow-headers"]?.contains("Content-Type") == true)
        #expect(r.headers["access-control-max-age"] == "600")
        #expect(r.body.isEmpty)
        await gateway.stop()
    }

    @Test func noCORSHeadersForOtherOrigins() async throws {
        let gateway = try TestGateway.start(policy: corsPolicy)
        let r = try await preflight(gateway, origin: "https://evil.example")
        #expect(r.status == 204)
        #expect(r.headers["access-control-allow-origin"] == nil)
        #expect(r.headers["access-control-allow-methods"] == nil)
        let badMethod = try await preflight(gateway, origin: app, method: "DELETE")
        #expect(badMethod.headers["access-control-allow-origin"] == nil)
        let simple = try await gateway.post(TestGateway.body("{ n }"), headers: [("Origin", "https://evil.example")])
        #expect(simple.status == 200 && simple.headers["access-control-allow-origin"] == nil)
        #expect(simple.headers["vary"] == "Origin")
        await gateway.stop()
    }

    @Test func simpleResponsesCarryAllowOriginAndVary() async throws {
        let gateway = try TestGateway.start(policy: corsPolicy)
        let post = try await gateway.post(TestGateway.body("{ n }"), headers: [("Origin", app)])
        #expect(post.body == #"{"data":{"n":1}}"#)
        #expect(post.headers["access-control-allow-origin"] == app)
        #expect(post.headers["vary"] == "Origin")
        // Error answers too, so the page can read them.
        let error = try await gateway.post(TestGateway.body("{ nope }"), headers: [("Origin", app)])
        #expect(error.status == 400 && error.headers["access-control-allow-origin"] == app)
        await gateway.stop()
    }

    @Test func wildcardAndCredentials() async throws {
        let any = try TestGateway.start(policy: GatewayPolicy(cors: CORSPolicy(allowedOrigins: ["*"])))
        let r = try await any.post(TestGateway.body("{ n }"), headers: [("Origin", "https://anyone.example")])
        #expect(r.headers["access-control-allow-origin"] == "*")
        #expect(try await preflight(any, origin: "null").headers["access-control-allow-origin"] == nil)
        await any.stop()
        let credentialed = try TestGateway.start(policy: GatewayPolicy(cors: CORSPolicy(allowedOrigins: [app], allowsCredentials: true)))
        let c = try await preflight(credentialed, origin: app)
        #expect(c.headers["access-control-allow-origin"] == app)
        #expect(c.headers["access-control-allow-credentials"] == "true")
        await credentialed.stop()
    }

    @Test func withoutCORSOptionsIsNotAllowedAndNoHeadersAreAdded() async throws {
        let gateway = try TestGateway.start()
        let r = try await preflight(gateway, origin: app)
        #expect(r.status == 405 && r.headers["access-control-allow-origin"] == nil)
        let post = try await gateway.post(TestGateway.body("{ n }"), headers: [("Origin", app)])
        #expect(post.headers["access-control-allow-origin"] == nil && post.headers["vary"] == nil)
        await gateway.stop()
    }
}

/// CSRF: the rule in Sources/Gateway/Security/CSRFPrevention.swift.
@Suite struct CSRFTests {
    private let query = [("query", "{ n }")]

    @Test func nonBrowserAndSameOriginGETsRun() async throws {
        let gateway = try TestGateway.start()
        // What the graphql-http audit and curl send: no Origin, no Sec-Fetch-Site.
        #expect(try await gateway.get(query).status == 200)
        #expect(try await gateway.get(query, headers: [("Sec-Fetch-Site", "same-origin")]).status == 200)
        #expect(try await gateway.get(query, headers: [("Sec-Fetch-Site", "none")]).status == 200)
        #expect(try await gateway.get(query, headers: [("Origin", "http://127.0.0.1:\(gateway.port)")]).status == 200)
        await gateway.stop()
    }

    @Test func crossSiteSimpleGETsAreRefused() async throws {
        let gateway = try TestGateway.start()
        for headers in [[("Sec-Fetch-Site", "cross-site")], [("Sec-Fetch-Site", "same-site")],
                        [("Origin", "https://evil.example")], [("Origin", "null")],
                        [("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site")]] {
            let r = try await gateway.get(query, headers: headers)
            #expect(r.status == 403, "\(headers)")
            #expect(errorField(r, "code") == "CSRF_PREVENTED")
        }
        await gateway.stop()
    }

    @Test func preflightHeadersOrCORSAllowCrossSiteGETs() async throws {
        let gateway = try TestGateway.start(policy: corsPolicy)
        let crossSite = [("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site")]
        #expect(try await gateway.get(query, headers: crossSite + [("GraphQL-Require-Preflight", "1")]).status == 200)
        #expect(try await gateway.get(query, headers: crossSite + [("X-Requested-With", "XMLHttpRequest")]).status == 200)
        let allowed = try await gateway.get(query, headers: [("Origin", app), ("Sec-Fetch-Site", "cross-site")])
        #expect(allowed.status == 200 && allowed.headers["access-control-allow-origin"] == app)
        await gateway.stop()
    }

    @Test func simplePOSTsAreRefusedByContentType() async throws {
        let gateway = try TestGateway.start()
        for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
            let r = try await gateway.send("POST", "/graphql", headers: [("Content-Type", type), ("Origin", "https://evil.example")],
                                           body: TestGateway.body("mutation { bump }"))
            #expect(r.status == 415, "\(type)")
        }
        await gateway.stop()
    }

    @Test func csrfPreventionCanBeTurnedOff() async throws {
        let gateway = try TestGateway.start(policy: GatewayPolicy(preventsCSRF: false))
        #expect(try await gateway.get(query, headers: [("Sec-Fetch-Site", "cross-site")]).status == 200)
        await gateway.stop()
    }
}
