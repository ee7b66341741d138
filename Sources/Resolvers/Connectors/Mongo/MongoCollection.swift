// Collection operations: find, aggregate, count, insert, update, find-and-modify, indexes, delete.

import CMongo

public struct FindOptions: Sendable {
    public var projection: BSONDocument?
    public var sort: BSONDocument?
    public var skip: Int?
    public var limit: Int?
    public init(projection: BSONDocument? = nil, sort: BSONDocument? = nil, skip: Int? = nil, limit: Int? = nil) {
        self.projection = projection
        self.sort = sort
        self.skip = skip
        self.limit = limit
    }
}

public struct InsertManyResult: Sendable, Equatable {
    public var insertedCount: Int
    public var insertedIDs: [BSONValue]
}

public struct UpdateResult: Sendable, Equatable {
    public var matchedCount: Int
    public var modifiedCount: Int
    public var upsertedID: BSONValue?
}

public struct IndexModel: Sendable {
    public var keys: BSONDocument
    public var name: String?
    public var unique: Bool
    public init(keys: BSONDocument, name: String? = nil, unique: Bool = false) {
        self.keys = keys
        self.name = name
        self.unique = unique
    }
}

public struct MongoCollection: Sendable {
    public let client: MongoClient
    public let database: String
    public let name: String

    private func withCollection<T: Sendable>(
        _ body: @escaping @Sendable (OpaquePointer) throws(MongoError) -> T
    ) async throws(MongoError) -> T {
        let database = self.database, name = self.name
        return try await client.withClient { (c) throws(MongoError) in
            guard let collection = mongoc_client_get_collection(c, database, name) else {
                throw .invalidArgument("no collection \(database).\(name)")
            }
            defer { mongoc_collection_destroy(collection) }
            return try body(collection)
        }
    }

    // MARK: Reads

    public func find(_ filter: BSONDocument = [:], options: FindOptions = FindOptions()) async throws(MongoError) -> [BSONDocument] {
        var opts = BSONDocument()
        if let p = options.projection { opts["projection"] = .document(p) }
        if let s = options.sort { opts["sort"] = .document(s) }
        if let s = options.skip {
            guard s >= 0 else { throw .invalidArgument("skip must not be negative") }
            opts["skip"] = .int64(Int64(s))
        }
        if let l = options.limit {
            guard l >= 0 else { throw .invalidArgument("limit must not be negative") }
            if l > 0 { opts["limit"] = .int64(Int64(l)) }
            if l == 0 { return [] }
        }
        let filterHandle = try BSONHandle(filter), optsHandle = try BSONHandle(opts)
        return try await withCollection { (collection) throws(MongoError) in
            guard let cursor = mongoc_collection_find_with_opts(collection, filterHandle.pointer, optsHandle.pointer, nil) else {
                throw .invalidArgument("could not create a cursor")
            }
            return try drain(cursor)
        }
    }

    public func findOne(_ filter: BSONDocument = [:], options: FindOptions = FindOptions()) async throws(MongoError) -> BSONDocument? {
        var options = options
        options.limit = 1
        return try await find(filter, options: options).first
    }

    public func aggregate(_ pipeline: [BSONDocument]) async throws(MongoError) -> [BSONDocument] {
        let pipelineHandle = try BSONHandle(["pipeline": .array(pipeline.map(BSONValue.document))])
        return try await withCollection { (collection) throws(MongoError) in
            guard let cursor = mongoc_collection_aggregate(collection, MONGOC_QUERY_NONE, pipelineHandle.pointer, nil, nil) else {
                throw .invalidArgument("could not create an aggregation cursor")
            }
            return try drain(cursor)
        }
    }

    public func count(_ filter: BSONDocument = [:]) async throws(MongoError) -> Int {
        let filterHandle = try BSONHandle(filter)
        return try await withCollection { (collection) throws(MongoError) in
            var error = bson_error_t()
            let n = mongoc_collection_count_documents(collection, filterHandle.pointer, nil, nil, nil, &error)
            guard n >= 0 else { throw error.mongoError }
            return Int(n)
        }
    }

    // MARK: Writes

    /// Inserts one document; an `_id` is generated when the document has none, and returned.
    @discardableResult
    public func insertOne(_ document: BSONDocument) async throws(MongoError) -> BSONValue {
        let result = try await insertMany([document])
        return result.insertedIDs[0]
    }

