// Inputs the benchmarks share with the tests, read from the test fixtures so that one copy
// serves both.

import Foundation

enum BenchmarkFixtures {
    /// The text of Tests/GraphQLKitTests/Fixtures/NAME, found from this file's place in the repository.
    static func text(_ name: String) -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("Tests/GraphQLKitTests/Fixtures").appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            FileHandle.standardError.write(Data("runql-bench: cannot read \(url.path)\n".utf8))
            return ""
        }
        return text
    }

    static let kitchenSinkQuery = text("kitchen-sink.graphql")
}
