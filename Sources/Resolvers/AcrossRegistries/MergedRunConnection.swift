// A merged page of runs as `RunConnection`: edges with merged cursors, nodes, pageInfo and the
// registries that could not contribute.

import GraphQLKit

struct MergedRunConnection: FieldValueContainer {
    struct Item: Sendable {
        let experiment: String
        let item: RunFeedItem
    }

    struct Unavailable: Sendable {
        let experiment: String
        let code: String
        let message: String

        init(experiment: String, code: String, message: String) {
            self.experiment = experiment
            self.code = code
            self.message = message
        }

        /// From a feed's failure: a GraphQLError keeps its code and message; anything else is
        /// described without detail (it may name an address).
        init(experiment: String, error: any Error) {
            self.experiment = experiment
            if let e = error as? GraphQLError {
                if case .string(let c)? = e.extensions?["code"] { code = c } else { code = "SOURCE_UNAVAILABLE" }
                message = e.message
            } else {
                code = "SOURCE_UNAVAILABLE"
                message = "The \(experiment) registry could not answer."
            }
        }
    }

    let items: [Item]
    let hasNextPage: Bool
    let hasPreviousPage: Bool
    let order: RunFeedOrder
    /// What `totalCount` counts, and in which registries.
    let filter: JSONObject?
    let asked: [String]
    let unavailable: [Unavailable]

    private func cursor(_ i: Item) -> String {
        MergedRunCursor(value: i.item.sortValue, experiment: i.experiment, key: i.item.key).encoded(order)
    }

    func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "nodes": return .list(items.map(\.item.value))
        case "edges":
            return .list(items.map { .container(RunEdgeValue(cursor: cursor($0), node: $0.item.value)) })
        case "pageInfo":
            return .json(.object([
                "hasNextPage": .bool(hasNextPage), "hasPreviousPage": .bool(hasPreviousPage),
                "startCursor": items.first.map { .string(cursor($0)) } ?? .null,
                "endCursor": items.last.map { .string(cursor($0)) } ?? .null,
            ]))
        case "unavailable":
            return .json(.list(unavailable.map { u in
                .object(["experiment": .string(u.experiment), "code": .string(u.code), "message": .string(u.message)])
            }))
        default: return nil
        }
    }
}
