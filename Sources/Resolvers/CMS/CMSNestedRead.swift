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

    /// A correlated scalar subquery: the datasets of run `run` (an alias of the enclosing
    /// statement) as a JSON array of objects keyed by column, ordered by name. `name` is the
    /// placeholder of the bound dataset name, when there is one.
    func datasetsJSON(run: String, name: String?) -> String {
        var members = "'run_number', d.run_number, 'name', d.name"
        if columns.contains(.attributes) { members += ", 'dataset_attributes', d.dataset_attributes" }
        if columns.contains(.inGui) { members += ", 'datasets_in_gui', d.datasets_in_gui" }
        if columns.contains(.summary) {
            members += #", 'triplet_summary', (SELECT c.triplet_summary FROM "DatasetTripletCache" c WHERE c.run_number = d.run_number AND c.name = d.name)"#
        }
        if lumisections { members += ", 'ranges', \(Self.rangesJSON(dataset: "d"))" }
        let nameCondition = name.map { " AND d.name = \($0)" } ?? ""
        return """
            (SELECT coalesce(json_agg(json_build_object(\(members)) ORDER BY d.name), '[]'::json)
             FROM "Dataset" d WHERE d.run_number = \(run).run_number AND NOT d.deleted\(nameCondition))
            """
    }

    /// The datasets a row's `datasets` column holds, each with its run (and lumisections).
    func datasets(_ json: JSONValue?, run: CmsRunValue) -> PrefetchedDatasets {
        var values: [CmsDatasetValue] = []
        if case .list(let items)? = json {
            for case .object(let object) in items {
                guard var dataset = CMSReader.datasetValue(column: { object[$0] }, run: run) else { continue }
                if lumisections { dataset.lumisections = Self.lumisections(object["ranges"]) }
                values.append(dataset)
            }
        }
        return PrefetchedDatasets(prefetch: self, values: values)
    }

    /// A correlated scalar subquery: the merged RR lumisection ranges of dataset `dataset` (an
    /// alias of the enclosing statement), each as `[first, last, value]`: a few per dataset, not
    /// one per lumisection.
    static func rangesJSON(dataset d: String) -> String {
        """
        (SELECT coalesce(json_agg(json_build_array(x.first_ls, x.last_ls, x.value) ORDER BY x.first_ls), '[]'::json)
         FROM (\(LumisectionStore.rrRanges(keys: "SELECT \(d).run_number, \(d).name"))) x)
        """
    }

    /// `[[first, last, value], ...]` as the merged ranges `LumisectionStore` reads.
    static func lumisections(_ json: JSONValue?) -> DatasetLumisections {
        var merged: [MergedRange] = []
        if case .list(let ranges)? = json {
            for case .list(let r) in ranges {
                guard r.count == 3, case .int(let start) = r[0], case .int(let end) = r[1], case .object(let value) = r[2] else { continue }
                merged.append(MergedRange(start: start, end: end, value: value))
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
