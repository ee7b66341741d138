// XENON mutations: data locations (cax / admix / runsDB API semantics), gains and tags. Each is
// one atomic update of one run document and returns the run as it is afterwards; the gateway
// lets only `writer`s send mutations. Bad input is refused before anything is written.

import Foundation
import GraphQLKit

struct XenonMutations: Sendable {
    let writers: [XenonExperiment: RunDocumentWriter]

    init(client: MongoClient, collections: RunCollections) {
        writers = [
            .xenon1T: RunDocumentWriter(collection: RunSource.xenon(.xenon1T).collection(client, collections), sourceName: XenonExperiment.xenon1T.registryName),
            .xenonNT: RunDocumentWriter(collection: RunSource.xenon(.xenonNT).collection(client, collections), sourceName: XenonExperiment.xenonNT.registryName),
        ]
    }

    static let maxGains = 1000

    var resolvers: [String: FieldResolver] {
        [
            "Mutation.addDataLocation": mutation { writer, experiment, id, args, context in
                try await Self.addDataLocation(writer, id, args)
            },
            "Mutation.updateDataLocation": mutation { writer, experiment, id, args, context in
                try await Self.updateDataLocation(writer, id, args)
            },
            "Mutation.removeDataLocation": mutation { writer, experiment, id, args, context in
                try await Self.removeDataLocation(writer, id, args, by: context.callerName)
            },
            "Mutation.setGains": mutation { writer, experiment, id, args, context in
                try await Self.setGains(writer, id, args)
            },
            "Mutation.addTag": mutation { writer, experiment, id, args, context in
                try await RunTags.add(writer, id, args, by: context.callerName, dateKey: "date")
            },
            "Mutation.removeTag": mutation { writer, experiment, id, args, context in
                try await RunTags.remove(writer, id, args)
            },
        ]
    }

    private typealias Body = @Sendable (RunDocumentWriter, XenonExperiment, ObjectID, JSONObject, (any Sendable)?) async throws -> BSONDocument

    /// Checks the `run` reference, resolves it to one document, runs `body`, and answers the
    /// updated run; errors are GraphQL errors with `extensions.code`.
    private func mutation(_ body: @escaping Body) -> FieldResolver {
        let writers = self.writers
        return .async { _, args, context, _ in
            guard case .object(let runInput)? = args["run"] else { throw RegistryError.badUserInput("run is required.") }
            let (experiment, reference) = try RunReference.xenon(runInput)
            guard let writer = writers[experiment] else { throw RegistryError.badUserInput("Unknown experiment.") }
            try Self.checkArguments(args)
            let id = try await writer.resolve(reference)
            let document = try await body(writer, experiment, id, args, context)
            return .container(XenonRunValue(document: document, experiment: experiment))
        }
    }

    /// Checks that need no database, so a bad request costs no round trip.
    private static func checkArguments(_ args: JSONObject) throws(GraphQLError) {
        if case .object(let location)? = args["location"] { _ = try DataLocationInput.entry(location, now: Date()) }
        if case .object(let key)? = args["key"] { _ = try DataLocationInput.key(key, field: "key") }
        if case .list(let gains)? = args["gains"] { _ = try gainValues(gains) }
        if case .string(let name)? = args["name"] { try RunTags.checkName(name) }
    }

    // MARK: Data locations

    static func addDataLocation(_ writer: RunDocumentWriter, _ id: ObjectID, _ args: JSONObject) async throws -> BSONDocument {
        guard case .object(let input)? = args["location"] else { throw RegistryError.badUserInput("location is required.") }
        let (key, entry) = try DataLocationInput.entry(input, now: Date())
        // Two tries: an entry added by someone else between the update and the push makes the
        // push's condition fail, and the second update then finds it.
        for _ in 0..<2 {
            var set = BSONDocument()
            // Recording a new status of a known copy keeps when the copy was made.
            let keepsCreationTime = input["creationTime"] == nil || input["creationTime"] == .null
            for (field, value) in entry where !(keepsCreationTime && field == "creation_time") { set["data.$[e]." + field] = value }
            if let updated = try await writer.update(
                id, where: ["data": .document(["$elemMatch": .document(key.bson)])], ["$set": .document(set)],
                arrayFilters: [key.arrayFilter("e")])
            {
                return updated
            }
            if let pushed = try await writer.update(
                id, where: ["data": .document(["$not": .document(["$elemMatch": .document(key.bson)])])],
                ["$push": .document(["data": .document(entry)])])
            {
                return pushed
            }
        }
        throw GraphQLError("The run's data changed concurrently; try again.", extensions: ["code": .string("CONFLICT")])
    }

