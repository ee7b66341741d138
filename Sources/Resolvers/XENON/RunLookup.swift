// Single-run lookups (`xenonRun`, `xamsRun`, `node`, `nodes`) go through one DataLoader: every
// lookup requested while a level of the response resolves is answered by one `$in` query per
// collection, however many aliases or ids the request holds.

import GraphQLKit

/// What identifies one run in one collection.
enum RunIdentifier: Sendable, Hashable {
    case number(Int)
    case name(String)
    case objectID(ObjectID)
}

struct RunLookupKey: Sendable, Hashable {
    var source: RunSource
    var identifier: RunIdentifier
    /// nil: the whole document.
    var projection: BSONDocument?
}

struct RunLookup: Sendable {
    let loader: DataLoader<RunLookupKey, BSONDocument?>

    init(client: MongoClient, collections: RunCollections, log: FetchLog?) {
        loader = DataLoader { keys, _ in
            var bySource: [RunSource: [RunLookupKey]] = [:]
            for key in keys { bySource[key.source, default: []].append(key) }
            let groups = bySource
            let answers = await withTaskGroup(of: (RunSource, Result<[BSONDocument], GraphQLError>).self) { group in
                for (source, sourceKeys) in groups {
                    group.addTask {
                        do throws(GraphQLError) {
                            let documents = try await RunLookup.fetch(source, sourceKeys, client: client, collections: collections, log: log)
                            return (source, .success(documents))
                        } catch {
                            return (source, .failure(error))
                        }
                    }
                }
                var out: [RunSource: Result<[BSONDocument], GraphQLError>] = [:]
                for await (source, result) in group { out[source] = result }
                return out
            }
            return keys.map { key in
                switch answers[key.source] {
                case .success(let documents)?: RunLookup.pick(key, from: documents).mapError { $0 as any Error }
                case .failure(let error)?: .failure(error)
                case nil: .success(nil)
                }
            }
        }
    }

    /// One query for every key of one collection.
    static func fetch(
        _ source: RunSource, _ keys: [RunLookupKey], client: MongoClient, collections: RunCollections, log: FetchLog?
    ) async throws(GraphQLError) -> [BSONDocument] {
        var numbers: [BSONValue] = [], names: [BSONValue] = [], ids: [BSONValue] = []
        for key in keys {
            switch key.identifier {
            case .number(let n): numbers.append(.int64(Int64(n)))
            case .name(let s): names.append(.string(s))
            case .objectID(let id): ids.append(.objectID(id))
            }
        }
        var branches: [BSONDocument] = []
        if !numbers.isEmpty { branches.append(["number": .document(["$in": .array(Array(Set(numbers)))])]) }
        if !names.isEmpty { branches.append(["name": .document(["$in": .array(Array(Set(names)))])]) }
        if !ids.isEmpty { branches.append(["_id": .document(["$in": .array(Array(Set(ids)))])]) }
        let filter: BSONDocument = branches.count == 1 ? branches[0] : ["$or": .array(branches.map(BSONValue.document))]
        var projection = RunProjection.union(keys.map(\.projection))
        if projection != nil {
            if !names.isEmpty { projection?["name"] = .int32(1) }
            // Several XENON1T runs have number 0 (muon veto): the TPC one is preferred.
            if !numbers.isEmpty { projection = RunProjection.projection(paths: (projection?.keys ?? []) + ["detector", "detectors"]) }
        }
        log?.record(FetchLog.Entry(source: source, filter: filter, projection: projection))
        let collection = source.collection(client, collections)
        let options = FindOptions(projection: projection, sort: ["_id": .int32(1)])
        return try await withSource(source.registryName) { () throws(MongoError) in
            try await collection.find(filter, options: options)
        }
    }

    /// The run a key names among the documents fetched for its collection.
    static func pick(_ key: RunLookupKey, from documents: [BSONDocument]) -> Result<BSONDocument?, GraphQLError> {
        switch key.identifier {
        case .objectID(let id):
            return .success(documents.first { $0["_id"] == .objectID(id) })
        case .name(let name):
            return .success(documents.first { $0["name"] == .string(name) })
        case .number(let n):
            let matches = documents.filter { $0["number"]?.intValue == n }
            if matches.count <= 1 { return .success(matches.first) }
            let tpc = matches.filter { fieldEquals($0["detector"], "tpc") || fieldEquals($0["detectors"], "tpc") }
            if tpc.count == 1 { return .success(tpc[0]) }
            return .failure(RegistryError.badUserInput(
                "\(matches.count) runs of the \(key.source.registryName) have number \(n); look the run up by `name` or `objectId`."))
        }
    }
}
