// One element of a run's `data` (or `deleted_data`) array, normalized across XENON1T cax,
// XENONnT bootstrax/restrax/admix and XAMS amstrax entries.

import GraphQLKit

let rucioCatalogueHost = "rucio-catalogue"

public struct DataLocationValue: FieldValueContainer, TypeNamed {
    public let entry: BSONDocument

    public init(entry: BSONDocument) { self.entry = entry }

    public var graphQLTypeName: String { "DataLocation" }

    var type: String? { entry["type"]?.stringValue }
    var host: String? { entry["host"]?.stringValue }
    var status: String? { entry["status"]?.stringValue }
    var isRucio: Bool { host == rucioCatalogueHost }

    /// XENON1T rucio entries list their RSEs in `rse`; XENONnT rucio entries name the one RSE
    /// in `location`.
    var rses: [String]? {
        if case .array(let items)? = entry["rse"] { return items.compactMap(\.stringValue) }
        if isRucio, case .string(let location)? = entry["location"] { return [location] }
        return nil
    }

    /// XENONnT `meta.lineage_hash`, XAMS `lineage_hash`, or the hash a rucio DID ends with.
    var lineageHash: String? {
        if let hash = entry["meta"]?.documentValue?["lineage_hash"]?.stringValue ?? entry["lineage_hash"]?.stringValue { return hash }
        // Rucio entries carry it at the end of their DID: `xnt_007200:raw_records-rfzvpzj4mf`.
        guard let did = entry["did"]?.stringValue, let colon = did.lastIndex(of: ":"), let dash = did.lastIndex(of: "-"), dash > colon
        else { return nil }
        let hash = did[did.index(after: dash)...]
        return hash.isEmpty ? nil : String(hash)
    }

    /// XENON1T `size` (bytes); XENONnT `meta.size_mb` and XAMS `size_mb` (megabytes).
    var sizeBytes: Double? {
        if let size = entry["size"]?.doubleValue { return size }
        if let mb = entry["meta"]?.documentValue?["size_mb"]?.doubleValue { return mb * 1e6 }
        if let mb = entry["size_mb"]?.doubleValue { return mb * 1e6 }
        return nil
    }

    /// Whether the entry matches every given condition of `data(type:host:status:rse:)`.
    func matches(type: String?, host: String?, status: String?, rse: String?) -> Bool {
        if let type, self.type != type { return false }
        if let host, self.host != host { return false }
        if let status, self.status != status { return false }
        if let rse, !(isRucio && (rses ?? []).contains(rse)) { return false }
        return true
    }

    public func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "type": .json(.string(type ?? ""))
        case "host": .json(.string(host ?? ""))
        case "location": .json(entry["location"].stringJSON)
        case "status": .json(entry["status"].stringJSON)
        case "checksum": .json(entry["checksum"].stringJSON)
        case "checksumProblem": .json(.bool(entry["checksumproblem"] == .bool(true)))
        case "creationTime": .json((entry["creation_time"] ?? entry["time"]).dateTimeJSON)
        case "creationPlace": .json(entry["creation_place"].stringJSON)
        case "paxVersion": .json(entry["pax_version"].stringJSON)
        case "paxHash": .json(entry["pax_hash"].stringJSON)
        case "lineageHash": .json(lineageHash.map(JSONValue.string) ?? .null)
        case "did": .json(entry["did"].stringJSON)
        case "rse": .json(rses.map { .list($0.map(JSONValue.string)) } ?? .null)
        case "ruleInfo":
            .json(entry["rule_info"]?.arrayValue.map { .list($0.compactMap(\.stringValue).map(JSONValue.string)) } ?? .null)
        case "protocol": .json(entry["protocol"].stringJSON)
        case "sizeBytes": .json(sizeBytes.map(JSONValue.double) ?? .null)
        case "fileCount": .json((entry["file_count"] ?? entry["n_chunks"]).intJSON)
        case "isRucio": .json(.bool(isRucio))
        case "meta": .json(entry["meta"]?.jsonValue ?? .null)
        case "raw": .json(.object(entry.jsonObject))
        default: nil
        }
    }

    /// The `data` list of a run document as values (non-document items are skipped).
    static func list(_ value: BSONValue?) -> [DataLocationValue] {
        guard case .array(let items)? = value else { return [] }
        return items.compactMap { if case .document(let d) = $0 { DataLocationValue(entry: d) } else { nil } }
    }
}

/// An element of `deleted_data`: the entry as it was, plus who removed it and when (admix
/// writes `at`/`by`, amstrax `deleted_at`/`deleted_by`).
public struct DeletedDataLocationValue: FieldValueContainer, TypeNamed {
    public let stored: BSONDocument

    public init(stored: BSONDocument) { self.stored = stored }

    public var graphQLTypeName: String { "DeletedDataLocation" }

    static let removalKeys: Set<String> = ["at", "by", "deleted_at", "deleted_by", "reason"]

    public func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "entry": .container(DataLocationValue(entry: BSONDocument(stored.filter { !Self.removalKeys.contains($0.0) })))
        case "at": .json((stored["at"] ?? stored["deleted_at"]).dateTimeJSON)
        case "by": .json((stored["by"] ?? stored["deleted_by"]).stringJSON)
        case "reason": .json(stored["reason"].stringJSON)
        default: nil
        }
    }

    static func list(_ value: BSONValue?) -> FieldValue {
        guard case .array(let items)? = value else { return .list([]) }
        return .list(items.compactMap { if case .document(let d) = $0 { .container(DeletedDataLocationValue(stored: d)) } else { nil } })
    }
}
