// `scan_state` as SkyDriver derives it (utils.get_scan_state): a final result wins; otherwise
// the stage (backlog → scanner start-up → first pixel → partial result), prefixed STOPPED__ for
// completed v1 scans or with EWMS's deactivation (ABORTED__/FINISHED__) for v2 scans.

import GraphQLKit

enum ScanState {
    static let finalResult = "SCAN_HAS_FINAL_RESULT"
    /// The workflow-id sentinel of a scan still waiting in the backlog.
    static let notYetRequested = "not-yet-requested"

    enum Stage: String, CaseIterable {
        case prestartup = "PRESTARTUP"
        case waitingOnScannerServerStartup = "WAITING_ON_SCANNER_SERVER_STARTUP"
        case waitingOnFirstPixelReco = "WAITING_ON_FIRST_PIXEL_RECO"
        case partialResultGenerated = "PARTIAL_RESULT_GENERATED"

        /// The prefix a live (neither stopped nor deactivated) scan has at this stage.
        var livePrefix: String {
            switch self {
            case .prestartup, .waitingOnScannerServerStartup: "PENDING"
            case .waitingOnFirstPixelReco, .partialResultGenerated: "IN_PROGRESS"
            }
        }
    }

    /// - Parameters:
    ///   - manifest: the normalized manifest.
    ///   - isFinal: whether a stored result has `is_final: true`.
    ///   - deactivated: what EWMS reports for the workflow (`ABORTED`, `FINISHED`) or nil.
    static func derive(manifest: JSONObject, isFinal: Bool, deactivated: String?) -> String {
        if isFinal { return finalResult }
        let stage = self.stage(of: manifest)
        let workflowID = manifest["ewms_workflow_id"]?.stringValue
        if workflowID == nil, case .object(let task)? = manifest["ewms_task"], task["complete"]?.boolValue == true {
            return "STOPPED__\(stage.rawValue)"
        }
        if let deactivated { return "\(deactivated)__\(stage.rawValue)" }
        return "\(stage.livePrefix)__\(stage.rawValue)"
    }

    static func stage(of manifest: JSONObject) -> Stage {
        let workflowID = manifest["ewms_workflow_id"]?.stringValue
        let hasRealWorkflow = workflowID != nil && workflowID != notYetRequested
        var hasV1Clusters = false
        if case .object(let task)? = manifest["ewms_task"], case .list(let clusters)? = task["clusters"] {
            hasV1Clusters = !clusters.isEmpty
        }
        guard hasRealWorkflow || hasV1Clusters else { return .prestartup }
        guard case .object(let progress)? = manifest["progress"] else { return .waitingOnScannerServerStartup }
        if case .object(let stats)? = progress["processing_stats"], case .object(let rate)? = stats["rate"], !rate.isEmpty {
            return .partialResultGenerated
        }
        return .waitingOnFirstPixelReco
    }
}
