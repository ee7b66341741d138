// Golden JSON as RR's JSON portal makes it (controllers/queue_json_creation.js): for every
// dataset whose name is SIMILAR TO the filter, every lumisection is given to the json-logic rule
// as `{dataset: {...dataset_attributes, name}, run: {oms, rr, run_number}, lumisection:
// {lumisection_number, oms: {...bits, recorded, delivered}, rr: {component: status}}}`; the
// lumisections it accepts are collapsed into inclusive ranges per run.
//
// Evaluated once per interval, not once per lumisection. A rule is a pure function of the values
// its `var`s read. The lumisections of a dataset are cut wherever any value a `var` can read
// changes: at every boundary of the merged RR lumisection objects (which change only where the
// set of events covering a lumisection changes), at every change of the OMS values the rule
// reads (all OMS values when it reads the whole object), and at every lumisection when it reads
// `lumisection_number` or a computed path. Inside an interval the rule therefore sees identical
// inputs at every lumisection, so it gives the same answer it would give for each of them.

import GraphQLKit

struct GoldenJSON: Sendable {
    let database: CMSDatabase
    let store: LumisectionStore

    struct Result: Sendable {
        /// `{"<run>": [[start, end], ...]}`, runs ascending.
        var runs: JSONObject
        /// `{"<run>-<dataset>": [[start, end], ...]}`.
        var withDatasetNames: JSONObject
        var lumisectionCount: Int
        /// How many times the rule was evaluated (intervals, not lumisections).
        var evaluations: Int
    }

    /// What of a lumisection the rule can read.
    struct Reads {
        var everything = false
        var lumisectionNumber = false
        var wholeOMS = false
        var omsKeys = Set<String>()
        var oms: Bool { everything || wholeOMS || !omsKeys.isEmpty }

        /// The literal `var` paths of `rule`; nil when some path is computed (anything may be read).
        static func variablePaths(_ rule: JSONValue) -> Set<String>? {
            var out = Set<String>()
            func walk(_ r: JSONValue) -> Bool {
                switch r {
                case .list(let l): return l.allSatisfy(walk)
                case .object(let o):
                    guard o.count == 1, let m = o.members.first else { return true }
                    guard m.key == "var" else { return walk(m.value) }
                    let first: JSONValue = if case .list(let l) = m.value { l.first ?? .null } else { m.value }
                    switch first {
                    case .string(let s): out.insert(s)
                    case .int(let i): out.insert(String(i))
                    case .null: out.insert("")
                    default: return false
                    }
                    if case .list(let l) = m.value { return l.dropFirst().allSatisfy(walk) }
                    return true
                default: return true
                }
            }
            return walk(rule) ? out : nil
        }

        init(_ rule: JSONValue) {
            guard let paths = Self.variablePaths(rule) else { everything = true; return }
            for path in paths {
                if path == "" || path == "lumisection" { everything = true }
                if path == "lumisection.lumisection_number" { lumisectionNumber = true }
                if path == "lumisection.oms" { wholeOMS = true }
                if path.hasPrefix("lumisection.oms.") {
                    omsKeys.insert(String(path.dropFirst("lumisection.oms.".count).split(separator: ".").first ?? ""))
                }
            }
        }
    }

