// Fills RR's tables with deterministic 2018-like demo data, written the way RR writes it:
// Version rows (who, why), events (run, dataset, lumisection, OMS lumisection) and the
// lumisection JSON deduplicated by SHA-1; then the materialised "Run", "Dataset" and
// "DatasetTripletCache" rows derived from those events exactly as RR derives them.
// Everything happens in one transaction with one multi-row statement per table.

import Foundation
import GraphQLKit

/// What `CMSSeeder.seed` wrote.
public struct CMSSeedReport: Sendable, Hashable, CustomStringConvertible {
    public var runs: Int
    public var datasets: Int
    public var lumisections: Int
    public var versions: Int
    public var events: Int
    public var lumisectionAssignations: Int
    public var omsLumisectionAssignations: Int
    public var deduplicatedDocuments: Int
    public var seconds: Double

    public var description: String {
        "CMS Run Registry: \(runs) runs, \(datasets) datasets, \(lumisections) lumisections, \(versions) versions, \(events) events, "
            + "\(lumisectionAssignations) RR and \(omsLumisectionAssignations) OMS lumisection assignations, "
            + "\(deduplicatedDocuments) JSON documents in \(String(format: "%.2f", seconds)) s"
    }
}

/// Why seeding was refused.
public struct CMSSeedError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
}