    @discardableResult
    public func insertMany(_ documents: [BSONDocument]) async throws(MongoError) -> InsertManyResult {
        guard !documents.isEmpty else { return InsertManyResult(insertedCount: 0, insertedIDs: []) }
        var ids: [BSONValue] = []
        var handles: [BSONHandle] = []
        for var doc in documents {
            if doc["_id"] == nil {
                doc = withGeneratedID(doc)
            }
            ids.append(doc["_id"] ?? .null)
            handles.append(try BSONHandle(doc))
        }
        let insertedIDs = ids, handleList = handles
        return try await withCollection { (collection) throws(MongoError) in
            var pointers: [OpaquePointer?] = handleList.map { $0.pointer }
            return try withReply { (reply) throws(MongoError) in
                var error = bson_error_t()
                let ok = pointers.withUnsafeMutableBufferPointer { buffer in
                    mongoc_collection_insert_many(collection, buffer.baseAddress, buffer.count, nil, reply, &error)
                }
                withExtendedLifetime(handleList) {}
                guard ok else { throw writeError(reply: reply, fallback: error) }
                let answer = try decodeBSON(reply)
                return InsertManyResult(insertedCount: answer["insertedCount"]?.intValue ?? insertedIDs.count, insertedIDs: insertedIDs)
            }
        }
    }

    public func updateOne(_ filter: BSONDocument, _ update: BSONDocument, upsert: Bool = false) async throws(MongoError) -> UpdateResult {
        try await performUpdate(filter, update, upsert: upsert, many: false)
    }

    public func updateMany(_ filter: BSONDocument, _ update: BSONDocument, upsert: Bool = false) async throws(MongoError) -> UpdateResult {
        try await performUpdate(filter, update, upsert: upsert, many: true)
    }

    private func performUpdate(_ filter: BSONDocument, _ update: BSONDocument, upsert: Bool, many: Bool) async throws(MongoError) -> UpdateResult {
        try requireOperators(update)
        let filterHandle = try BSONHandle(filter), updateHandle = try BSONHandle(update)
        let optsHandle = try BSONHandle(upsert ? ["upsert": .bool(true)] : [:])
        return try await withCollection { (collection) throws(MongoError) in
            try withReply { (reply) throws(MongoError) in
                var error = bson_error_t()
                let ok = many
                    ? mongoc_collection_update_many(collection, filterHandle.pointer, updateHandle.pointer, optsHandle.pointer, reply, &error)
                    : mongoc_collection_update_one(collection, filterHandle.pointer, updateHandle.pointer, optsHandle.pointer, reply, &error)
                guard ok else { throw writeError(reply: reply, fallback: error) }
                let answer = try decodeBSON(reply)
                return UpdateResult(
                    matchedCount: answer["matchedCount"]?.intValue ?? 0,
                    modifiedCount: answer["modifiedCount"]?.intValue ?? 0,
                    upsertedID: answer["upsertedId"])
            }
        }
    }

    /// Atomically updates the first matching document and returns it as it is after the update
    /// (`returnNew`) or before; nil when nothing matched and `upsert` is false. `arrayFilters`
    /// name the array elements `$[identifier]` paths in `update` change (the positional `$`
    /// is not used here: some MongoDB-wire servers do not support it in findAndModify).
    public func findOneAndUpdate(
        _ filter: BSONDocument, _ update: BSONDocument, sort: BSONDocument? = nil, projection: BSONDocument? = nil,
        arrayFilters: [BSONDocument] = [], returnNew: Bool = true, upsert: Bool = false
    ) async throws(MongoError) -> BSONDocument? {
        try requireOperators(update)
        let filterHandle = try BSONHandle(filter), updateHandle = try BSONHandle(update)
        let extraHandle = try arrayFilters.isEmpty ? nil : BSONHandle(["arrayFilters": .array(arrayFilters.map { .document($0) })])
        let sortHandle = try sort.map { (s) throws(MongoError) in try BSONHandle(s) }
        let fieldsHandle = try projection.map { (p) throws(MongoError) in try BSONHandle(p) }
        return try await withCollection { (collection) throws(MongoError) in
            guard let opts = mongoc_find_and_modify_opts_new() else { throw .invalidArgument("out of memory") }
            defer { mongoc_find_and_modify_opts_destroy(opts) }
            _ = mongoc_find_and_modify_opts_set_update(opts, updateHandle.pointer)
            var flags = MONGOC_FIND_AND_MODIFY_NONE.rawValue
            if returnNew { flags |= MONGOC_FIND_AND_MODIFY_RETURN_NEW.rawValue }
            if upsert { flags |= MONGOC_FIND_AND_MODIFY_UPSERT.rawValue }
            _ = mongoc_find_and_modify_opts_set_flags(opts, mongoc_find_and_modify_flags_t(rawValue: flags))
            if let sortHandle { _ = mongoc_find_and_modify_opts_set_sort(opts, sortHandle.pointer) }
            if let fieldsHandle { _ = mongoc_find_and_modify_opts_set_fields(opts, fieldsHandle.pointer) }
            if let extraHandle { _ = mongoc_find_and_modify_opts_append(opts, extraHandle.pointer) }
            return try withReply { (reply) throws(MongoError) in
                var error = bson_error_t()
                guard mongoc_collection_find_and_modify_with_opts(collection, filterHandle.pointer, opts, reply, &error) else {
                    throw writeError(reply: reply, fallback: error)
                }
                let answer = try decodeBSON(reply)
                if case .document(let doc)? = answer["value"] { return doc }
                return nil
            }
        }
    }

