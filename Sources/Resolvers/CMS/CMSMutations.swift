// Writes to the Run Registry the way RR writes: one "Version" row (who, comment) per action and
// events in it, then the materialised "Run", "Dataset" and "DatasetTripletCache" rows derived
// again from all events, all in one transaction. Nothing is overwritten, so history is kept.
// Rules and refusals follow RR (run.js moveRun, lumisection edits only while the run is OPEN,
// BAD needs a comment of at least 3 characters).

import Foundation
import GraphQLKit

struct CMSMutations: Sendable {
    let pool: PostgresPool
    let observer: (@Sendable (String) -> Void)?

    /// Online components that must be certified before a run leaves OPEN (RR config.js).
    static let certifiableOnline = [
        "castor-castor", "cms-cms", "csc-csc", "ctpps-ctpps", "dt-dt", "ecal-ecal", "ecal-es", "hcal-hcal", "hlt-hlt", "l1t-l1t",
        "l1t-l1tcalo", "l1t-l1tmu", "lumi-lumi", "rpc-rpc", "tracker-pixel", "tracker-strip",
    ]

    /// The longest comment or cause (UTF-8 bytes) a change may carry: RR's shifters write a
    /// sentence or two, and every lumisection edit keeps its text forever in the history.
    static let maximumTextBytes = 4096

    /// A refusal: the message is the client's to read.
    struct Refusal: Error { let message: String }

    /// Runs `body` in one transaction; a refusal becomes BAD_USER_INPUT. Every rule is checked
    /// before the first write, so a refused transaction has written nothing when it commits.
    private func write(_ body: @escaping @Sendable (Writer) throws -> Void) async throws {
        observer?("BEGIN")
        let outcome: Result<Void, Refusal>
        do {
            outcome = try await pool.transaction { (tx) throws(PostgresError) -> Result<Void, Refusal> in
                do {
                    try body(Writer(tx: tx))
                    return .success(())
                } catch let refusal as Refusal {
                    return .failure(refusal)
                } catch let error as PostgresError {
                    throw error
                } catch {
                    throw .invalidValue(String(describing: error))
                }
            }
        } catch {
            throw CMSError.database(error)
        }
        if case .failure(let refusal) = outcome { throw CMSError.badInput(refusal.message) }
    }

    // MARK: Runs

