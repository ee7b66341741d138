// A hard limit on one upstream call, retries included. URLSession's own timeout restarts for
// every attempt and every byte received, so a slow upstream could hold a field far longer than
// configured; here the caller resumes at the deadline. The abandoned attempt is left to end at
// URLSession's timeout rather than cancelled: cancelling a URLSession task as it completes can
// crash FoundationNetworking on Linux.

import Foundation

/// Runs `operation`; throws `onTimeout` if it has not finished after `seconds`.
func withDeadline<T: Sendable>(
    _ seconds: Double, onTimeout: @escaping @Sendable () -> any Error, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let race = Race<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            race.start(continuation)
            Task {
                do { race.finish(.success(try await operation())) } catch { race.finish(.failure(error)) }
            }
            let timer = Task {
                try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
                if !Task.isCancelled { race.finish(.failure(onTimeout())) }
            }
            race.onFinish { timer.cancel() }
        }
    } onCancel: {
        race.finish(.failure(CancellationError()))
    }
}

/// The first result wins; later ones are dropped.
private final class Race<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var pending: Result<T, any Error>?
    private var finished = false
    private var cleanup: (@Sendable () -> Void)?

    func start(_ continuation: CheckedContinuation<T, any Error>) {
        let early: Result<T, any Error>? = lock.withLock {
            if let pending { return pending }
            self.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    func onFinish(_ body: @escaping @Sendable () -> Void) {
        let runNow: Bool = lock.withLock {
            if finished { return true }
            cleanup = body
            return false
        }
        if runNow { body() }
    }

    func finish(_ result: Result<T, any Error>) {
        let (waiting, after): (CheckedContinuation<T, any Error>?, (@Sendable () -> Void)?) = lock.withLock {
            guard !finished else { return (nil, nil) }
            finished = true
            // Cancelled before the continuation existed: keep the result for `start`.
            if continuation == nil { pending = result }
            defer { continuation = nil; cleanup = nil }
            return (continuation, cleanup)
        }
        after?()
        waiting?.resume(with: result)
    }
}
