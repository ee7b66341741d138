// A XAMS / XAMSL run document as the `XamsRun` type sees it, with amstrax's
// `processing_status` in either form (sub-document, or a legacy bare string).

import GraphQLKit

public struct XamsRunValue: FieldValueContainer, TypeNamed {
    public let document: BSONDocument

    public init(document: BSONDocument) { self.document = document }

    public var graphQLTypeName: String { "XamsRun" }

    public var objectIDHex: String {
        if case .objectID(let id)? = document["_id"] { return id.hex }
        return ""
    }

    public var globalID: GlobalID { GlobalID(typeName: "XamsRun", key: objectIDHex) }

    static let processingStates: Set<String> = ["pending", "submitted", "running", "done", "failed"]

    public func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "id": .json(.string(globalID.encoded))
        case "objectId": .json(.string(objectIDHex))
        case "experiment": .json(.string("XAMS"))
        case "number": .json(document["number"].intJSON)
        case "start": .json(document["start"].dateTimeJSON)
        case "end": .json(document["end"].dateTimeJSON)
        case "user": .json(document["user"].stringJSON)
        case "detector": .json(detector.map(JSONValue.string) ?? .null)
        case "mode": .json(document["mode"].stringJSON)
        case "tags": .json(RunAnnotations.tags(document["tags"]))
        case "comments": .json(RunAnnotations.comments(document["comments"]))
        case "data": .list(DataLocationValue.list(document["data"]).map(FieldValue.container))
        case "deletedData": DeletedDataLocationValue.list(document["deleted_data"])
        case "processingStatus": .json(processingStatus)
        case "processingFailures": .json(.int(document["processing_failed"]?.intValue ?? 0))
        case "doc": .json(.object(document.jsonObject))
        default: nil
        }
    }

    var detector: String? {
        if case .string(let d)? = document["detector"] { return d }
        if case .array(let items)? = document["detectors"] { return items.first?.stringValue }
        return nil
    }

    private var processingStatus: JSONValue {
        switch document["processing_status"] {
        case .string(let s)?:
            return .object([
                "state": Self.state(s), "rawStatus": .string(s), "time": .null, "host": .null, "reason": .null,
                "legacy": .bool(true),
            ])
        case .document(let d)?:
            let raw = d["status"]?.stringValue ?? ""
            return .object([
                "state": Self.state(raw), "rawStatus": .string(raw), "time": d["time"].dateTimeJSON,
                "host": d["host"].stringJSON, "reason": d["reason"].stringJSON, "legacy": .bool(false),
            ])
        default:
            return .null
        }
    }

    private static func state(_ raw: String) -> JSONValue {
        processingStates.contains(raw) ? .string(raw.uppercased()) : .null
    }
}
