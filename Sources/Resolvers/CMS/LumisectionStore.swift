// Reads lumisections from RR's event tables the way RR merges them, for many datasets in one
// statement each:
// - RR lumisection n of (run, dataset) = mergejsonb of the JSON of that dataset's
//   LumisectionEvents assigned to n, ORDER BY manual_change, version: manual edits win over
//   automatic loads, later versions over earlier ones, one component at a time (shallow merge).
// - OMS lumisection n = the same over OMSLumisectionEvents of `name IN ('online', dataset)`
//   ORDER BY version, so offline datasets inherit the online bits and add their own overrides.
// The RR side comes back as maximal runs of identical merged objects (gaps-and-islands in SQL),
// so a 5,000-lumisection run costs a handful of rows, not 5,000.

import GraphQLKit

/// A dataset of a run: RR's primary key of "Dataset".
public struct DatasetKey: Hashable, Sendable, CustomStringConvertible {
    public var runNumber: Int
    public var name: String
    public init(runNumber: Int, name: String) {
        self.runNumber = runNumber
        self.name = name
    }
    public var description: String { "\(runNumber) \(name)" }
}

/// One OMS lumisection: its merged bits (and `recorded`/`delivered` luminosity where stored).
struct OMSLumisection: Hashable, Sendable {
    var number: Int
    var value: JSONObject
}

struct LumisectionStore: Sendable {
    let database: CMSDatabase

    /// Lumisections covered by the same events have the same merged value, so the JSON is
    /// merged once per distinct set of events, not once per lumisection or per range. The
    /// islands come from ranges, never from one row per lumisection: each event's assigned
    /// lumisections become maximal ranges (one pass over the assignations, which RR stores one
    /// row per lumisection), the ranges' ends cut each dataset into numbered pieces, each range
    /// covers the pieces between the numbers of its two ends (found by ranking, not by comparing
    /// every range with every piece, which is quadratic when a dataset has thousands of ranges),
    /// and adjacent pieces with the same events join into islands. Datasets are numbered first
    /// so that sorts and windows work on integers. Islands adjacent to each other may still merge
    /// to equal objects; `DatasetLumisections` joins those.
    static let rrRangesSQL = rrRanges(keys: "SELECT * FROM unnest($1::int[], $2::text[]) AS k (run_number, name)")

    /// `rrRangesSQL` over the datasets `keys` selects (columns `run_number`, `name`, no
    /// duplicates): also used in larger statements, with the keys of the datasets they read.
    static func rrRanges(keys: String) -> String {
        """
        WITH keys AS (\(keys)),
        numbered AS (SELECT row_number() OVER (ORDER BY run_number, name) AS d, run_number, name FROM keys),
        event_ranges AS (
            SELECT d, version, manual_change, min(ls) AS first_ls, max(ls) AS last_ls, row_number() OVER () AS range_id
            FROM (SELECT k.d, e.version, e.manual_change, a.lumisection_number AS ls,
                         a.lumisection_number - row_number() OVER (PARTITION BY e.version ORDER BY a.lumisection_number) AS grp
                  FROM numbered k
                  JOIN "LumisectionEvent" e ON e.run_number = k.run_number AND e.name = k.name
                  JOIN "LumisectionEventAssignation" a ON a.version = e.version
                  WHERE a.lumisection_number >= 1) t
            GROUP BY d, version, manual_change, grp),
        ranked AS (
            SELECT range_id, d, version, manual_change, at, dense_rank() OVER (PARTITION BY d ORDER BY at) AS piece
            FROM (SELECT range_id, d, version, manual_change, first_ls AS at FROM event_ranges
                  UNION ALL
                  SELECT range_id, d, version, manual_change, last_ls + 1 FROM event_ranges) b),
        pieces AS (
            SELECT d, piece, at AS first_ls, lead(at) OVER (PARTITION BY d ORDER BY piece) - 1 AS last_ls
            FROM (SELECT DISTINCT d, piece, at FROM ranked) p),
        covered AS (
            SELECT s.d, g.piece, array_agg(s.version ORDER BY s.manual_change, s.version) AS events
            FROM (SELECT d, version, manual_change, min(piece) AS first_piece, max(piece) AS end_piece
                  FROM ranked GROUP BY range_id, d, version, manual_change) s
            CROSS JOIN LATERAL generate_series(s.first_piece, s.end_piece - 1) AS g (piece)
            GROUP BY s.d, g.piece),
        islands AS (
            SELECT d, min(events) AS events, min(first_ls) AS first_ls, max(last_ls) AS last_ls
            FROM (SELECT c.*, sum(starts) OVER (PARTITION BY d ORDER BY first_ls) AS island
                  FROM (SELECT p.d, p.first_ls, p.last_ls, c.events,
                               CASE WHEN lag(p.last_ls) OVER w = p.first_ls - 1 AND lag(c.events) OVER w = c.events THEN 0 ELSE 1 END AS starts
                        FROM covered c JOIN pieces p ON p.d = c.d AND p.piece = c.piece
                        WINDOW w AS (PARTITION BY p.d ORDER BY p.first_ls)) c) t
            GROUP BY d, island),
        merged AS MATERIALIZED (
            SELECT d.events,
                   (SELECT mergejsonb(j.jsonb ORDER BY e.manual_change, e.version)
                    FROM "LumisectionEvent" e JOIN "JSONBDeduplication" j ON j.id = e.lumisection_metadata_id
                    WHERE e.version = ANY(d.events)) AS value
            FROM (SELECT DISTINCT events FROM islands) d)
        SELECT k.run_number, k.name, i.first_ls, i.last_ls, m.value
        FROM islands i JOIN merged m ON m.events = i.events JOIN numbered k ON k.d = i.d
        ORDER BY i.d, i.first_ls
        """
    }

