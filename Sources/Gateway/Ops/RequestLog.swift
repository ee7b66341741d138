// One JSON line per request (time, request id, method, path, status, duration, operation name,
// error count). Lines are appended to a buffer under a short lock and written by a flusher
// thread in batches, so logging costs no system call per request.

import Foundation
import GraphQLKit
import Glibc

final class RequestLog: @unchecked Sendable {
    // @unchecked: `buffer` and `stopped` are guarded by `lock`; `sink` is immutable.

    struct Entry: Sendable {
        var time: Double
        var requestID: String
        var method: String
        var path: String
        var status: Int
        var durationMs: Double
        var operation: String?
        var errors: Int
    }

    /// Receives batches of complete lines (stderr in production, memory in tests).
    typealias Sink = @Sendable ([UInt8]) -> Void

    private let sink: Sink
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private var stopped = false
    private let flushedOnStop = DispatchSemaphore(value: 0)
    private let stopRequested = DispatchSemaphore(value: 0)

    init(sink: @escaping Sink) { self.sink = sink }

    /// Writes to standard error, flushing every `interval` seconds on a thread of its own.
    static func standardError(interval: Double = 0.05) -> RequestLog {
        let log = RequestLog { bytes in
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(2, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                    if n <= 0 { if errno == EINTR { continue }; return }
                    offset += n
                }
            }
        }
        log.startFlusher(interval: interval)
        return log
    }

    func record(_ entry: Entry) {
        let line = RequestLog.line(entry)
        lock.withLock { buffer.append(contentsOf: line) }
    }

    /// Hands everything buffered to the sink.
    func flush() {
        let pending = lock.withLock { () -> [UInt8] in
            let b = buffer
            buffer.removeAll(keepingCapacity: true)
            return b
        }
        if !pending.isEmpty { sink(pending) }
    }

    func startFlusher(interval: Double) {
        let thread = Thread { [self] in
            while !lock.withLock({ stopped }) {
                // Sleeps `interval`, or less when `stop` signals.
                _ = stopRequested.wait(timeout: .now() + interval)
                flush()
            }
            flush()
            flushedOnStop.signal()
        }
        thread.name = "runql-request-log"
        thread.start()
    }

    /// Stops the flusher after a last flush (for shutdown).
    func stop() {
        lock.withLock { stopped = true }
        stopRequested.signal()
        flushedOnStop.wait()
    }

    static func line(_ e: Entry) -> [UInt8] {
        var w = JSONWriter(capacity: 192)
        w.writeRaw("{\"time\":")
        w.writeString(timestamp(e.time))
        w.writeRaw(",\"requestId\":")
        w.writeString(e.requestID)
        w.writeRaw(",\"method\":")
        w.writeString(e.method)
        w.writeRaw(",\"path\":")
        w.writeString(e.path)
        w.writeRaw(",\"status\":")
        w.writeInt(e.status)
        w.writeRaw(",\"durationMs\":")
        // Three decimals: microsecond resolution is plenty and keeps lines short.
        w.write(.double((e.durationMs * 1000).rounded() / 1000))
        w.writeRaw(",\"operation\":")
        if let operation = e.operation { w.writeString(operation) } else { w.writeRaw("null") }
        w.writeRaw(",\"errors\":")
        w.writeInt(e.errors)
        w.writeRaw("}\n")
        return w.bytes
    }

    /// RFC 3339 UTC with milliseconds, e.g. 2026-11-23T12:01:02.345Z (no DateFormatter, one allocation).
    static func timestamp(_ seconds: Double) -> String {
        let whole = seconds.rounded(.down)
        var t = time_t(whole)
        var parts = tm()
        gmtime_r(&t, &parts)
        let ms = min(999, Int((seconds - whole) * 1000))
        return String(unsafeUninitializedCapacity: 24) { out in
            var i = 0
            func put(_ value: Int, _ width: Int) {
                var v = value, k = width - 1
                while k >= 0 { out[i + k] = UInt8(48 + v % 10); v /= 10; k -= 1 }
                i += width
            }
            func sep(_ c: UInt8) { out[i] = c; i += 1 }
            put(Int(parts.tm_year) + 1900, 4); sep(45); put(Int(parts.tm_mon) + 1, 2); sep(45); put(Int(parts.tm_mday), 2)
            sep(84); put(Int(parts.tm_hour), 2); sep(58); put(Int(parts.tm_min), 2); sep(58); put(Int(parts.tm_sec), 2)
            sep(46); put(ms, 3); sep(90)
            return i
        }
    }
}
