// The read statements of the CMS registry. Each selects only the columns the query needs and
// serves many parents at once (`= ANY`/unnest), so nesting never multiplies round trips.

import Foundation
import GraphQLKit

/// Which optional "Run" columns a query needs.
struct RunColumns: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let oms = RunColumns(rawValue: 1)
    static let rr = RunColumns(rawValue: 2)
    static let summary = RunColumns(rawValue: 4)
    static let all: RunColumns = [.oms, .rr, .summary]

    /// The columns behind the selected CmsRun fields.
    init(fields: [String]) {
        var c: RunColumns = []
        for f in fields {
            switch f {
            case "start", "end", "energy", "bField", "fillNumber", "hltKey", "lsDuration", "omsAttributes": c.insert(.oms)
            case "class", "state", "significant", "stopReason", "rrAttributes": c.insert(.rr)
            case "tripletSummary": c.insert(.summary)
            default: break
            }
        }
        self = c
    }

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Select-list entries after `r.run_number` for run alias `r`.
    func selectList(_ r: String) -> String {
        var s = "\(r).run_number"
        if contains(.oms) { s += ", \(r).oms_attributes" }
        if contains(.rr) { s += ", \(r).rr_attributes" }
        if contains(.summary) {
            s += #", (SELECT c.triplet_summary FROM "DatasetTripletCache" c WHERE c.run_number = \#(r).run_number AND c.name = 'online') AS triplet_summary"#
        }
        return s
    }
}

/// Which optional "Dataset" columns a query needs.
struct DatasetColumns: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let attributes = DatasetColumns(rawValue: 1)
    static let inGui = DatasetColumns(rawValue: 2)
    static let summary = DatasetColumns(rawValue: 4)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(fields: [String]) {
        var c: DatasetColumns = []
        for f in fields {
            switch f {
            case "states", "appearedIn", "attributes": c.insert(.attributes)
            case "datasetsInGui": c.insert(.inGui)
            case "tripletSummary": c.insert(.summary)
            default: break
            }
        }
        self = c
    }

    func selectList(_ d: String) -> String {
        var s = "\(d).run_number, \(d).name"
        if contains(.attributes) { s += ", \(d).dataset_attributes" }
        if contains(.inGui) { s += ", \(d).datasets_in_gui" }
        if contains(.summary) {
            s += #", (SELECT c.triplet_summary FROM "DatasetTripletCache" c WHERE c.run_number = \#(d).run_number AND c.name = \#(d).name) AS triplet_summary"#
        }
        return s
    }
}

/// A page request: filter, order, size and where it starts.
/// A page of `cmsRuns` or `cmsDatasets`: a size and an offset into one list's ordering.
/// Cursors are offsets (concurrent inserts can shift later pages by the rows inserted before
/// them) that name their list and ordering, so one from another list or ordering is refused
/// rather than silently applied to rows it never counted.
struct CMSPage {
    var first: Int
    var offset: Int
    /// `<list>:<field>:<direction>`, e.g. `cmsRuns:ENERGY:ASC`.
    let ordering: String

    static let maxPageSize = 1000

    /// `list` is the Query field; `defaultField` its ordering when `orderBy` names none.
    init(arguments: JSONObject, list: String, defaultField: String) throws(GraphQLError) {
        var field = defaultField, direction = "DESC"
        if case .object(let o)? = arguments["orderBy"] {
            if case .string(let f)? = o["field"] { field = f }
            if case .string(let d)? = o["direction"], d == "ASC" { direction = "ASC" }
        }
        ordering = "\(list):\(field):\(direction)"
        switch arguments["first"] {
        case .int(let n)?:
            guard (1...Self.maxPageSize).contains(n) else { throw CMSError.badInput("first must be between 1 and \(Self.maxPageSize), got \(n).") }
            first = n
        case nil, .null?: first = 50
        default: throw CMSError.badInput("first must be an Int.")
        }
        switch arguments["after"] {
        case .string(let cursor)?:
            guard let (cursorOrdering, n) = Self.decode(cursor) else { throw CMSError.badInput("after is not a cursor of this list.") }
            guard cursorOrdering == ordering else {
                let (l, f, d) = Self.describe(ordering)
                throw CMSError.badInput("The cursor in `after` belongs to another list/ordering than \(l) ordered by \(f) \(d).")
            }
            offset = n + 1
        case nil, .null?: offset = 0
        default: throw CMSError.badInput("after must be a String.")
        }
    }

