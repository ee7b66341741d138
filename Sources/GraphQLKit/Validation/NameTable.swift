// Names to indices for a fixed list of names, prepared once per schema. Validation looks up
// type, field and directive names for most nodes; `Dictionary<String, _>` hashes the whole name
// with SipHash (a few hundred instructions for a short name). Here a slot is picked from the
// name's length and three of its bytes, and the few names that land there are compared
// (lengths first), which is several times cheaper for the names schemas use.

struct NameTable: Sendable {
    private let names: [String]
    private let lengths: [Int]
    /// Open addressing: an index into `names`, or -1 for an empty slot.
    private let slots: [Int32]
    private let mask: Int

    /// The first of equal names wins.
    init(_ names: [String]) {
        self.names = names
        lengths = names.map(\.utf8.count)
        var size = 8
        while size < names.count * 4 { size <<= 1 }
        var slots = [Int32](repeating: -1, count: size)
        let mask = size - 1
        outer: for (i, name) in names.enumerated() {
            var slot = Self.key(name) & mask
            while slots[slot] >= 0 {
                if names[Int(slots[slot])] == name { continue outer }
                slot = (slot + 1) & mask
            }
            slots[slot] = Int32(i)
        }
        self.slots = slots
        self.mask = mask
    }

    func index(of name: String) -> Int? {
        // One pass over contiguous bytes: the UTF-8 view's `count`, `first` and `last` each
        // cost more than reading the bytes directly.
        var name = name
        let (length, key) = name.withUTF8 { (bytes: UnsafeBufferPointer<UInt8>) in (bytes.count, Self.key(bytes)) }
        var slot = key & mask
        while true {
            let i = Int(slots[slot])
            if i < 0 { return nil }
            if lengths[i] == length && names[i] == name { return i }
            slot = (slot + 1) & mask
        }
    }

    private static func key(_ name: String) -> Int {
        var name = name
        return name.withUTF8 { key($0) }
    }

    /// A cheap spread of names over slots: the length and the first, middle and last bytes.
    @inline(__always)
    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let count = bytes.count
        guard count > 0 else { return 0 }
        var h = count &* 0x9E37_79B1
        h ^= Int(bytes[0]) &* 0x85EB_CA6B
        h ^= Int(bytes[count / 2]) &* 0xC2B2_AE35
        h ^= Int(bytes[count - 1]) &* 0x27D4_EB2F
        return h ^ (h >> 15)
    }
}
