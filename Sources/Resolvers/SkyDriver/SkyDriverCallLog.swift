// Every call the registry sends upstream (method and path), for tests that prove deduplication
// and batching. Off unless a log is passed to the registry.

import Foundation

public final class SkyDriverCallLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String] = []

    public init() {}

    /// `GET /scans/backlog`, `POST /scans/find`, … in the order sent.
    public var calls: [String] { lock.withLock { entries } }

    public func count(_ call: String) -> Int { calls.filter { $0 == call }.count }

    public func removeAll() { lock.withLock { entries.removeAll() } }

    func record(_ call: String) { lock.withLock { entries.append(call) } }
}
