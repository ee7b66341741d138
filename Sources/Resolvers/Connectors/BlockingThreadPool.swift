// Dedicated threads for the blocking C libraries. Dispatch's global queues run only about as
// many blocking work items at once as there are cores, so ten slow queries on a 2-core machine
// would wait behind each other; a connector's own threads let every pooled connection work.
// Threads start on demand up to the limit and end when the pool is shut down.

import Foundation

final class BlockingThreadPool: @unchecked Sendable {
    // @unchecked: all mutable state is guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var threadCount = 0
    private var idleCount = 0
    private var stopping = false
    private let maximumThreads: Int
    private let name: String

    init(threads: Int, name: String) {
        maximumThreads = max(1, threads)
        self.name = name
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        if idleCount == 0 && threadCount < maximumThreads {
            threadCount += 1
            let thread = Thread { [self] in work() }
            thread.name = "\(name)-\(threadCount)"
            thread.start()
        } else {
            condition.signal()
        }
        condition.unlock()
    }

    /// Runs `body` on a pool thread and resumes the caller with its result.
    func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () -> Result<T, E>) async -> Result<T, E> {
        await withCheckedContinuation { continuation in
            submit { continuation.resume(returning: body()) }
        }
    }

    /// Threads started and not yet exited.
    var liveThreads: Int {
        condition.lock()
        defer { condition.unlock() }
        return threadCount
    }

    /// Lets the threads finish queued work and exit.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        condition.lock()
        while true {
            while jobs.isEmpty && !stopping {
                idleCount += 1
                condition.wait()
                idleCount -= 1
            }
            if jobs.isEmpty {
                threadCount -= 1
                condition.unlock()
                return
            }
            var job: (@Sendable () -> Void)? = jobs.removeFirst()
            condition.unlock()
            job?()
            // Released before locking again: the job may hold the last reference to the
            // connector that owns this pool, whose deinit calls `shutdown()`, which takes the
            // lock; releasing it under the lock deadlocked this thread (the soak found threads
            // piling up this way).
            job = nil
            condition.lock()
        }
    }
}
