// The printer's output buffer: one growing UTF-8 byte array plus the current indentation.
//
// Every construct appends to the same buffer, so printing is linear in the output size.
// Indentation is applied when a line break is written (`newline()`), which indents every line
// of a nested construct, block-string lines included, as the reference printer does.

struct PrintBuffer {
    var bytes: [UInt8] = []
    /// Nesting level; each level is two spaces.
    var indentLevel = 0
    /// Recursion depth of the printer (selection sets, lists, objects, wrapped types).
    var depth = 0
    var onLargeStack = false
    /// Deeper than this, printing continues on a large stack (see `LargeStack`).
    static let callerStackDepth = 32

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func write(_ text: String) {
        var text = text
        // Native strings are contiguous, so this is a plain copy of their UTF-8 storage.
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func write(byte: UInt8) {
        bytes.append(byte)
    }

    /// A line break followed by the current indentation.
    mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<indentLevel {
            bytes.append(UInt8(ascii: " "))
            bytes.append(UInt8(ascii: " "))
        }
    }

    /// Whether anything written since `start` contains a line break.
    func hasLineBreak(since start: Int) -> Bool {
        var i = start
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") { return true }
            i += 1
        }
        return false
    }

    /// The length of the text written since `start` as the reference printer measures it:
    /// in Unicode scalars, and without the indentation this buffer added after line breaks.
    func unindentedLength(since start: Int) -> Int {
        var scalars = 0
        var breaks = 0
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b & 0xC0 != 0x80 { scalars += 1 }  // not a UTF-8 continuation byte
            if b == UInt8(ascii: "\n") { breaks += 1 }
            i += 1
        }
        return scalars - breaks * 2 * indentLevel
    }

    mutating func truncate(to count: Int) {
        bytes.removeSubrange(count...)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Runs `body` one nesting level deeper, on a large stack once the walk is deep.
    @inline(__always)
    mutating func nested(_ body: (inout PrintBuffer) -> Void) {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.callerStackDepth && !onLargeStack {
            onLargeStack = true
            LargeStack.run(&self, body)
            onLargeStack = false
        } else {
            body(&self)
        }
    }
}