    func moveRun(_ run: Int, to state: String, by: String, comment: String?) async throws {
        try await write { w in
            let current = try w.lockRun(run)
            let runClass = current.rr["class"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? ""
            if state == "SIGNOFF" || state == "COMPLETED" {
                guard !runClass.isEmpty else { throw Refusal(message: "Run \(run) has no class; set one before moving it to \(state).") }
                let summary = try w.lumisections(DatasetKey(runNumber: run, name: "online")).summary
                var problems: [String] = []
                for component in Self.certifiableOnline {
                    guard let s = summary.first(where: { $0.component == component }) else { problems.append("\(component) (EMPTY)"); continue }
                    for status in ["EMPTY", "NO VALUE FOUND", ""] where s.count(status) > 0 {
                        problems.append("\(component) (\(status.isEmpty ? "empty status" : status) in \(s.count(status)) lumisections)")
                    }
                }
                guard problems.isEmpty else {
                    throw Refusal(message: "Run \(run) cannot be moved to \(state): certifiable online components are not certified everywhere: "
                        + problems.joined(separator: ", ") + ".")
                }
            }
            let version = try w.version(by: by, comment: comment ?? "move run to \(state)")
            try w.runEvent(version, run: run, rr: ["state": .string(state)])
            if state == "SIGNOFF" || state == "COMPLETED" { try w.createOfflineDatasets(version, run: run, runClass: runClass) }
            try w.materialiseRun(run)
        }
    }

    func markSignificant(_ run: Int, by: String, comment: String?) async throws {
        try await write { w in
            _ = try w.lockRun(run)
            let version = try w.version(by: by, comment: comment ?? "marked significant")
            try w.runEvent(version, run: run, rr: ["significant": .bool(true)])
            try w.materialiseRun(run)
        }
    }

    func changeClass(_ run: Int, to runClass: String, by: String, comment: String?) async throws {
        guard !runClass.trimmingCharacters(in: .whitespaces).isEmpty, runClass.count <= 100 else {
            throw CMSError.badInput("The class must be 1 to 100 characters.")
        }
        try await write { w in
            let current = try w.lockRun(run)
            try Self.requireOpen(current, run, action: "edited")
            let version = try w.version(by: by, comment: comment ?? "class changed to \(runClass)")
            try w.runEvent(version, run: run, rr: ["class": .string(runClass)])
            try w.materialiseRun(run)
        }
    }

    static func requireOpen(_ run: Writer.RunState, _ number: Int, action: String) throws {
        guard run.rr["state"] == .string("OPEN") else { throw Refusal(message: "Run must be in state OPEN to be \(action).") }
    }

    // MARK: Datasets

    func moveDataset(_ key: DatasetKey, workspace: String, to state: String, by: String, comment: String?) async throws {
        guard !workspace.isEmpty, workspace.count <= 64,
              workspace.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "_" }) else {
            throw CMSError.badInput("workspace must be a workspace name such as global or tracker.")
        }
        try await write { w in
            _ = try w.lockRun(key.runNumber)
            guard try w.datasetExists(key) else { throw Refusal(message: "Dataset \(key.name) of run \(key.runNumber) does not exist.") }
            // An unknown name would add a `<name>_state` no RR view shows; `global` is RR's own.
            if workspace != "global", try !w.workspaceExists(workspace) {
                let lower = workspace.lowercased()
                let known = lower != workspace ? try lower == "global" || w.workspaceExists(lower) : false
                let hint = known ? " Workspaces are lowercase: use \(lower)." : ""
                throw Refusal(message: "workspace \(workspace) is not a workspace of the registry.\(hint)")
            }
            let version = try w.version(by: by, comment: comment ?? "moved \(workspace) to \(state)")
            try w.datasetEvent(version, key, metadata: ["\(workspace)_state": .string(state)])
            try w.materialiseDataset(key)
        }
    }

    func editLumisections(_ key: DatasetKey, component: String, range: ClosedRange<Int>, triplet: Triplet, by: String) async throws {
        guard component.contains("-"), component.count <= 100 else {
            throw CMSError.badInput("component must be a {workspace}-{column} key such as dt-dt.")
        }
        for (name, text) in [("comment", triplet.comment), ("cause", triplet.cause)] where text.utf8.count > Self.maximumTextBytes {
            throw CMSError.badInput("\(name) is \(text.utf8.count) bytes; at most \(Self.maximumTextBytes) are kept.")
        }
        guard triplet.status != "EMPTY" else { throw CMSError.badInput("EMPTY cannot be set: RR only shows it where nothing is assigned.") }
        if triplet.status == "BAD" && triplet.comment.trimmingCharacters(in: .whitespaces).count < 3 {
            throw CMSError.badInput("A BAD lumisection range needs a comment of at least 3 characters.")
        }
        try await write { w in
            let run = try w.lockRun(key.runNumber)
            try Self.requireOpen(run, key.runNumber, action: "edited")
            guard try w.datasetExists(key) else { throw Refusal(message: "Dataset \(key.name) of run \(key.runNumber) does not exist.") }
            guard try w.componentExists(component) else {
                throw Refusal(message: "component \(component) is not a {workspace}-{column} of the Workspace and WorkspaceColumn tables.")
            }
            // An edit past the end would lengthen the run: RR edits only lumisections that exist.
            let last = try w.lastLumisection(key)
            guard range.upperBound <= last else {
                throw Refusal(message: "end \(range.upperBound) is past the last lumisection of run \(key.runNumber) (\(last)).")
            }
            let version = try w.version(by: by, comment: triplet.comment.isEmpty ? "\(component) set to \(triplet.status)" : triplet.comment)
            try w.lumisectionEvent(version, key, value: [component: triplet.json], range: range)
            try w.materialiseCache(key)
        }
    }
}


extension CMSMutations {
    struct Writer {
        let tx: PostgresTransaction

        struct RunState { var rr: JSONObject }

