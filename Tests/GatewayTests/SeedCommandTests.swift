import Foundation
import Testing
@testable import Gateway

/// A runql.json of its own holding `json`.
private func configFile(_ json: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runql-seed-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent("runql.json")
    try json.write(to: file, atomically: true, encoding: .utf8)
    return file.path
}

@Suite struct SeedCommandTests {
    @Test func saysWhenMongoIsNotConfigured() async throws {
        let result = await SeedCommand.run(["--config", try configFile("{}")], environment: [:])
        #expect(result.status == 1)
        #expect(result.errorOutput == "runql seed: nothing to seed: set sources.mongo.uri (RUNQL_MONGO_URI) and/or sources.postgres.conninfo (RUNQL_PG_CONNINFO)\n")
        #expect(result.output.isEmpty)
    }

    @Test func saysWhenMongoIsUnreachable() async throws {
        let uri = "mongodb://127.0.0.1:\(unusedPort())/?serverSelectionTimeoutMS=500"
        let result = await SeedCommand.run(["--config", try configFile("{}")], environment: ["RUNQL_MONGO_URI": uri])
        #expect(result.status == 1)
        #expect(result.errorOutput.hasPrefix("runql seed: MongoDB is unreachable at mongodb://127.0.0.1:"))
    }

    @Test func rejectsBadArguments() async throws {
        let config = try configFile("{}")
        for arguments in [["--scale", "0"], ["--scale", "many"], ["--scale", "101"], ["--shards", "2"], ["extra"], ["--scale"]] {
            let result = await SeedCommand.run(["--config", config] + arguments, environment: [:])
            #expect(result.status == 2, "\(arguments)")
            #expect(result.errorOutput.hasPrefix("runql seed: "))
        }
        let missing = await SeedCommand.run(["--config", "/nonexistent/runql.json"], environment: [:])
        #expect(missing.status == 2)
    }

    @Test func addsAServerSelectionTimeoutUnlessGiven() {
        #expect(SeedCommand.withServerSelectionTimeout("mongodb://h:1") == "mongodb://h:1/?serverSelectionTimeoutMS=5000")
        #expect(SeedCommand.withServerSelectionTimeout("mongodb://h:1/run") == "mongodb://h:1/run?serverSelectionTimeoutMS=5000")
        #expect(SeedCommand.withServerSelectionTimeout("mongodb://h:1/?tls=true") == "mongodb://h:1/?tls=true&serverSelectionTimeoutMS=5000")
        #expect(SeedCommand.withServerSelectionTimeout("mongodb://h/?serverSelectionTimeoutMS=9") == "mongodb://h/?serverSelectionTimeoutMS=9")
    }

    @Test func isADeveloperCommand() async {
        let result = await RunQLCommandLine.developerCommand(["seed", "--scale", "0"])
        #expect(result?.status == 2)
    }
}
