// A bounded pool of libpq connections. libpq blocks, so statements run on the pool's own
// threads; callers await them without tying up Swift's cooperative threads.

import Foundation

public struct PostgresConfiguration: Sendable {
    /// A libpq connection string, e.g. "host=127.0.0.1 port=5432 user=rr dbname=rr connect_timeout=5".
    public var conninfo: String
    public var maximumConnections: Int
    /// How long a caller waits for a free connection before `.poolTimeout`.
    public var acquireTimeout: Double
    /// Default statement timeout in seconds (0 = none); each call may override it.
    public var statementTimeout: Double

    public init(conninfo: String, maximumConnections: Int = 10, acquireTimeout: Double = 5, statementTimeout: Double = 30) {
        self.conninfo = conninfo
        self.maximumConnections = max(1, maximumConnections)
        self.acquireTimeout = acquireTimeout
        self.statementTimeout = statementTimeout
    }
}

public final class PostgresPool: @unchecked Sendable {
    // @unchecked: all mutable state is guarded by `condition`.
    public let configuration: PostgresConfiguration
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    /// One thread per connection the pool may open, plus one so a caller waiting for a free
    /// connection never holds up one that is being released.
    private let threads: BlockingThreadPool
    /// Statements run for callers (a transaction's BEGIN and COMMIT or ROLLBACK included). The
    /// session setup a new connection does (time zone, statement_timeout) is not counted: it
    /// depends on which connection a statement lands on, not on the query.
    private let statements = CallCounter()

    /// How many statements this pool has sent: tests read it to prove a query costs the round
    /// trips it should, and /metrics reports it.
    public var statementCount: Int { statements.value }

    public init(_ configuration: PostgresConfiguration) {
        self.configuration = configuration
        threads = BlockingThreadPool(threads: configuration.maximumConnections + 1, name: "runql-postgres")
    }

    deinit { threads.shutdown() }

    /// Runs one parameterized statement.
    public func query(_ sql: String, _ parameters: [PostgresValue] = [], timeout: Double? = nil) async throws(PostgresError) -> PostgresResult {
        let ms = Int(((timeout ?? configuration.statementTimeout) * 1000).rounded())
        statements.increment()
        return try await withConnection { (c) throws(PostgresError) in try c.execute(sql, parameters, timeoutMilliseconds: ms) }
    }

    /// Runs `body` inside BEGIN ... COMMIT on one connection; any error rolls everything back.
    public func transaction<T: Sendable>(
        timeout: Double? = nil, _ body: @escaping @Sendable (PostgresTransaction) throws(PostgresError) -> T
    ) async throws(PostgresError) -> T {
        let ms = Int(((timeout ?? configuration.statementTimeout) * 1000).rounded())
        let statements = statements
        return try await withConnection { (c) throws(PostgresError) in
            statements.increment()
            _ = try c.execute("BEGIN", timeoutMilliseconds: ms)
            do throws(PostgresError) {
                let value = try body(PostgresTransaction(connection: c, timeoutMilliseconds: ms, statements: statements))
                statements.increment()
                _ = try c.execute("COMMIT", timeoutMilliseconds: ms)
                return value
            } catch {
                statements.increment()
                _ = try? c.execute("ROLLBACK", timeoutMilliseconds: ms)
                throw error
            }
        }
    }

    /// Closes idle connections (open ones close when returned to a pool that was drained).
    public func closeIdle() {
        condition.lock()
        open -= idle.count
        idle.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) throws(PostgresError) -> T
    ) async throws(PostgresError) -> T {
        let result: Result<T, PostgresError> = await threads.run { [self] in
            let connection: PostgresConnection
            do throws(PostgresError) { connection = try acquire() } catch { return .failure(error) }
            let outcome = Result { () throws(PostgresError) in try body(connection) }
            release(connection)
            return outcome
        }
        return try result.get()
    }

    private func acquire() throws(PostgresError) -> PostgresConnection {
        let deadline = Date(timeIntervalSinceNow: configuration.acquireTimeout)
        condition.lock()
        while true {
            while let candidate = idle.popLast() {
                if candidate.isHealthy {
                    condition.unlock()
                    return candidate
                }
                // Broken while idle (e.g. the server restarted): drop it and open a fresh one.
                open -= 1
            }
            if open < configuration.maximumConnections {
                open += 1
                condition.unlock()
                do throws(PostgresError) {
                    return try Self.connect(configuration.conninfo)
                } catch {
                    condition.lock()
                    open -= 1
                    condition.signal()
                    condition.unlock()
                    throw error
                }
            }
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw .poolTimeout(seconds: configuration.acquireTimeout)
            }
        }
    }

    private func release(_ connection: PostgresConnection) {
        let healthy = connection.isHealthy
        condition.lock()
        if healthy { idle.append(connection) } else { open -= 1 }
        condition.signal()
        condition.unlock()
    }
}

/// The connection inside `PostgresPool.transaction`: statements on it share one transaction.
public struct PostgresTransaction: Sendable {
    let connection: PostgresConnection
    let timeoutMilliseconds: Int
    let statements: CallCounter

    @discardableResult
    public func query(_ sql: String, _ parameters: [PostgresValue] = []) throws(PostgresError) -> PostgresResult {
        statements.increment()
        return try connection.execute(sql, parameters, timeoutMilliseconds: timeoutMilliseconds)
    }
}

extension PostgresPool {
    /// A new connection, tried again after short pauses (0.1, 0.3, 0.6 s) when the server closed
    /// the attempt during startup: under a burst of connections (a test suite's start, a
    /// gateway's first requests) a server has been seen to drop connections for a moment. A
    /// refused or unreachable server fails at once, as before.
    static func connect(_ conninfo: String) throws(PostgresError) -> PostgresConnection {
        var pauses: [useconds_t] = [100_000, 300_000, 600_000]
        while true {
            do {
                return try PostgresConnection(conninfo: conninfo)
            } catch .connection(let message) where message.contains("closed the connection unexpectedly") && !pauses.isEmpty {
                usleep(pauses.removeFirst())
            }
        }
    }
}

