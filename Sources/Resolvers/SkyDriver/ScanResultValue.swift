// A scan's result (skyreader's serialized SkyScanResult) as `ScanResult` and `SkymapNside`.
// Rows leave only through `rows(offset:, limit:)`: a final result is ~3,000 rows (~0.5 MB), so
// nothing ships them unless a query selects them, and then a page at a time.

import GraphQLKit

struct ScanResultValue: FieldValueContainer {
    let scanID: String
    let isFinal: Bool
    let nsides: [SkymapNsideValue]

    /// nil for SkyDriver's "no result" answer (`{}`).
    init?(_ result: JSONObject) {
        guard let skyscan = result["skyscan_result"]?.asObject else { return nil }
        scanID = result["scan_id"]?.asString ?? ""
        isFinal = result["is_final"]?.asBool ?? false
        nsides = skyscan.members.compactMap { SkymapNsideValue(key: $0.key, $0.value) }.sorted { $0.nside < $1.nside }
    }

    func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "scanId": .json(.string(scanID))
        case "isFinal": .json(.bool(isFinal))
        case "nsides": .list(nsides.map(FieldValue.container))
        default: nil
        }
    }
}

struct SkymapNsideValue: FieldValueContainer {
    /// skyreader's marker for NaN (≥ 1.4.7); JSON has no NaN.
    static let nanMarker = "<skyreader.nan>"
    static let maxLimit = 10_000

    let nside: Int
    let columns: [JSONValue]
    let metadata: JSONObject
    let rows: [JSONValue]

    /// `"nside-8": {columns, metadata, data}`; the nside from the metadata, else from the key.
    init?(key: String, _ value: JSONValue) {
        guard let object = value.asObject else { return nil }
        let metadata = object["metadata"]?.asObject ?? [:]
        guard let nside = metadata["nside"]?.asInt ?? Int(key.split(separator: "-").last ?? "") else { return nil }
        self.nside = nside
        self.metadata = metadata
        columns = (object["columns"]?.asList ?? []).filter { $0.asString != nil }
        rows = object["data"]?.asList ?? []
    }

    func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "nside": .json(nside.int32JSON)
        case "columns": .json(.list(columns))
        case "metadata": .json(.object(metadata))
        case "complete": .json(metadata["complete"].boolJSON)
        case "rowCount": .json(.int(rows.count))
        default: nil
        }
    }

    /// Rows `offset ..< offset + limit`, numbers as floats, NaN markers (and anything else that
    /// is not a number) as null.
    func page(offset: Int, limit: Int) throws(GraphQLError) -> JSONValue {
        guard offset >= 0 else { throw RegistryError.badUserInput("rows(offset:) must be 0 or more.") }
        guard (0...Self.maxLimit).contains(limit) else {
            throw RegistryError.badUserInput("rows(limit:) must be between 0 and \(Self.maxLimit).")
        }
        guard offset < rows.count else { return .list([]) }
        let slice = rows[offset..<min(rows.count, offset + limit)]
        return .list(slice.map { row in
            .list((row.asList ?? []).map { cell in cell.asDouble.map(JSONValue.double) ?? .null })
        })
    }

}

private extension Int {
    var int32JSON: JSONValue { Int32(exactly: self) != nil ? .int(self) : .null }
}