    func generate(rule ruleJSON: JSONValue, datasetNameFilter: String) async throws(GraphQLError) -> Result {
        let rule: JSONLogicRule
        do { rule = try JSONLogicRule(ruleJSON) } catch { throw CMSError.badInput("jsonLogic: \(error.message)") }
        let result: PostgresResult
        do {
            result = try await database.query("""
                SELECT d.run_number, d.name, d.dataset_attributes, r.oms_attributes, r.rr_attributes
                FROM "Dataset" d JOIN "Run" r ON r.run_number = d.run_number AND NOT r.deleted
                WHERE d.name SIMILAR TO $1::text AND NOT d.deleted
                ORDER BY d.run_number, d.name
                """, [.text(datasetNameFilter)])
        } catch {
            // 2201B is invalid_regular_expression: only the pattern is a regular expression here,
            // and PostgreSQL's message (e.g. "parentheses () not balanced") says what is wrong.
            if case .server("2201B", let message, _)? = error.underlyingError as? PostgresError {
                var e = CMSError.badInput("datasetNameFilter is not a valid SIMILAR TO pattern: \(message)")
                e.underlyingError = error.underlyingError
                throw e
            }
            throw error
        }
        var datasets: [(key: DatasetKey, dataset: JSONValue, run: JSONValue)] = []
        for row in result.rows {
            guard let number = row[0].intValue, let name = row[1].stringValue else { continue }
            var dataset: JSONObject = if case .json(.object(let o)) = row[2] { o } else { JSONObject() }
            dataset["name"] = .string(name)
            let oms: JSONValue = if case .json(let j) = row[3] { j } else { .object([:]) }
            let rr: JSONValue = if case .json(let j) = row[4] { j } else { .object([:]) }
            datasets.append((DatasetKey(runNumber: number, name: name), .object(dataset),
                             .object(["oms": oms, "rr": rr, "run_number": .int(number)])))
        }
        let reads = Reads(ruleJSON)
        let keys = datasets.map(\.key)
        let rrLumisections = try await store.rrLumisections(keys)
        let omsLumisections = reads.oms ? try await store.omsLumisections(keys) : [:]

        var out = Result(runs: JSONObject(), withDatasetNames: JSONObject(), lumisectionCount: 0, evaluations: 0)
        var byRun: [Int: [ClosedRange<Int>]] = [:]
        for entry in datasets {
            let rr = rrLumisections[entry.key] ?? DatasetLumisections(merged: [])
            let oms = omsLumisections[entry.key] ?? []
            let accepted = try evaluate(rule, rr: rr, oms: oms, reads: reads, dataset: entry.dataset, run: entry.run, evaluations: &out.evaluations)
            guard !accepted.isEmpty else { continue }
            out.withDatasetNames.append(key: "\(entry.key.runNumber)-\(entry.key.name)", value: Self.json(accepted))
            byRun[entry.key.runNumber, default: []] += accepted
        }
        // A run's lumisections accepted in any of its matching datasets, as one list of ranges.
        for run in byRun.keys.sorted() {
            let merged = Self.union(byRun[run] ?? [])
            out.lumisectionCount += merged.reduce(0) { $0 + $1.count }
            out.runs.append(key: String(run), value: Self.json(merged))
        }
        return out
    }

    /// The accepted lumisections of one dataset, as sorted disjoint ranges.
    private func evaluate(_ rule: JSONLogicRule, rr: DatasetLumisections, oms: [OMSLumisection], reads: Reads,
                          dataset: JSONValue, run: JSONValue, evaluations: inout Int) throws(GraphQLError) -> [ClosedRange<Int>] {
        let last = max(rr.lastLumisection, oms.last?.number ?? 0)
        guard last > 0 else { return [] }
        // The merged RR object per lumisection comes from these runs; nil where nothing is assigned.
        var rrAt: [JSONObject?] = Array(repeating: nil, count: last + 1)
        var cuts = Set<Int>([1])
        for range in rr.merged {
            cuts.insert(range.start)
            cuts.insert(range.end + 1)
            for n in range.start...range.end { rrAt[n] = range.value }
        }
        var omsAt: [JSONObject?] = Array(repeating: nil, count: last + 1)
        for ls in oms where ls.number <= last { omsAt[ls.number] = ls.value }
        if reads.oms {
            for n in 2...max(2, last) where n <= last && Self.omsDiffers(omsAt[n - 1], omsAt[n], reads) { cuts.insert(n) }
        }
        let perLumisection = reads.everything || reads.lumisectionNumber
        let starts = perLumisection ? Array(1...last) : cuts.filter { $0 <= last }.sorted()

        var accepted: [ClosedRange<Int>] = []
        for (i, start) in starts.enumerated() {
            let end = i + 1 < starts.count ? starts[i + 1] - 1 : last
            var statuses = JSONObject()
            for m in rrAt[start]?.members ?? [] {
                if case .object(let t) = m.value, let status = t["status"] { statuses.append(key: m.key, value: status) }
            }
            let lumisection: JSONValue = .object([
                "lumisection_number": .int(start), "oms": omsAt[start].map(JSONValue.object) ?? .object([:]), "rr": .object(statuses),
            ])
            let data: JSONValue = .object(["dataset": dataset, "run": run, "lumisection": lumisection])
            evaluations += 1
            guard rule.holds(for: data) else { continue }
            if let previous = accepted.last, previous.upperBound + 1 == start {
                accepted[accepted.count - 1] = previous.lowerBound...end
            } else {
                accepted.append(start...end)
            }
        }
        return accepted
    }

    private static func omsDiffers(_ a: JSONObject?, _ b: JSONObject?, _ reads: Reads) -> Bool {
        if reads.everything || reads.wholeOMS { return a != b }
        for key in reads.omsKeys where a?[key] != b?[key] { return true }
        return false
    }

    static func union(_ ranges: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, r.lowerBound <= last.upperBound + 1 {
                out[out.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }

    static func json(_ ranges: [ClosedRange<Int>]) -> JSONValue {
        .list(ranges.map { .list([.int($0.lowerBound), .int($0.upperBound)]) })
    }
}
