// A PostgreSQL cluster of a test's own, for tests that stop and restart the server: the shared
// cluster from scripts/services.sh must stay up for every other test running in parallel.

import Foundation

final class PrivatePostgresCluster {
    let directory: URL
    let port: Int
    private let bin: String
    private let runAs: String

    var conninfo: String { "host=127.0.0.1 port=\(port) user=postgres dbname=postgres connect_timeout=3" }

    init() throws {
        bin = try TestServices.setting("RUNQL_PG_BIN")
        runAs = ProcessInfo.processInfo.environment["RUNQL_PG_RUNAS"] ?? ""
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("runql-pg-\(UUID().uuidString.prefix(8))")
        port = TestServices.closedPort()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory.path)
        try run("initdb", ["-D", dataPath, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        try start()
    }

    private var dataPath: String { directory.appendingPathComponent("data").path }

    func start() throws {
        try run("pg_ctl", ["-D", dataPath, "-l", directory.appendingPathComponent("log").path, "-w", "-t", "30",
                           "-o", "-p \(port) -k \(directory.path) -c listen_addresses=127.0.0.1 -c fsync=off", "start"])
    }

    func stop() throws {
        try run("pg_ctl", ["-D", dataPath, "-m", "fast", "-w", "-t", "30", "stop"])
    }

    func destroy() {
        try? stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// posix_spawn + waitpid rather than Foundation's Process: `pg_ctl start` leaves a server
    /// running that inherits descriptors, and Process then never notices that pg_ctl exited.
    private func run(_ tool: String, _ arguments: [String]) throws {
        let argv = runAs.isEmpty
            ? ["\(bin)/\(tool)"] + arguments
            : ["/usr/sbin/runuser", "-u", runAs, "--", "\(bin)/\(tool)"] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
        guard spawned == 0 else { throw ClusterError(message: "could not start \(argv[0]): \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else {
            throw ClusterError(message: "\(tool) \(arguments.joined(separator: " ")) failed with status \(status)")
        }
    }

    struct ClusterError: Error { let message: String }
}
