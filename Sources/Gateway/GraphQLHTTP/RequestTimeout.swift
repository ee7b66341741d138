// The per-request timeout: execution runs inline in the request's own task (a task of its own
// per request would cost two thread hops, a third of the throughput of a small cached query);
// at the deadline the watchdog cancels that task, so the engine's child tasks and every async
// resolver see `Task.isCancelled` / CancellationError and return. The answer then carries what
// was resolved before the deadline. A resolver that ignores cancellation delays the answer
// until it returns.

import Foundation

enum RequestTimeout {
    /// Runs `body` in the current task, cancelling the task if it is still running after `timeout`.
    static func run<Value>(
        timeout: Duration, watchdog: Watchdog, _ body: () async -> Value
    ) async -> (value: Value, timedOut: Bool) {
        let target = CancellationTarget()
        withUnsafeCurrentTask { task in target.arm(task) }
        let timer = watchdog.schedule(after: timeout) { target.fire() }
        let value = await body()
        watchdog.cancel(timer)
        return (value, target.disarm())
    }
}

/// The running task, cancellable from the watchdog's thread while armed.
///
/// `UnsafeCurrentTask` must not outlive its task: `disarm` runs in that task before it goes on,
/// and `fire` cancels only under the same lock and only while still armed, so the task is alive
/// whenever it is touched.
private final class CancellationTarget: @unchecked Sendable {
    // @unchecked: `task` and `fired` are only touched under `lock`.
    private let lock = NSLock()
    private var task: UnsafeCurrentTask?
    private var fired = false

    func arm(_ task: UnsafeCurrentTask?) { lock.withLock { self.task = task } }

    func fire() {
        lock.withLock {
            guard let task else { return }
            fired = true
            task.cancel()
        }
    }

    /// Stops any later `fire`; true when the deadline had passed.
    func disarm() -> Bool {
        lock.withLock {
            task = nil
            return fired
        }
    }
}
