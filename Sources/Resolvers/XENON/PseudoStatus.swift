// The runsDB API's pseudo statuses (`runs/status.py`), as MongoDB filters and as a per-run
// computation that must agree with them on every document. NEW_RUN was only documented there;
// it is defined here as "end set, nothing on rucio-catalogue yet".

public enum PseudoStatus: String, Sendable, Hashable, CaseIterable {
    case newRun = "NEW_RUN"
    case transferring = "TRANSFERRING"
    case notProcessed = "NOT_PROCESSED"
    case processing = "PROCESSING"
    case processed = "PROCESSED"

    /// Most advanced first: the order `pseudoStatus` picks from.
    static let byAdvancement: [PseudoStatus] = [.processed, .processing, .notProcessed, .transferring, .newRun]

    /// The filter on a run document, exactly the runsDB API's (SecantusDB accepts `$not` and
    /// `$elemMatch` together on one field, as MongoDB does).
    public var filter: BSONDocument {
        switch self {
        case .newRun:
            ["end": .document(["$ne": .null]),
             "data": .document(["$not": .document(["$elemMatch": .document(["host": .string(rucioCatalogueHost)])])])]
        case .transferring: Self.unprocessedRaw(status: "transferring")
        case .notProcessed: Self.unprocessedRaw(status: "transferred")
        case .processing:
            ["data": .document(["$elemMatch": .document(["type": .string("processed"), "status": .string("processing")])])]
        case .processed:
            ["data": .document(["$elemMatch": .document(["type": .string("processed"), "status": .string("processed")])])]
        }
    }

    private static func unprocessedRaw(status: String) -> BSONDocument {
        ["data": .document([
            "$not": .document(["$elemMatch": .document(["type": .string("processed")])]),
            "$elemMatch": .document(["type": .string("raw"), "status": .string(status)]),
        ])]
    }

    /// Every status the document matches, most advanced first. Mirrors MongoDB semantics:
    /// `$elemMatch` needs `data` to be an array, and an element's field "equals" a string when
    /// it is that string or a list containing it.
    public static func statuses(of document: BSONDocument) -> [PseudoStatus] {
        let entries: [BSONDocument]
        if case .array(let items)? = document["data"] {
            entries = items.compactMap(\.documentValue)
        } else {
            entries = []
        }
        func any(_ conditions: KeyValuePairs<String, String>) -> Bool {
            entries.contains { entry in conditions.allSatisfy { fieldEquals(entry[$0.key], $0.value) } }
        }
        var out: [PseudoStatus] = []
        let hasProcessed = any(["type": "processed"])
        if any(["type": "processed", "status": "processed"]) { out.append(.processed) }
        if any(["type": "processed", "status": "processing"]) { out.append(.processing) }
        if !hasProcessed, any(["type": "raw", "status": "transferred"]) { out.append(.notProcessed) }
        if !hasProcessed, any(["type": "raw", "status": "transferring"]) { out.append(.transferring) }
        let ended: Bool = switch document["end"] {
        case nil, .null?: false
        default: true
        }
        if ended, !any(["host": rucioCatalogueHost]) { out.append(.newRun) }
        return out
    }
}

/// MongoDB equality of a stored value with a string: the string itself, or a list holding it.
func fieldEquals(_ value: BSONValue?, _ string: String) -> Bool {
    switch value {
    case .string(let s)?: s == string
    case .array(let items)?: items.contains(.string(string))
    default: false
    }
}
