// The cursor of `runs` across registries: a position in the merged ordering (the run's sort
// value, its experiment, its key in its registry), so the next page asks every registry for
// what lies beyond that position, whatever each one returned before.

import Foundation
import GraphQLKit

struct MergedRunCursor: Sendable, Hashable {
    let value: Int64?
    let experiment: String
    let key: String

    /// `NUMBER`/`START` and the direction: a cursor from another ordering is refused.
    static func tag(_ order: RunFeedOrder) -> String { order.field.rawValue + (order.ascending ? ":ASC" : ":DESC") }

    init(value: Int64?, experiment: String, key: String) {
        self.value = value
        self.experiment = experiment
        self.key = key
    }

    func encoded(_ order: RunFeedOrder) -> String {
        let v = value.map(String.init) ?? "-"
        return base64URLEncoded(Data("runs|\(Self.tag(order))|\(experiment)|\(v)|\(key)".utf8))
    }

    /// A cursor a client sent back, for `order` and one of `experiments`.
    init(decoding text: String, order: RunFeedOrder, experiments: [String]) throws(GraphQLError) {
        let invalid = RegistryError.badUserInput("Invalid cursor in `after`: pass a cursor from `runs`.")
        guard let data = base64URLDecoded(text), let plain = String(data: data, encoding: .utf8) else { throw invalid }
        let parts = plain.split(separator: "|", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == "runs", !parts[4].isEmpty else { throw invalid }
        guard parts[1] == Self.tag(order) else {
            throw RegistryError.badUserInput(
                "The cursor in `after` belongs to runs ordered by \(parts[1].replacingOccurrences(of: ":", with: " ")), not by \(Self.tag(order).replacingOccurrences(of: ":", with: " ")): pass the same `orderBy`.")
        }
        guard experiments.contains(parts[2]) else { throw invalid }
        if parts[3] == "-" {
            value = nil
        } else if let v = Int64(parts[3]) {
            value = v
        } else {
            throw invalid
        }
        experiment = parts[2]
        key = parts[4]
    }

    /// Where the feed of the experiment at `rank` starts, when this cursor's experiment is at
    /// `cursorRank` (ranks: the `Experiment` enum's order, the tie-break after the value).
    func bound(forRank rank: Int, cursorRank: Int, ascending: Bool) -> RunFeedBound {
        if rank == cursorRank { return .after(value: value, key: key) }
        // At an equal value, experiments later in the walk come after the cursor's run.
        return (rank > cursorRank) == ascending ? .from(value: value) : .beyond(value: value)
    }
}
