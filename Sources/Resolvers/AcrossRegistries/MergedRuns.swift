// `Query.runs`: several experiments' runs in one ordering. Each experiment's feed is asked for
// one page beyond the cursor's position (concurrently), and the pages are merged; a feed that
// fails leaves its experiment out of the page and listed in `unavailable`, never the others.

import GraphQLKit

public struct MergedRuns: Sendable {
    private let feeds: [String: RunFeed]
    /// Experiments whose source is not configured here, with the message saying what to set.
    private let unconfigured: [String: String]

    public static let maxPageSize = 1000

    public init(feeds: [RunFeed], unconfigured: [String: String] = [:]) {
        var byExperiment: [String: RunFeed] = [:]
        for feed in feeds { byExperiment[feed.experiment] = feed }
        self.feeds = byExperiment
        self.unconfigured = unconfigured
    }

    public var resolvers: [String: FieldResolver] {
        let merged = self
        return [
            "Query.runs": .async { _, arguments, _, info in try await merged.page(arguments, info) },
            "RunConnection.totalCount": .async { parent, _, _, _ in
                guard case .container(let c) = parent, let connection = c as? MergedRunConnection else { return .null }
                return .json(.int(try await merged.count(connection)))
            },
        ]
    }

    /// The experiments in the `Experiment` enum's order: the tie-break after the sort value.
    private static func ranking(_ schema: Schema) -> [String] {
        schema.enumType(named: "Experiment")?.values.map(\.name) ?? []
    }

    private func page(_ arguments: JSONObject, _ info: ResolveInfo) async throws -> FieldValue {
        let ranking = Self.ranking(info.schema)
        var asked = ranking
        if case .list(let list)? = arguments["experiments"] {
            let names = list.compactMap { if case .string(let s) = $0 { s } else { nil } }
            guard !names.isEmpty else { throw RegistryError.badUserInput("`experiments` is empty: name at least one, or omit it for all.") }
            asked = ranking.filter(names.contains)
        }
        let order = try Self.order(arguments["orderBy"])
        let size: Int
        switch arguments["first"] {
        case .int(let n)?:
            guard (1...Self.maxPageSize).contains(n) else {
                throw RegistryError.badUserInput("`first` must be between 1 and \(Self.maxPageSize); got \(n).")
            }
            size = n
        default: size = 50
        }
        var cursor: MergedRunCursor?
        if case .string(let text)? = arguments["after"] {
            cursor = try MergedRunCursor(decoding: text, order: order, experiments: ranking)
        }
        let filter: JSONObject? = if case .object(let o)? = arguments["where"] { o } else { nil }

        let runFields = Self.runFields(info)
        var unavailable: [MergedRunConnection.Unavailable] = asked.filter { feeds[$0] == nil }.map { experiment in
            .init(experiment: experiment, code: "SOURCE_NOT_CONFIGURED", message: unconfigured[experiment] ?? "No registry serves \(experiment) here.")
        }
        var results: [String: [RunFeedItem]] = [:]
        if runFields.needsPage {
            let cursorRank = cursor.flatMap { ranking.firstIndex(of: $0.experiment) } ?? 0
            var queries: [(RunFeed, RunFeedQuery)] = []
            for experiment in asked {
                guard let feed = feeds[experiment] else { continue }
                let rank = ranking.firstIndex(of: experiment) ?? 0
                let bound = cursor?.bound(forRank: rank, cursorRank: cursorRank, ascending: order.ascending)
                // One more than the page, to learn whether more follow.
                queries.append((feed, RunFeedQuery(filter: filter, order: order, bound: bound, limit: size + 1, runFields: runFields.fields)))
            }
            // One task per feed, awaited in order: not a task group, which the release gateway
            // crashed in ("pure virtual method called") on its first `runs`, as SkyDriver's
            // batch collector did before (see SkyDriverUpstream).
            let tasks = queries.map { feed, query in (feed.experiment, Task { try await feed.page(query) }) }
            for (experiment, task) in tasks {
                do { results[experiment] = try await task.value } catch { unavailable.append(.init(experiment: experiment, error: error)) }
            }
            unavailable.sort { (ranking.firstIndex(of: $0.experiment) ?? 0) < (ranking.firstIndex(of: $1.experiment) ?? 0) }
        }
        let merged = Self.merge(results, ranking: ranking, ascending: order.ascending, limit: size + 1)
        return .container(MergedRunConnection(
            items: Array(merged.prefix(size)), hasNextPage: merged.count > size, hasPreviousPage: cursor != nil,
            order: order, filter: filter, asked: asked.filter { feeds[$0] != nil }, unavailable: unavailable))
    }

    static func order(_ argument: JSONValue?) throws(GraphQLError) -> RunFeedOrder {
        var field = RunFeedOrder.Field.start, ascending = false
        if case .object(let o)? = argument {
            if case .string(let f)? = o["field"] {
                guard let known = RunFeedOrder.Field(rawValue: f) else { throw RegistryError.badUserInput("Cannot order runs by \(f).") }
                field = known
            }
            if case .string(let d)? = o["direction"] { ascending = d == "ASC" }
        }
        return RunFeedOrder(field: field, ascending: ascending)
    }

    /// The selected fields whose children are runs, and whether any run (or a cursor) is needed.
    private static func runFields(_ info: ResolveInfo) -> (fields: [SelectedField], needsPage: Bool) {
        var fields: [SelectedField] = []
        var needsPage = false
        for field in info.selection() {
            switch field.name {
            case "nodes":
                needsPage = true
                fields.append(field)
            case "edges":
                needsPage = true
                fields += field.selection(on: "RunEdge").filter { $0.name == "node" }
            case "pageInfo":
                needsPage = true
            default:
                break
            }
        }
        return (fields, needsPage)
    }

    /// The feeds' pages in one ordering: by value (missing lowest), then experiment rank; each
    /// feed's own order is kept for its ties.
    static func merge(_ pages: [String: [RunFeedItem]], ranking: [String], ascending: Bool, limit: Int) -> [MergedRunConnection.Item] {
        let streams = ranking.enumerated().compactMap { rank, experiment in
            pages[experiment].map { (rank: rank, experiment: experiment, items: $0) }
        }
        var heads = [Int](repeating: 0, count: streams.count)
        var out: [MergedRunConnection.Item] = []
        func precedes(_ a: (Int64?, Int), _ b: (Int64?, Int)) -> Bool {
            if a.0 != b.0 {
                // Missing values sort lowest: first when ascending, last when descending.
                guard let av = a.0 else { return ascending }
                guard let bv = b.0 else { return !ascending }
                return ascending ? av < bv : av > bv
            }
            return ascending ? a.1 < b.1 : a.1 > b.1
        }
        while out.count < limit {
            var best: Int?
            for s in streams.indices where heads[s] < streams[s].items.count {
                let candidate = (streams[s].items[heads[s]].sortValue, streams[s].rank)
                if let b = best {
                    if precedes(candidate, (streams[b].items[heads[b]].sortValue, streams[b].rank)) { best = s }
                } else {
                    best = s
                }
            }
            guard let s = best else { break }
            out.append(.init(experiment: streams[s].experiment, item: streams[s].items[heads[s]]))
            heads[s] += 1
        }
        return out
    }

    /// `totalCount`: every asked registry's count, concurrently; one that cannot count fails the field.
    private func count(_ connection: MergedRunConnection) async throws -> Int {
        let feeds = connection.asked.compactMap { self.feeds[$0] }
        let filter = connection.filter
        let tasks = feeds.map { feed in Task { try await feed.count(filter) } }
        var total = 0
        for task in tasks { total += try await task.value }
        return total
    }
}
