// An epoll event loop on its own thread: accepts connections on its listener, reads and parses
// requests, hands each to the handler as a Swift task, and writes responses back in order.
// Connections are touched only on this thread. Jobs and handler results that come from this
// thread go on loop-confined queues without a lock; those from other threads come through a
// locked queue and an eventfd wake-up.
//
// The loop is also the handler tasks' executor (a `TaskExecutor` preference): a request that
// needs no other thread is parsed, answered and written without leaving this thread, which
// saves two thread hand-offs per request. Work that awaits other threads (connectors, timers)
// resumes here when it is done. Handlers must not block the thread.

import CEpoll
import Foundation
import Glibc
import Synchronization

final class EventLoop: @unchecked Sendable, TaskExecutor {
    // @unchecked: everything but `completions`, `jobs`, `wakePending`, `stopped`,
    // `shutdownDeadline` (guarded by `lock`), the atomics and `wakeFD` is loop-confined.
    // The loop-confined properties the request path touches are `@exclusivity(unchecked)`:
    // one thread, no access held across a call that reaches the same property, and the
    // runtime's dynamic checks were an access-set insert and a thread-local lookup each.
    private let epollFD: Int32
    private let wakeFD: Int32
    private var listenerFD: Int32
    private let configuration: HTTPServerConfiguration
    private let limits: HTTPLimits
    private let handler: HTTPServer.Handler
    @exclusivity(unchecked) private var connections: [Int32: HTTPConnection] = [:]
    @exclusivity(unchecked) private var nextGeneration: UInt64 = 1

    typealias Completion = (fd: Int32, generation: UInt64, response: HTTPResponse, keepAlive: Bool, headOnly: Bool)

    private let lock = NSLock()
    /// Answers and jobs from other threads (a handler that awaited a connector, a timer).
    private var completions: [Completion] = []
    private var shutdownDeadline: Double?
    @exclusivity(unchecked) private var draining = false
    /// Task jobs to run on this thread, and whether an eventfd wake-up is already on its way.
    private var jobs: [UnownedJob] = []
    private var wakePending = false
    /// Set (under `lock`) when `jobs` or `completions` got something, so the loop takes the
    /// lock only when there is something to take.
    private let remoteWork = Atomic<Bool>(false)
    private let shutdownRequested = Atomic<Bool>(false)
    /// Jobs and answers made on this thread (the usual case: a request answered without
    /// leaving the loop): appended without a lock. Each has a spare that `runJobs` and
    /// `deliverCompletions` swap in, so neither allocates a new array per pass.
    @exclusivity(unchecked) private var localJobs: [UnownedJob] = []
    @exclusivity(unchecked) private var runningJobs: [UnownedJob] = []
    @exclusivity(unchecked) private var localCompletions: [Completion] = []
    @exclusivity(unchecked) private var deliveringCompletions: [Completion] = []
    /// After the loop exits, jobs still arriving run on Dispatch instead.
    private var stopped = false
    private var loopThread: pthread_t?
    /// One receive buffer for every connection of this loop (reads copy out of it at once).
    @exclusivity(unchecked) private var receiveBuffer = [UInt8](repeating: 0, count: 64 * 1024)

    init(listenerFD: Int32, configuration: HTTPServerConfiguration, handler: @escaping HTTPServer.Handler) throws {
        self.listenerFD = listenerFD
        self.configuration = configuration
        self.limits = configuration.limits
        self.handler = handler
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard epollFD >= 0, wakeFD >= 0 else { throw SocketError.system(call: "epoll_create1/eventfd", errno: errno) }
        register(listenerFD, events: EPOLLIN.rawValue)
        register(wakeFD, events: EPOLLIN.rawValue)
    }

    /// Asks the loop to stop accepting, finish in-flight requests, and exit by `deadline` (seconds from now).
    func beginShutdown(deadline: Double) {
        lock.withLock { shutdownDeadline = now() + deadline }
        shutdownRequested.store(true, ordering: .releasing)
        wake()
    }

