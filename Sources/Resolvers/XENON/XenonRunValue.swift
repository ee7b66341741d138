// A XENON1T or XENONnT run document as the `XenonRun` type sees it. The default resolver reads
// fields from it by name; fields with arguments (`data`, `doc`) have resolvers of their own
// that use `document` directly.

import GraphQLKit

public struct XenonRunValue: FieldValueContainer, TypeNamed {
    public let document: BSONDocument
    public let experiment: XenonExperiment

    public init(document: BSONDocument, experiment: XenonExperiment) {
        self.document = document
        self.experiment = experiment
    }

    public var graphQLTypeName: String { "XenonRun" }

    /// The document's ObjectId in hex ("" when the projection left `_id` out, which RunQL never does).
    public var objectIDHex: String {
        if case .objectID(let id)? = document["_id"] { return id.hex }
        return ""
    }

    /// The key of the run's global id: `XENONNT:<objectid hex>`.
    public var globalID: GlobalID { GlobalID(typeName: "XenonRun", key: experiment.rawValue + ":" + objectIDHex) }

    public func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "id": .json(.string(globalID.encoded))
        case "objectId": .json(.string(objectIDHex))
        case "experiment": .json(.string(experiment.rawValue))
        case "number": .json(document["number"].intJSON)
        case "name": .json(document["name"].stringJSON)
        case "start": .json(document["start"].dateTimeJSON)
        case "end": .json(document["end"].dateTimeJSON)
        case "user": .json(document["user"].stringJSON)
        case "detectors": .json(.list(detectors.map(JSONValue.string)))
        case "mode": .json(mode.map(JSONValue.string) ?? .null)
        case "source": .json(source.map(JSONValue.string) ?? .null)
        case "tags": .json(RunAnnotations.tags(document["tags"]))
        case "comments": .json(RunAnnotations.comments(document["comments"]))
        case "pseudoStatus": .json(PseudoStatus.statuses(of: document).first.map { .string($0.rawValue) } ?? .null)
        case "pseudoStatuses": .json(.list(PseudoStatus.statuses(of: document).map { .string($0.rawValue) }))
        case "runStatus": .json(document["status"].stringJSON)
        case "bootstrax": .json(bootstrax)
        case "data": .list(DataLocationValue.list(document["data"]).map(FieldValue.container))
        case "deletedData": DeletedDataLocationValue.list(document["deleted_data"])
        case "gains": .json(gains)
        case "eventsBuilt": .json(document.value(atPath: "trigger.events_built").intJSON)
        case "triggerStatus": .json(document.value(atPath: "trigger.status").stringJSON)
        case "rawSizeBytes": .json(document["raw_size_byte"].doubleJSON)
        case "daqConfig": .json((document["daq_config"] ?? document.value(atPath: "reader.ini"))?.jsonValue ?? .null)
        case "doc": .json(.object(document.jsonObject))
        default: nil
        }
    }

    /// XENONnT `detectors` (a list), XENON1T `detector` (one string).
    var detectors: [String] {
        if case .array(let items)? = document["detectors"] { return items.compactMap(\.stringValue) }
        if case .string(let one)? = document["detector"] { return [one] }
        return []
    }

    /// XENONnT `mode`, XENON1T `reader.ini.name`.
    var mode: String? {
        document["mode"]?.stringValue ?? document.value(atPath: "reader.ini.name")?.stringValue
    }

    /// XENONnT `source` (a string; early redax wrote `{type}`), XENON1T `source.type`.
    var source: String? {
        switch document["source"] {
        case .string(let s)?: s
        case .document(let d)?: d["type"]?.stringValue
        default: nil
        }
    }

    private var gains: JSONValue {
        guard case .array(let items)? = document.value(atPath: "processor.DEFAULT.gains") else { return .null }
        return .list(items.map { $0.doubleValue.map(JSONValue.double) ?? .null })
    }

    private var bootstrax: JSONValue {
        guard case .document(let b)? = document["bootstrax"] else { return .null }
        let state: JSONValue = switch b["state"]?.stringValue {
        case let s? where ["considering", "busy", "done", "failed", "abandoned"].contains(s): .string(s.uppercased())
        default: .null
        }
        return .object([
            "state": state, "host": b["host"].stringJSON, "time": b["time"].dateTimeJSON,
            "reason": b["reason"].stringJSON, "failures": b["n_failures"].intJSON,
            "nextRetry": b["next_retry"].dateTimeJSON, "startedProcessing": b["started_processing"].dateTimeJSON,
        ])
    }
}
