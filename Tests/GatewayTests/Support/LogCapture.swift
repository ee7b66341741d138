// Collects, in memory, the lines the gateway's logs write: the request log's batched bytes
// (`sink`) and the error log's lines (`log`), for tests that read them back.

import Foundation
@testable import Gateway

final class LogCapture: @unchecked Sendable {
    // @unchecked: `stored` is only touched under `lock`.
    private let lock = NSLock()
    private var stored: [String] = []

    var lines: [String] { lock.withLock { stored } }

    var sink: RequestLog.Sink {
        { [self] bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            lock.withLock { stored.append(contentsOf: text.split(separator: "\n").map(String.init)) }
        }
    }

    var log: ErrorLog { ErrorLog { [self] line in lock.withLock { stored.append(line) } } }
}