    /// Cursors are opaque: base64url of `<list>:<field>:<direction>:<position>`.
    func cursor(_ position: Int) -> String { Self.cursor(ordering: ordering, position) }

    static func cursor(ordering: String, _ position: Int) -> String { base64URLEncoded(Data("\(ordering):\(position)".utf8)) }

    static func decode(_ cursor: String) -> (ordering: String, position: Int)? {
        guard let data = base64URLDecoded(cursor), let text = String(data: data, encoding: .utf8),
              let colon = text.lastIndex(of: ":"), let n = Int(text[text.index(after: colon)...]), n >= 0, n < 100_000_000 else { return nil }
        let ordering = String(text[..<colon])
        guard ordering.split(separator: ":", omittingEmptySubsequences: false).count == 3 else { return nil }
        return (ordering, n)
    }

    private static func describe(_ ordering: String) -> (String, String, String) {
        let parts = ordering.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        return (parts.first ?? "", parts.count > 1 ? parts[1] : "", parts.count > 2 ? parts[2] : "")
    }
}

struct CMSReader: Sendable {
    let database: CMSDatabase

    // MARK: Runs

    static func runValue(_ row: PostgresRow) -> CmsRunValue? {
        guard let number = row["run_number"]?.intValue else { return nil }
        func object(_ column: String) -> JSONObject? {
            if case .json(.object(let o))? = row[column] { return o }
            return nil
        }
        return CmsRunValue(number: number, oms: object("oms_attributes"), rr: object("rr_attributes"), tripletSummary: object("triplet_summary"))
    }

    func runs(numbers: [Int], columns: RunColumns) async throws(GraphQLError) -> [Int: CmsRunValue] {
        guard !numbers.isEmpty else { return [:] }
        let result = try await database.query(
            #"SELECT \#(columns.selectList("r")) FROM "Run" r WHERE r.run_number = ANY($1::int[]) AND NOT r.deleted"#,
            [.array(numbers.map { .int($0) })])
        var out: [Int: CmsRunValue] = [:]
        for row in result.rows { if let v = Self.runValue(row) { out[v.number] = v } }
        return out
    }

    static func runOrder(_ order: JSONValue?) -> String {
        var field = "NUMBER", direction = "DESC"
        if case .object(let o)? = order {
            if case .string(let f)? = o["field"] { field = f }
            if case .string(let d)? = o["direction"], d == "ASC" { direction = "ASC" }
        }
        let expression: String
        switch field {
        case "START_TIME": expression = CMSFilter.time("r.oms_attributes", "start_time")
        case "ENERGY": expression = CMSFilter.number("r.oms_attributes", "energy")
        case "B_FIELD": expression = CMSFilter.number("r.oms_attributes", "b_field")
        case "FILL_NUMBER": expression = CMSFilter.number("r.oms_attributes", "fill_number")
        case "LS_DURATION": expression = CMSFilter.number("r.oms_attributes", "ls_duration")
        default: return "r.run_number \(direction)"
        }
        return "\(expression) \(direction) NULLS LAST, r.run_number \(direction)"
    }

