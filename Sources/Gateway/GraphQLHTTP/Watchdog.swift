// Deadlines for in-flight requests, kept by one thread per handler that wakes every `tick`.
// A `Task.sleep` per request would be simpler, but on Linux each sleep leaves a Dispatch timer
// scheduled until it would have fired, even when cancelled: at tens of thousands of requests a
// second and a 30 s timeout that is hundreds of thousands of live timers. Here scheduling and
// cancelling are a dictionary insert and remove, and deadlines fire within one tick.

import Dispatch
import Foundation
import Synchronization

final class Watchdog: Sendable {
    typealias Fire = @Sendable () -> Void

    private struct State {
        var entries: [Int: (deadline: UInt64, fire: Fire)] = [:]
        var nextID = 0
        /// Whether the thread is running; it stops when nothing has been scheduled for
        /// `idleTicksBeforeStopping` ticks.
        var running = false
        /// The last delay converted to nanoseconds (requests all use the same timeout, and
        /// `Duration.components` is 128-bit arithmetic).
        var lastDelay: Duration = .zero
        var lastDelayNanoseconds: UInt64 = 0
    }

    /// Ticks with nothing scheduled before the thread stops: at a few requests a second a
    /// thread that stopped whenever nothing was in flight was started again for most requests.
    static let idleTicksBeforeStopping = 50

    let tick: Duration
    /// A `Mutex` (taken twice per request): cheaper to take than an `NSLock`.
    private let state = Mutex(State())

    init(tick: Duration = .milliseconds(20)) { self.tick = tick }

    /// Calls `fire` (on the watchdog's thread) once `delay` has passed, unless cancelled first.
    func schedule(after delay: Duration, _ fire: @escaping Fire) -> Int {
        let now = DispatchTime.now().uptimeNanoseconds
        let (id, start): (Int, Bool) = state.withLock { state in
            if delay != state.lastDelay {
                state.lastDelay = delay
                state.lastDelayNanoseconds = Self.nanoseconds(delay)
            }
            state.nextID &+= 1
            state.entries[state.nextID] = (now &+ state.lastDelayNanoseconds, fire)
            let start = !state.running
            state.running = true
            return (state.nextID, start)
        }
        if start {
            let thread = Thread { [self] in run() }
            thread.name = "runql-watchdog"
            thread.start()
        }
        return id
    }

    func cancel(_ id: Int) {
        _ = state.withLock { $0.entries.removeValue(forKey: id) }
    }

    private func run() {
        let pause = Double(Self.nanoseconds(tick)) / 1e9
        var idleTicks = 0, lastSeenID = -1
        while true {
            Thread.sleep(forTimeInterval: pause)
            let now = DispatchTime.now().uptimeNanoseconds
            let (due, stop): ([Fire], Bool) = state.withLock { state in
                var due: [Fire] = []
                for (id, entry) in state.entries where entry.deadline <= now {
                    due.append(entry.fire)
                    state.entries.removeValue(forKey: id)
                }
                // Idle: nothing in flight and nothing scheduled since the last tick.
                idleTicks = state.entries.isEmpty && state.nextID == lastSeenID ? idleTicks + 1 : 0
                lastSeenID = state.nextID
                // Stop in the same critical section that decides it, so a `schedule` racing
                // with it starts a new thread rather than relying on this one.
                let stop = idleTicks >= Self.idleTicksBeforeStopping
                if stop { state.running = false }
                return (due, stop)
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
