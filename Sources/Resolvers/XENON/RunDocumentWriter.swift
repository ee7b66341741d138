// The write path every XENON and XAMS mutation shares: resolve the reference to one document,
// apply one atomic update to it (conditions and all, in a single findAndModify), and return the
// document as it is afterwards. Conditions that fail come back as nil so each mutation can say
// precisely why nothing was written.

import GraphQLKit

struct RunDocumentWriter: Sendable {
    let collection: MongoCollection
    /// For messages: `XENONnT runsDB`, `XAMS runs database`.
    let sourceName: String

    /// The `_id` of the one document `reference` names.
    func resolve(_ reference: RunReference) async throws -> ObjectID {
        let found = try await withSource(sourceName) { () async throws(MongoError) in try await collection.find(reference.filter, options: FindOptions(projection: ["_id": .int32(1)], limit: 2)) }
        guard let first = found.first else {
            throw RegistryError.notFound("\(reference) does not exist.")
        }
        guard found.count == 1 else {
            throw RegistryError.badUserInput("\(reference) names several run documents (XENON1T muon-veto runs all have number 0); use name or objectId.")
        }
        guard case .objectID(let id)? = first["_id"] else {
            throw RegistryError.badUserInput("\(reference) has no ObjectId; it cannot be changed here.")
        }
        return id
    }

    /// Applies `update` to the document `id` if it also meets `conditions`; the document after
    /// the update, or nil when the conditions did not hold.
    func update(
        _ id: ObjectID, where conditions: BSONDocument = [:], _ update: BSONDocument, arrayFilters: [BSONDocument] = []
    ) async throws -> BSONDocument? {
        var filter: BSONDocument = ["_id": .objectID(id)]
        for (key, value) in conditions { filter[key] = value }
        return try await withSource(sourceName) { () async throws(MongoError) in try await collection.findOneAndUpdate(filter, update, arrayFilters: arrayFilters) }
    }

    /// The document as it is now (after a no-op, or to read before a conditional write).
    func current(_ id: ObjectID, projection: BSONDocument? = nil) async throws -> BSONDocument {
        guard let doc = try await withSource(sourceName, { () async throws(MongoError) in try await collection.findOne(["_id": .objectID(id)], options: FindOptions(projection: projection)) }) else {
            throw RegistryError.notFound("The run was removed while it was being changed.")
        }
        return doc
    }

}
