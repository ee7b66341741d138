// SkyDriver's route table: which paths exist, which methods each answers, and which answers
// redirect to a replacement scan. Scan ids match tornado's `\w+`; anything else is no route.

enum SkyDriverRoute: Equatable, Sendable {
    case ping
    case findScans
    case backlog
    case launchScan
    case scanRequest(String)
    case scan(String)
    case manifest(String)
    case i3Event(String)
    case result(String)
    case status(String)
    case logs(String)
    case workflowID(String)
    case workforce(String)
    case taskforces(String)
    case rescan(String)
    case addWorkers(String)

    init?(path: Substring) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        // A path starts with "/", so parts[0] is empty; trailing slashes are not routes in SkyDriver.
        guard parts.count >= 2, parts[0].isEmpty else { return nil }
        let rest = Array(parts.dropFirst())
        switch rest.count {
        case 1:
            switch rest[0] {
            case "": self = .ping
            case "scan": self = .launchScan
            default: return nil
            }
            return
        case 2 where rest[0] == "scans":
            switch rest[1] {
            case "find": self = .findScans
            case "backlog": self = .backlog
            default: return nil
            }
            return
        case 2 where rest[0] == "scan-request":
            guard ScanIdentifiers.isRoutable(rest[1]) else { return nil }
            self = .scanRequest(String(rest[1]))
            return
        default: break
        }
        guard rest.count >= 2, rest[0] == "scan", ScanIdentifiers.isRoutable(rest[1]) else { return nil }
        let id = String(rest[1])
        switch rest.dropFirst(2).joined(separator: "/") {
        case "": self = .scan(id)
        case "manifest": self = .manifest(id)
        case "i3-event": self = .i3Event(id)
        case "result": self = .result(id)
        case "status": self = .status(id)
        case "logs": self = .logs(id)
        case "ewms/workflow-id": self = .workflowID(id)
        case "ewms/workforce": self = .workforce(id)
        case "ewms/taskforces": self = .taskforces(id)
        case "actions/rescan": self = .rescan(id)
        case "actions/add-workers": self = .addWorkers(id)
        default: return nil
        }
    }

    var methods: [String] {
        switch self {
        case .ping, .backlog, .scanRequest, .i3Event, .status, .logs, .workforce, .taskforces: ["GET"]
        case .findScans, .launchScan, .rescan, .addWorkers: ["POST"]
        case .scan: ["GET", "DELETE"]
        case .manifest: ["GET", "PATCH"]
        case .result: ["GET", "PUT"]
        case .workflowID: ["GET", "POST"]
        }
    }

    /// The scan id in the path of routes that act on one scan (not /scan-request, which has no redirect).
    var scanID: String? {
        switch self {
        case .scan(let id), .manifest(let id), .i3Event(let id), .result(let id), .status(let id), .logs(let id),
             .workflowID(let id), .workforce(let id), .taskforces(let id), .rescan(let id), .addWorkers(let id):
            id
        case .ping, .findScans, .backlog, .launchScan, .scanRequest: nil
        }
    }

    /// Whether the method on this route is redirected for the `user` role: every scan route a
    /// user may call. The scanner's `system`-only writes (PATCH manifest, PUT result, POST
    /// workflow-id) are never redirected.
    func redirects(method: String) -> Bool {
        guard scanID != nil else { return false }
        switch (self, method) {
        case (.manifest, "PATCH"), (.result, "PUT"), (.workflowID, "POST"): return false
        default: return true
        }
    }
}