/// Writes the demo Run Registry. Apply `CMSMigrations.apply` first.
public struct CMSSeeder: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) { self.pool = pool }

    /// Every RR table this seeder writes, children first.
    static let tables = [
        "CycleDataset", "Cycle", "DatasetsAccepted", "WorkspaceColumn", "Workspace", "DatasetTripletCache", "Dataset", "Run",
        "OMSLumisectionEventAssignation", "OMSLumisectionEvent", "LumisectionEventAssignation", "LumisectionEvent",
        "JSONBDeduplication", "DatasetEvent", "RunEvent", "Event", "Version",
    ]

    /// Seeds about 84 runs per unit of `scale` (2018 eras, ~490 lumisections each on average).
    /// With `reset`, the RR tables are emptied and their id sequences restarted first, so the same
    /// scale always gives identical rows; without it, the data is added after what is there and a
    /// run that already exists is refused.
    public func seed(scale: Int = 1, reset: Bool = true) async throws -> CMSSeedReport {
        guard (1...1000).contains(scale) else { throw CMSSeedError(description: "scale must be between 1 and 1000, got \(scale).") }
        let started = Date()
        let plan = SeedPlan.build(scale: scale)
        let counts = try await pool.transaction(timeout: 600) { tx throws(PostgresError) in
            try Self.write(plan, reset: reset, tx)
        }
        if let clash = counts.existingRun {
            throw CMSSeedError(description: "run \(clash) is already in the registry: seed with reset, or into empty tables.")
        }
        var report = counts.report
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    private static func ints(_ values: [Int]) -> PostgresValue { .array(values.map { .int($0) }) }
    private static func texts(_ values: [String]) -> PostgresValue { .array(values.map { .text($0) }) }
    private static func jsons(_ values: [JSONValue]) -> PostgresValue { .array(values.map { .text($0.jsonString) }) }
    private static func bools(_ values: [Bool]) -> PostgresValue { .array(values.map { .bool($0) }) }

    /// What one transaction wrote; `existingRun` when it refused to write.
    private struct Written: Sendable {
        var report = CMSSeedReport(runs: 0, datasets: 0, lumisections: 0, versions: 0, events: 0, lumisectionAssignations: 0,
                                   omsLumisectionAssignations: 0, deduplicatedDocuments: 0, seconds: 0)
        var existingRun: Int?
    }

    private static func write(_ plan: SeedPlan, reset: Bool, _ tx: PostgresTransaction) throws(PostgresError) -> Written {
        if reset {
            try tx.query("TRUNCATE " + tables.map { "\"\($0)\"" }.joined(separator: ", ") + " RESTART IDENTITY")
        } else {
            let clash = try tx.query(#"SELECT run_number FROM "Run" WHERE run_number = ANY($1::int[]) LIMIT 1"#, [ints(plan.runNumbers)])
            // Nothing written yet: report the clash after the (empty) transaction ends.
            if let run = clash.rows.first?[0].intValue { return Written(existingRun: run) }
        }
        // Ids continue after what is there (nothing, after a reset).
        let base = try tx.query(#"SELECT (SELECT coalesce(max(atomic_version), 0) FROM "Version"), (SELECT coalesce(max(version), 0) FROM "Event")"#)
        let versionBase = (base.rows.first?[0].intValue ?? 0) + 1
        let eventBase = (base.rows.first?[1].intValue ?? 0) + 1

        try tx.query("""
            INSERT INTO "Version" (atomic_version, "by", comment, "createdAt", "updatedAt")
            SELECT v, b, c, t, t FROM unnest($1::int[], $2::text[], $3::text[], $4::timestamptz[]) AS x (v, b, c, t)
            """, [ints(plan.versions.indices.map { $0 + versionBase }), texts(plan.versions.map(\.by)), texts(plan.versions.map(\.comment)),
                  .array(plan.versions.map { .timestamp($0.createdAt) })])
        try tx.query(#"INSERT INTO "Event" (version, atomic_version) SELECT * FROM unnest($1::int[], $2::int[])"#,
                     [ints(plan.eventVersion.indices.map { $0 + eventBase }), ints(plan.eventVersion.map { $0 + versionBase })])
        try tx.query(#"SELECT setval(pg_get_serial_sequence('"Version"', 'atomic_version'), (SELECT max(atomic_version) FROM "Version"))"#)
        try tx.query(#"SELECT setval(pg_get_serial_sequence('"Event"', 'version'), (SELECT max(version) FROM "Event"))"#)

        try tx.query("""
            INSERT INTO "RunEvent" (version, run_number, oms_metadata, rr_metadata, deleted, manual_change)
            SELECT v, r, o::jsonb, m::jsonb, false, c FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::bool[]) AS x (v, r, o, m, c)
            """, [ints(plan.runEvents.map { $0.event + eventBase }), ints(plan.runEvents.map(\.run)),
                  jsons(plan.runEvents.map { .object($0.oms) }), jsons(plan.runEvents.map { .object($0.rr) }), bools(plan.runEvents.map(\.manual))])
        try tx.query("""
            INSERT INTO "DatasetEvent" (version, run_number, name, dataset_metadata, datasets_in_gui, deleted)
            SELECT v, r, n, m::jsonb, g::jsonb, false FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[]) AS x (v, r, n, m, g)
            """, [ints(plan.datasetEvents.map { $0.event + eventBase }), ints(plan.datasetEvents.map(\.run)), texts(plan.datasetEvents.map(\.name)),
                  jsons(plan.datasetEvents.map { .object($0.metadata) }), jsons(plan.datasetEvents.map { .list($0.inGui.map(JSONValue.string)) })])

        // Deduplicated JSON: an identical document already stored is reused through its hash.
        try tx.query("""
            INSERT INTO "JSONBDeduplication" (jsonb, unique_hash)
            SELECT j::jsonb, h FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x (j, h, o) ORDER BY o
            ON CONFLICT (unique_hash) DO NOTHING
            """, [texts(plan.documents.map(\.text)), texts(plan.documents.map(\.hash))])
        let stored = try tx.query(#"SELECT unique_hash, id FROM "JSONBDeduplication" WHERE unique_hash = ANY($1::text[])"#,
                                  [texts(plan.documents.map(\.hash))])
        var idByHash: [String: Int] = [:]
        for row in stored.rows { if let h = row[0].stringValue, let id = row[1].intValue { idByHash[h] = id } }
        let documentID = plan.documents.map { idByHash[$0.hash] ?? 0 }

        try tx.query("""
            INSERT INTO "LumisectionEvent" (version, run_number, name, lumisection_metadata_id, manual_change)
            SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::bool[])
            """, [ints(plan.lumisectionEvents.map { $0.event + eventBase }), ints(plan.lumisectionEvents.map(\.run)),
                  texts(plan.lumisectionEvents.map(\.name)), ints(plan.lumisectionEvents.map { documentID[$0.document] }),
                  bools(plan.lumisectionEvents.map(\.manual))])
        try tx.query(#"INSERT INTO "LumisectionEventAssignation" (version, lumisection_number) SELECT * FROM unnest($1::int[], $2::int[])"#,
                     [ints(plan.lumisectionAssignations.map { $0.event + eventBase }), ints(plan.lumisectionAssignations.map(\.number))])
        try tx.query("""
            INSERT INTO "OMSLumisectionEvent" (version, run_number, name, lumisection_metadata_id)
            SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::int[])
            """, [ints(plan.omsEvents.map { $0.event + eventBase }), ints(plan.omsEvents.map(\.run)),
                  texts(plan.omsEvents.map(\.name)), ints(plan.omsEvents.map { documentID[$0.document] })])
        try tx.query(#"INSERT INTO "OMSLumisectionEventAssignation" (version, lumisection_number) SELECT * FROM unnest($1::int[], $2::int[])"#,
                     [ints(plan.omsAssignations.map { $0.event + eventBase }), ints(plan.omsAssignations.map(\.number))])

        try materialise(plan, tx)
        try writeConfiguration(plan, tx)

        return Written(report: CMSSeedReport(
            runs: plan.runNumbers.count, datasets: plan.datasets.count,
            lumisections: plan.dcs.filter { $0.key.name == "online" }.values.reduce(0) { $0 + Self.lastLumisection($1) },
            versions: plan.versions.count, events: plan.eventVersion.count,
            lumisectionAssignations: plan.lumisectionAssignations.count, omsLumisectionAssignations: plan.omsAssignations.count,
            deduplicatedDocuments: plan.documents.count, seconds: 0))
    }

    private static func lastLumisection(_ dcs: SeedPlan.DCS) -> Int {
        if case .object(let o) = dcs.summary, case .object(let d)? = o["ls_duration"], case .int(let n)? = d["TRUE"] { return n }
        return 0
    }

    /// "Run", "Dataset" and "DatasetTripletCache" as RR derives them from the events.
    private static func materialise(_ plan: SeedPlan, _ tx: PostgresTransaction) throws(PostgresError) {
        let runs = ints(plan.runNumbers)
        try tx.query("""
            INSERT INTO "Run" (run_number, oms_attributes, rr_attributes, version, deleted)
            SELECT run_number, mergejsonb(oms_metadata ORDER BY version), mergejsonb(rr_metadata ORDER BY manual_change, version),
                   max(version), false
            FROM "RunEvent" WHERE run_number = ANY($1::int[]) GROUP BY run_number
            """, [runs])
        try tx.query("""
            INSERT INTO "Dataset" (run_number, name, dataset_attributes, datasets_in_gui, deleted, version)
            SELECT e.run_number, e.name, mergejsonb(e.dataset_metadata ORDER BY e.version),
                   coalesce((SELECT jsonb_agg(DISTINCT g ORDER BY g) FROM "DatasetEvent" e2, jsonb_array_elements(e2.datasets_in_gui) g
                             WHERE e2.run_number = e.run_number AND e2.name = e.name), '[]'::jsonb),
                   false, max(e.version)
            FROM "DatasetEvent" e WHERE e.run_number = ANY($1::int[]) GROUP BY e.run_number, e.name
            """, [runs])
        // The RR cache is computed from the events by the same merge the read side uses.
        let merged = try tx.query(LumisectionStore.rrRangesSQL, LumisectionStore.keyArrays(plan.datasets))
        let lumisections = LumisectionStore.datasets(from: merged, keys: plan.datasets)
        let keys = plan.datasets
        let caches = keys.map { lumisections[$0] ?? DatasetLumisections(merged: []) }
        let dcs = keys.map { plan.dcs[$0] }
        try tx.query("""
            INSERT INTO "DatasetTripletCache" (run_number, name, triplet_summary, dcs_summary, rr_ranges, dcs_ranges,
                                               brilcalc_recorded_luminosity, brilcalc_delivered_luminosity, version)
            SELECT x.r, x.n, x.ts::jsonb, x.ds::jsonb, x.rr::jsonb, x.dr::jsonb, x.rec, x.del, d.version
            FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[])
                 AS x (r, n, ts, ds, rr, dr, rec, del)
            JOIN "Dataset" d ON d.run_number = x.r AND d.name = x.n
            """, [ints(keys.map(\.runNumber)), texts(keys.map(\.name)), jsons(caches.map(\.summaryJSON)),
                  jsons(dcs.map { $0?.summary ?? .object([:]) }), jsons(caches.map(\.rangesJSON)), jsons(dcs.map { $0?.ranges ?? .object([:]) }),
                  .array(dcs.map { .double($0?.recorded ?? 0) }), .array(dcs.map { .double($0?.delivered ?? 0) })])
    }

    private static func writeConfiguration(_ plan: SeedPlan, _ tx: PostgresTransaction) throws(PostgresError) {
        let existing = try tx.query(#"SELECT count(*) FROM "Workspace""#)
        if existing.rows.first?[0].intValue == 0 {
            let workspaces = SeedCatalog.onlineWorkspaces.map { ($0.workspace, "online", $0.columns) }
                + SeedCatalog.offlineWorkspaces.map { ($0.workspace, "offline", $0.columns) }
            try tx.query("""
                WITH ws AS (
                    INSERT INTO "Workspace" (workspace, online_or_offline)
                    SELECT w, o FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x (w, o, i) ORDER BY i
                    RETURNING id, workspace, online_or_offline)
                INSERT INTO "WorkspaceColumn" (id_workspace, name)
                SELECT ws.id, c.name FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS c (w, o, name, i)
                JOIN ws ON ws.workspace = c.w AND ws.online_or_offline = c.o ORDER BY c.i
                """, [texts(workspaces.map(\.0)), texts(workspaces.map(\.1)),
                      texts(workspaces.flatMap { w in w.2.map { _ in w.0 } }), texts(workspaces.flatMap { w in w.2.map { _ in w.1 } }),
                      texts(workspaces.flatMap(\.2))])
            try tx.query("""
                INSERT INTO "DatasetsAccepted" (name, regexp, enabled, class, run_from, run_to)
                SELECT * FROM unnest($1::text[], $2::text[], $3::bool[], $4::text[], $5::int[], $6::int[])
                """, [texts(plan.accepted.map(\.name)), texts(plan.accepted.map(\.regexp)), bools(plan.accepted.map { _ in true }),
                      texts(plan.accepted.map(\.runClass)), ints(plan.accepted.map(\.from)), ints(plan.accepted.map(\.to))])
        }
        for cycle in plan.cycles {
            let id = try tx.query(#"INSERT INTO "Cycle" (cycle_name, cycle_attributes, deadline, deleted) VALUES ($1, $2::jsonb, $3, false) RETURNING id_cycle"#,
                                  [.text(cycle.name), .text(JSONValue.object(cycle.attributes).jsonString), .timestamp(cycle.deadline)])
            guard let cycleID = id.rows.first?[0].intValue else { continue }
            try tx.query("""
                INSERT INTO "CycleDataset" (id_cycle, run_number, name) SELECT $1::int, r, n FROM unnest($2::int[], $3::text[]) AS x (r, n)
                """, [.int(cycleID), ints(cycle.datasets.map(\.runNumber)), texts(cycle.datasets.map(\.name))])
        }
    }
}
