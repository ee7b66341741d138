// Running the deep part of a recursive walk on a thread with a large stack.
//
// The printer and the visitor recurse once per nesting level. Documents as deep as the parser
// allows (hundreds of levels) would overflow a small thread stack, so when a walk gets deeper
// than a few dozen levels it continues on a thread whose stack is large enough, and the caller
// waits for it. Shallow documents (nearly all) never pay for a thread.

import Foundation

enum LargeStack {
    /// Virtual size of the helper thread's stack; pages are only used as the walk goes deeper.
    static let stackSize = 256 << 20

    /// Runs `body` on `state` on a thread with a large stack and waits for it to finish.
    static func run<State>(_ state: inout State, _ body: (inout State) -> Void) {
        let box = Box(state)
        withoutActuallyEscaping(body) { body in
            let job = Job { body(&box.state) }
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                job.run()
                done.signal()
            }
            thread.stackSize = stackSize
            thread.start()
            done.wait()
        }
        state = box.state
    }

    /// Holds the state while the helper thread works on it; the caller is blocked meanwhile,
    /// so there is never concurrent access.
    private final class Box<State>: @unchecked Sendable {
        var state: State
        init(_ state: State) { self.state = state }
    }

    /// The work for the helper thread. It drops the closure once done, so nothing outlives
    /// `withoutActuallyEscaping` (the thread object may be released later).
    private final class Job: @unchecked Sendable {
        private var work: (() -> Void)?
        init(_ work: @escaping () -> Void) { self.work = work }
        func run() {
            work?()
            work = nil
        }
    }
}
