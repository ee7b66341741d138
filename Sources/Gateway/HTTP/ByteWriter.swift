// Bytes written into a fixed buffer (usually stack memory from withUnsafeTemporaryAllocation),
// then appended to an array in one go. Response heads and request-log lines are a dozen or more
// small pieces; appending each to an array separately cost ~90 instructions a piece
// (capacity and uniqueness checks), where a copy into the buffer costs a few.

struct ByteWriter {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0
    /// Something did not fit: the caller must take its slower path (nothing is half-written
    /// into the destination, since it only gets `written` when this is false).
    private(set) var overflowed = false

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: buffer[0..<count]) }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !overflowed, let source = bytes.baseAddress, let target = buffer.baseAddress else {
            if !bytes.isEmpty { overflowed = true }
            return
        }
        guard buffer.count - count >= bytes.count else { overflowed = true; return }
        (target + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { write($0) }
    }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    mutating func write(byte: UInt8) {
        guard !overflowed, count < buffer.count else { overflowed = true; return }
        buffer[count] = byte
        count += 1
    }

    /// Decimal digits (with a minus sign when negative).
    mutating func write(decimal value: Int) {
        if value < 0 { write(byte: UInt8(ascii: "-")) }
        var v = value.magnitude
        var digits = 1, rest = v / 10
        while rest > 0 { digits += 1; rest /= 10 }
        guard !overflowed, buffer.count - count >= digits else { overflowed = true; return }
        var i = count + digits
        repeat {
            i -= 1
            buffer[i] = UInt8(truncatingIfNeeded: v % 10) + UInt8(ascii: "0")
            v /= 10
        } while v > 0
        count += digits
    }
}
