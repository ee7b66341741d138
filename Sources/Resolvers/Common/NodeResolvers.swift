// `Query.node` and `Query.nodes` over every registry: each registry contributes a NodeFetcher
// for its types (XENON/XAMS runs, CMS runs and datasets, SkyDriver scans), and ids are routed
// by the type name inside them.

import GraphQLKit

/// Fetches the objects of one type by the keys of their global ids.
public struct NodeFetcher: Sendable {
    public typealias Fetch = @Sendable (_ keys: [String], _ info: ResolveInfo) async throws -> [FieldValue]

    /// The object type whose ids this fetcher answers, e.g. `XenonRun`.
    public let typeName: String
    /// One value per key, in order (null where nothing has that key). Called once per type per
    /// `node`/`nodes` field, so a fetcher can batch (e.g. through a DataLoader).
    public let fetch: Fetch

    public init(typeName: String, fetch: @escaping Fetch) {
        self.typeName = typeName
        self.fetch = fetch
    }
}

public struct NodeResolvers: Sendable {
    private let fetchers: [String: NodeFetcher]

    public init(fetchers: [NodeFetcher]) {
        var byType: [String: NodeFetcher] = [:]
        for f in fetchers { byType[f.typeName] = f }
        self.fetchers = byType
    }

    public var resolvers: [String: FieldResolver] {
        let fetchers = fetchers
        return [
            "Query.node": .async { _, arguments, _, info in
                guard case .string(let id)? = arguments["id"] else { return .null }
                let value = try await Self.resolve([id], fetchers, info)[0]
                if let failure = value.failure { throw failure.error }
                return value
            },
            "Query.nodes": .async { _, arguments, _, info in
                guard case .list(let items)? = arguments["ids"] else { return .list([]) }
                let ids = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
                return .list(await Self.resolve(ids, fetchers, info))
            },
        ]
    }

    /// `Node` and `Run` resolve from the value's `TypeNamed` conformance.
    public static var typeResolvers: [String: TypeResolver] {
        let byName: TypeResolver = { value, _, _ in
            switch value {
            case .container(let c): (c as? any TypeNamed)?.graphQLTypeName
            case .opaque(let o): (o as? any TypeNamed)?.graphQLTypeName
            default: nil
            }
        }
        return ["Node": byName, "Run": byName]
    }

    /// Values for `ids` in order; ids of types no registry here serves are null. One fetch per
    /// type, so each registry answers all of its ids at once; a registry that fails fails its
    /// own ids only (each a field error at its index), not the others'.
    private static func resolve(_ ids: [String], _ fetchers: [String: NodeFetcher], _ info: ResolveInfo) async -> [FieldValue] {
        // An id RunQL never issued names nothing: null, like an id of a deleted run, so one bad
        // id does not cost the others their answers.
        let decoded = ids.map { try? GlobalID(decoding: $0) }
        var out = [FieldValue](repeating: .null, count: ids.count)
        var positions: [String: [Int]] = [:]
        var order: [String] = []
        for (i, decodedID) in decoded.enumerated() {
            guard let id = decodedID, fetchers[id.typeName] != nil else { continue }
            if positions[id.typeName] == nil { order.append(id.typeName) }
            positions[id.typeName, default: []].append(i)
        }
        for typeName in order {
            guard let fetcher = fetchers[typeName], let indexes = positions[typeName] else { continue }
            do {
                let values = try await fetcher.fetch(indexes.compactMap { decoded[$0]?.key }, info)
                for (i, value) in zip(indexes, values) { out[i] = value }
            } catch {
                for i in indexes { out[i] = .failure(error) }
            }
        }
        return out
    }
}
