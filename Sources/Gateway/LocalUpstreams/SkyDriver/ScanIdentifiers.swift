// SkyDriver's scan ids: the creation time in milliseconds as 11 hex digits, "x", then 20 hex
// digits of a UUID, so ids sort by time (v1 scans used a plain uuid4 hex).

import Foundation

enum ScanIdentifiers {
    static func make(at time: Double = Date().timeIntervalSince1970, tail: String = randomTail()) -> String {
        let milliseconds = String(Int64((time * 1000).rounded()), radix: 16)
        let padded = String(repeating: "0", count: max(0, 11 - milliseconds.count)) + milliseconds
        return padded + "x" + tail.prefix(20)
    }

    static func randomTail() -> String {
        String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").suffix(20))
    }

    static func randomHex32() -> String {
        UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// Tornado's `\w+` route pattern: letters, digits and underscores.
    static func isRoutable(_ id: Substring) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 95 }
    }

    /// The scanner server's command line, as SkyDriver records it in `scanner_server_args`.
    static func scannerServerArguments(recoAlgo: String, nsides: [(String, Int)], isRealEvent: Bool, threshold: Double) -> String {
        let progression = nsides.map { "\($0.0):\($0.1)" }.joined(separator: " ")
        return "python -m skymap_scanner.server --reco-algo \(recoAlgo) --cache-dir /common-space"
            + " --client-startup-json /common-space/startup.json --nsides \(progression)"
            + " \(isRealEvent ? "--real-event" : "--simulated-event") --predictive-scanning-threshold \(threshold)"
    }
}
