// CMS runs as a feed of `Query.runs` across registries: one statement per page, `RunWhere`
// translated to RR's typed run filter, the merged cursor's position as a keyset condition on
// (value, run number), and only the columns the selection needs.

import GraphQLKit

extension CMSRegistry {
    public var runFeed: RunFeed {
        let reader = reader
        return RunFeed(
            experiment: "CMS",
            page: { query in
                var sql = SQLBuilder()
                let condition = try query.filter.map { (w) throws(GraphQLError) in try CMSFilter.run(Self.cmsWhere(w), alias: "r", &sql) } ?? "true"
                let value = Self.sortExpression(query.order.field)
                let keyset = try query.bound.map { (b) throws(GraphQLError) in try Self.keyset(b, value: value, ascending: query.order.ascending, &sql) } ?? "true"
                let columns = RunColumns(fields: query.runFields.flatMap { $0.selection(on: "CmsRun").map(\.name) })
                let direction = query.order.ascending ? "ASC NULLS FIRST" : "DESC NULLS LAST"
                let limit = sql.bind(.int(query.limit), as: "bigint")
                let result = try await reader.database.query("""
                    SELECT \(columns.selectList("r")), \(value) AS sort_value
                    FROM "Run" r WHERE NOT r.deleted AND (\(condition)) AND (\(keyset))
                    ORDER BY sort_value \(direction), r.run_number \(query.order.ascending ? "ASC" : "DESC") LIMIT \(limit)
                    """, sql.parameters)
                return result.rows.compactMap { row in
                    guard let run = CMSReader.runValue(row) else { return nil }
                    return RunFeedItem(sortValue: row["sort_value"]?.intValue.map(Int64.init), key: String(run.number), value: .container(run))
                }
            },
            count: { where_ in
                var sql = SQLBuilder()
                let condition = try where_.map { (w) throws(GraphQLError) in try CMSFilter.run(Self.cmsWhere(w), alias: "r", &sql) } ?? "true"
                let result = try await reader.database.query(#"SELECT count(*) FROM "Run" r WHERE NOT r.deleted AND (\#(condition))"#, sql.parameters)
                return result.rows.first?[0].intValue ?? 0
            })
    }

    /// A `RunWhere` in `CmsRunWhere` terms: `start` is `startTime`; RR has no run tags, so a tag
    /// condition holds for no run (an empty `number.in`).
    static func cmsWhere(_ w: JSONObject) -> JSONObject {
        var out = JSONObject()
        var tagged = false
        for member in w.members {
            switch (member.key, member.value) {
            case ("start", let v): out["startTime"] = v
            case ("tag", .null): break
            case ("tag", _): tagged = true
            case ("and", .list(let l)), ("or", .list(let l)):
                out[member.key] = .list(l.map { if case .object(let o) = $0 { .object(cmsWhere(o)) } else { $0 } })
            case ("not", .object(let o)): out["not"] = .object(cmsWhere(o))
            default: out[member.key] = member.value
            }
        }
        return tagged ? ["and": .list([.object(out), .object(["number": .object(["in": .list([])])])])] : out
    }

    /// The ordering value as a bigint: the run number, or the OMS start time in milliseconds.
    static func sortExpression(_ field: RunFeedOrder.Field) -> String {
        switch field {
        case .number: "r.run_number::bigint"
        case .start: "floor(extract(epoch FROM \(CMSFilter.time("r.oms_attributes", "start_time"))) * 1000)::bigint"
        }
    }

    /// The runs at or beyond a merged cursor's position; NULL values sort lowest, as in the merge.
    static func keyset(_ bound: RunFeedBound, value e: String, ascending: Bool, _ sql: inout SQLBuilder) throws(GraphQLError) -> String {
        switch bound {
        case .after(let v, let key):
            guard let number = Int(key) else { throw RegistryError.badUserInput("Invalid cursor in `after`: pass a cursor from `runs`.") }
            let k = sql.bind(.int(number), as: "bigint")
            guard let v else { return ascending ? "(\(e) IS NULL AND r.run_number > \(k)) OR \(e) IS NOT NULL" : "\(e) IS NULL AND r.run_number < \(k)" }
            let p = sql.bind(.int(Int(v)), as: "bigint")
            return ascending
                ? "\(e) > \(p) OR (\(e) = \(p) AND r.run_number > \(k))"
                : "\(e) < \(p) OR (\(e) = \(p) AND r.run_number < \(k)) OR \(e) IS NULL"
        case .from(let v):
            guard let v else { return ascending ? "true" : "\(e) IS NULL" }
            let p = sql.bind(.int(Int(v)), as: "bigint")
            return ascending ? "\(e) >= \(p)" : "\(e) <= \(p) OR \(e) IS NULL"
        case .beyond(let v):
            guard let v else { return ascending ? "\(e) IS NOT NULL" : "false" }
            let p = sql.bind(.int(Int(v)), as: "bigint")
            return ascending ? "\(e) > \(p)" : "\(e) < \(p) OR \(e) IS NULL"
        }
    }
}
