// HMAC-SHA256 (RFC 2104 with SHA-256, as RFC 4231 tests it): the JWT HS256 signature.

public enum HMAC {
    /// H((K' ⊕ opad) ‖ H((K' ⊕ ipad) ‖ message)), where K' is the key hashed when longer than a
    /// block and zero-padded to one.
    public static func sha256<Key: Collection, Message: Collection>(key: Key, message: Message) -> [UInt8]
    where Key.Element == UInt8, Message.Element == UInt8 {
        var block = key.count > SHA256.blockSize ? SHA256.hash(key) : Array(key)
        block.append(contentsOf: repeatElement(0, count: SHA256.blockSize - block.count))
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }
}
