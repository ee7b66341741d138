// The CMS Run Registry's GraphQL resolvers over PostgreSQL in RR's own layout.
// `cmsRuns { nodes { datasets { lumisectionRanges } } }` is one statement that builds the
// nested datasets and ranges as JSON in the database (CMSNestedRead.swift); what that does not
// cover is batched per level with loaders, one statement per level however many parents.

import GraphQLKit

/// Binds Schema/cms.graphql to a Run Registry database.
public struct CMSRegistry: Sendable {
    /// The Query fields this registry serves.
    public static let queryFields: [String] = [
        "Query.cmsRun", "Query.cmsRuns", "Query.cmsDataset", "Query.cmsDatasets", "Query.cmsDatasetNames", "Query.cmsCycles",
        "Query.cmsDatasetsAccepted", "Query.cmsGoldenJson",
    ]

    let reader: CMSReader
    let lumisections: LumisectionStore
    let runLoader: DataLoader<Int, CmsRunValue?>
    let datasetsLoader: DataLoader<DatasetsRequest, [CmsDatasetValue]>
    let rrLoader: DataLoader<DatasetKey, DatasetLumisections>
    let omsLoader: DataLoader<DatasetKey, [OMSLumisection]>
    let configuration: CMSConfigurationReader
    let goldenJSON: GoldenJSON
    let cycleDatasetsLoader: DataLoader<CycleDatasetsRequest, [CmsDatasetValue]>

    /// The Mutation fields this registry serves (the gateway lets only `writer`s call them).
    public static let mutationFields: [String] = [
        "Mutation.moveCmsRun", "Mutation.markCmsRunSignificant", "Mutation.changeCmsRunClass", "Mutation.moveCmsDataset",
        "Mutation.editCmsLumisections",
    ]

    let mutations: CMSMutations
    let callerName: @Sendable ((any Sendable)?) -> String?

    /// `callerName` names who makes a change (RR's Version `by`, an e-mail in RR) from the
    /// request's context; changes without a name are recorded as `api@runql`.
    public init(pool: PostgresPool, callerName: @escaping @Sendable ((any Sendable)?) -> String? = { _ in nil }) {
        self.init(pool: pool, observer: nil, callerName: callerName)
    }

    /// `observer` sees every statement's SQL before it runs (tests count statements with it;
    /// the benchmark harness replays them).
    public init(pool: PostgresPool, observer: (@Sendable (String) -> Void)?, callerName: @escaping @Sendable ((any Sendable)?) -> String? = { _ in nil }) {
        mutations = CMSMutations(pool: pool, observer: observer)
        self.callerName = callerName
        let database = CMSDatabase(pool: pool, observer: observer)
        let reader = CMSReader(database: database)
        let store = LumisectionStore(database: database)
        self.reader = reader
        lumisections = store
        let configuration = CMSConfigurationReader(database: database)
        goldenJSON = GoldenJSON(database: database, store: store)
        self.configuration = configuration
        cycleDatasetsLoader = DataLoader { requests, _ in
            let columns = requests.reduce(DatasetColumns()) { $0.union($1.columns) }
            let found = try await configuration.cycleDatasets(requests.map(\.cycle), columns: columns)
            return requests.map { .success(found[$0.cycle] ?? []) }
        }
        runLoader = DataLoader { numbers, _ in
            let found = try await reader.runs(numbers: numbers, columns: .all)
            return numbers.map { .success(found[$0]) }
        }
        datasetsLoader = DataLoader { requests, _ in
            let found = try await reader.datasets(of: requests)
            return requests.map { .success(found[$0] ?? []) }
        }
        rrLoader = DataLoader { keys, _ in
            let found = try await store.rrLumisections(keys)
            return keys.map { .success(found[$0] ?? DatasetLumisections(merged: [])) }
        }
        omsLoader = DataLoader { keys, _ in
            let found = try await store.omsLumisections(keys)
            return keys.map { .success(found[$0] ?? []) }
        }
    }

