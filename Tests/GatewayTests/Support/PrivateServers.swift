// Servers of a test's own that it may stop and start again: a PostgreSQL cluster and a
// SecantusDB process. The shared servers from scripts/services.sh must stay up for every other
// test running in parallel. (ResolversTests has its own PrivatePostgresCluster; test targets
// cannot share support files.)

import Foundation
import Glibc

/// A loopback port with nothing listening (bound then released).
func unusedPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    return Int(UInt16(bigEndian: addr.sin_port))
}

struct PrivateServerError: Error, CustomStringConvertible { let description: String }

/// Runs `argv` to completion with output discarded (posix_spawn: `pg_ctl start` leaves a server
/// running that inherits descriptors, and Foundation's Process then never sees pg_ctl exit).
private func run(_ argv: [String]) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ) == 0 else {
        throw PrivateServerError(description: "could not start \(argv[0])")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    guard status == 0 else { throw PrivateServerError(description: "\(argv.joined(separator: " ")) failed with status \(status)") }
}

final class PrivatePostgres: @unchecked Sendable {
    let directory: URL
    let port: Int
    private let bin: String
    private let runAs: String

    var conninfo: String { "host=127.0.0.1 port=\(port) user=postgres dbname=postgres connect_timeout=3" }
    private var dataPath: String { directory.appendingPathComponent("data").path }

    init() throws {
        bin = try DemoGateway.setting("RUNQL_PG_BIN")
        runAs = ProcessInfo.processInfo.environment["RUNQL_PG_RUNAS"] ?? ""
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("runql-pgfault-\(UUID().uuidString.prefix(8))")
        port = unusedPort()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory.path)
        try tool("initdb", ["-D", dataPath, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        try start()
    }

    func start() throws {
        try tool("pg_ctl", ["-D", dataPath, "-l", directory.appendingPathComponent("log").path, "-w", "-t", "30",
                            "-o", "-p \(port) -k \(directory.path) -c listen_addresses=127.0.0.1 -c fsync=off", "start"])
    }

    func stop() throws { try tool("pg_ctl", ["-D", dataPath, "-m", "fast", "-w", "-t", "30", "stop"]) }

    func destroy() {
        try? stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private func tool(_ name: String, _ arguments: [String]) throws {
        try run(runAs.isEmpty ? ["\(bin)/\(name)"] + arguments : ["/usr/sbin/runuser", "-u", runAs, "--", "\(bin)/\(name)"] + arguments)
    }
}

/// A SecantusDB server from the virtual environment scripts/services.sh installed
/// (`$RUNQL_STATE_DIR/venv`, else the repository's `.runql/venv`), on a port of its own.
final class PrivateSecantus: @unchecked Sendable {
    let port: Int
    let storage: URL
    private let python: String
    private var pid: pid_t = 0

    var uri: String { "mongodb://127.0.0.1:\(port)/?serverSelectionTimeoutMS=1500&connectTimeoutMS=1500" }

    init() throws {
        let environment = ProcessInfo.processInfo.environment
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let stateDir = environment["RUNQL_STATE_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? repository.appendingPathComponent(".runql").path
        python = stateDir + "/venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw PrivateServerError(description: "no SecantusDB at \(python): run the tests with scripts/services.sh")
        }
        port = unusedPort()
        storage = FileManager.default.temporaryDirectory.appendingPathComponent("runql-secantus-\(UUID().uuidString.prefix(8))")
        try start()
    }

    func start() throws {
        let argv = [python, "-m", "secantus", "--host", "127.0.0.1", "--port", String(port), "--storage-path", storage.path,
                    "--standalone", "--log-level", "WARNING"]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        guard posix_spawn(&pid, python, &actions, nil, &cArgs, environ) == 0 else {
            throw PrivateServerError(description: "could not start SecantusDB")
        }
        // Up when it accepts a connection (a bounded wait for start-up, not a timing assertion).
        for _ in 0..<300 {
            if accepts() { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { throw PrivateServerError(description: "SecantusDB exited during start-up") }
            usleep(100_000)
        }
        throw PrivateServerError(description: "SecantusDB did not listen on port \(port)")
    }

    /// SIGTERM, then waits for the process to exit (SIGKILL after 10 s).
    func stop() {
        guard pid > 0 else { return }
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<100 {
            if waitpid(pid, &status, WNOHANG) == pid { pid = 0; return }
            usleep(100_000)
        }
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        pid = 0
    }

    func destroy() {
        stop()
        try? FileManager.default.removeItem(at: storage)
    }

    private func accepts() -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
