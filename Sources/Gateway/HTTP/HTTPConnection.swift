// One client connection's state. Owned by a single event loop and touched only on its thread.

import Glibc

final class HTTPConnection {
    let fd: Int32
    /// Distinguishes this connection from a later one that reuses the same descriptor number.
    let generation: UInt64
    var readBuffer: [UInt8] = []
    var readStart = 0
    var parser: HTTPRequestParser
    var writeBuffer: [UInt8] = []
    var writeOffset = 0
    /// A request has been handed to the handler and its response has not come back yet.
    var inFlight = false
    var closeAfterWrite = false
    /// Set after a parse failure: nothing more is read from this client.
    var stopReading = false
    var readPaused = false
    /// The client half-closed its side: answer what it sent, then close.
    var peerClosed = false
    /// When the current request's first byte arrived (for the header and body timeouts).
    var requestStarted: Double?
    var headCompletedAt: Double?
    var lastActivity: Double
    var lastWriteProgress: Double

    init(fd: Int32, generation: UInt64, limits: HTTPLimits, now: Double) {
        self.fd = fd
        self.generation = generation
        self.parser = HTTPRequestParser(limits: limits)
        lastActivity = now
        lastWriteProgress = now
    }

    var pendingWriteBytes: Int { writeBuffer.count - writeOffset }
    var hasUnparsedInput: Bool { readStart < readBuffer.count }

    func queue(_ bytes: [UInt8]) {
        if writeOffset == writeBuffer.count {
            writeBuffer = bytes
            writeOffset = 0
        } else {
            writeBuffer.append(contentsOf: bytes)
        }
    }

    /// Queues a response, serialized straight into the write buffer.
    func queue(_ response: HTTPResponse, keepAlive: Bool, headOnly: Bool) {
        if writeOffset == writeBuffer.count {
            // Everything before was sent: start over in the same storage.
            writeBuffer.removeAll(keepingCapacity: true)
            writeOffset = 0
        }
        response.serialize(into: &writeBuffer, keepAlive: keepAlive, headOnly: headOnly)
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