    /// Writes to the wake-up descriptor only while the loop runs, under `lock`: the loop closes
    /// it under the lock once `stopped` is set. A late write (an answer finishing after the loop
    /// ended) otherwise landed in whatever the descriptor number had been reused for: eight bytes
    /// in another connection's stream (PostgreSQL logged "invalid frontend message type 1").
    private func wake() {
        lock.withLock {
            guard !stopped else { return }
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
    }

    /// Whether the caller runs on this loop's thread.
    var onLoopThread: Bool {
        guard let loopThread else { return false }
        return pthread_equal(loopThread, pthread_self()) != 0
    }

    // MARK: TaskExecutor

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // On the loop's own thread the loop is running (jobs only run inside `run`).
        if onLoopThread {
            localJobs.append(job)
            return
        }
        let (shouldWake, isStopped) = lock.withLock { () -> (Bool, Bool) in
            if stopped { return (false, true) }
            jobs.append(job)
            remoteWork.store(true, ordering: .relaxed)
            if wakePending { return (false, false) }
            wakePending = true
            return (true, false)
        }
        if isStopped {
            let executor = asUnownedTaskExecutor()
            DispatchQueue.global().async { job.runSynchronously(on: executor) }
            return
        }
        if shouldWake { wake() }
    }

    /// Runs queued jobs until none are left (bounded, so I/O is not starved by a busy task).
    private func runJobs() {
        let executor = asUnownedTaskExecutor()
        for _ in 0..<64 {
            takeRemoteWork()
            if localJobs.isEmpty { return }
            // Jobs these jobs enqueue go to `localJobs`, run in the next pass.
            swap(&localJobs, &runningJobs)
            for job in runningJobs { job.runSynchronously(on: executor) }
            runningJobs.removeAll(keepingCapacity: true)
        }
    }

    /// Moves what other threads queued onto the local queues (the lock only when there is some).
    private func takeRemoteWork() {
        // The flag is set under the lock, and `drainWakeups` takes the lock before this runs, so
        // work queued before a wake-up was consumed is seen here; later work wakes the loop again.
        guard remoteWork.load(ordering: .relaxed) else { return }
        lock.withLock {
            remoteWork.store(false, ordering: .relaxed)
            localJobs.append(contentsOf: jobs)
            jobs.removeAll(keepingCapacity: true)
            localCompletions.append(contentsOf: completions)
            completions.removeAll(keepingCapacity: true)
        }
    }

    private var hasQueuedWork: Bool {
        !localJobs.isEmpty || !localCompletions.isEmpty || remoteWork.load(ordering: .relaxed)
    }