    /// The merged RR lumisections of each dataset (datasets without events get no lumisections).
    func rrLumisections(_ keys: [DatasetKey]) async throws(GraphQLError) -> [DatasetKey: DatasetLumisections] {
        guard !keys.isEmpty else { return [:] }
        let result = try await database.query(Self.rrRangesSQL, Self.keyArrays(keys))
        return Self.datasets(from: result, keys: keys)
    }

    /// Groups the rows of `rrRangesSQL` by dataset; every key gets an entry.
    static func datasets(from result: PostgresResult, keys: [DatasetKey]) -> [DatasetKey: DatasetLumisections] {
        var merged: [DatasetKey: [MergedRange]] = [:]
        for row in result.rows {
            guard let run = row[0].intValue, let name = row[1].stringValue,
                  let start = row[2].intValue, let end = row[3].intValue,
                  case .json(.object(let value)) = row[4] else { continue }
            merged[DatasetKey(runNumber: run, name: name), default: []].append(MergedRange(start: start, end: end, value: value))
        }
        var out: [DatasetKey: DatasetLumisections] = [:]
        for key in keys { out[key] = DatasetLumisections(merged: merged[key] ?? []) }
        return out
    }

    static let omsSQL = """
        WITH keys AS (SELECT * FROM unnest($1::int[], $2::text[]) AS k (run_number, name))
        SELECT k.run_number, k.name, a.lumisection_number AS ls, mergejsonb(j.jsonb ORDER BY e.version) AS value
        FROM keys k
        JOIN "OMSLumisectionEvent" e ON e.run_number = k.run_number AND e.name IN ('online', k.name)
        JOIN "OMSLumisectionEventAssignation" a ON a.version = e.version
        JOIN "JSONBDeduplication" j ON j.id = e.lumisection_metadata_id
        WHERE a.lumisection_number >= 1
        GROUP BY k.run_number, k.name, a.lumisection_number
        ORDER BY k.run_number, k.name, ls
        """

    /// The merged OMS lumisections of each dataset, in lumisection order (gaps are absent).
    func omsLumisections(_ keys: [DatasetKey]) async throws(GraphQLError) -> [DatasetKey: [OMSLumisection]] {
        guard !keys.isEmpty else { return [:] }
        let result = try await database.query(Self.omsSQL, Self.keyArrays(keys))
        var out: [DatasetKey: [OMSLumisection]] = [:]
        for key in keys { out[key] = [] }
        for row in result.rows {
            guard let run = row[0].intValue, let name = row[1].stringValue, let n = row[2].intValue,
                  case .json(.object(let value)) = row[3] else { continue }
            out[DatasetKey(runNumber: run, name: name), default: []].append(OMSLumisection(number: n, value: value))
        }
        return out
    }

    static func keyArrays(_ keys: [DatasetKey]) -> [PostgresValue] {
        [.array(keys.map { .int($0.runNumber) }), .array(keys.map { .text($0.name) })]
    }
}

/// OMS ranges: maximal runs of lumisections with identical bits. As RR does, only the OMS
/// whitelist counts (luminosity would split every range); a gap starts a new range.
enum OMSRanges {
    static let luminosityKeys: Set<String> = ["recorded", "delivered", "recorded_lumi", "delivered_lumi"]

    static func ranges(_ lumisections: [OMSLumisection]) -> [(start: Int, end: Int, bits: JSONObject)] {
        var out: [(start: Int, end: Int, bits: JSONObject)] = []
        for ls in lumisections {
            let bits = JSONObject(ls.value.members.filter { !luminosityKeys.contains($0.key) })
            if let last = out.last, last.end + 1 == ls.number, last.bits == bits {
                out[out.count - 1].end = ls.number
            } else {
                out.append((ls.number, ls.number, bits))
            }
        }
        return out
    }
}