        /// Locks the run's row for the rest of the transaction.
        func lockRun(_ run: Int) throws -> RunState {
            let result = try tx.query(#"SELECT rr_attributes FROM "Run" WHERE run_number = $1::int AND NOT deleted FOR UPDATE"#, [.int(run)])
            guard let row = result.rows.first else { throw Refusal(message: "Run \(run) is not in the registry.") }
            if case .json(.object(let o)) = row[0] { return RunState(rr: o) }
            return RunState(rr: JSONObject())
        }

        func datasetExists(_ key: DatasetKey) throws -> Bool {
            try !tx.query(#"SELECT 1 FROM "Dataset" WHERE run_number = $1::int AND name = $2 AND NOT deleted"#,
                          [.int(key.runNumber), .text(key.name)]).rows.isEmpty
        }

        func workspaceExists(_ workspace: String) throws -> Bool {
            try !tx.query(#"SELECT 1 FROM "Workspace" WHERE workspace = $1 LIMIT 1"#, [.text(workspace)]).rows.isEmpty
        }

        /// Whether `component` is `{workspace}-{column}` of a row of "WorkspaceColumn" (online or
        /// offline; `_private` copies such as `tracker-track_private` are columns of their own there).
        func componentExists(_ component: String) throws -> Bool {
            try !tx.query("""
                SELECT 1 FROM "Workspace" w JOIN "WorkspaceColumn" c ON c.id_workspace = w.id
                WHERE w.workspace || '-' || c.name = $1 LIMIT 1
                """, [.text(component)]).rows.isEmpty
        }

        /// The dataset's last lumisection as the readers see it: the largest of the RR
        /// assignations (where `lumisections` stops), the OMS lumisections of the dataset and
        /// `online` (where the golden JSON stops) and the run's OMS `ls_duration`.
        func lastLumisection(_ key: DatasetKey) throws -> Int {
            let result = try tx.query("""
                SELECT (SELECT max(a.lumisection_number) FROM "LumisectionEvent" e
                        JOIN "LumisectionEventAssignation" a ON a.version = e.version
                        WHERE e.run_number = $1::int AND e.name = $2),
                       (SELECT max(a.lumisection_number) FROM "OMSLumisectionEvent" e
                        JOIN "OMSLumisectionEventAssignation" a ON a.version = e.version
                        WHERE e.run_number = $1::int AND e.name IN ('online', $2)),
                       (SELECT oms_attributes -> 'ls_duration' FROM "Run" WHERE run_number = $1::int)
                """, [.int(key.runNumber), .text(key.name)])
            guard let row = result.rows.first else { return 0 }
            var last = max(row[0].intValue ?? 0, row[1].intValue ?? 0)
            if case .json(let duration) = row[2], case .json(.int(let n))? = CMSValues.int(duration) { last = max(last, n) }
            return last
        }

        func version(by: String, comment: String) throws -> Int {
            let row = try tx.query(#"INSERT INTO "Version" ("by", comment) VALUES ($1, $2) RETURNING atomic_version"#, [.text(by), .text(comment)])
            guard let v = row.rows.first?[0].intValue else { throw PostgresError.invalidValue("no version") }
            return v
        }

        func event(_ atomicVersion: Int) throws -> Int {
            let row = try tx.query(#"INSERT INTO "Event" (atomic_version) VALUES ($1::int) RETURNING version"#, [.int(atomicVersion)])
            guard let v = row.rows.first?[0].intValue else { throw PostgresError.invalidValue("no event") }
            return v
        }

        func runEvent(_ atomicVersion: Int, run: Int, rr: JSONObject) throws {
            try tx.query("""
                INSERT INTO "RunEvent" (version, run_number, oms_metadata, rr_metadata, deleted, manual_change)
                VALUES ($1::int, $2::int, '{}', $3::jsonb, false, true)
                """, [.int(try event(atomicVersion)), .int(run), .json(.object(rr))])
        }

        func datasetEvent(_ atomicVersion: Int, _ key: DatasetKey, metadata: JSONObject) throws {
            try tx.query("""
                INSERT INTO "DatasetEvent" (version, run_number, name, dataset_metadata, datasets_in_gui, deleted)
                VALUES ($1::int, $2::int, $3, $4::jsonb, '[]', false)
                """, [.int(try event(atomicVersion)), .int(key.runNumber), .text(key.name), .json(.object(metadata))])
        }

        func lumisectionEvent(_ atomicVersion: Int, _ key: DatasetKey, value: JSONObject, range: ClosedRange<Int>) throws {
            let text = JSONValue.object(value).jsonString
            let document = try tx.query("""
                INSERT INTO "JSONBDeduplication" (jsonb, unique_hash) VALUES ($1::jsonb, $2)
                ON CONFLICT (unique_hash) DO UPDATE SET unique_hash = EXCLUDED.unique_hash RETURNING id
                """, [.json(.object(value)), .text(SHA1.hex(text.utf8))])
            guard let id = document.rows.first?[0].intValue else { throw PostgresError.invalidValue("no document") }
            let version = try event(atomicVersion)
            try tx.query("""
                INSERT INTO "LumisectionEvent" (version, run_number, name, lumisection_metadata_id, manual_change)
                VALUES ($1::int, $2::int, $3, $4::int, true)
                """, [.int(version), .int(key.runNumber), .text(key.name), .int(id)])
            // RR expands a range edit into one row per lumisection.
            try tx.query(#"INSERT INTO "LumisectionEventAssignation" (version, lumisection_number) SELECT $1::int, generate_series($2::int, $3::int)"#,
                         [.int(version), .int(range.lowerBound), .int(range.upperBound)])
        }

        /// Offline datasets for the run's class and number (DatasetsAccepted), all workspaces waiting.
        func createOfflineDatasets(_ atomicVersion: Int, run: Int, runClass: String) throws {
            let accepted = try tx.query("""
                SELECT a.name FROM "DatasetsAccepted" a
                WHERE a.enabled AND a.class = $1 AND $2::int BETWEEN a.run_from AND a.run_to
                  AND NOT EXISTS (SELECT 1 FROM "Dataset" d WHERE d.run_number = $2::int AND d.name = a.name)
                ORDER BY a.id
                """, [.text(runClass), .int(run)])
            let workspaces = try tx.query(#"SELECT DISTINCT workspace FROM "Workspace" WHERE online_or_offline = 'offline' ORDER BY workspace"#)
            var metadata = JSONObject()
            for row in workspaces.rows { if let w = row[0].stringValue { metadata.append(key: "\(w)_state", value: .string("waiting dqm gui")) } }
            metadata.append(key: "global_state", value: .string("waiting dqm gui"))
            for row in accepted.rows {
                guard let name = row[0].stringValue else { continue }
                let key = DatasetKey(runNumber: run, name: name)
                try datasetEvent(atomicVersion, key, metadata: metadata)
                try materialiseDataset(key)
                try materialiseCache(key)
            }
        }

        func lumisections(_ key: DatasetKey) throws -> DatasetLumisections {
            let result = try tx.query(LumisectionStore.rrRangesSQL, LumisectionStore.keyArrays([key]))
            return LumisectionStore.datasets(from: result, keys: [key])[key] ?? DatasetLumisections(merged: [])
        }

        /// "Run" again from all its events: RR attributes manual over automatic, later over earlier.
        func materialiseRun(_ run: Int) throws {
            try tx.query("""
                UPDATE "Run" SET (oms_attributes, rr_attributes, version) = (
                    SELECT mergejsonb(oms_metadata ORDER BY version), mergejsonb(rr_metadata ORDER BY manual_change, version), max(version)
                    FROM "RunEvent" WHERE run_number = $1::int)
                WHERE run_number = $1::int
                """, [.int(run)])
        }

        func materialiseDataset(_ key: DatasetKey) throws {
            try tx.query("""
                INSERT INTO "Dataset" (run_number, name, dataset_attributes, datasets_in_gui, deleted, version)
                SELECT $1::int, $2::text, mergejsonb(e.dataset_metadata ORDER BY e.version),
                       coalesce((SELECT jsonb_agg(DISTINCT g ORDER BY g) FROM "DatasetEvent" e2, jsonb_array_elements(e2.datasets_in_gui) g
                                 WHERE e2.run_number = $1::int AND e2.name = $2::text), '[]'::jsonb),
                       false, max(e.version)
                FROM "DatasetEvent" e WHERE e.run_number = $1::int AND e.name = $2::text
                ON CONFLICT (run_number, name) DO UPDATE
                SET dataset_attributes = EXCLUDED.dataset_attributes, datasets_in_gui = EXCLUDED.datasets_in_gui, version = EXCLUDED.version
                """, [.int(key.runNumber), .text(key.name)])
        }

        /// The dataset's triplet summary and ranges, recomputed from its lumisection events.
        func materialiseCache(_ key: DatasetKey) throws {
            let lumisections = try lumisections(key)
            try tx.query("""
                INSERT INTO "DatasetTripletCache" (run_number, name, triplet_summary, rr_ranges, version)
                VALUES ($1::int, $2, $3::jsonb, $4::jsonb, (SELECT coalesce(max(version), 0) FROM "Event"))
                ON CONFLICT (run_number, name) DO UPDATE
                SET triplet_summary = EXCLUDED.triplet_summary, rr_ranges = EXCLUDED.rr_ranges, version = EXCLUDED.version
                """, [.int(key.runNumber), .text(key.name), .json(lumisections.summaryJSON), .json(lumisections.rangesJSON)])
        }
    }
}
