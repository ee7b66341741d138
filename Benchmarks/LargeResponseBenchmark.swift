// Large responses (issue 10, item 4): the peak resident memory of the engine and the CMS
// resolvers answering one large nested query, against the answer's size. In process, without
// HTTP (scripts/bench-large.sh measures the same through `runql serve`). Needs the synthetic runs
// of scripts/bench-large.sql in the registry RUNQL_PG_CONNINFO names:
//   scripts/services.sh bash -c '.build/release/runql seed && psql ... -f scripts/bench-large.sql && .build/release/runql-bench large'
// (scripts/bench-large.sh does this). The answer is kept in the chunks the executor wrote, as
// the server queues them, until the peak is read.
import Dispatch
import Foundation
import GraphQLKit
import Resolvers

private let largeQueries: [(name: String, query: String)] = [
    ("ranges", "{ cmsRuns(first: 100) { nodes { number datasets { name lumisectionRanges { start end } } } } }"),
    // Reads every range, writes almost nothing: what reading costs alone.
    ("read only", #"{ cmsRuns(first: 100) { nodes { number datasets { name componentRanges(components: ["none"]) { start } } } } }"#),
]

/// The largest resident set seen between `start` and `stop`, sampled every millisecond (the
/// kernel's VmHWM misses peaks whose memory malloc returns with madvise).
private final class ResidentPeak: @unchecked Sendable {
    // @unchecked: `peak` and `running` are guarded by `lock`.
    private let lock = NSLock()
    private var peak = 0
    private var running = false
    private let done = DispatchSemaphore(value: 0)

    static func current() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    func start() {
        lock.withLock { running = true; peak = Self.current() }
        Thread.detachNewThread { [self] in
            while lock.withLock({ running }) {
                let now = Self.current()
                lock.withLock { peak = max(peak, now) }
                usleep(1000)
            }
            done.signal()
        }
    }

    func stop() -> Int {
        lock.withLock { running = false }
        done.wait()
        return lock.withLock { max(peak, Self.current()) }
    }
}

func runLargeResponseBenchmark() {
    guard let (pool, executable) = cmsBenchmarkSchema(
        "large", setup: "the synthetic runs: scripts/bench-large.sh", statementTimeout: 300) else { return }
    blocking {
        // RUNQL_LARGE_QUERY picks one (each is best measured in a process of its own: memory a
        // query frees stays resident for the next).
        let only = ProcessInfo.processInfo.environment["RUNQL_LARGE_QUERY"]
        for (name, query) in largeQueries where only == nil || only == name {
            // Warm up on one run: plans, statements, pool connections.
            _ = await executable.execute(query: query.replacingOccurrences(of: "first: 100", with: "first: 1")).jsonChunks
            let before = ResidentPeak.current()
            let sampler = ResidentPeak()
            sampler.start()
            let start = DispatchTime.now().uptimeNanoseconds
            let result = await executable.execute(query: query)
            let chunks = result.jsonChunks
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let peak = sampler.stop()
            let size = chunks.reduce(0) { $0 + $1.count }
            guard result.errors.isEmpty else {
                print("large: \(name): \(result.errors.map(\.message))")
                continue
            }
            let delta = peak - before
            print(String(format: "large: %@: answer %.1f MB in %d chunks, %.1f s; resident %.1f MB before, peak +%.1f MB (%.2f× the answer)",
                         name, Double(size) / 1e6, chunks.count, seconds, Double(before) / 1e6, Double(delta) / 1e6,
                         Double(delta) / Double(max(size, 1))))
        }
    }
    pool.closeIdle()
}
