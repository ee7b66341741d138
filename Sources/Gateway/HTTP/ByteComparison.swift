// Comparing bytes with a constant by memcmp. `elementsEqual` over a buffer and a StaticString's
// UTF-8 went through the generic iterator path (~400 instructions for "HTTP/1.1").

import Glibc

extension UnsafeBufferPointer<UInt8> {
    /// Whether these bytes are exactly `text`'s UTF-8.
    func equals(_ text: StaticString) -> Bool {
        text.withUTF8Buffer { expected in
            guard expected.count == count else { return false }
            guard let a = baseAddress, let b = expected.baseAddress else { return count == 0 }
            return memcmp(a, b, count) == 0
        }
    }
}

extension Slice<UnsafeBufferPointer<UInt8>> {
    /// Whether these bytes are exactly `text`'s UTF-8.
    func equals(_ text: StaticString) -> Bool { UnsafeBufferPointer(rebasing: self).equals(text) }
}