    static func updateDataLocation(_ writer: RunDocumentWriter, _ id: ObjectID, _ args: JSONObject) async throws -> BSONDocument {
        guard case .object(let keyInput)? = args["key"] else { throw RegistryError.badUserInput("key is required.") }
        let key = try DataLocationInput.key(keyInput, field: "key")
        var set = BSONDocument()
        for name in ["status", "checksum"] {
            guard let value = args[name], value != .null else { continue }
            guard case .string(let s) = value, !s.isEmpty, s.utf8.count <= DataLocationInput.maxStringLength else {
                throw RegistryError.badUserInput("\(name) must be a non-empty string of at most \(DataLocationInput.maxStringLength) bytes.")
            }
            set["data.$[e]." + name] = .string(s)
        }
        guard !set.isEmpty else { throw RegistryError.badUserInput("Give status, checksum or both.") }
        if let updated = try await writer.update(
            id, where: ["data": .document(["$elemMatch": .document(key.bson)])], ["$set": .document(set)],
            arrayFilters: [key.arrayFilter("e")])
        {
            return updated
        }
        throw RegistryError.notFound("The run has no data entry with \(key.description).")
    }

    /// Moves the matching entries from `data` to `deleted_data` (with `at`, `by` and the reason),
    /// as admix does: the write is conditional on `data` being exactly what was read, so an entry
    /// is never dropped without its record.
    static func removeDataLocation(_ writer: RunDocumentWriter, _ id: ObjectID, _ args: JSONObject, by caller: String) async throws -> BSONDocument {
        guard case .object(let keyInput)? = args["key"] else { throw RegistryError.badUserInput("key is required.") }
        let key = try DataLocationInput.key(keyInput, field: "key")
        var reason: String?
        if let value = args["reason"], value != .null {
            guard case .string(let s) = value, s.utf8.count <= DataLocationInput.maxStringLength else {
                throw RegistryError.badUserInput("reason must be a string of at most \(DataLocationInput.maxStringLength) bytes.")
            }
            reason = s
        }
        for _ in 0..<3 {
            let current = try await writer.current(id, projection: ["data": .int32(1)])
            let data: [BSONValue]
            switch current["data"] {
            case .array(let items)?: data = items
            default: data = []
            }
            var kept: [BSONValue] = []
            var removed: [BSONValue] = []
            let now = BSONValue.datetime(BSONDateTime(Date()))
            for item in data {
                if case .document(let entry) = item, key.matches(entry) {
                    var record = entry
                    record["at"] = now
                    record["by"] = .string(caller)
                    if let reason { record["reason"] = .string(reason) }
                    removed.append(.document(record))
                } else {
                    kept.append(item)
                }
            }
            guard !removed.isEmpty else {
                throw RegistryError.notFound("The run has no data entry with \(key.description).")
            }
            let condition: BSONDocument = current["data"] == nil ? ["data": .document(["$exists": .bool(false)])] : ["data": .array(data)]
            if let updated = try await writer.update(
                id, where: condition,
                ["$set": .document(["data": .array(kept)]), "$push": .document(["deleted_data": .document(["$each": .array(removed)])])])
            {
                return updated
            }
        }
        throw GraphQLError("The run's data kept changing concurrently; try again.", extensions: ["code": .string("CONFLICT")])
    }

    // MARK: Gains

    static func setGains(_ writer: RunDocumentWriter, _ id: ObjectID, _ args: JSONObject) async throws -> BSONDocument {
        guard case .list(let items)? = args["gains"] else { throw RegistryError.badUserInput("gains is required.") }
        let gains = try gainValues(items)
        guard let updated = try await writer.update(id, ["$set": .document(["processor.DEFAULT.gains": .array(gains.map { .double($0) })])]) else {
            throw RegistryError.notFound("The run was removed while it was being changed.")
        }
        return updated
    }

    static func gainValues(_ items: [JSONValue]) throws(GraphQLError) -> [Double] {
        guard (1...maxGains).contains(items.count) else {
            throw RegistryError.badUserInput("gains must hold between 1 and \(maxGains) values (got \(items.count)).")
        }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            let value: Double
            switch item {
            case .int(let n): value = Double(n)
            case .double(let d): value = d
            default: throw RegistryError.badUserInput("gains[\(i)] is not a number.")
            }
            guard value.isFinite, value >= 0 else { throw RegistryError.badUserInput("gains[\(i)] is \(value); gains must be finite and ≥ 0.") }
            out.append(value)
        }
        return out
    }
}