    /// Resolvers by schema coordinate, for `ExecutableSchema(resolvers:)`.
    public var resolvers: [String: FieldResolver] {
        let configuration = configuration, cycleDatasetsLoader = cycleDatasetsLoader, goldenJSON = goldenJSON
        let mutations = mutations, callerName = callerName
        /// The run or dataset as it is after a mutation.
        @Sendable func run(_ number: Int) async throws -> FieldValue {
            guard let run = try await reader.runs(numbers: [number], columns: .all)[number] else { throw CMSError.notFound("Run \(number) is not in the registry.") }
            return .container(run)
        }
        @Sendable func dataset(_ key: DatasetKey) async throws -> FieldValue {
            let request = DatasetsRequest(runNumber: key.runNumber, name: key.name, columns: [.attributes, .inGui, .summary])
            guard let dataset = try await reader.datasets(of: [request])[request]?.first else {
                throw CMSError.notFound("Dataset \(key.name) of run \(key.runNumber) is not in the registry.")
            }
            return .container(dataset)
        }
        @Sendable func who(_ context: (any Sendable)?) -> String { callerName(context) ?? "api@runql" }
        @Sendable func comment(_ args: JSONObject) throws(GraphQLError) -> String? {
            guard case .object(let change)? = args["change"], case .string(let c)? = change["comment"], !c.isEmpty else { return nil }
            guard c.utf8.count <= CMSMutations.maximumTextBytes else {
                throw CMSError.badInput("change.comment is \(c.utf8.count) bytes; at most \(CMSMutations.maximumTextBytes) are kept.")
            }
            return c
        }
        let reader = reader, runLoader = runLoader, datasetsLoader = datasetsLoader, rrLoader = rrLoader, omsLoader = omsLoader
        /// A dataset's merged RR lumisections: read with it when the runs page read them, else loaded.
        @Sendable func rrLumisections(_ dataset: CmsDatasetValue, _ info: ResolveInfo) async throws -> DatasetLumisections {
            if let lumisections = dataset.lumisections { return lumisections }
            return try await info.load(rrLoader, key: dataset.key)
        }
        var out: [String: FieldResolver] = [
            "Query.cmsRun": .async { _, args, _, info in
                guard case .int(let number)? = args["number"] else { throw CMSError.badInput("number is required.") }
                let found = try await reader.runs(numbers: [number], columns: RunColumns(fields: info.selectedFieldNames()))
                return found[number].map { .container($0) } ?? .null
            },
            "Query.cmsRuns": .async { _, args, _, info in
                let page = try CMSPage(arguments: args, list: "cmsRuns", defaultField: "NUMBER")
                let filter: JSONObject? = if case .object(let o)? = args["where"] { o } else { nil }
                let nodeFields = Self.nodeSelection(info)
                let columns = RunColumns(fields: nodeFields.map(\.name))
                let (runs, total) = try await reader.runs(
                    where: filter, rrFilter: args["rrFilter"], order: args["orderBy"], page: page, columns: columns,
                    datasets: DatasetPrefetch(nodeFields: nodeFields))
                return Self.connection(runs.map { .container($0) }, page: page, total: total)
            },
            "Query.cmsDataset": .async { _, args, _, info in
                guard case .int(let number)? = args["runNumber"], case .string(let name)? = args["name"] else {
                    throw CMSError.badInput("runNumber and name are required.")
                }
                let request = DatasetsRequest(runNumber: number, name: name, columns: DatasetColumns(fields: info.selectedFieldNames()))
                let found = try await info.load(datasetsLoader, key: request)
                return found.first.map { .container($0) } ?? .null
            },
            "Query.cmsDatasets": .async { _, args, _, info in
                let page = try CMSPage(arguments: args, list: "cmsDatasets", defaultField: "RUN_NUMBER")
                let filter: JSONObject? = if case .object(let o)? = args["where"] { o } else { nil }
                let fields = Self.nodeFields(info)
                let (datasets, total) = try await reader.datasets(
                    where: filter, rrFilter: args["rrFilter"], order: args["orderBy"], page: page, columns: DatasetColumns(fields: fields),
                    lumisections: fields.contains(where: DatasetPrefetch.lumisectionFields.contains))
                return Self.connection(datasets.map { .container($0) }, page: page, total: total)
            },
            "Query.cmsDatasetNames": .async { _, args, _, _ in
                guard case .int(let number)? = args["runNumber"] else { throw CMSError.badInput("runNumber is required.") }
                return .json(.list(try await reader.datasetNames(run: number).map(JSONValue.string)))
            },
            "Query.cmsGoldenJson": .async { _, args, _, _ in
                guard case .string(let filter)? = args["datasetNameFilter"], var rule = args["jsonLogic"] else {
                    throw CMSError.badInput("jsonLogic and datasetNameFilter are required.")
                }
                if case .string(let text) = rule {
                    do { rule = try JSONParser.parse(text) } catch { throw CMSError.badInput("jsonLogic is not valid JSON: \(error)") }
                }
                let result = try await goldenJSON.generate(rule: rule, datasetNameFilter: filter)
                return .json(.object([
                    "runs": .object(result.runs), "withDatasetNames": .object(result.withDatasetNames), "runCount": .int(result.runs.count),
                    "lumisectionCount": .int(result.lumisectionCount), "evaluations": .int(result.evaluations),
                ]))
            },
            "Mutation.moveCmsRun": .async { _, args, context, _ in
                guard case .int(let number)? = args["runNumber"], case .string(let state)? = args["to"] else { throw CMSError.badInput("runNumber and to are required.") }
                try await mutations.moveRun(number, to: state, by: who(context), comment: try comment(args))
                return try await run(number)
            },
            "Mutation.markCmsRunSignificant": .async { _, args, context, _ in
                guard case .int(let number)? = args["runNumber"] else { throw CMSError.badInput("runNumber is required.") }
                try await mutations.markSignificant(number, by: who(context), comment: try comment(args))
                return try await run(number)
            },
            "Mutation.changeCmsRunClass": .async { _, args, context, _ in
                guard case .int(let number)? = args["runNumber"], case .string(let runClass)? = args["class"] else {
                    throw CMSError.badInput("runNumber and class are required.")
                }
                try await mutations.changeClass(number, to: runClass, by: who(context), comment: try comment(args))
                return try await run(number)
            },
            "Mutation.moveCmsDataset": .async { _, args, context, _ in
                guard case .int(let number)? = args["runNumber"], case .string(let name)? = args["datasetName"],
                      case .string(let workspace)? = args["workspace"], case .string(let state)? = args["to"] else {
                    throw CMSError.badInput("runNumber, datasetName, workspace and to are required.")
                }
                let key = DatasetKey(runNumber: number, name: name)
                try await mutations.moveDataset(key, workspace: workspace, to: CMSValues.storedDatasetState(state), by: who(context), comment: try comment(args))
                return try await dataset(key)
            },
            "Mutation.editCmsLumisections": .async { _, args, context, _ in
                guard case .object(let edit)? = args["edit"], case .int(let number)? = edit["runNumber"], case .string(let name)? = edit["datasetName"],
                      case .string(let component)? = edit["component"], case .int(let start)? = edit["start"], case .int(let end)? = edit["end"],
                      case .string(let status)? = edit["status"] else {
                    throw CMSError.badInput("edit needs runNumber, datasetName, component, start, end and status.")
                }
                guard start >= 1, start <= end, end - start < 100_000 else {
                    throw CMSError.badInput("start and end must satisfy 1 ≤ start ≤ end, over at most 100,000 lumisections.")
                }
                let text: (String?) -> String = { key in if case .string(let s)? = key.flatMap({ edit[$0] }) { s } else { "" } }
                let triplet = Triplet(status: Triplet.storedStatus(enumValue: status), comment: text("comment"), cause: text("cause"))
                let key = DatasetKey(runNumber: number, name: name)
                try await mutations.editLumisections(key, component: component, range: start...end, triplet: triplet, by: who(context))
                return try await dataset(key)
            },
            "Query.cmsCycles": .async { _, _, _, _ in .list(try await configuration.cycles()) },
            "Query.cmsDatasetsAccepted": .async { _, _, _, _ in .list(try await configuration.datasetsAccepted()) },
            "CmsCycle.datasets": .async { parent, _, _, info in
                guard case .json(.int(let id))? = parent["id"] else { return .list([]) }
                let request = CycleDatasetsRequest(cycle: id, columns: DatasetColumns(fields: info.selectedFieldNames()))
                return .list(try await info.load(cycleDatasetsLoader, key: request).map { .container($0) })
            },
            "CmsRun.tripletSummary": .sync { parent, args, _, _ in
                CMSValues.summaries(Self.run(parent)?.tripletSummary, components: Self.strings(args["components"]))
            },
            "CmsRun.datasets": .async { parent, args, _, info in
                guard let run = Self.run(parent) else { return .list([]) }
                let name: String? = if case .string(let n)? = args["name"] { n } else { nil }
                let columns = DatasetColumns(fields: info.selectedFieldNames())
                if let prefetched = run.datasets, prefetched.answers(name: name, columns: columns) {
                    return .list(prefetched.values.map { .container($0) })
                }
                let request = DatasetsRequest(runNumber: run.number, name: name, columns: columns, run: run)
                return .list(try await info.load(datasetsLoader, key: request).map { .container($0) })
            },
            "CmsDataset.run": .async { parent, _, _, info in
                guard let dataset = Self.dataset(parent) else { return .null }
                if let run = dataset.run { return .container(run) }
                guard let run = try await info.load(runLoader, key: dataset.key.runNumber) else {
                    throw CMSError.notFound("Run \(dataset.key.runNumber) of dataset \(dataset.key.name) is not in the registry.")
                }
                return .container(run)
            },
            "CmsDataset.tripletSummary": .sync { parent, args, _, _ in
                CMSValues.summaries(Self.dataset(parent)?.tripletSummary, components: Self.strings(args["components"]))
            },
            "CmsDataset.lumisectionRanges": .async { parent, _, _, info in
                guard let dataset = Self.dataset(parent) else { return .list([]) }
                let lumisections = try await rrLumisections(dataset, info)
                return .list(lumisections.ranges.map { .container(TripletsValue(start: $0.start, end: $0.end, triplets: $0.triplets, oms: nil)) })
            },
            "CmsDataset.componentRanges": .async { parent, args, _, info in
                guard let dataset = Self.dataset(parent) else { return .list([]) }
                let lumisections = try await rrLumisections(dataset, info)
                // Like tripletSummary, components the dataset does not have are left out, not invented as EMPTY.
                let components = Self.strings(args["components"])?.filter(lumisections.components.contains) ?? lumisections.components
                var out: [FieldValue] = []
                for component in components {
                    for range in lumisections.ranges(of: component) {
                        out.append(.json(.object([
                            "component": .string(component), "start": .int(range.start), "end": .int(range.end),
                            "triplet": range.triplet.fieldValue.jsonValue ?? .null,
                        ])))
                    }
                }
                return .list(out)
            },
            "CmsDataset.lumisections": .async { parent, args, _, info in
                guard let dataset = Self.dataset(parent) else { return .list([]) }
                let from: Int? = if case .int(let n)? = args["from"] { n } else { nil }
                let to: Int? = if case .int(let n)? = args["to"] { n } else { nil }
                let wantsOMS = info.selectedFieldNames().contains("oms")
                // One load after the other: loaders batch only the tasks the executor knows about.
                let lumisections = try await rrLumisections(dataset, info)
                let omsLumisections = wantsOMS ? try await info.load(omsLoader, key: dataset.key) : []
                var omsByNumber: [Int: JSONObject] = [:]
                for ls in omsLumisections { omsByNumber[ls.number] = ls.value }
                return .list(lumisections.lumisections(from: from, to: to).map { ls in
                    .container(TripletsValue(start: ls.number, end: ls.number, triplets: ls.triplets, oms: omsByNumber[ls.number]))
                })
            },
            "CmsDataset.omsRanges": .async { parent, _, _, info in
                guard let dataset = Self.dataset(parent) else { return .list([]) }
                let oms = try await info.load(omsLoader, key: dataset.key)
                return .json(.list(OMSRanges.ranges(oms).map { .object(["start": .int($0.start), "end": .int($0.end), "bits": .object($0.bits)]) }))
            },
            "CmsLumisectionRange.triplets": .sync { parent, args, _, _ in
                guard case .container(let c) = parent, let v = c as? TripletsValue else { return .list([]) }
                return CMSValues.componentTriplets(v.triplets, only: Self.strings(args["components"]))
            },
            "CmsLumisection.triplets": .sync { parent, args, _, _ in
                guard case .container(let c) = parent, let v = c as? TripletsValue else { return .list([]) }
                return CMSValues.componentTriplets(v.triplets, only: Self.strings(args["components"]))
            },
        ]
        // Plain fields read the row by name, so they work whether or not default resolvers are on.
        for field in ["id", "experiment", "number", "start", "end", "tags", "class", "state", "significant", "stopReason", "energy",
                      "bField", "fillNumber", "hltKey", "lsDuration", "omsAttributes", "rrAttributes"] {
            out["CmsRun.\(field)"] = .key(field)
        }
        for field in ["id", "runNumber", "name", "states", "appearedIn", "datasetsInGui", "attributes"] {
            out["CmsDataset.\(field)"] = .key(field)
        }
        for field in ["edges", "nodes", "pageInfo", "totalCount"] {
            out["CmsRunConnection.\(field)"] = .key(field)
            out["CmsDatasetConnection.\(field)"] = .key(field)
        }
        for field in ["cursor", "node"] {
            out["CmsRunEdge.\(field)"] = .key(field)
            out["CmsDatasetEdge.\(field)"] = .key(field)
        }
        for field in ["id", "name", "attributes", "deadline"] { out["CmsCycle.\(field)"] = .key(field) }
        out["CmsLumisectionRange.start"] = .key("start")
        out["CmsLumisectionRange.end"] = .key("end")
        out["CmsLumisection.number"] = .key("number")
        out["CmsLumisection.oms"] = .key("oms")
        return out
    }

