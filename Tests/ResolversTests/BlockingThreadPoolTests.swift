// The connectors' thread pool: a connector released on one of its own threads shuts the pool
// down from its deinit, and that must end the thread, not deadlock it (the soak found threads
// stuck this way, one per `sources` probe).

import Foundation
import Testing
@testable import Resolvers

private final class PoolOwner: @unchecked Sendable {
    let pool = BlockingThreadPool(threads: 1, name: "owner-test")
    deinit { pool.shutdown() }
}

@Suite struct BlockingThreadPoolTests {
    @Test func anOwnerReleasedOnItsOwnThreadLetsTheThreadEnd() async throws {
        var owner: PoolOwner? = PoolOwner()
        let pool = try #require(owner?.pool)
        let ran = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            guard let captured = owner else { return continuation.resume(returning: false) }
            owner = nil
            // The job holds the only reference to its owner: it is released on the pool's thread.
            pool.submit { [captured] in
                _ = captured
                continuation.resume(returning: true)
            }
        }
        #expect(ran)
        // Hang guard only: the thread ends as soon as the owner's deinit has run.
        for _ in 0..<500 where pool.liveThreads > 0 { try await Task.sleep(nanoseconds: 10_000_000) }
        #expect(pool.liveThreads == 0)
    }
}
