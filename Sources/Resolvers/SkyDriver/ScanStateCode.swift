// SkyDriver's `scan_state` codes (GET /scan/{id}/status) as `ScanState` enum values. SkyDriver
// derives the code (utils.get_scan_state); RunQL reports it and never re-derives it, because
// the EWMS part of the derivation is only known upstream:
//   1. a stored result with is_final → SCAN_HAS_FINAL_RESULT (v1: SCAN_FINISHED_SUCCESSFULLY);
//   2. else the stage: PRESTARTUP (still in the backlog), WAITING_ON_SCANNER_SERVER_STARTUP (no
//      progress yet), WAITING_ON_FIRST_PIXEL_RECO (progress without a rate),
//      PARTIAL_RESULT_GENERATED (a rate); the README's WAITING_ON_CLUSTER_STARTUP is v1 only;
//   3. the prefix: STOPPED for completed v1 scans, EWMS's deactivation (ABORTED, FINISHED; ABORT
//      from SkyDriver's test EWMS) for v2 workflows, else PENDING / IN_PROGRESS by stage.

enum ScanStateCode {
    static let finalResult = "SCAN_HAS_FINAL_RESULT"
    static let unknown = "UNKNOWN"

    static let stages = [
        "PRESTARTUP", "WAITING_ON_SCANNER_SERVER_STARTUP", "WAITING_ON_CLUSTER_STARTUP",
        "WAITING_ON_FIRST_PIXEL_RECO", "PARTIAL_RESULT_GENERATED",
    ]

    /// Every code the enum has, UNKNOWN included (the SDL lists the same; a test compares them).
    static let all: [String] = {
        var codes = [finalResult, "SCAN_FINISHED_SUCCESSFULLY"]
        codes += ["PENDING__PRESTARTUP", "PENDING__WAITING_ON_SCANNER_SERVER_STARTUP", "PENDING__WAITING_ON_CLUSTER_STARTUP"]
        codes += ["IN_PROGRESS__WAITING_ON_FIRST_PIXEL_RECO", "IN_PROGRESS__PARTIAL_RESULT_GENERATED"]
        for prefix in ["ABORTED", "FINISHED", "STOPPED", "ABORT"] { codes += stages.map { "\(prefix)__\($0)" } }
        return codes + [unknown]
    }()

    private static let known = Set(all)

    /// The enum value for SkyDriver's code; UNKNOWN for a code this schema does not know yet
    /// (`rawState` keeps the text).
    static func enumValue(_ raw: String) -> String {
        let upper = raw.uppercased()
        return known.contains(upper) ? upper : unknown
    }
}
