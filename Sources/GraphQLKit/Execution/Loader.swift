// Batching loaders with DataLoader semantics: keys that resolvers request while one level of
// the response is being resolved are collected and fetched in one batch call; results are
// cached for the rest of the request; each key succeeds or fails on its own.
//
// When to fetch is decided by the request's `LoadScheduler`, not by a timer: it counts the
// executor tasks that can still make progress, and when every one of them has either finished
// or is waiting on a loader, the queued keys are dispatched. That makes batching deterministic:
// a list of 1,000 objects whose resolvers each load one key gives one batch call.
import Foundation
import Synchronization

/// A batch function and its options. Create one per kind of fetch (e.g. runs by number) and
/// keep it for the schema's lifetime; every request gets its own cache and queue.
public final class DataLoader<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// Answers one value or error per key, in the keys' order.
    public typealias BatchLoad = @Sendable (_ keys: [Key], _ context: (any Sendable)?) async throws -> [Result<Value, any Error>]

    let batch: BatchLoad
    let maxBatchSize: Int

    /// `maxBatchSize` splits large batches into several calls (0: no limit).
    public init(maxBatchSize: Int = 0, batch: @escaping BatchLoad) {
        self.batch = batch
        self.maxBatchSize = maxBatchSize
    }

    /// A loader whose batch function answers a dictionary; missing keys fail with `LoaderError.missing`.
    public convenience init(
        maxBatchSize: Int = 0, dictionary: @escaping @Sendable (_ keys: [Key], _ context: (any Sendable)?) async throws -> [Key: Value]
    ) {
        self.init(maxBatchSize: maxBatchSize) { keys, context in
            let found = try await dictionary(keys, context)
            return keys.map { key in
                if let v = found[key] { return .success(v) }
                return .failure(LoaderError(message: "No value for key \(key)."))
            }
        }
    }
}

public struct LoaderError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

extension ResolveInfo {
    /// The value for `key`, fetched in a batch with every other key requested while this level
    /// resolves, or from this request's cache.
    public func load<Key, Value>(_ loader: DataLoader<Key, Value>, key: Key) async throws -> Value {
        try await request.loaderInstance(for: loader).load(key)
    }

    /// Several values, batched like `load(_:key:)`; fails with the first key that fails.
    public func loadMany<Key, Value>(_ loader: DataLoader<Key, Value>, keys: [Key]) async throws -> [Value] {
        let instance = request.loaderInstance(for: loader)
        return try await withThrowingTaskGroup(of: (Int, Value).self) { group in
            request.scheduler.spawn(keys.count)
            for (i, key) in keys.enumerated() {
                group.addTask {
                    defer { instance.scheduler.finish() }
                    return (i, try await instance.load(key))
                }
            }
            request.scheduler.suspend()
            defer { request.scheduler.resume() }
            var out = [Value?](repeating: nil, count: keys.count)
            for try await (i, v) in group { out[i] = v }
            return out.compactMap { $0 }
        }
    }
}

/// Something with queued keys to fetch.
protocol PendingBatch: AnyObject, Sendable {
    func dispatch() async
}

/// Counts the request's tasks that can make progress, and dispatches queued batches when none can.
final class LoadScheduler: Sendable {
    private struct State {
        /// The executing task counts from the start.
        var running = 1
        var queued: [any PendingBatch] = []
    }

    /// A `Mutex`, not an `NSLock`: one scheduler is made per request, and an NSLock costs two
    /// allocations (object and pthread mutex).
    private let state = Mutex(State())

    /// `n` child tasks are about to start.
    func spawn(_ n: Int) {
        state.withLock { $0.running += n }
    }

    /// A counted task ended.
    func finish() { decrement() }

    /// A counted task is about to wait (on its children or on a loader).
    func suspend() { decrement() }

    /// A waiting task goes on.
    func resume() {
        state.withLock { $0.running += 1 }
    }

    func enqueue(_ batch: any PendingBatch) {
        let idle = state.withLock { state in
            state.queued.append(batch)
            return state.running <= 0
        }
        if idle { dispatchIfIdle() }
    }

    private func decrement() {
        state.withLock { $0.running -= 1 }
        dispatchIfIdle()
    }

    /// Every counted task is waiting: fetch everything queued, each batch as a task of its own.
    private func dispatchIfIdle() {
        let batches: [any PendingBatch] = state.withLock { state in
            guard state.running <= 0, !state.queued.isEmpty else { return [] }
            let batches = state.queued
            state.queued.removeAll()
            state.running += batches.count
            return batches
        }
        for batch in batches {
            Task {
                await batch.dispatch()
                self.finish()
            }
        }
    }
}

/// One loader's cache and queue within one request.
final class LoaderInstance<Key: Hashable & Sendable, Value: Sendable>: PendingBatch, @unchecked Sendable {
    private enum Entry {
        case waiting([CheckedContinuation<Value, any Error>])
        case done(Result<Value, any Error>)
    }

    let loader: DataLoader<Key, Value>
    let scheduler: LoadScheduler
    let context: (any Sendable)?
    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var queue: [Key] = []

    init(loader: DataLoader<Key, Value>, scheduler: LoadScheduler, context: (any Sendable)?) {
        self.loader = loader
        self.scheduler = scheduler
        self.context = context
    }

    func load(_ key: Key) async throws -> Value {
        let cached: Result<Value, any Error>? = lock.withLock {
            if case .done(let result)? = entries[key] { return result }
            return nil
        }
        if let cached { return try cached.get() }
        return try await withCheckedThrowingContinuation { continuation in
            lock.lock()
            var needsEnqueue = false
            switch entries[key] {
            case .done(let result)?:
                lock.unlock()
                continuation.resume(with: result)
                return
            case .waiting(var waiters)?:
                waiters.append(continuation)
                entries[key] = .waiting(waiters)
            case nil:
                entries[key] = .waiting([continuation])
                needsEnqueue = queue.isEmpty
                queue.append(key)
            }
            lock.unlock()
            if needsEnqueue { scheduler.enqueue(self) }
            scheduler.suspend()
        }
    }

    func dispatch() async {
        let keys: [Key] = lock.withLock {
            let keys = queue
            queue.removeAll()
            return keys
        }
        guard !keys.isEmpty else { return }
        let size = loader.maxBatchSize > 0 ? loader.maxBatchSize : keys.count
        var start = 0
        while start < keys.count {
            let chunk = Array(keys[start..<min(start + size, keys.count)])
            start += size
            var results: [Result<Value, any Error>]
            do {
                results = try await loader.batch(chunk, context)
                if results.count != chunk.count {
                    let error = LoaderError(
                        message: "The batch function returned \(results.count) values for \(chunk.count) keys.")
                    results = Array(repeating: .failure(error), count: chunk.count)
                }
            } catch {
                results = Array(repeating: .failure(error), count: chunk.count)
            }
            let settled = results
            let wake: [(CheckedContinuation<Value, any Error>, Result<Value, any Error>)] = lock.withLock {
                var wake: [(CheckedContinuation<Value, any Error>, Result<Value, any Error>)] = []
                for (key, result) in zip(chunk, settled) {
                    if case .waiting(let waiters)? = entries[key] {
                        for w in waiters { wake.append((w, result)) }
                    }
                    entries[key] = .done(result)
                }
                return wake
            }
            // Count the woken tasks as running before they run, so the scheduler never sees a
            // moment where they are neither waiting nor counted.
            for (continuation, result) in wake {
                scheduler.resume()
                continuation.resume(with: result)
            }
        }
    }
}
