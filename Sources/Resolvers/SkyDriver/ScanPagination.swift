// Pages over `/scans/find`, which has neither sort nor paging: the matching manifests are
// ordered here, newest first (timestamp, then scan id, both descending), and a cursor holds
// the position of its scan (timestamp and id), so a page stays right while new scans arrive.

import Foundation
import GraphQLKit

struct ScanCursor: Sendable, Hashable {
    let timestamp: Double
    let scanID: String

    static let maxPageSize = 1000
    static let defaultPageSize = 50
    private static let tag = "scan|v1|"

    init(timestamp: Double, scanID: String) {
        self.timestamp = timestamp
        self.scanID = scanID
    }

    init(_ scan: ScanValue) {
        self.init(timestamp: scan.manifest["timestamp"]?.asDouble ?? 0, scanID: scan.scanID)
    }

    var encoded: String { base64URLEncoded(Data((Self.tag + String(timestamp) + "|" + scanID).utf8)) }

    init(decoding text: String) throws(GraphQLError) {
        let invalid = RegistryError.badUserInput("Invalid cursor in `after`: pass an endCursor or edge cursor from `scans`.")
        guard let data = base64URLDecoded(text), let plain = String(data: data, encoding: .utf8), plain.hasPrefix(Self.tag) else { throw invalid }
        let parts = plain.dropFirst(Self.tag.count).split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let t = Double(parts[0]), t.isFinite else { throw invalid }
        self.init(timestamp: t, scanID: String(parts[1]))
    }

    /// Whether `self` comes before `other` in the page order (newest first).
    func precedes(_ other: ScanCursor) -> Bool {
        timestamp != other.timestamp ? timestamp > other.timestamp : scanID > other.scanID
    }
}

struct ScanConnectionValue: FieldValueContainer {
    let page: [ScanValue]
    let totalCount: Int
    let hasNextPage: Bool
    let hasPreviousPage: Bool

    /// The page of `manifests` after `after`, at most `first` long.
    init(manifests: [JSONObject], first: Int?, after: String?) throws(GraphQLError) {
        let size = first ?? ScanCursor.defaultPageSize
        guard (0...ScanCursor.maxPageSize).contains(size) else {
            throw RegistryError.badUserInput("`first` must be between 0 and \(ScanCursor.maxPageSize).")
        }
        let start = try after.map { text throws(GraphQLError) in try ScanCursor(decoding: text) }
        let sorted = manifests.map { ScanValue(manifest: $0) }
            .map { (ScanCursor($0), $0) }
            .sorted { $0.0.precedes($1.0) }
        let remaining = start.map { s in sorted.filter { s.precedes($0.0) } } ?? sorted
        page = remaining.prefix(size).map(\.1)
        totalCount = sorted.count
        hasNextPage = remaining.count > size
        hasPreviousPage = start != nil
    }

    func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "nodes": .list(page.map(FieldValue.container))
        case "edges": .list(page.map { .container(ScanEdgeValue(scan: $0)) })
        case "totalCount": .json(.int(totalCount))
        case "pageInfo":
            .json(.object([
                "hasNextPage": .bool(hasNextPage), "hasPreviousPage": .bool(hasPreviousPage),
                "startCursor": page.first.map { .string(ScanCursor($0).encoded) } ?? .null,
                "endCursor": page.last.map { .string(ScanCursor($0).encoded) } ?? .null,
            ]))
        default: nil
        }
    }
}

/// `{cursor, node}` of one scan in a page.
struct ScanEdgeValue: FieldValueContainer {
    let scan: ScanValue

    func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "cursor": .json(.string(ScanCursor(scan).encoded))
        case "node": .container(scan)
        default: nil
        }
    }
}
