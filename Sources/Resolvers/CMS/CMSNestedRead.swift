// Nested CMS queries in one statement. `cmsRuns { nodes { datasets { lumisectionRanges } } }`
// would otherwise cost one statement per level (runs, then every run's datasets through a
// loader, then every dataset's lumisections): here the runs page statement also builds each
// run's datasets, and each dataset's merged lumisection ranges, as JSON in the database
// (json_agg / json_build_object, Hasura-style), and the resolvers read what came with their
// parent. The datasets page (`cmsDatasets`) reads its datasets' ranges the same way. Whatever this does not cover (several `datasets` selections with different
// `name` arguments, OMS lumisections, ...) falls back to the per-level loaders.

import GraphQLKit

/// What the runs page statement reads along with each run: its datasets (all, or the one named),
/// with the columns `columns`, and their RR lumisection ranges when `lumisections` is set.
struct DatasetPrefetch: Hashable, Sendable {
    var name: String?
    var columns: DatasetColumns
    var lumisections: Bool

    /// The fields of a CmsDataset that read RR's merged lumisections.
    static let lumisectionFields: Set<String> = ["lumisectionRanges", "componentRanges", "lumisections"]

    /// The prefetch the selected `nodes` fields of a runs page ask for, or nil when no `datasets`
    /// is selected or its selections disagree on `name` (those then go through the loaders).
    init?(nodeFields: [SelectedField]) {
        let datasets = nodeFields.filter { $0.name == "datasets" }
        guard let first = datasets.first, let arguments = first.arguments else { return nil }
        let name = arguments["name"]
        guard datasets.allSatisfy({ $0.arguments?["name"] == name }) else { return nil }
        switch name {
        case .string(let n)?: self.name = n
        case nil, .null?: self.name = nil
        default: return nil
        }
        let below = datasets.flatMap { $0.selection() }
        columns = DatasetColumns(fields: below.map(\.name))
        lumisections = below.contains { Self.lumisectionFields.contains($0.name) }
    }

    /// Common table expressions to follow `page` (a CTE of runs with `run_number`): `nested`, one
    /// row per run of the page that has datasets, with column `datasets`, its datasets as a JSON
    /// array (ordered by name) of `{"dataset": row, "ranges": [[first, last, value], ...]}`.
    /// `name` is the placeholder of the bound dataset name, when there is one. Ranges are merged
    /// for all the page's datasets at once (one pass over the event tables, as the loader does),
    /// not dataset by dataset in a correlated subquery, which PostgreSQL runs once per dataset.
    func nestedDatasetsCTEs(name: String?) -> String {
        let nameCondition = name.map { " AND d.name = \($0)" } ?? ""
        let ranges = lumisections ? ", rg AS (\(Self.rangesByDataset(keys: "SELECT run_number, name FROM ds")))" : ""
        let rangesJoin = lumisections ? " LEFT JOIN rg ON rg.run_number = ds.run_number AND rg.name = ds.name" : ""
        let rangesValue = lumisections ? "coalesce(rg.ranges, '[]'::json)" : "'[]'::json"
        return """
            ds AS (SELECT \(columns.selectList("d")) FROM "Dataset" d
                   WHERE d.run_number IN (SELECT run_number FROM page) AND NOT d.deleted\(nameCondition))\(ranges),
            nested AS (
                SELECT ds.run_number, json_agg(json_build_object('dataset', row_to_json(ds), 'ranges', \(rangesValue)) ORDER BY ds.name) AS datasets
                FROM ds\(rangesJoin) GROUP BY ds.run_number)
            """
    }

    /// The datasets a row's `datasets` column holds, each with its run (and lumisections).
    func datasets(_ json: JSONValue?, run: CmsRunValue) -> PrefetchedDatasets {
        var values: [CmsDatasetValue] = []
        if case .list(let items)? = json {
            for case .object(let item) in items {
                guard case .object(let row)? = item["dataset"],
                      var dataset = CMSReader.datasetValue(column: { row[$0] }, run: run) else { continue }
                if lumisections { dataset.lumisections = Self.lumisections(item["ranges"]) }
                values.append(dataset)
            }
        }
        return PrefetchedDatasets(prefetch: self, values: values)
    }

    /// A query of each dataset of `keys` (a query of `run_number`, `name`) that has lumisections,
    /// with its merged RR ranges as column `ranges`: a JSON array with one entry per distinct
    /// merged value, `{"value": {...}, "spans": "first last first last ..."}`. A dataset of 5,000
    /// ranges and two values is then two objects and two strings, not 5,000 copies of a value
    /// and 5,000 arrays of JSON numbers (one JSONValue each once parsed).
    static func rangesByDataset(keys: String) -> String {
        """
        SELECT y.run_number, y.name, json_agg(json_build_object('value', y.value, 'spans', y.spans)) AS ranges
        FROM (SELECT x.run_number, x.name, x.value, string_agg(x.first_ls || ' ' || x.last_ls, ' ') AS spans
              FROM (\(LumisectionStore.rrRanges(keys: keys))) x GROUP BY x.run_number, x.name, x.value) y
        GROUP BY y.run_number, y.name
        """
    }

    /// The merged ranges `rangesByDataset` wrote, as `LumisectionStore` reads them.
    static func lumisections(_ json: JSONValue?) -> DatasetLumisections {
        var merged: [MergedRange] = []
        if case .list(let groups)? = json {
            for case .object(let group) in groups {
                guard case .object(let value)? = group["value"], case .string(var spans)? = group["spans"] else { continue }
                spans.withUTF8 { bytes in
                    // Decimal numbers separated by single spaces, in pairs.
                    var number = 0, digits = 0, start: Int?
                    for i in 0...bytes.count {
                        let byte = i < bytes.count ? bytes[i] : UInt8(ascii: " ")
                        if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                            number = number &* 10 &+ Int(byte &- UInt8(ascii: "0"))
                            digits += 1
                            continue
                        }
                        guard digits > 0 else { continue }
                        if let first = start {
                            merged.append(MergedRange(start: first, end: number, value: value))
                            start = nil
                        } else {
                            start = number
                        }
                        number = 0
                        digits = 0
                    }
                }
            }
        }
        return DatasetLumisections(merged: merged)
    }
}

/// A run's datasets read with it, and what was read: a `datasets` field uses them only when it
/// asks for the same name and no column that was not read.
struct PrefetchedDatasets: Sendable {
    let prefetch: DatasetPrefetch
    let values: [CmsDatasetValue]

    func answers(name: String?, columns: DatasetColumns) -> Bool {
        prefetch.name == name && prefetch.columns.isSuperset(of: columns)
    }
}
