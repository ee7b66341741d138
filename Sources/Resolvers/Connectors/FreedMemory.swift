// Gives memory that a large result freed back to the system.
//
// glibc keeps freed memory in the arena of the thread that freed it. A statement answering
// megabytes (the CMS runs page with 5,000 lumisection ranges per run) is decoded on a connector
// thread and its rows are turned into values on another; the answer is then written by others
// still, whose arenas never reuse that memory. Without this, a 12.8 MB answer kept its input's
// text resident twice over while it was written: peak +34 MB, 2.7× the answer; with it, +25 MB
// (docs/BENCHMARKS.md, "Large answers"). Only after results of at least `threshold` bytes:
// malloc_trim walks every arena.

import CMalloc

enum FreedMemory {
    /// Results with at least this much text are worth a trim.
    static let threshold = 1 << 20

    /// Returns free pages of every arena to the system.
    static func release() {
        _ = malloc_trim(0)
    }

    /// Drops `result`'s rows and, when they were large, gives their memory back.
    static func release(afterDropping result: inout PostgresResult) {
        let large = result.textBytes >= threshold
        result = PostgresResult(columns: [], rows: [], affectedRows: 0)
        if large { release() }
    }
}
