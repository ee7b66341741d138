// The per-request timeout: execution runs in a task of its own; when the deadline passes the
// task is cancelled (async resolvers see `Task.isCancelled` / CancellationError and stop), and
// the answer waits a short grace period for the cancelled execution to return what it has. A
// resolver that ignores cancellation cannot hold the answer back past the grace period.

import Foundation

enum TimedOutcome<Value: Sendable>: Sendable {
    case finished(Value)
    /// Finished within the grace period after being cancelled at the deadline.
    case finishedAfterCancellation(Value)
    /// Still running when the grace period ended (left cancelled; its result is dropped).
    case abandoned
}

enum RequestTimeout {
    static func run<Value: Sendable>(
        timeout: Duration, grace: Duration, _ body: @escaping @Sendable () async -> Value
    ) async -> TimedOutcome<Value> {
        let state = RaceState<Value>()
        let work = Task { state.finish(await body()) }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            state.markTimedOut()
        }
        await state.wait { $0.result != nil || $0.timedOut }
        if let value = state.result {
            timer.cancel()
            return .finished(value)
        }
        work.cancel()
        let graceTimer = Task {
            try? await Task.sleep(for: grace)
            state.markGraceOver()
        }
        await state.wait { $0.result != nil || $0.graceOver }
        graceTimer.cancel()
        if let value = state.result { return .finishedAfterCancellation(value) }
        return .abandoned
    }
}

/// What has happened so far, and the one waiter to wake when it changes.
private final class RaceState<Value: Sendable>: @unchecked Sendable {
    // @unchecked: every stored property is read and written only under `lock`.
    struct Events {
        var result: Value?
        var timedOut = false
        var graceOver = false
    }

    private let lock = NSLock()
    private var events = Events()
    private var waiter: (condition: (Events) -> Bool, continuation: CheckedContinuation<Void, Never>)?

    var result: Value? { lock.withLock { events.result } }

    func finish(_ value: Value) { update { $0.result = value } }
    func markTimedOut() { update { $0.timedOut = true } }
    func markGraceOver() { update { $0.graceOver = true } }

    /// Returns once `condition` holds.
    func wait(until condition: @escaping (Events) -> Bool) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready: Bool = lock.withLock {
                if condition(events) { return true }
                waiter = (condition, continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    private func update(_ change: (inout Events) -> Void) {
        let wake: CheckedContinuation<Void, Never>? = lock.withLock {
            change(&events)
            guard let w = waiter, w.condition(events) else { return nil }
            waiter = nil
            return w.continuation
        }
        wake?.resume()
    }
}
