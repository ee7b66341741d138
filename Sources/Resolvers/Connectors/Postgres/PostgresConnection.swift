// One libpq connection. It is used by one thread at a time, under the pool's discipline;
// statements are always parameterized (PQexecParams), never built from values.

import CLibPQ
import Foundation

public final class PostgresConnection: @unchecked Sendable {
    // @unchecked: the pool hands a connection to one worker thread at a time.
    private let conn: OpaquePointer
    /// The statement_timeout currently set on the session, in milliseconds (0 = none).
    private var currentTimeoutMilliseconds = 0

    init(conninfo: String) throws(PostgresError) {
        guard let conn = PQconnectdb(conninfo) else { throw .connection("out of memory") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(conn)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(conn)
            throw .connection(message)
        }
        self.conn = conn
        // Timestamps come back in UTC so decoding never depends on the server's zone.
        _ = try? execute("SET TIME ZONE 'UTC'", [], timeoutMilliseconds: 0)
        // The gateway's statements are planned as expensive (windows over event tables) and
        // PostgreSQL's JIT then compiles them: on a 2-core machine that took longer than running
        // them (the demo's merged lumisections: 228 ms with JIT, 110 ms without).
        _ = try? execute("SET jit = off", [], timeoutMilliseconds: 0)
    }

    deinit { PQfinish(conn) }

    /// False once the server has gone away. Reads whatever the server sent while the connection
    /// sat idle, so a connection closed by a server restart is noticed before it is used.
    var isHealthy: Bool {
        guard PQstatus(conn) == CONNECTION_OK else { return false }
        guard PQconsumeInput(conn) == 1 else { return false }
        return PQstatus(conn) == CONNECTION_OK && PQtransactionStatus(conn) == PQTRANS_IDLE
    }

    /// Runs one parameterized statement (`$1`, `$2`, ... in `sql`).
    public func execute(_ sql: String, _ parameters: [PostgresValue] = [], timeoutMilliseconds: Int) throws(PostgresError) -> PostgresResult {
        if timeoutMilliseconds != currentTimeoutMilliseconds {
            _ = try run("SET statement_timeout = \(max(0, timeoutMilliseconds))", [])
            currentTimeoutMilliseconds = timeoutMilliseconds
        }
        return try run(sql, parameters)
    }

    private func run(_ sql: String, _ parameters: [PostgresValue]) throws(PostgresError) -> PostgresResult {
        var texts: [String?] = []
        var types: [Oid] = []
        texts.reserveCapacity(parameters.count)
        for p in parameters {
            let (text, type) = try PostgresTextFormat.encode(p)
            texts.append(text)
            types.append(Oid(type))
        }
        // strdup'd copies live until PQexecParams returns.
        let cStrings: [UnsafeMutablePointer<CChar>?] = texts.map { $0.flatMap { strdup($0) } }
        defer { cStrings.forEach { free($0) } }
        let result: OpaquePointer? = cStrings.withUnsafeBufferPointer { values in
            types.withUnsafeBufferPointer { typeBuffer in
                values.withMemoryRebound(to: UnsafePointer<CChar>?.self) { constValues in
                    PQexecParams(conn, sql, Int32(parameters.count), typeBuffer.baseAddress, constValues.baseAddress, nil, nil, 0)
                }
            }
        }
        guard let result else { throw .connection(errorMessage) }
        var cleared = false
        defer { if !cleared { PQclear(result) } }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK:
            return PostgresResult(columns: [], rows: [], affectedRows: Int(String(cString: PQcmdTuples(result))) ?? 0)
        case PGRES_TUPLES_OK:
            let decoded = try decodeRows(result)
            if decoded.textBytes >= FreedMemory.threshold {
                // The result's own memory, freed on this thread: see FreedMemory.
                PQclear(result)
                cleared = true
                FreedMemory.release()
            }
            return decoded
        default:
            throw error(from: result)
        }
    }

    private func decodeRows(_ result: OpaquePointer) throws(PostgresError) -> PostgresResult {
        let columnCount = Int(PQnfields(result)), rowCount = Int(PQntuples(result))
        var columns: [String] = []
        var types: [UInt32] = []
        for c in 0..<columnCount {
            columns.append(String(cString: PQfname(result, Int32(c))))
            types.append(UInt32(PQftype(result, Int32(c))))
        }
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        var textBytes = 0
        for r in 0..<rowCount {
            var values: [PostgresValue] = []
            values.reserveCapacity(columnCount)
            for c in 0..<columnCount {
                if PQgetisnull(result, Int32(r), Int32(c)) == 1 {
                    values.append(.null)
                } else {
                    textBytes += Int(PQgetlength(result, Int32(r), Int32(c)))
                    let text = String(cString: PQgetvalue(result, Int32(r), Int32(c)))
                    values.append(try PostgresTextFormat.decode(text, type: types[c]))
                }
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        return PostgresResult(columns: columns, rows: rows, affectedRows: rowCount, textBytes: textBytes)
    }

    private var errorMessage: String {
        String(cString: PQerrorMessage(conn)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func error(from result: OpaquePointer) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let ascii = code.asciiValue, let p = PQresultErrorField(result, Int32(ascii)) else { return nil }
            return String(cString: p)
        }
        guard PQstatus(conn) == CONNECTION_OK else { return .connection(errorMessage) }
        let state = field("C") ?? ""
        let message = field("M") ?? errorMessage
        // 57014 query_canceled: what statement_timeout raises.
        if state == "57014" { return .statementTimeout(message) }
        // Class 08 (connection exception) and 57P0x (shutdown, crash): the link is gone.
        if state.hasPrefix("08") || state.hasPrefix("57P0") { return .connection(message) }
        return .server(sqlState: state, message: message, detail: field("D"))
    }
}
