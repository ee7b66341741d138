// Deadlines for in-flight requests, kept by one thread per handler that wakes every `tick`.
// A `Task.sleep` per request would be simpler, but on Linux each sleep leaves a Dispatch timer
// scheduled until it would have fired, even when cancelled: at tens of thousands of requests a
// second and a 30 s timeout that is hundreds of thousands of live timers. Here scheduling and
// cancelling are a dictionary insert and remove, and deadlines fire within one tick.

import Dispatch
import Foundation

final class Watchdog: @unchecked Sendable {
    // @unchecked: the mutable state is only touched under `lock`.
    typealias Fire = @Sendable () -> Void

    let tick: Duration
    private let lock = NSLock()
    private var entries: [Int: (deadline: UInt64, fire: Fire)] = [:]
    private var nextID = 0
    /// Whether the thread is running; it stops when nothing is scheduled.
    private var running = false

    init(tick: Duration = .milliseconds(20)) { self.tick = tick }

    /// Calls `fire` (on the watchdog's thread) once `delay` has passed, unless cancelled first.
    func schedule(after delay: Duration, _ fire: @escaping Fire) -> Int {
        let deadline = DispatchTime.now().uptimeNanoseconds &+ Self.nanoseconds(delay)
        let (id, start): (Int, Bool) = lock.withLock {
            nextID &+= 1
            entries[nextID] = (deadline, fire)
            let start = !running
            running = true
            return (nextID, start)
        }
        if start {
            let thread = Thread { [self] in run() }
            thread.name = "runql-watchdog"
            thread.start()
        }
        return id
    }

    func cancel(_ id: Int) {
        _ = lock.withLock { entries.removeValue(forKey: id) }
    }

    private func run() {
        let pause = Double(Self.nanoseconds(tick)) / 1e9
        while true {
            Thread.sleep(forTimeInterval: pause)
            let now = DispatchTime.now().uptimeNanoseconds
            let (due, stop): ([Fire], Bool) = lock.withLock {
                var due: [Fire] = []
                for (id, entry) in entries where entry.deadline <= now {
                    due.append(entry.fire)
                    entries.removeValue(forKey: id)
                }
                // Stop in the same critical section that sees nothing left, so a `schedule`
                // racing with it starts a new thread rather than relying on this one.
                if entries.isEmpty { running = false }
                return (due, entries.isEmpty)
            }
            for fire in due { fire() }
            if stop { return }
        }
    }

    private static func nanoseconds(_ d: Duration) -> UInt64 {
        let (seconds, attoseconds) = d.components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }
}
