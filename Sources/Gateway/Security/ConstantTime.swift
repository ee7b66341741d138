// Comparing secrets (token hashes, signatures) without an early exit, so the time taken does not
// tell an attacker how many leading bytes of a guess were right.

public enum ConstantTime {
    /// True when `a` and `b` hold the same bytes. The lengths are not secret (digests have fixed
    /// sizes), so a length mismatch may return at once.
    public static func equals<A: Collection, B: Collection>(_ a: A, _ b: B) -> Bool
    where A.Element == UInt8, B.Element == UInt8 {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
