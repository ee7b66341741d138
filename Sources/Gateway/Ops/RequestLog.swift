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
        // Written straight into the shared buffer (a few hundred instructions under the lock)
        // rather than into a line of its own first: one allocation and copy less per request.
        lock.withLock { RequestLog.appendLine(entry, to: &buffer) }
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
        var out: [UInt8] = []
        out.reserveCapacity(192)
        appendLine(e, to: &out)
        return out
    }

    /// Appends `line(e)` to `out`.
    static func appendLine(_ e: Entry, to out: inout [UInt8]) {
        // The usual line (no string that needs escaping, a short duration) is written into a
        // stack buffer and appended once; anything else takes the piece-by-piece path below.
        let done = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { buffer -> Bool in
            var w = ByteWriter(buffer)
            w.write("{\"time\":\"")
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { stamp in
                w.write(UnsafeBufferPointer(rebasing: stamp[0..<formatTimestamp(e.time, into: stamp)]))
            }
            w.write("\",\"requestId\":")
            guard writePlainString(e.requestID, to: &w) else { return false }
            w.write(",\"method\":")
            guard writePlainString(e.method, to: &w) else { return false }
            w.write(",\"path\":")
            guard writePlainString(e.path, to: &w) else { return false }
            w.write(",\"status\":")
            w.write(decimal: e.status)
            w.write(",\"durationMs\":")
            guard writeMilliseconds((e.durationMs * 1000).rounded() / 1000, to: &w) else { return false }
            w.write(",\"operation\":")
            if let operation = e.operation {
                guard writePlainString(operation, to: &w) else { return false }
            } else {
                w.write("null")
            }
            w.write(",\"errors\":")
            w.write(decimal: e.errors)
            w.write("}\n")
            if w.overflowed { return false }
            out.append(contentsOf: w.written)
            return true
        }
        if !done { appendLinePieceByPiece(e, to: &out) }
    }

    /// A JSON string that needs no escapes, between quotes; false (nothing written) otherwise.
    private static func writePlainString(_ text: String, to w: inout ByteWriter) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            // An indexed loop: `for … where` over the buffer cost ~20 instructions a byte.
            var i = 0
            while i < utf8.count {
                let byte = utf8[i]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
                i += 1
            }
            w.write(byte: UInt8(ascii: "\""))
            w.write(utf8)
            w.write(byte: UInt8(ascii: "\""))
            return true
        }
    }

    /// `appendDouble` for a duration rounded to three decimals below 10^9 ms, without going
    /// through `Double.description` (~400 instructions): integral values as "n.0", others as
    /// the shortest decimal, which for a value of three decimals is those digits without
    /// trailing zeros. False (nothing written) for other values.
    private static func writeMilliseconds(_ value: Double, to w: inout ByteWriter) -> Bool {
        guard value.isFinite, value >= 0, value < 1e9 else { return false }
        let thousandths = Int((value * 1000).rounded())
        var fraction = thousandths % 1000
        w.write(decimal: thousandths / 1000)
        w.write(byte: UInt8(ascii: "."))
        if fraction == 0 { w.write(byte: UInt8(ascii: "0")); return true }
        var width = 3
        while fraction % 10 == 0 { fraction /= 10; width -= 1 }
        // Leading zeros of the fraction (e.g. .05), then its digits.
        var scale = 1
        for _ in 1..<width { scale *= 10 }
        while scale > fraction { w.write(byte: UInt8(ascii: "0")); scale /= 10 }
        w.write(decimal: fraction)
        return true
    }

    /// The line appended piece by piece, escaping as JSONWriter does (internal: tests compare it
    /// with the buffered path).
    static func appendLinePieceByPiece(_ e: Entry, to out: inout [UInt8]) {
        // Bytes appended here rather than through JSONWriter: this runs for every request,
        // most fields need no escaping, and the timestamp is written in place instead of
        // being built as a String first. The output is the same as JSONWriter's.
        append("{\"time\":\"", to: &out)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            let count = formatTimestamp(e.time, into: buffer)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
        append("\",\"requestId\":", to: &out)
        appendString(e.requestID, to: &out)
        append(",\"method\":", to: &out)
        appendString(e.method, to: &out)
        append(",\"path\":", to: &out)
        appendString(e.path, to: &out)
        append(",\"status\":", to: &out)
        appendInt(e.status, to: &out)
        append(",\"durationMs\":", to: &out)
        // Three decimals: microsecond resolution is plenty and keeps lines short.
        appendDouble((e.durationMs * 1000).rounded() / 1000, to: &out)
        append(",\"operation\":", to: &out)
        if let operation = e.operation { appendString(operation, to: &out) } else { append("null", to: &out) }
        append(",\"errors\":", to: &out)
        appendInt(e.errors, to: &out)
        append("}\n", to: &out)
    }

    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// A JSON string: copied between quotes when nothing needs escaping, else JSONWriter's.
    private static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        let plain = text.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: utf8)
            out.append(UInt8(ascii: "\""))
            return true
        }
        if !plain {
            var w = JSONWriter(capacity: text.utf8.count + 16)
            w.writeString(text)
            out.append(contentsOf: w.bytes)
        }
    }

    /// Decimal digits, as JSONWriter.writeInt writes them.
    private static func appendInt(_ value: Int, to out: inout [UInt8]) {
        if value == 0 { out.append(UInt8(ascii: "0")); return }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var i = 20
            while v > 0 {
                i -= 1
                digits[i] = UInt8(truncatingIfNeeded: v % 10) + UInt8(ascii: "0")
                v /= 10
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i..<20]))
        }
    }

    /// As JSONWriter.writeDouble: null when not finite, integral values with ".0", others as
    /// Swift describes them.
    private static func appendDouble(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else { append("null", to: &out); return }
        if value == value.rounded(.towardZero), abs(value) < 1e15 {
            appendInt(Int(value), to: &out)
            append(".0", to: &out)
            return
        }
        var text = value.description
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// RFC 3339 UTC with milliseconds, e.g. 2026-11-23T12:01:02.345Z (no DateFormatter, one allocation).
    static func timestamp(_ seconds: Double) -> String {
        String(unsafeUninitializedCapacity: 24) { formatTimestamp(seconds, into: $0) }
    }

    /// Writes `timestamp(seconds)` into `out` (24 bytes); returns the count written.
    private static func formatTimestamp(_ seconds: Double, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let whole = seconds.rounded(.down)
        var t = time_t(whole)
        var parts = tm()
        gmtime_r(&t, &parts)
        let ms = min(999, Int((seconds - whole) * 1000))
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
