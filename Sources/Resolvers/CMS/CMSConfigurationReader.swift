// Cycles and accepted-dataset rules: RR's configuration tables, read whole (they are small).

import GraphQLKit

struct CMSConfigurationReader: Sendable {
    let database: CMSDatabase

    func cycles() async throws(GraphQLError) -> [FieldValue] {
        let result = try await database.query(
            #"SELECT id_cycle, cycle_name, cycle_attributes, deadline FROM "Cycle" WHERE NOT deleted ORDER BY id_cycle DESC"#)
        return result.rows.compactMap { row in
            guard let id = row[0].intValue, let name = row[1].stringValue else { return nil }
            var deadline: FieldValue = .null
            if case .timestamp(let d) = row[3] { deadline = .json(.string(PostgresTextFormat.formatTimestamp(d))) }
            let attributes: JSONValue = if case .json(let j) = row[2] { j } else { .object([:]) }
            return .container(FieldsValue(["id": .json(.int(id)), "name": .json(.string(name)), "attributes": .json(attributes), "deadline": deadline]))
        }
    }

    /// The datasets of each cycle, in one statement.
    func cycleDatasets(_ ids: [Int], columns: DatasetColumns) async throws(GraphQLError) -> [Int: [CmsDatasetValue]] {
        let result = try await database.query("""
            SELECT cd.id_cycle, \(columns.selectList("d")) FROM "CycleDataset" cd
            JOIN "Dataset" d ON d.run_number = cd.run_number AND d.name = cd.name AND NOT d.deleted
            WHERE cd.id_cycle = ANY($1::int[]) ORDER BY cd.id_cycle, d.run_number DESC, d.name
            """, [.array(ids.map { .int($0) })])
        var out: [Int: [CmsDatasetValue]] = [:]
        for row in result.rows {
            guard let id = row["id_cycle"]?.intValue, let dataset = CMSReader.datasetValue(row) else { continue }
            out[id, default: []].append(dataset)
        }
        return out
    }

    func datasetsAccepted() async throws(GraphQLError) -> [FieldValue] {
        let result = try await database.query(
            #"SELECT id, name, regexp, enabled, class, run_from, run_to FROM "DatasetsAccepted" ORDER BY id"#)
        return result.rows.map { row in
            .json(.object([
                "id": .int(row[0].intValue ?? 0), "name": .string(row[1].stringValue ?? ""), "regexp": .string(row[2].stringValue ?? ""),
                "enabled": .bool(row[3].boolValue ?? false), "class": .string(row[4].stringValue ?? ""),
                "runFrom": .int(row[5].intValue ?? 0), "runTo": .int(row[6].intValue ?? 0),
            ]))
        }
    }
}

/// A cycle's datasets, keyed for the loader.
struct CycleDatasetsRequest: Hashable, Sendable {
    var cycle: Int
    var columns: DatasetColumns
}
