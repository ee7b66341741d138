// A registry over collections of its own (dropped by `drop()`), the repository's schema, and
// helpers to run queries and read answers.

import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

/// Schema/ at the repository root, found from this file's path.
let schemaDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Schema")

func runQLSchema() throws -> Schema {
    let names = try FileManager.default.contentsOfDirectory(atPath: schemaDirectory.path).filter { $0.hasSuffix(".graphql") }.sorted()
    let sources = try names.map { name in
        Source(try String(contentsOf: schemaDirectory.appendingPathComponent(name), encoding: .utf8), name: name)
    }
    return try Schema(sources: sources).implementingScalars(RunQLScalars.implementations)
}

struct RegistryHarness {
    let client: MongoClient
    let collections: RunCollections
    let registry: RunRegistry
    let log = FetchLog()
    let executable: ExecutableSchema

    init(_ name: String, client: MongoClient? = nil, resolvers: (RunRegistry) -> [String: FieldResolver] = { $0.resolvers }) throws {
        let client = try client ?? MongoClient(uri: try TestServices.mongoURI)
        self.client = client
        collections = RunCollections().prefixed("t_\(name)_\(UUID().uuidString.prefix(6).lowercased())_")
        registry = RunRegistry(client: client, collections: collections, log: log)
        executable = try ExecutableSchema(
            schema: try runQLSchema(), resolvers: resolvers(registry), typeResolvers: registry.typeResolvers,
            validate: { schema, document, source in validate(schema: schema, document: document, source: source) })
    }

    func collection(_ source: RunSource) -> MongoCollection { source.collection(client, collections) }

    func insert(_ documents: [BSONDocument], into source: RunSource) async throws {
        try await collection(source).insertMany(documents)
    }

    /// Inserts the standard fixtures into all three collections.
    func insertFixtures() async throws {
        try await insert(Fixtures.xenon1T, into: .xenon(.xenon1T))
        try await insert(Fixtures.xenonNT, into: .xenon(.xenonNT))
        try await insert(Fixtures.xams, into: .xams)
    }

    func drop() async {
        for database in Set([collections.xenon1T.database, collections.xenonNT.database, collections.xams.database]) {
            try? await client.database(database).drop()
        }
    }

    /// Runs a query; returns `data` (null when absent) and the errors.
    func run(_ query: String, variables: JSONObject? = nil) async throws -> Answer {
        let result = await executable.execute(query: query, variables: variables)
        let json = try JSONParser.parse(result.json)
        return Answer(json: json, errors: result.errors)
    }
}

struct Answer {
    let json: JSONValue
    let errors: [GraphQLError]

    /// The value at a dotted path under `data` (numeric parts index lists).
    subscript(_ path: String) -> JSONValue? {
        var current: JSONValue? = json.member("data")
        for part in path.split(separator: ".") {
            if let i = Int(part), case .list(let items)? = current {
                current = items.indices.contains(i) ? items[i] : nil
            } else {
                current = current?.member(String(part))
            }
        }
        return current
    }

    func ints(_ path: String) -> [Int] {
        guard case .list(let items)? = self[path] else { return [] }
        return items.compactMap { if case .int(let i) = $0 { i } else { nil } }
    }

    func strings(_ path: String) -> [String] {
        guard case .list(let items)? = self[path] else { return [] }
        return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
    }

    /// `field` of every item of the list at `path`.
    func column(_ path: String, _ field: String) -> [JSONValue] {
        guard case .list(let items)? = self[path] else { return [] }
        return items.map { $0.member(field) ?? .null }
    }

    var codes: [String] {
        errors.map { if case .string(let c)? = $0.extensions?["code"] { c } else { "" } }
    }
}

extension JSONValue {
    func member(_ key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}

func date(_ text: String) -> BSONValue {
    .datetime(BSONDateTime(millisecondsSinceEpoch: DateTimeScalar.parse(text) ?? 0))
}

func oid(_ hex: String) -> BSONValue { .objectID(ObjectID(hex: hex)!) }

// Fixture documents read better with plain string literals.
extension BSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