    private func register(_ fd: Int32, events: UInt32) {
        var event = epoll_event()
        event.events = events
        event.data.fd = fd
        epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event)
    }

    private func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    // MARK: The loop

    func run() {
        loopThread = pthread_self()
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        var lastSweep = now()
        while true {
            let n = epoll_wait(epollFD, &events, Int32(events.count), hasQueuedWork ? 0 : 250)
            let t = now()
            if n > 0 {
                for i in 0..<Int(n) {
                    let fd = events[i].data.fd
                    let flags = events[i].events
                    if fd == listenerFD { acceptAll(now: t) }
                    else if fd == wakeFD { drainWakeups(now: t) }
                    else if let connection = connections[fd] { handle(connection, flags: flags, now: t) }
                }
            }
            // Handler tasks started above run now, on this thread; their answers go out at once.
            runJobs()
            deliverCompletions(now: t)
            if t - lastSweep >= 0.25 {
                sweepTimeouts(now: t)
                lastSweep = t
            }
            if checkShutdown(now: t) { break }
        }
        for connection in connections.values { close(connection.fd) }
        connections.removeAll()
        let leftover = lock.withLock { () -> [UnownedJob] in
            stopped = true
            let j = localJobs + jobs
            jobs.removeAll()
            return j
        }
        localJobs.removeAll()
        // Tasks still running after the deadline finish on Dispatch; their answers are dropped.
        let executor = asUnownedTaskExecutor()
        for job in leftover { DispatchQueue.global().async { job.runSynchronously(on: executor) } }
        close(epollFD)
        lock.withLock { close(wakeFD) }  // `stopped` is set: no wake() writes to it any more
    }

    private func checkShutdown(now t: Double) -> Bool {
        guard shutdownRequested.load(ordering: .acquiring), let deadline = lock.withLock({ shutdownDeadline }) else { return false }
        if !draining {
            draining = true
            epoll_ctl(epollFD, EPOLL_CTL_DEL, listenerFD, nil)
            close(listenerFD)
            listenerFD = -1
            for connection in Array(connections.values) {
                if connection.inFlight || connection.pendingWriteBytes > 0 {
                    connection.closeAfterWrite = true
                } else {
                    closeConnection(connection)
                }
            }
        }
        return connections.isEmpty || t >= deadline
    }

    private func acceptAll(now t: Double) {
        while let fd = Socket.accept(listenerFD) {
            guard connections.count < configuration.maxConnectionsPerLoop else {
                close(fd)
                continue
            }
            let connection = HTTPConnection(fd: fd, generation: nextGeneration, limits: limits, now: t)
            nextGeneration += 1
            connections[fd] = connection
            // Edge-triggered: each event means "new data or space"; handlers read/write until EAGAIN.
            register(fd, events: EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue)
        }
    }

    private func drainWakeups(now t: Double) {
        var value: UInt64 = 0
        _ = read(wakeFD, &value, 8)
        lock.withLock { wakePending = false }
        runJobs()
        deliverCompletions(now: t)
    }

    private func deliverCompletions(now t: Double) {
        // Read with the completions: an answer finished after shutdown began closes its
        // connection even when this iteration delivers it before `checkShutdown` runs.
        takeRemoteWork()
        let stopping = shutdownRequested.load(ordering: .acquiring)
        if localCompletions.isEmpty { return }
        swap(&localCompletions, &deliveringCompletions)
        defer { deliveringCompletions.removeAll(keepingCapacity: true) }
        for item in deliveringCompletions {
            guard let connection = connections[item.fd], connection.generation == item.generation else { continue }
            connection.inFlight = false
            let keepAlive = item.keepAlive && !draining && !stopping && !connection.closeAfterWrite
            if !keepAlive { connection.closeAfterWrite = true }
            connection.queue(item.response, keepAlive: keepAlive, headOnly: item.headOnly)
            writeOut(connection, now: t)
            if isOpen(connection) { processInput(connection, now: t) }
        }
    }

    // MARK: Per-connection I/O

    private func handle(_ connection: HTTPConnection, flags: UInt32, now t: Double) {
        if flags & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
            closeConnection(connection)
            return
        }
        if flags & EPOLLOUT.rawValue != 0, connection.pendingWriteBytes > 0 {
            writeOut(connection, now: t)
            guard isOpen(connection) else { return }
            processInput(connection, now: t)
            guard isOpen(connection) else { return }
        }
        if flags & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue) != 0 {
            // A hang-up may have arrived with the data: then read on to the end to see it.
            readIn(connection, now: t, untilDrained: flags & EPOLLRDHUP.rawValue != 0)
        }
    }

    private func isOpen(_ connection: HTTPConnection) -> Bool { connections[connection.fd] === connection }

    /// Reads what the socket holds. A short read means it is empty for now (edge-triggered epoll
    /// reports the next arrival), which saves the extra recv() that would only say EAGAIN —
    /// unless `untilDrained`, when the end of the stream must be seen too.
    private func readIn(_ connection: HTTPConnection, now t: Double, untilDrained: Bool = true) {
        guard !connection.stopReading, !connection.readPaused, !connection.peerClosed else { return }
        while true {
            let n = receiveBuffer.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                if connection.requestStarted == nil && !connection.inFlight { connection.requestStarted = t }
                receiveBuffer.withUnsafeBytes { connection.readBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                connection.lastActivity = t
                // Stop pulling bytes from a client that sends far more than one request can hold
                // while its earlier requests are still being answered (edge-triggered: resumed by hand).
                if connection.readBuffer.count - connection.readStart > limits.maxBodyBytes + limits.maxHeaderBytes {
                    connection.readPaused = true
                    break
                }
                if !untilDrained && n < receiveBuffer.count { break }
                continue
            }
            if n == 0 { connection.peerClosed = true; break }
            if errno == EAGAIN || errno == EWOULDBLOCK { break }
            if errno == EINTR { continue }
            closeConnection(connection)
            return
        }
        processInput(connection, now: t)
    }

    private func processInput(_ connection: HTTPConnection, now t: Double) {
        parsing: while !connection.inFlight && !connection.stopReading && !connection.closeAfterWrite {
            // Backpressure: a client that does not read its responses gets no new ones started.
            guard connection.pendingWriteBytes < configuration.writeBackpressureBytes else { return }
            guard connection.hasUnparsedInput else { break }
            var start = connection.readStart
            let outcome = connection.parser.parse(connection.readBuffer, start: &start)
            connection.readStart = start
            switch outcome {
            case .needMore:
                if connection.parser.isReadingBody && connection.headCompletedAt == nil { connection.headCompletedAt = t }
                connection.compactReadBuffer()
                break parsing
            case .expectContinue:
                connection.headCompletedAt = connection.headCompletedAt ?? t
                connection.queue(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                writeOut(connection, now: t)
                guard isOpen(connection) else { return }
                break parsing
            case .failure(let status, let message):
                connection.stopReading = true
                connection.closeAfterWrite = true
                connection.queue(HTTPResponse.plain(status, message).serialized(keepAlive: false))
                writeOut(connection, now: t)
                return
            case .request(let request):
                connection.compactReadBuffer()
                connection.requestStarted = connection.hasUnparsedInput ? t : nil
                connection.headCompletedAt = nil
                dispatch(request, on: connection)
            }
        }
        if connection.peerClosed && !connection.inFlight && connection.pendingWriteBytes == 0 {
            closeConnection(connection)
            return
        }
        if connection.readPaused && connection.readBuffer.count - connection.readStart <= limits.maxBodyBytes + limits.maxHeaderBytes {
            connection.readPaused = false
            readIn(connection, now: t)
        }
    }

    private func dispatch(_ request: HTTPRequest, on connection: HTTPConnection) {
        connection.inFlight = true
        let fd = connection.fd, generation = connection.generation
        let keepAlive = request.keepAlive
        let headOnly = request.method == "HEAD"
        let handler = self.handler
        Task(executorPreference: self) { [self] in
            let response = await handler(request)
            // On this loop's thread (the usual case) the loop delivers it after running jobs,
            // from a queue no other thread touches; from elsewhere it needs a wake-up (one per
            // batch).
            if onLoopThread {
                localCompletions.append((fd, generation, response, keepAlive, headOnly))
                return
            }
            let shouldWake = lock.withLock { () -> Bool in
                completions.append((fd, generation, response, keepAlive, headOnly))
                remoteWork.store(true, ordering: .relaxed)
                if wakePending { return false }
                wakePending = true
                return true
            }
            if shouldWake { wake() }
        }
    }

    private func writeOut(_ connection: HTTPConnection, now t: Double) {
        switch connection.flush(now: t) {
        case .failed:
            closeConnection(connection)
        case .blocked:
            break
        case .done:
            let finished = connection.closeAfterWrite || (connection.peerClosed && !connection.hasUnparsedInput)
            if finished && !connection.inFlight {
                // Half-close first so the client reads the whole response before the close.
                shutdown(connection.fd, Int32(SHUT_WR))
                closeConnection(connection)
            }
        }
    }

    private func closeConnection(_ connection: HTTPConnection) {
        guard isOpen(connection) else { return }
        connections[connection.fd] = nil
        epoll_ctl(epollFD, EPOLL_CTL_DEL, connection.fd, nil)
        close(connection.fd)
    }

    // MARK: Timeouts

    private func sweepTimeouts(now t: Double) {
        for connection in Array(connections.values) {
            if connection.pendingWriteBytes > 0 {
                if t - connection.lastWriteProgress > configuration.writeTimeout { closeConnection(connection) }
                continue
            }
            if connection.inFlight { continue }
            if let started = connection.requestStarted, connection.parser.isMidRequest || connection.hasUnparsedInput {
                let inBody = connection.headCompletedAt != nil
                let limit = inBody ? configuration.headerTimeout + configuration.bodyTimeout : configuration.headerTimeout
                if t - started > limit {
                    connection.stopReading = true
                    connection.closeAfterWrite = true
                    connection.queue(HTTPResponse.plain(408, "Request timed out").serialized(keepAlive: false))
                    writeOut(connection, now: t)
                }
                continue
            }
            if t - connection.lastActivity > configuration.idleTimeout { closeConnection(connection) }
        }
    }
}