    /// Fetchers for `Query.node`/`nodes` (NodeResolvers): CmsRun ids (key: run number) and
    /// CmsDataset ids (key: `<run>:<name>`), each type in one statement.
    public var nodeFetchers: [NodeFetcher] {
        let reader = reader
        return [
            NodeFetcher(typeName: "CmsRun") { keys, _ in
                let numbers = keys.map { Int($0) }
                let found = try await reader.runs(numbers: numbers.compactMap { $0 }, columns: .all)
                return numbers.map { n in n.flatMap { found[$0] }.map { .container($0) } ?? .null }
            },
            NodeFetcher(typeName: "CmsDataset") { keys, _ in
                let requests: [DatasetsRequest?] = keys.map { key in
                    guard let colon = key.firstIndex(of: ":"), let number = Int(key[..<colon]) else { return nil }
                    return DatasetsRequest(runNumber: number, name: String(key[key.index(after: colon)...]), columns: [.attributes, .inGui, .summary])
                }
                let found = try await reader.datasets(of: requests.compactMap { $0 })
                return requests.map { r in r.flatMap { found[$0]?.first }.map { .container($0) } ?? .null }
            },
        ]
    }

    // MARK: Helpers

    static func run(_ value: FieldValue) -> CmsRunValue? {
        if case .container(let c) = value { return c as? CmsRunValue }
        return nil
    }

