// One client connection's state. Owned by a single event loop and touched only on its thread.
//
// The mutable properties are `@exclusivity(unchecked)`: only the loop's thread touches them, in
// code that never holds an access to one across a call that could reach it again, and the
// runtime's dynamic exclusivity checks on them (an access-set insert and a thread-local lookup
// per access, ~20 accesses per request) cost ~1.5 k instructions per request.

import Glibc

final class HTTPConnection {
    let fd: Int32
    /// Distinguishes this connection from a later one that reuses the same descriptor number.
    let generation: UInt64
    @exclusivity(unchecked) var readBuffer: [UInt8] = []
    @exclusivity(unchecked) var readStart = 0
    @exclusivity(unchecked) var parser: HTTPRequestParser
    @exclusivity(unchecked) var writeBuffer: [UInt8] = []
    @exclusivity(unchecked) var writeOffset = 0
    /// Output that goes before `writeBuffer`: large bodies as they were built (the executor's
    /// chunks), so an answer of many megabytes is never copied into the write buffer.
    @exclusivity(unchecked) var segments: [[UInt8]] = []
    @exclusivity(unchecked) var segmentOffset = 0
    /// Bytes of `segments` not sent yet.
    @exclusivity(unchecked) var segmentBytes = 0
    /// A request has been handed to the handler and its response has not come back yet.
    @exclusivity(unchecked) var inFlight = false
    @exclusivity(unchecked) var closeAfterWrite = false
    /// Set after a parse failure: nothing more is read from this client.
    @exclusivity(unchecked) var stopReading = false
    @exclusivity(unchecked) var readPaused = false
    /// The client half-closed its side: answer what it sent, then close.
    @exclusivity(unchecked) var peerClosed = false
    /// When the current request's first byte arrived (for the header and body timeouts).
    @exclusivity(unchecked) var requestStarted: Double?
    @exclusivity(unchecked) var headCompletedAt: Double?
    @exclusivity(unchecked) var lastActivity: Double
    @exclusivity(unchecked) var lastWriteProgress: Double

    init(fd: Int32, generation: UInt64, limits: HTTPLimits, now: Double) {
        self.fd = fd
        self.generation = generation
        self.parser = HTTPRequestParser(limits: limits)
        lastActivity = now
        lastWriteProgress = now
    }

    var pendingWriteBytes: Int { segmentBytes + writeBuffer.count - writeOffset }
    var hasUnparsedInput: Bool { readStart < readBuffer.count }

    func queue(_ bytes: [UInt8]) {
        if writeOffset == writeBuffer.count {
            writeBuffer = bytes
            writeOffset = 0
        } else {
            writeBuffer.append(contentsOf: bytes)
        }
    }

    /// Queues a response, serialized straight into the write buffer; a large body is queued as
    /// it is, after its head.
    func queue(_ response: HTTPResponse, keepAlive: Bool, headOnly: Bool) {
        if !headOnly, let chunks = response.largeBodyChunks {
            var head: [UInt8] = []
            response.serialize(into: &head, keepAlive: keepAlive, headOnly: true)
            // What the write buffer still holds goes first.
            if writeOffset < writeBuffer.count { appendSegment(Array(writeBuffer[writeOffset...])) }
            writeBuffer.removeAll(keepingCapacity: true)
            writeOffset = 0
            appendSegment(head)
            for chunk in chunks where !chunk.isEmpty { appendSegment(chunk) }
            return
        }
        if writeOffset == writeBuffer.count {
            // Everything before was sent: start over in the same storage.
            writeBuffer.removeAll(keepingCapacity: true)
            writeOffset = 0
        }
        response.serialize(into: &writeBuffer, keepAlive: keepAlive, headOnly: headOnly)
    }

    private func appendSegment(_ bytes: [UInt8]) {
        segments.append(bytes)
        segmentBytes += bytes.count
    }

    /// Drops consumed input so the buffer does not grow with every pipelined request.
    func compactReadBuffer() {
        if readStart == readBuffer.count {
            readBuffer.removeAll(keepingCapacity: readBuffer.capacity <= 64 * 1024)
            readStart = 0
        } else if readStart > 32 * 1024 && readStart * 2 > readBuffer.count {
            readBuffer.removeSubrange(0..<readStart)
            readStart = 0
        }
    }

    enum WriteResult { case done, blocked, failed }

    /// Writes as much pending output as the socket takes right now.
    func flush(now: Double) -> WriteResult {
        while let segment = segments.first {
            let n = segment.withUnsafeBytes { raw in
                send(fd, raw.baseAddress.map { $0 + segmentOffset }, segment.count - segmentOffset, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                segmentOffset += n
                segmentBytes -= n
                lastWriteProgress = now
                lastActivity = now
                if segmentOffset == segment.count {
                    // Sent chunks are freed as the client reads, not when the whole answer is out.
                    segments.removeFirst()
                    segmentOffset = 0
                }
                continue
            }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return .blocked }
            if n < 0 && errno == EINTR { continue }
            return .failed
        }
        while writeOffset < writeBuffer.count {
            let n = writeBuffer.withUnsafeBytes { raw in
                send(fd, raw.baseAddress.map { $0 + writeOffset }, writeBuffer.count - writeOffset, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                writeOffset += n
                lastWriteProgress = now
                lastActivity = now
                continue
            }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return .blocked }
            if n < 0 && errno == EINTR { continue }
            return .failed
        }
        writeBuffer.removeAll(keepingCapacity: writeBuffer.capacity <= 256 * 1024)
        writeOffset = 0
        return .done
    }
}
