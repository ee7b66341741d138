// A bounded least-recently-used map with O(1) lookups, insertions and evictions (a hash map
// into a doubly linked list kept in arrays), safe to share between event loops.

import Foundation

final class LRUCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    // @unchecked: every stored property is read and written only under `lock`.
    let capacity: Int
    private let lock = NSLock()
    private var index: [Key: Int] = [:]
    private var keys: [Key] = []
    private var values: [Value] = []
    private var previous: [Int] = []
    private var next: [Int] = []
    /// Most recently used slot, and least recently used; -1 when empty.
    private var head = -1
    private var tail = -1

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { lock.withLock { index.count } }

    /// The value for `key`, which becomes the most recently used.
    func value(for key: Key) -> Value? {
        lock.withLock {
            guard let slot = index[key] else { return nil }
            moveToFront(slot)
            return values[slot]
        }
    }

    /// Stores `value` as the most recently used, evicting the least recently used when full.
    func insert(_ value: Value, for key: Key) {
        lock.withLock {
            if let slot = index[key] {
                values[slot] = value
                moveToFront(slot)
                return
            }
            let slot: Int
            if keys.count < capacity {
                slot = keys.count
                keys.append(key)
                values.append(value)
                previous.append(-1)
                next.append(-1)
            } else {
                slot = tail
                unlink(slot)
                index.removeValue(forKey: keys[slot])
                keys[slot] = key
                values[slot] = value
            }
            index[key] = slot
            linkAtFront(slot)
        }
    }

    private func moveToFront(_ slot: Int) {
        guard slot != head else { return }
        unlink(slot)
        linkAtFront(slot)
    }

    private func unlink(_ slot: Int) {
        let p = previous[slot], n = next[slot]
        if p >= 0 { next[p] = n } else { head = n }
        if n >= 0 { previous[n] = p } else { tail = p }
        previous[slot] = -1
        next[slot] = -1
    }

    private func linkAtFront(_ slot: Int) {
        next[slot] = head
        previous[slot] = -1
        if head >= 0 { previous[head] = slot }
        head = slot
        if tail < 0 { tail = slot }
    }
}
