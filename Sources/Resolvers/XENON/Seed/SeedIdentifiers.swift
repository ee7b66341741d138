// Identifiers as the real systems print them (ObjectIds, checksums, strax lineage hashes, pax
// git hashes), drawn from a SeedRandom so that they are reproducible.

extension SeedRandom {
    private static let hexDigits = Array("0123456789abcdef")
    /// RFC 4648 base32 in lower case, as strax prints lineage hashes.
    private static let base32Digits = Array("abcdefghijklmnopqrstuvwxyz234567")

    mutating func hex(count: Int) -> String {
        var s = ""
        s.reserveCapacity(count)
        for _ in 0..<count { s.append(Self.hexDigits[int(in: 0...15)]) }
        return s
    }

    /// A sha512 digest in hex (cax's checksums).
    mutating func sha512() -> String { hex(count: 128) }

    /// An adler32 checksum (rucio), 8 hex digits.
    mutating func adler32() -> String { hex(count: 8) }

    /// A strax lineage hash: 10 lower-case base32 characters, e.g. `rfzvpzj4mf`.
    mutating func lineageHash() -> String {
        var s = ""
        for _ in 0..<10 { s.append(Self.base32Digits[int(in: 0...31)]) }
        return s
    }

    /// An ObjectId as a server would have made it at `time`: 4 bytes of seconds, then bytes
    /// that are unique per (experiment, index), so two seeds never collide within a collection.
    mutating func objectID(at time: BSONDateTime, experiment: UInt8, index: Int) -> ObjectID {
        let seconds = UInt32(clamping: time.millisecondsSinceEpoch / 1000)
        let noise = next()
        let counter = UInt32(truncatingIfNeeded: index)
        let bytes: [UInt8] = [
            UInt8(truncatingIfNeeded: seconds >> 24), UInt8(truncatingIfNeeded: seconds >> 16),
            UInt8(truncatingIfNeeded: seconds >> 8), UInt8(truncatingIfNeeded: seconds),
            experiment,
            UInt8(truncatingIfNeeded: noise), UInt8(truncatingIfNeeded: noise >> 8), UInt8(truncatingIfNeeded: noise >> 16),
            UInt8(truncatingIfNeeded: counter >> 24), UInt8(truncatingIfNeeded: counter >> 16),
            UInt8(truncatingIfNeeded: counter >> 8), UInt8(truncatingIfNeeded: counter),
        ]
        guard let id = ObjectID(bytes: bytes) else { preconditionFailure("an ObjectId is 12 bytes") }  // not input-dependent
        return id
    }
}