    static func dataset(_ value: FieldValue) -> CmsDatasetValue? {
        if case .container(let c) = value { return c as? CmsDatasetValue }
        return nil
    }

    static func strings(_ value: JSONValue?) -> [String]? {
        guard case .list(let items)? = value else { return nil }
        return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
    }

    /// Names of the fields selected on the nodes of a connection, through `nodes` and `edges.node`.
    static func nodeFields(_ info: ResolveInfo) -> [String] { nodeSelection(info).map(\.name) }

    /// The fields selected on the nodes of a connection, through `nodes` and `edges.node`.
    static func nodeSelection(_ info: ResolveInfo) -> [SelectedField] {
        var fields: [SelectedField] = []
        for field in info.selection() {
            if field.name == "nodes" { fields += field.selection() }
            if field.name == "edges" {
                for edgeField in field.selection() where edgeField.name == "node" { fields += edgeField.selection() }
            }
        }
        return fields
    }

    static func connection(_ nodes: [FieldValue], page: CMSPage, total: Int) -> FieldValue {
        let edges = nodes.enumerated().map { i, node in
            FieldValue.container(FieldsValue(["cursor": .json(.string(page.cursor(page.offset + i))), "node": node]))
        }
        let pageInfo: JSONValue = .object([
            "hasNextPage": .bool(page.offset + nodes.count < total), "hasPreviousPage": .bool(page.offset > 0),
            "startCursor": nodes.isEmpty ? .null : .string(page.cursor(page.offset)),
            "endCursor": nodes.isEmpty ? .null : .string(page.cursor(page.offset + nodes.count - 1)),
        ])
        return .container(FieldsValue([
            "edges": .list(edges), "nodes": .list(nodes), "pageInfo": .json(pageInfo), "totalCount": .json(.int(total)),
        ]))
    }
}

/// An object given as its fields' values (connections and edges).
struct FieldsValue: FieldValueContainer {
    let fields: [String: FieldValue]
    init(_ fields: [String: FieldValue]) { self.fields = fields }
    func fieldValue(forKey key: String) -> FieldValue? { fields[key] }
}

/// A lumisection or a range of them with every component's triplet (and OMS data for one lumisection).
struct TripletsValue: FieldValueContainer {
    let start: Int
    let end: Int
    let triplets: [String: Triplet]
    let oms: JSONObject?

    func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "start", "number": .json(.int(start))
        case "end": .json(.int(end))
        case "oms": oms.map { .json(.object($0)) } ?? .null
        default: nil
        }
    }
}
