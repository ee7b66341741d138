// How many calls a connector has sent to its server: SQL statements, MongoDB operations, HTTP
// requests. The gateway's /metrics reads these, and tests use them to prove what a query costs
// the sources behind it. An atomic, not a lock: every call on every thread takes it once.

import Synchronization

public final class CallCounter: Sendable {
    private let count = Atomic<Int>(0)

    public init() {}

    /// Counts one call. Relaxed: readers want a total, not an ordering with other memory.
    public func increment() {
        count.add(1, ordering: .relaxed)
    }

    /// Calls counted so far.
    public var value: Int { count.load(ordering: .relaxed) }
}
