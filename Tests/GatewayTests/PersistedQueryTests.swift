import Foundation
import GraphQLKit
import Testing
@testable import Gateway

private func apq(_ hash: String, version: String = "1") -> String {
    #"{"persistedQuery":{"version":\#(version),"sha256Hash":"\#(hash)"}}"#
}

private func hashOnly(_ hash: String, version: String = "1") -> String { #"{"extensions":\#(apq(hash, version: version))}"# }

@Suite struct PersistedQueryTests {
    let query = "{ n }"
    var hash: String { Hex.encode(SHA256.hash(query)) }

    @Test func unknownHashThenRegistrationThenHashOnly() async throws {
        let gateway = try TestGateway.start()
        for accept in ["application/graphql-response+json", "application/json"] {
            let miss = try await gateway.post(hashOnly(Hex.encode(SHA256.hash("{ n } # \(accept)"))), accept: accept)
            // 200 like Apollo, so clients retry with the query.
            #expect(miss.status == 200)
            #expect(miss.body == #"{"errors":[{"message":"PersistedQueryNotFound","extensions":{"code":"PERSISTED_QUERY_NOT_FOUND"}}]}"#)
        }
        let register = try await gateway.post(TestGateway.body(query, extensions: apq(hash)))
        #expect(register.status == 200 && register.body == #"{"data":{"n":1}}"#)
        let hit = try await gateway.post(hashOnly(hash.uppercased()))
        #expect(hit.status == 200 && hit.body == #"{"data":{"n":1}}"#)
        #expect(gateway.handler.persistedQueryStore.hits == 1)
        #expect(gateway.handler.persistedQueryStore.misses == 2)
        #expect(gateway.handler.persistedQueryStore.registrations == 1)
        await gateway.stop()
    }

    @Test func queryLessGET() async throws {
        let gateway = try TestGateway.start()
        let miss = try await gateway.get([("extensions", apq(hash))])
        #expect(miss.status == 200 && errorField(miss, "code") == "PERSISTED_QUERY_NOT_FOUND")
        let register = try await gateway.get([("query", query), ("extensions", apq(hash))])
        #expect(register.body == #"{"data":{"n":1}}"#)
        let hit = try await gateway.get([("extensions", apq(hash))])
        #expect(hit.status == 200 && hit.body == #"{"data":{"n":1}}"#)
        // A stored mutation still may not run over GET.
        let bump = "mutation { bump }"
        let bumpHash = Hex.encode(SHA256.hash(bump))
        #expect(try await gateway.post(TestGateway.body(bump, extensions: apq(bumpHash))).body == #"{"data":{"bump":2}}"#)
        #expect(try await gateway.get([("extensions", apq(bumpHash))]).status == 405)
        await gateway.stop()
    }

    @Test func mismatchedHashIsRefusedAndNotStored() async throws {
        let gateway = try TestGateway.start()
        let wrong = Hex.encode(SHA256.hash("{ hello }"))
        let r = try await gateway.post(TestGateway.body(query, extensions: apq(wrong)))
        #expect(r.status == 400)
        #expect(errorField(r, "message") == "provided sha does not match query")
        #expect(try await gateway.post(hashOnly(wrong)).body.contains("PersistedQueryNotFound"))
        await gateway.stop()
    }

    @Test(arguments: [
        (#"{"extensions":{"persistedQuery":{"version":2,"sha256Hash":"HASH"}}}"#, "Unsupported persisted query version"),
        (#"{"extensions":{"persistedQuery":{"sha256Hash":"HASH"}}}"#, "Unsupported persisted query version"),
        (#"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}"#, "must be 64 hexadecimal digits"),
        (#"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":7}}}"#, "must be 64 hexadecimal digits"),
        (#"{"extensions":{"persistedQuery":true}}"#, "must be an object"),
    ])
    func malformedExtensionsAre400(body: String, message: String) async throws {
        let gateway = try TestGateway.start()
        let r = try await gateway.post(body.replacingOccurrences(of: "HASH", with: hash))
        #expect(r.status == 400)
        #expect(errorField(r, "message")?.contains(message) == true, "\(r.body)")
        await gateway.stop()
    }

    @Test func disabledByPolicy() async throws {
        let gateway = try TestGateway.start(policy: GatewayPolicy(persistedQueries: PersistedQueryPolicy(isEnabled: false)))
        let r = try await gateway.post(hashOnly(hash))
        #expect(r.status == 400 && errorField(r, "code") == "PERSISTED_QUERY_NOT_SUPPORTED")
        // A plain query with a null persistedQuery extension still runs.
        #expect(try await gateway.post(#"{"query":"{ n }","extensions":{"persistedQuery":null}}"#).body == #"{"data":{"n":1}}"#)
        await gateway.stop()
    }

    @Test func storeIsABoundedLRU() async throws {
        let gateway = try TestGateway.start(policy: GatewayPolicy(persistedQueries: PersistedQueryPolicy(capacity: 2)))
        let queries = ["{ n }", "{ a: n }", "{ b: n }"]
        let hashes = queries.map { Hex.encode(SHA256.hash($0)) }
        for (q, h) in zip(queries.prefix(2), hashes) {
            #expect(try await gateway.post(TestGateway.body(q, extensions: apq(h))).status == 200)
        }
        // Touch the first, so the second is the least recently used when the third arrives.
        #expect(try await gateway.post(hashOnly(hashes[0])).body == #"{"data":{"n":1}}"#)
        #expect(try await gateway.post(TestGateway.body(queries[2], extensions: apq(hashes[2]))).status == 200)
        #expect(try await gateway.post(hashOnly(hashes[1])).body.contains("PersistedQueryNotFound"))
        #expect(try await gateway.post(hashOnly(hashes[0])).body == #"{"data":{"n":1}}"#)
        #expect(try await gateway.post(hashOnly(hashes[2])).body == #"{"data":{"b":1}}"#)
        #expect(gateway.handler.persistedQueryStore.count == 2)
        await gateway.stop()
    }

    @Test func lruCacheEvictsLeastRecentlyUsed() {
        let cache = LRUCache<Int, String>(capacity: 3)
        for i in 0..<3 { cache.insert("\(i)", for: i) }
        #expect(cache.value(for: 0) == "0")
        cache.insert("3", for: 3)  // evicts 1
        #expect(cache.value(for: 1) == nil)
        cache.insert("2b", for: 2)  // update in place, most recent
        cache.insert("4", for: 4)  // evicts 0
        #expect(cache.value(for: 0) == nil)
        #expect([2, 3, 4].map { cache.value(for: $0) } == ["2b", "3", "4"])
        #expect(cache.count == 3)
        for i in 5..<1000 { cache.insert("\(i)", for: i) }
        #expect(cache.count == 3 && cache.value(for: 999) == "999" && cache.value(for: 996) == nil)
    }
}
