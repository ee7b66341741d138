// Rows of "Run" and "Dataset" as GraphQL values: the default resolver reads their fields by
// name, so only fields with arguments or loads need resolvers of their own.

import Foundation
import GraphQLKit

/// A "Run" row, with only the columns the query selected.
struct CmsRunValue: FieldValueContainer, TypeNamed {
    let number: Int
    let oms: JSONObject?
    let rr: JSONObject?
    /// The online dataset's `triplet_summary`, when selected.
    let tripletSummary: JSONObject?
    /// The run's datasets, when they were read with it in one statement (`CMSNestedRead`).
    var datasets: PrefetchedDatasets? = nil

    var graphQLTypeName: String { "CmsRun" }

    func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "id": .json(.string(CMSValues.globalID("CmsRun", "\(number)")))
        case "experiment": .json(.string("CMS"))
        case "number": .json(.int(number))
        case "start": CMSValues.dateTime(oms?["start_time"])
        case "end": CMSValues.dateTime(oms?["end_time"])
        case "tags": .list([])
        case "class": CMSValues.text(rr?["class"])
        case "state": CMSValues.text(rr?["state"]).flatMap { v in
            if case .json(.string(let s)) = v, ["OPEN", "SIGNOFF", "COMPLETED"].contains(s) { v } else { nil }
        }
        case "significant": .json(.bool(rr?["significant"] == .bool(true)))
        case "stopReason": CMSValues.text(rr?["stop_reason"])
        case "energy": CMSValues.float(oms?["energy"])
        case "bField": CMSValues.float(oms?["b_field"])
        case "fillNumber": CMSValues.int(oms?["fill_number"])
        case "hltKey": CMSValues.text(oms?["hlt_key"])
        case "lsDuration": CMSValues.int(oms?["ls_duration"])
        case "omsAttributes": .json(.object(oms ?? JSONObject()))
        case "rrAttributes": .json(.object(rr ?? JSONObject()))
        default: nil
        }
    }
}

/// A "Dataset" row, with only the columns the query selected.
struct CmsDatasetValue: FieldValueContainer, TypeNamed {
    let key: DatasetKey
    let attributes: JSONObject?
    let inGui: [JSONValue]?
    let tripletSummary: JSONObject?
    /// The run, when the dataset was reached from it (saves loading it again).
    let run: CmsRunValue?
    /// The merged RR lumisections, when they were read with the dataset in one statement.
    var lumisections: DatasetLumisections? = nil

    var graphQLTypeName: String { "CmsDataset" }

    func fieldValue(forKey field: String) -> FieldValue? {
        switch field {
        case "id": .json(.string(CMSValues.globalID("CmsDataset", "\(key.runNumber):\(key.name)")))
        case "runNumber": .json(.int(key.runNumber))
        case "name": .json(.string(key.name))
        case "attributes": .json(.object(attributes ?? JSONObject()))
        case "datasetsInGui": .json(.list((inGui ?? []).filter { if case .string = $0 { true } else { false } }))
        case "appearedIn":
            if case .list(let items)? = attributes?["appeared_in"] {
                .json(.list(items.filter { if case .string = $0 { true } else { false } }))
            } else {
                .json(.list([]))
            }
        case "states": .json(.list(states))
        default: nil
        }
    }

