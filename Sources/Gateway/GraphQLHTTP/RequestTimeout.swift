// The per-request timeout: execution runs inline in the request's own task (a task of its own
// per request would cost two thread hops, a third of the throughput of a small cached query);
// at the deadline the watchdog cancels that task, so the engine's child tasks and every async
// resolver see `Task.isCancelled` / CancellationError and return. The answer then carries what
// was resolved before the deadline. A resolver that ignores cancellation delays the answer
// until it returns.

import Synchronization

enum RequestTimeout {
    /// Runs `body` in the current task, cancelling the task if it is still running after `timeout`.
    /// `nonisolated(nonsending)`, like `body`: no executor hops around the request's execution.
    nonisolated(nonsending) static func run<Value>(
        timeout: Duration, watchdog: Watchdog, _ body: nonisolated(nonsending) () async -> Value
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
private final class CancellationTarget: Sendable {
    /// A `Mutex`, not an `NSLock`: one target is made per request, and an NSLock is two more
    /// allocations.
    private let state = Mutex<(task: UnsafeCurrentTask?, fired: Bool)>((nil, false))

    func arm(_ task: UnsafeCurrentTask?) { state.withLock { $0.task = task } }

    func fire() {
        state.withLock { state in
            guard let task = state.task else { return }
            state.fired = true
            task.cancel()
        }
    }

    /// Stops any later `fire`; true when the deadline had passed.
    func disarm() -> Bool {
        state.withLock { state in
            state.task = nil
            return state.fired
        }
    }
}