    /// One page of runs and how many match in all (one statement; a second only to count when
    /// the page starts past the end). With `datasets`, the same statement reads each run's
    /// datasets (and their lumisections) as JSON: see `CMSNestedRead.swift`.
    func runs(
        where filter: JSONObject?, rrFilter: JSONValue?, order: JSONValue?, page: CMSPage, columns: RunColumns,
        datasets: DatasetPrefetch? = nil
    ) async throws(GraphQLError) -> (runs: [CmsRunValue], total: Int) {
        var sql = SQLBuilder()
        let (join, condition) = try Self.runCondition(filter, rrFilter, &sql)
        // Unknown components would match nothing; one small statement, only when a filter names some.
        try await TripletComponent.check(sql.tripletComponents, in: database)
        let limit = sql.bind(.int(page.first), as: "bigint"), offset = sql.bind(.int(page.offset), as: "bigint")
        let ordering = Self.runOrder(order)
        // With datasets, the page keeps its order as `position` for the statement around it.
        let pageSQL = """
            SELECT \(columns.selectList("r")), count(*) OVER () AS total_count\(datasets == nil ? "" : ", row_number() OVER (ORDER BY \(ordering)) AS position")
            FROM "Run" r\(join) WHERE NOT r.deleted AND \(condition)
            ORDER BY \(ordering) LIMIT \(limit) OFFSET \(offset)
            """
        var result: PostgresResult
        if let datasets {
            let name = datasets.name.map { sql.bind(.text($0), as: "text") }
            result = try await database.query("""
                WITH page AS (\(pageSQL)),
                \(datasets.nestedDatasetsCTEs(name: name))
                SELECT page.*, coalesce(nested.datasets, '[]'::json) AS datasets
                FROM page LEFT JOIN nested ON nested.run_number = page.run_number ORDER BY page.position
                """, sql.parameters)
        } else {
            result = try await database.query(pageSQL, sql.parameters)
        }
        let runs = result.rows.compactMap { row -> CmsRunValue? in
            guard var run = Self.runValue(row) else { return nil }
            if let datasets { run.datasets = datasets.datasets(row["datasets"].flatMap { if case .json(let j) = $0 { j } else { nil } }, run: run) }
            return run
        }
        let firstTotal = result.rows.first?["total_count"]?.intValue
        // Nested pages can be megabytes of JSON, now in the values.
        FreedMemory.release(afterDropping: &result)
        if let total = firstTotal { return (runs, total) }
        guard page.offset > 0 else { return (runs, 0) }
        var countSQL = SQLBuilder()
        let (countJoin, countCondition) = try Self.runCondition(filter, rrFilter, &countSQL)
        let count = try await database.query(#"SELECT count(*) FROM "Run" r\#(countJoin) WHERE NOT r.deleted AND \#(countCondition)"#, countSQL.parameters)
        return (runs, count.rows.first?[0].intValue ?? 0)
    }

    /// `where` and `rrFilter` together (both must hold), and the join `rrFilter` needs: RR's
    /// triplet conditions read the online dataset's cache row (an INNER JOIN, as in RR).
    static func runCondition(_ filter: JSONObject?, _ rrFilter: JSONValue?, _ sql: inout SQLBuilder) throws(GraphQLError) -> (join: String, condition: String) {
        let typed = try filter.map { (f) throws(GraphQLError) in try CMSFilter.run(f, alias: "r", &sql) }
        return try combined(typed, rrFilter, target: .runs, cacheJoin: "tc.run_number = r.run_number AND tc.name = 'online'", &sql)
    }

    /// As `runCondition`, for datasets: triplet conditions read the dataset's own cache row.
    static func datasetCondition(_ filter: JSONObject?, _ rrFilter: JSONValue?, _ sql: inout SQLBuilder) throws(GraphQLError) -> (join: String, condition: String) {
        let typed = try filter.map { (f) throws(GraphQLError) in try CMSFilter.dataset(f, alias: "d", run: "r", &sql) }
        return try combined(typed, rrFilter, target: .datasets, cacheJoin: "tc.run_number = d.run_number AND tc.name = d.name", &sql)
    }

    /// The typed condition AND the translated `rrFilter` (aliases `r`, `d`, `tc`).
    private static func combined(
        _ typed: String?, _ rrFilter: JSONValue?, target: RRFilterTarget, cacheJoin: String, _ sql: inout SQLBuilder
    ) throws(GraphQLError) -> (join: String, condition: String) {
        var parts: [String] = typed.map { [$0] } ?? []
        var join = ""
        if let rrFilter, rrFilter != .null {
            var translator = RRFilterTranslator(target: target)
            translator.run = "r"
            translator.dataset = "d"
            translator.tripletCache = "tc"
            let translated = try translator.translate(rrFilter, firstParameter: sql.parameters.count + 1)
            sql.adopt(translated)
            parts.append(translated.text)
            if translated.readsTripletSummary { join = #" JOIN "DatasetTripletCache" tc ON "# + cacheJoin }
        }
        return (join, parts.isEmpty ? "true" : parts.joined(separator: " AND "))
    }

    // MARK: Datasets

    static func datasetValue(_ row: PostgresRow, run: CmsRunValue? = nil) -> CmsDatasetValue? {
        datasetValue(column: { row[$0]?.jsonValue }, run: run)
    }

    /// A dataset from its columns, whether they come as a row or as a JSON object built in SQL.
    static func datasetValue(column: (String) -> JSONValue?, run: CmsRunValue? = nil) -> CmsDatasetValue? {
        guard case .int(let number)? = column("run_number"), case .string(let name)? = column("name") else { return nil }
        var attributes: JSONObject? = nil, inGui: [JSONValue]? = nil, summary: JSONObject? = nil
        if case .object(let o)? = column("dataset_attributes") { attributes = o }
        if case .list(let l)? = column("datasets_in_gui") { inGui = l }
        if case .object(let o)? = column("triplet_summary") { summary = o }
        return CmsDatasetValue(key: DatasetKey(runNumber: number, name: name), attributes: attributes, inGui: inGui, tripletSummary: summary, run: run)
    }

    /// The datasets of each (run, optional exact name), not deleted, ordered by name; one statement.
    func datasets(of requests: [DatasetsRequest]) async throws(GraphQLError) -> [DatasetsRequest: [CmsDatasetValue]] {
        guard !requests.isEmpty else { return [:] }
        let columns = requests.reduce(DatasetColumns()) { $0.union($1.columns) }
        var pairs: [(Int, String?)] = []
        var seen = Set<String>()
        for r in requests where seen.insert("\(r.runNumber)\u{0}\(r.name ?? "\u{1}")").inserted { pairs.append((r.runNumber, r.name)) }
        let result = try await database.query("""
            SELECT DISTINCT \(columns.selectList("d"))
            FROM "Dataset" d JOIN unnest($1::int[], $2::text[]) AS k (run_number, name)
                 ON d.run_number = k.run_number AND (k.name IS NULL OR d.name = k.name)
            WHERE NOT d.deleted
            ORDER BY d.run_number, d.name
            """, [.array(pairs.map { .int($0.0) }), .array(pairs.map { $0.1.map(PostgresValue.text) ?? .null })])
        var byRun: [Int: [PostgresRow]] = [:]
        for row in result.rows { if let n = row["run_number"]?.intValue { byRun[n, default: []].append(row) } }
        var out: [DatasetsRequest: [CmsDatasetValue]] = [:]
        for request in requests {
            out[request] = (byRun[request.runNumber] ?? []).compactMap { row in
                if let name = request.name, row["name"]?.stringValue != name { return nil }
                return Self.datasetValue(row, run: request.run)
            }
        }
        return out
    }

    static func datasetOrder(_ order: JSONValue?) -> String {
        var field = "RUN_NUMBER", direction = "DESC"
        if case .object(let o)? = order {
            if case .string(let f)? = o["field"] { field = f }
            if case .string(let d)? = o["direction"], d == "ASC" { direction = "ASC" }
        }
        return field == "NAME" ? "d.name \(direction), d.run_number \(direction)" : "d.run_number \(direction), d.name ASC"
    }

    /// One page of datasets and how many match in all; with `lumisections`, each dataset's merged
    /// RR lumisection ranges are read in the same statement.
    func datasets(
        where filter: JSONObject?, rrFilter: JSONValue?, order: JSONValue?, page: CMSPage, columns: DatasetColumns,
        lumisections: Bool = false
    ) async throws(GraphQLError) -> (datasets: [CmsDatasetValue], total: Int) {
        var sql = SQLBuilder()
        let (join, condition) = try Self.datasetCondition(filter, rrFilter, &sql)
        try await TripletComponent.check(sql.tripletComponents, in: database)
        let limit = sql.bind(.int(page.first), as: "bigint"), offset = sql.bind(.int(page.offset), as: "bigint")
        // RR joins each dataset's run (INNER JOIN): datasets of deleted runs are hidden too.
        let from = #"FROM "Dataset" d JOIN "Run" r ON r.run_number = d.run_number AND NOT r.deleted"# + join + " WHERE NOT d.deleted AND "
        let pageSQL = """
            SELECT \(columns.selectList("d")), count(*) OVER () AS total_count\(lumisections ? ", row_number() OVER (ORDER BY \(Self.datasetOrder(order))) AS position" : "")
            \(from)\(condition)
            ORDER BY \(Self.datasetOrder(order)) LIMIT \(limit) OFFSET \(offset)
            """
        // With lumisections, the page's ranges are merged in one pass in the same statement.
        var result = try await database.query(lumisections ? """
            WITH page AS (\(pageSQL)), rg AS (\(DatasetPrefetch.rangesByDataset(keys: "SELECT run_number, name FROM page")))
            SELECT page.*, coalesce(rg.ranges, '[]'::json) AS ranges
            FROM page LEFT JOIN rg ON rg.run_number = page.run_number AND rg.name = page.name ORDER BY page.position
            """ : pageSQL, sql.parameters)
        let datasets = result.rows.compactMap { row -> CmsDatasetValue? in
            guard var dataset = Self.datasetValue(row) else { return nil }
            if lumisections, case .json(let ranges)? = row["ranges"] { dataset.lumisections = DatasetPrefetch.lumisections(ranges) }
            return dataset
        }
        let firstTotal = result.rows.first?["total_count"]?.intValue
        FreedMemory.release(afterDropping: &result)
        if let total = firstTotal { return (datasets, total) }
        guard page.offset > 0 else { return (datasets, 0) }
        var countSQL = SQLBuilder()
        let (countJoin, countCondition) = try Self.datasetCondition(filter, rrFilter, &countSQL)
        let countFrom = #"FROM "Dataset" d JOIN "Run" r ON r.run_number = d.run_number AND NOT r.deleted"# + countJoin + " WHERE NOT d.deleted AND "
        let count = try await database.query("SELECT count(*) \(countFrom)\(countCondition)", countSQL.parameters)
        return (datasets, count.rows.first?[0].intValue ?? 0)
    }

    /// Names of a run's datasets that are not deleted, `online` first.
    func datasetNames(run: Int) async throws(GraphQLError) -> [String] {
        let result = try await database.query(
            #"SELECT name FROM "Dataset" WHERE run_number = $1::int AND NOT deleted ORDER BY name <> 'online', name"#, [.int(run)])
        return result.rows.compactMap { $0[0].stringValue }
    }
}

/// The datasets of one run (all, or the one with `name`), with the columns `columns`.
struct DatasetsRequest: Hashable, Sendable {
    var runNumber: Int
    var name: String?
    var columns: DatasetColumns
    /// The parent run, handed to the datasets so `run` needs no load; not part of the key.
    var run: CmsRunValue?

    static func == (a: DatasetsRequest, b: DatasetsRequest) -> Bool {
        a.runNumber == b.runNumber && a.name == b.name && a.columns == b.columns
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(runNumber)
        hasher.combine(name)
        hasher.combine(columns)
    }
}
