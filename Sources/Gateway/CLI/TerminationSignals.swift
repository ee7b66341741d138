// SIGTERM and SIGINT for `runql serve`: a handler writes one byte to a pipe (all a signal
// handler may safely do) and a thread of its own reads it and starts the graceful shutdown.
//
// A dispatch signal source with the signals ignored lost them: on Linux it needs the signal
// blocked in every thread, and the kernel delivered it to whichever thread did not block it (an
// event loop's, a concurrency pool thread), where it was ignored, so `kill` left the gateway
// running. A handler installed with sigaction runs on whichever thread the signal reaches.

import Foundation
import Glibc

enum TerminationSignals {
    static let numbers: [Int32] = [SIGTERM, SIGINT]

    /// The pipe's read and write ends, made once (before the handler is installed, so the
    /// handler only ever reads the initialized constant).
    private static let pipeEnds: (read: Int32, write: Int32) = {
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        return (fds[0], fds[1])
    }()

    /// Calls `handler` on a thread of its own each time one of them arrives.
    static func onSignal(_ handler: @escaping @Sendable () -> Void) {
        let ends = pipeEnds
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let n = read(ends.read, &byte, 1)
                if n == 1 {
                    handler()
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
        thread.name = "runql-signals"
        thread.start()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            var byte: UInt8 = 1
            _ = write(TerminationSignals.pipeEnds.write, &byte, 1)
        }
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        for number in numbers { sigaction(number, &action, nil) }
    }
}
