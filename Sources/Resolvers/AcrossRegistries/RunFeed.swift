// One experiment's runs as a sorted stream for `Query.runs`: each registry contributes a feed
// per experiment it serves (as it contributes NodeFetchers for `node`), and `MergedRuns` pages
// them together. A feed knows its own database; the merge knows none.

import GraphQLKit

/// The runs of one experiment, in the order `runs` asks for, from a position on.
public struct RunFeed: Sendable {
    public typealias Page = @Sendable (_ query: RunFeedQuery) async throws -> [RunFeedItem]
    public typealias Count = @Sendable (_ filter: JSONObject?) async throws -> Int

    /// The `Experiment` enum value, e.g. `XENONNT`.
    public let experiment: String
    /// At most `query.limit` runs matching `query.filter`, beyond `query.bound`, in `query.order`.
    public let page: Page
    /// How many runs match `filter` (a `RunWhere`).
    public let count: Count

    public init(experiment: String, page: @escaping Page, count: @escaping Count) {
        self.experiment = experiment
        self.page = page
        self.count = count
    }
}

/// The field runs are ordered by and the direction. Values are integers (run numbers, or start
/// times in milliseconds since the epoch); a missing value sorts below every value.
public struct RunFeedOrder: Sendable, Hashable {
    public enum Field: String, Sendable { case number = "NUMBER", start = "START" }
    public let field: Field
    public let ascending: Bool
}

/// Where a feed's page starts, relative to the position of the merged cursor: the cursor's own
/// experiment continues after its run; experiments ordered after it continue from runs with an
/// equal value; experiments ordered before it from the next value on.
public enum RunFeedBound: Sendable, Hashable {
    /// Strictly after the run with this value and registry key (the cursor's own experiment).
    case after(value: Int64?, key: String)
    /// Runs whose value equals or is beyond `value` in the walking direction.
    case from(value: Int64?)
    /// Runs whose value is strictly beyond `value` in the walking direction.
    case beyond(value: Int64?)
}

/// What a feed is asked for.
public struct RunFeedQuery: Sendable {
    /// The `RunWhere` argument as given (null: every run).
    public let filter: JSONObject?
    public let order: RunFeedOrder
    /// Nil for the first page.
    public let bound: RunFeedBound?
    public let limit: Int
    /// The fields whose selections are the run's (`edges.node`, `nodes`), for projections:
    /// `field.selection(on: "XenonRun")` gives what one run type needs.
    public let runFields: [SelectedField]
}

/// A run a feed returns: its place in the ordering and its value for the executor.
public struct RunFeedItem: Sendable {
    /// The ordering field's value; nil when the run has none.
    public let sortValue: Int64?
    /// What identifies the run in its registry and breaks ties there (an ObjectId's hex, a run number).
    public let key: String
    public let value: FieldValue

    public init(sortValue: Int64?, key: String, value: FieldValue) {
        self.sortValue = sortValue
        self.key = key
        self.value = value
    }
}