    @discardableResult
    public func deleteMany(_ filter: BSONDocument) async throws(MongoError) -> Int {
        let filterHandle = try BSONHandle(filter)
        return try await withCollection { (collection) throws(MongoError) in
            try withReply { (reply) throws(MongoError) in
                var error = bson_error_t()
                guard mongoc_collection_delete_many(collection, filterHandle.pointer, nil, reply, &error) else {
                    throw writeError(reply: reply, fallback: error)
                }
                return try decodeBSON(reply)["deletedCount"]?.intValue ?? 0
            }
        }
    }

    // MARK: Administration

    /// Creates indexes (a no-op for ones that already exist with the same definition).
    public func createIndexes(_ models: [IndexModel]) async throws(MongoError) {
        var indexes: [BSONValue] = []
        for model in models {
            var spec: BSONDocument = ["key": .document(model.keys)]
            spec["name"] = .string(model.name ?? model.keys.keys.map { "\($0)_1" }.joined(separator: "_"))
            if model.unique { spec["unique"] = .bool(true) }
            indexes.append(.document(spec))
        }
        _ = try await client.runCommand(["createIndexes": .string(name), "indexes": .array(indexes)], in: database)
    }

    public func drop() async throws(MongoError) {
        do {
            _ = try await client.runCommand(["drop": .string(name)], in: database)
        } catch .server(let code, _) where code == 26 {
            // NamespaceNotFound: dropping a collection that does not exist is not an error here.
        }
    }

    // MARK: Helpers

    private func requireOperators(_ update: BSONDocument) throws(MongoError) {
        guard let first = update.keys.first, first.hasPrefix("$") else {
            throw .invalidArgument("an update document must use update operators such as $set")
        }
    }
}

/// Reads every document from a cursor, then destroys it.
private func drain(_ cursor: OpaquePointer) throws(MongoError) -> [BSONDocument] {
    defer { mongoc_cursor_destroy(cursor) }
    var documents: [BSONDocument] = []
    var current: OpaquePointer? = nil
    while mongoc_cursor_next(cursor, &current) {
        guard let current else { break }
        documents.append(try decodeBSON(current))
    }
    var error = bson_error_t()
    if mongoc_cursor_error(cursor, &error) { throw error.mongoError }
    return documents
}

/// Write errors arrive in the reply's writeErrors; prefer their code (e.g. 11000) to the generic one.
private func writeError(reply: OpaquePointer, fallback: bson_error_t) -> MongoError {
    if let answer = try? decodeBSON(reply), case .array(let errors)? = answer["writeErrors"],
       case .document(let first)? = errors.first {
        let code = first["code"]?.intValue ?? Int(fallback.code)
        let message = first["errmsg"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? fallback.messageText
        if code == 11000 || code == 11001 { return .duplicateKey(message) }
        return .server(code: code, message: message)
    }
    return fallback.mongoError
}

private func withGeneratedID(_ document: BSONDocument) -> BSONDocument {
    var oid = bson_oid_t()
    bson_oid_init(&oid, nil)
    let bytes = withUnsafeBytes(of: &oid.bytes) { Array($0) }
    var doc = BSONDocument()
    if let id = ObjectID(bytes: bytes) { doc["_id"] = .objectID(id) }
    for (k, v) in document { doc[k] = v }
    return doc
}

extension BSONValue {
    /// Any BSON number that is a whole number, as an Int.
    public var intValue: Int? {
        switch self {
        case .int32(let i): Int(i)
        case .int64(let i): Int(i)
        case .double(let d) where d == d.rounded() && abs(d) < 9.2e18: Int(d)
        default: nil
        }
    }
}
