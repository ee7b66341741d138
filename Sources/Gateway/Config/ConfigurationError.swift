// Every problem found in a configuration, each naming where it came from (the file or the
// environment variable) and the key, e.g. `runql.json: "server.port" must be an integer between 0 and 65535`.

struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    let problems: [String]

    init(_ problems: [String]) { self.problems = problems }
    init(_ problem: String) { self.problems = [problem] }

    var description: String { problems.joined(separator: "\n") }
}