    /// `<workspace>_state` attributes as WorkspaceState values, by workspace name.
    var states: [JSONValue] {
        guard let attributes else { return [] }
        var out: [(String, JSONValue)] = []
        for m in attributes.members where m.key.hasSuffix("_state") {
            guard case .string(let raw) = m.value else { continue }
            let workspace = String(m.key.dropLast("_state".count))
            out.append((workspace, .object([
                "workspace": .string(workspace), "state": CMSValues.datasetStateEnum(raw).map(JSONValue.string) ?? .null,
                "rawState": .string(raw),
            ])))
        }
        return out.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

enum CMSValues {
    /// RunQL's global id (`Query.node` routes it to `CMSRegistry.nodeFetchers` by type name).
    static func globalID(_ type: String, _ key: String) -> String { GlobalID(typeName: type, key: key).encoded }

    static func text(_ value: JSONValue?) -> FieldValue? {
        if case .string(let s)? = value { return .json(.string(s)) }
        return nil
    }

    static func float(_ value: JSONValue?) -> FieldValue? {
        switch value {
        case .double(let d)?: .json(.double(d))
        case .int(let i)?: .json(.double(Double(i)))
        default: nil
        }
    }

    static func int(_ value: JSONValue?) -> FieldValue? {
        switch value {
        case .int(let i)? where Int32(exactly: i) != nil: .json(.int(i))
        case .double(let d)? where d.rounded() == d && abs(d) < 2_147_483_648: .json(.int(Int(d)))
        default: nil
        }
    }

    /// An OMS timestamp as the DateTime scalar writes it (`2018-05-01T12:00:00.000Z`).
    static func dateTime(_ value: JSONValue?) -> FieldValue? {
        // OMS writes `2018-05-01T12:00:00Z`: add the milliseconds without parsing.
        if case .string(let s)? = value, s.utf8.count == 20, s.hasSuffix("Z"), Array(s.utf8)[10] == UInt8(ascii: "T") {
            return .json(.string(String(s.dropLast()) + ".000Z"))
        }
        guard let date = date(from: value ?? .null) else { return nil }
        return .json(.string(PostgresTextFormat.formatTimestamp(date)))
    }

    /// RFC 3339 (with or without fractional seconds or offset), a date alone, or epoch milliseconds.
    static func date(from value: JSONValue) -> Date? {
        switch value {
        case .int(let ms): return Date(timeIntervalSince1970: Double(ms) / 1000)
        case .double(let ms): return ms.isFinite ? Date(timeIntervalSince1970: ms / 1000) : nil
        case .string(let s):
            for formatter in formatters { if let d = formatter.date(from: s) { return d } }
            return PostgresTextFormat.parseTimestamp(s)
        default: return nil
        }
    }

    /// RFC 3339 with and without fractional seconds, then a date alone. ISO8601DateFormatter is
    /// thread-safe; it is only not marked Sendable.
    nonisolated(unsafe) static let formatters: [ISO8601DateFormatter] = {
        let fraction = ISO8601DateFormatter()
        fraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return [ISO8601DateFormatter(), fraction, day]
    }()

    static func datasetStateEnum(_ raw: String) -> String? {
        switch raw {
        case "waiting dqm gui": "WAITING_DQM_GUI"
        case "OPEN", "SIGNOFF", "COMPLETED": raw
        default: nil
        }
    }

    static func storedDatasetState(_ enumValue: String) -> String { enumValue == "WAITING_DQM_GUI" ? "waiting dqm gui" : enumValue }

    /// A `triplet_summary` object as ComponentSummary values, optionally for some components only.
    static func summaries(_ summary: JSONObject?, components: [String]?) -> FieldValue {
        guard let summary else { return .list([]) }
        var out: [FieldValue] = []
        for m in summary.members {
            if let components, !components.contains(m.key) { continue }
            guard case .object(let o) = m.value else { continue }
            var counts: [JSONValue] = []
            var comments: [JSONValue] = [], causes: [JSONValue] = []
            for c in o.members {
                switch (c.key, c.value) {
                case ("comments", .list(let items)): comments = items.filter { if case .string = $0 { true } else { false } }
                case ("causes", .list(let items)): causes = items.filter { if case .string = $0 { true } else { false } }
                case (_, .int(let n)):
                    counts.append(.object([
                        "status": Triplet(status: c.key).statusEnumValue.map(JSONValue.string) ?? .null,
                        "rawStatus": .string(c.key), "count": .int(n),
                    ]))
                default: continue
                }
            }
            // jsonb orders keys by length; clients get RR's status order instead.
            counts.sort { statusRank($0) < statusRank($1) }
            out.append(.json(.object(["component": .string(m.key), "counts": .list(counts), "comments": .list(comments), "causes": .list(causes)])))
        }
        return .list(out)
    }

    static let statusOrder = ["GOOD", "BAD", "STANDBY", "EXCLUDED", "NOTSET", "NO VALUE FOUND", "EMPTY"]

    private static func statusRank(_ count: JSONValue) -> Int {
        guard case .object(let o) = count, case .string(let raw)? = o["rawStatus"] else { return statusOrder.count }
        return statusOrder.firstIndex(of: raw) ?? statusOrder.count
    }

    static func componentTriplet(_ component: String, _ triplet: Triplet) -> FieldValue {
        let parts = component.split(separator: "-", maxSplits: 1).map(String.init)
        return .json(.object([
            "component": .string(component), "workspace": .string(parts.first ?? component), "column": .string(parts.count > 1 ? parts[1] : ""),
            "triplet": triplet.fieldValue.jsonValue ?? .null,
        ]))
    }

    /// `triplets` holds every component of the dataset (EMPTY where unassigned), so a requested
    /// component missing from it is one the dataset does not have: left out, as tripletSummary does.
    static func componentTriplets(_ triplets: [String: Triplet], only components: [String]?) -> FieldValue {
        let names = components ?? triplets.keys.sorted()
        return .list(names.compactMap { name in triplets[name].map { componentTriplet(name, $0) } })
    }
}
