// A stand-in for EWMS, the workflow service SkyDriver asks about running scans. There is no
// EWMS here, so its answers are derived from the scan: a deleted scan's workflow was aborted,
// a scan with a final result's workflow finished, and a live workflow runs the requested workers.

import GraphQLKit

enum LocalEWMS {
    /// Whether the manifest names a workflow EWMS would know (not v1, not still in the backlog).
    static func hasWorkflow(_ manifest: JSONObject) -> Bool {
        guard let id = manifest["ewms_workflow_id"]?.stringValue else { return false }
        return id != ScanState.notYetRequested
    }

    /// `ABORTED`, `FINISHED`, or nil while the workflow is live (or there is none).
    static func deactivated(_ manifest: JSONObject, isFinal: Bool) -> String? {
        guard hasWorkflow(manifest) else { return nil }
        if manifest["is_deleted"]?.boolValue == true { return "ABORTED" }
        if isFinal { return "FINISHED" }
        return nil
    }

    /// `{workflow_id, statuses, n_running, top_errors}`, as GET ewms/workforce answers.
    static func workforce(_ manifest: JSONObject, isFinal: Bool, requestedWorkers: Int) -> JSONValue {
        let workflowID = manifest["ewms_workflow_id"] ?? .null
        guard hasWorkflow(manifest), deactivated(manifest, isFinal: isFinal) == nil else {
            return .object(["workflow_id": workflowID, "statuses": .object([:]), "n_running": .int(0), "top_errors": .object([:])])
        }
        let running: Int
        switch ScanState.stage(of: manifest) {
        case .prestartup, .waitingOnScannerServerStartup: running = 0
        case .waitingOnFirstPixelReco: running = requestedWorkers / 2
        case .partialResultGenerated: running = requestedWorkers
        }
        let idle = max(0, requestedWorkers - running)
        return .object([
            "workflow_id": workflowID,
            "statuses": .object(["RUNNING": .object(["Tasking": .int(running)]), "IDLE": .object(["null": .int(idle)])]),
            "n_running": .int(running),
            "top_errors": .object(running > 0 ? ["Pilot exceeded the memory limit": .int(max(1, running / 50))] : [:]),
        ])
    }

    /// One opaque taskforce per requested cluster, like EWMS's taskforce documents.
    static func taskforces(_ manifest: JSONObject, clusters: [(String, Int)]) -> JSONValue {
        guard hasWorkflow(manifest), let scanID = manifest["scan_id"]?.stringValue,
              let workflowID = manifest["ewms_workflow_id"]?.stringValue else { return .object(["taskforces": .list([])]) }
        let phase = manifest["is_deleted"]?.boolValue == true ? "condor-rm" : "condor-submit"
        let taskforces: [JSONValue] = clusters.enumerated().map { index, cluster in
            .object([
                "taskforce_uuid": .string("tf-\(scanID.suffix(12))-\(index)"),
                "workflow_id": .string(workflowID),
                "cluster_location": .string(cluster.0),
                "n_workers": .int(cluster.1),
                "phase": .string(phase),
            ])
        }
        return .object(["taskforces": .list(taskforces)])
    }

    /// The Grafana link SkyDriver gives for a scan's scanner-server logs.
    static func logsURL(scanID: String) -> String {
        "https://grafana.local.invalid/explore?scan_id=\(scanID)"
    }
}
