// The repository's schema (every Schema/*.graphql) bound to a CMSRegistry, for GraphQL tests,
// with a log of the statements the registry sent.

import Foundation
import GraphQLKit
@testable import Resolvers

final class StatementLog: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var statements: [String] = []

    func append(_ sql: String) { lock.withLock { statements.append(sql) } }
    var count: Int { lock.withLock { statements.count } }
    func reset() { lock.withLock { statements.removeAll() } }
}

struct CMSGraph {
    let executable: ExecutableSchema
    let log = StatementLog()

    /// A graph over the shared seeded demo registry (read-only tests).
    static func seeded() async throws -> CMSGraph { try CMSGraph(pool: try await CMSTestDatabase.seeded.value.0.pool) }

    init(pool: PostgresPool) throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Schema")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".graphql") }.sorted()
        let sources = try files.map { Source(try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8), name: "Schema/" + $0) }
        let schema = try Schema(sources: sources).implementingScalars(RunQLScalars.implementations)
        let log = self.log
        let registry = CMSRegistry(pool: pool, observer: { log.append($0) }, callerName: { $0 as? String })
        var resolvers = registry.resolvers
        for (coordinate, resolver) in NodeResolvers(fetchers: registry.nodeFetchers).resolvers { resolvers[coordinate] = resolver }
        executable = try ExecutableSchema(
            schema: schema, resolvers: resolvers, typeResolvers: NodeResolvers.typeResolvers,
            validate: { schema, document, source in validate(schema: schema, document: document, source: source) })
    }

    /// Runs `query`; answers the `data` member (null when there is none) and the errors.
    /// `context` is the caller's name (what the registry records as RR's `by`).
    func run(_ query: String, _ variables: JSONObject? = nil, context: String? = nil) async throws -> (data: JSONValue, errors: [GraphQLError]) {
        let result = await executable.execute(query: query, variables: variables, context: context)
        let data = try result.dataJSON.map { try JSONParser.parse($0) } ?? .null
        return (data, result.errors)
    }
}

extension JSONValue {
    /// The value at a path of object keys and list indexes, e.g. `["cmsRun", "datasets", 0, "name"]`.
    subscript(path path: Any...) -> JSONValue? {
        var current: JSONValue? = self
        for step in path {
            switch (current, step) {
            case (.object(let o)?, let key as String): current = o[key]
            case (.list(let l)?, let i as Int): current = l.indices.contains(i) ? l[i] : nil
            default: return nil
            }
        }
        return current
    }

    var list: [JSONValue] { if case .list(let l) = self { l } else { [] } }
    var string: String? { if case .string(let s) = self { s } else { nil } }
    var int: Int? { if case .int(let i) = self { i } else { nil } }
}
