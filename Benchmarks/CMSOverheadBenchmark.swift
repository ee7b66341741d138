// The gateway's overhead on a nested CMS query (issue 10): the engine and the CMS resolvers
// answering `cmsRuns { nodes { datasets { lumisectionRanges } } }` (one SQL statement, nested
// JSON built in PostgreSQL), next to sending that same statement through libpq (the project's
// PostgresPool) and writing its rows as JSON, as a hand-written client of the database would.
// Needs the demo registry: run under scripts/services.sh after `runql seed` (README,
// docs/BENCHMARKS.md), which sets RUNQL_PG_CONNINFO.
import Dispatch
import Foundation
import GraphQLKit
import Resolvers

private let nestedQuery = """
    { cmsRuns(first: 100) { totalCount nodes { number class start datasets { name lumisectionRanges { start end } } } } }
    """

/// The statements the registry sends, so the baseline runs exactly the same SQL.
private final class StatementCapture: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var statements: [String] = []
    func append(_ sql: String) { lock.withLock { statements.append(sql) } }
    var all: [String] { lock.withLock { statements } }
    func reset() { lock.withLock { statements.removeAll() } }
}

/// The CMS registry on RUNQL_PG_CONNINFO bound to the repository's schema, or nil after saying
/// what is missing (`setup`: how to get the data the benchmark `name` needs).
func cmsBenchmarkSchema(
    _ name: String, setup: String, statementTimeout: Double = 30, observer: (@Sendable (String) -> Void)? = nil
) -> (pool: PostgresPool, executable: ExecutableSchema)? {
    guard let conninfo = ProcessInfo.processInfo.environment["RUNQL_PG_CONNINFO"] else {
        print("\(name): needs \(setup)")
        return nil
    }
    guard let schema = try? loadRepositorySchema() else {
        print("\(name): run from the repository root (Schema/*.graphql not found or invalid)")
        return nil
    }
    let pool = PostgresPool(PostgresConfiguration(conninfo: conninfo, maximumConnections: 2, statementTimeout: statementTimeout))
    let registry = CMSRegistry(pool: pool, observer: observer)
    guard let executable = try? ExecutableSchema(schema: schema, resolvers: registry.resolvers) else {
        print("\(name): the CMS resolvers do not bind to Schema/")
        return nil
    }
    return (pool, executable)
}

func runCMSOverheadBenchmark() {
    let capture = StatementCapture()
    guard let (pool, executable) = cmsBenchmarkSchema(
        "cms", setup: "the demo registry: scripts/services.sh bash -c '.build/release/runql seed && .build/release/runql-bench cms'",
        observer: { capture.append($0) }) else { return }
    let iterations = Int(ProcessInfo.processInfo.environment["RUNQL_BENCH_ITERATIONS"] ?? "") ?? 200
    blocking {
        capture.reset()
        let first = await executable.execute(query: nestedQuery)
        let statements = capture.all
        guard first.errors.isEmpty, statements.count == 1, let sql = statements.first else {
            print("cms: the nested query did not run as one statement (\(statements.count) statements, errors: \(first.errors.map(\.message)))")
            return
        }
        // `first: 100` from the first page: the page statement's only parameters.
        let parameters: [PostgresValue] = [.int(100), .int(0)]
        var gatewayBytes = 0, directBytes = 0
        let gateway = await medianSeconds(iterations) {
            gatewayBytes = await executable.execute(query: nestedQuery).jsonBytes.count
        }
        let direct = await medianSeconds(iterations) {
            guard let result = try? await pool.query(sql, parameters) else { return }
            directBytes = rowsJSON(result).count
        }
        // The statement alone (sent, rows received and decoded): a floor no client goes under.
        let statementOnly = await medianSeconds(iterations) {
            _ = try? await pool.query(sql, parameters)
        }
        print("cms: nested query through the gateway's engine and resolvers (1 statement, \(gatewayBytes) B): median \(formatDuration(gateway))")
        print("cms: the same statement through libpq, rows written as JSON (\(directBytes) B): median \(formatDuration(direct))")
        print("cms: the same statement alone, rows decoded, nothing written: median \(formatDuration(statementOnly))")
        print(String(format: "cms: gateway ÷ direct = %.2f× (issue 10 target: ≤ 1.3×); gateway ÷ statement alone = %.2f×",
                     gateway / direct, gateway / statementOnly))
    }
    pool.closeIdle()
}

/// Every Schema/*.graphql file, with RunQL's scalars, as the gateway builds its schema.
func loadRepositorySchema() throws -> Schema {
    let folder = URL(fileURLWithPath: "Schema")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".graphql") }.sorted()
    let sources = try files.map { Source(try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8), name: "Schema/" + $0) }
    return try Schema(sources: sources).implementingScalars(RunQLScalars.implementations)
}

/// The rows as a JSON array of objects keyed by column.
private func rowsJSON(_ result: PostgresResult) -> [UInt8] {
    var writer = JSONWriter(capacity: 64 * 1024)
    writer.write(.list(result.rows.map { row in
        var object = JSONObject()
        for (i, column) in result.columns.enumerated() { object.append(key: column, value: row[i].jsonValue) }
        return .object(object)
    }))
    return writer.bytes
}

/// The median wall time of `iterations` runs of `body`, after a tenth as many to warm up.
private func medianSeconds(_ iterations: Int, _ body: () async -> Void) async -> Double {
    for _ in 0..<max(1, iterations / 10) { await body() }
    var samples: [Double] = []
    for _ in 0..<iterations {
        let start = DispatchTime.now().uptimeNanoseconds
        await body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    samples.sort()
    return samples[samples.count / 2]
}
