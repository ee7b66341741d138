// In-tree benchmark harness. Build and run in release:
//   swift run -c release runql-bench [NAME...]
// Each benchmark prints one line per figure; docs/BENCHMARKS.md records them.
import Foundation

let registered: [(name: String, run: () -> Void)] = [
    ("parse", runParseBenchmarks),
    ("print", runPrintBenchmarks),
    ("types", runTypeSystemBenchmarks),
    ("validate", runValidationBenchmarks),
    ("execute", runExecutionBenchmarks),
    ("cms", runCMSOverheadBenchmark),
    ("large", runLargeResponseBenchmark),
]

let wanted = Set(CommandLine.arguments.dropFirst())
for b in registered where wanted.isEmpty || wanted.contains(b.name) {
    b.run()
}
