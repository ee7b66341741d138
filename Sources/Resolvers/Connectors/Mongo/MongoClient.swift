// A pooled MongoDB client over libmongoc. libmongoc is blocking, so every operation runs on one
// of the client's own threads and resumes the caller's task when done: Swift's cooperative
// threads never wait on the network.

import CMongo
import Foundation

/// `mongoc_init` must run once per process before anything else in libmongoc.
/// libmongoc logs to stderr by default; every failure reaches callers as a MongoError instead.
private let mongocInitialization: Void = {
    mongoc_init()
    mongoc_log_set_handler(nil, nil)
}()

public final class MongoClient: @unchecked Sendable {
    // @unchecked: `mongoc_client_pool_t` is documented thread-safe; the pointer never changes.
    private let pool: OpaquePointer
    private let uri: OpaquePointer
    private let threads: BlockingThreadPool
    /// Every operation (command, find, aggregate, count, write) this client sends to the server.
    private let operations = CallCounter()

    /// How many operations this client has sent to the server: tests read it to prove a query
    /// costs the round trips it should, and /metrics reports it.
    public var operationCount: Int { operations.value }

    /// - Parameter uri: a MongoDB URI; options such as `serverSelectionTimeoutMS`,
    ///   `socketTimeoutMS` and `maxPoolSize` bound how long an unreachable server can stall a call.
    /// - Parameter threads: how many calls may block on the server at once (libmongoc's pool
    ///   opens at most `maxPoolSize` connections, 100 unless the URI says otherwise).
    public init(uri uriString: String, threads: Int = 16) throws(MongoError) {
        _ = mongocInitialization
        var error = bson_error_t()
        guard let uri = mongoc_uri_new_with_error(uriString, &error) else {
            throw .invalidArgument("bad MongoDB URI: \(error.messageText)")
        }
        guard let pool = mongoc_client_pool_new(uri) else {
            mongoc_uri_destroy(uri)
            throw .invalidArgument("could not create a client pool for \(uriString)")
        }
        mongoc_client_pool_set_error_api(pool, Int32(MONGOC_ERROR_API_VERSION_2))
        mongoc_client_pool_set_appname(pool, "runql")
        self.uri = uri
        self.pool = pool
        self.threads = BlockingThreadPool(threads: threads, name: "runql-mongo")
    }

    deinit {
        threads.shutdown()
        mongoc_client_pool_destroy(pool)
        mongoc_uri_destroy(uri)
    }

    public func database(_ name: String) -> MongoDatabase { MongoDatabase(client: self, name: name) }

    public func collection(_ name: String, in database: String) -> MongoCollection {
        MongoCollection(client: self, database: database, name: name)
    }

    /// Round trip to the server: fails with `.connection` when it cannot be reached.
    public func ping() async throws(MongoError) {
        _ = try await runCommand(["ping": .int32(1)], in: "admin")
    }

    public func runCommand(_ command: BSONDocument, in database: String) async throws(MongoError) -> BSONDocument {
        try await withClient { (client) throws(MongoError) in
            let cmd = try BSONHandle(command)
            return try withReply { (reply) throws(MongoError) in
                var error = bson_error_t()
                guard mongoc_client_command_simple(client, database, cmd.pointer, nil, reply, &error) else {
                    throw error.mongoError
                }
                return try decodeBSON(reply)
            }
        }
    }

    /// Runs `body` with a client popped from the pool, on a worker thread.
    func withClient<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer) throws(MongoError) -> T) async throws(MongoError) -> T {
        operations.increment()
        let result: Result<T, MongoError> = await threads.run { [self] in
            guard let client = mongoc_client_pool_pop(pool) else {
                return .failure(.connection("no client available from the pool"))
            }
            defer { mongoc_client_pool_push(pool, client) }
            return Result { () throws(MongoError) in try body(client) }
        }
        return try result.get()
    }
}

public struct MongoDatabase: Sendable {
    public let client: MongoClient
    public let name: String

    public func collection(_ name: String) -> MongoCollection {
        MongoCollection(client: client, database: self.name, name: name)
    }

    public func runCommand(_ command: BSONDocument) async throws(MongoError) -> BSONDocument {
        try await client.runCommand(command, in: name)
    }

    /// Drops the whole database (tests use one database each).
    public func drop() async throws(MongoError) {
        _ = try await runCommand(["dropDatabase": .int32(1)])
    }
}
