// The hostile-input corpus: requests an attacker (or a broken client) may send to /graphql, each
// with what the gateway must answer. HostileInputTests sends every one over HTTP to the gateway
// over the demo-seeded registries and checks the answer, that no secret comes back, that nothing
// was written and that the server still answers afterwards. Argument names are the schema's
// (Schema/*.graphql); JSON arguments travel as variables, as clients must send `$` keys.

import Foundation
import GraphQLKit

struct HostileRequest: Sendable, CustomStringConvertible {
    enum Category: String, Sendable, CaseIterable {
        case protocolLevel = "protocol"
        case documentShape = "document shape"
        case numbers = "numbers"
        case xenonMongoFilter = "XENON/XAMS mongoFilter"
        case xenonStrings = "XENON/XAMS strings"
        case skyDriver = "SkyDriver"
        case cmsSQL = "CMS SQL injection"
        case goldenJSON = "json-logic"
    }

    /// What the answer must be. `code` and `message` must occur in some error; with `status` 200
    /// and neither, the answer must carry data and no errors (a bounded answer).
    struct Expect: Sendable {
        var status: Int
        var code: String?
        var message: String?

        static let ok = Expect(status: 200)
        static func field(_ code: String, _ message: String? = nil) -> Expect { Expect(status: 200, code: code, message: message) }
        static func request(_ status: Int, _ code: String? = nil, _ message: String? = nil) -> Expect {
            Expect(status: status, code: code, message: message)
        }
        static func badInput(_ message: String? = nil) -> Expect { .field("BAD_USER_INPUT", message) }
    }

    let category: Category
    let name: String
    let body: [UInt8]
    let contentType: String
    let expect: Expect

    var description: String { "[\(category.rawValue)] \(name)" }

    init(_ category: Category, _ name: String, body: [UInt8], contentType: String = "application/json", _ expect: Expect) {
        self.category = category
        self.name = name
        self.body = body
        self.contentType = contentType
        self.expect = expect
    }

    init(_ category: Category, _ name: String, _ query: String, _ variables: JSONObject? = nil, _ expect: Expect) {
        var object: JSONObject = ["query": .string(query)]
        if let variables { object["variables"] = .object(variables) }
        self.init(category, name, body: Array(JSONValue.object(object).jsonString.utf8), expect)
    }
}

// MARK: Building blocks

private func json(_ text: String) -> JSONValue {
    (try? JSONParser.parse(text)) ?? .string("unparsable fixture: \(text)")
}

/// `{"a": {"a": ... leaf}}` `depth` levels deep.
private func nestedObject(_ depth: Int, key: String = "a", leaf: JSONValue = .int(1)) -> JSONValue {
    var value = leaf
    for _ in 0..<depth { value = .object([key: value]) }
    return value
}

/// `{"$and": [{"$and": [ ... {"number": 1} ]}]}` `depth` levels deep.
private func nestedAnd(_ depth: Int, _ op: String = "$and") -> JSONValue {
    var value: JSONValue = .object(["number": .int(1)])
    for _ in 0..<depth { value = .object([op: .list([value])]) }
    return value
}

/// A body whose variable `variable` nests `depth` levels, written as text: a JSONValue that deep
/// would overflow the test's own stack when written or released.
private func deepBody(_ query: String, variable: String, open: String, leaf: String, close: String, depth: Int, others: String = "") -> [UInt8] {
    let head = "{\"query\":" + JSONValue.string(query).jsonString + ",\"variables\":{" + others + "\"\(variable)\":"
    return Array((head + String(repeating: open, count: depth) + leaf + String(repeating: close, count: depth) + "}}").utf8)
}

private func ints(_ n: Int) -> JSONValue { .list((0..<n).map { .int($0) }) }
private func strings(_ n: Int, _ prefix: String = "x") -> JSONValue { .list((0..<n).map { .string("\(prefix)\($0)") }) }

private let xenonFilterQuery = "query($f: JSON) { xenonRuns(mongoFilter: $f, first: 3) { totalCount nodes { number } } }"
private let xenon1TFilterQuery = "query($f: JSON) { xenonRuns(experiment: XENON1T, mongoFilter: $f, first: 3) { totalCount nodes { name } } }"
private let scanFilterQuery = "query($f: JSON) { scans(mongoFilter: $f, first: 3) { totalCount nodes { scanId } } }"
private let rrRunsQuery = "query($f: JSON) { cmsRuns(rrFilter: $f, first: 3) { totalCount nodes { number } } }"
private let rrDatasetsQuery = "query($f: JSON) { cmsDatasets(rrFilter: $f, first: 3) { totalCount nodes { name } } }"
private let goldenQuery = "query($r: JSON!, $d: String!) { cmsGoldenJson(jsonLogic: $r, datasetNameFilter: $d) { runCount lumisectionCount } }"

/// SQL injection payloads, each tried in several string arguments.
let sqlPayloads = [
    "' OR '1'='1",
    "x'; DROP TABLE \"Run\"; --",
    "x\"; DELETE FROM \"Event\" WHERE ''='",
    "1; UPDATE \"Run\" SET \"rr_attributes\" = '{}' --",
    "' UNION SELECT version(), current_user, NULL --",
    "$$; DROP SCHEMA public CASCADE; $$",
    "%' AND pg_sleep(30) IS NULL AND '%'='",
    "\\'; SELECT pg_terminate_backend(pg_backend_pid()); --",
]

// MARK: The corpus

enum HostileCorpus {
    static let all: [HostileRequest] =
        protocolLevel + documentShape + numbers + xenonMongoFilter + xenonStrings + skyDriver + cmsSQL + goldenJSON

    // Bodies the HTTP layer and the request parser must refuse before any resolver runs.
    static let protocolLevel: [HostileRequest] = [
        .init(.protocolLevel, "invalid UTF-8 bytes in the JSON body", body: Array(#"{"query":"{ xenonRuns { totalCount } }"#.utf8) + [0xFF, 0xFE, 0x22, 0x7D], .request(400)),
        .init(.protocolLevel, "invalid UTF-8 inside the query string", body: Array(#"{"query":"{ xenonRun(name: \""#.utf8) + [0xC3, 0x28] + Array(#"\") { number } }"}"#.utf8), .request(400)),
        .init(.protocolLevel, "overlong UTF-8 encoding of '/'", body: Array(#"{"query":"{ xenonRun(name: \""#.utf8) + [0xC0, 0xAF] + Array(#"\") { number } }"}"#.utf8), .request(400)),
        .init(.protocolLevel, "UTF-16 surrogate bytes (CESU) in a variable", body: Array(#"{"query":"query($n: String) { xenonRun(name: $n) { number } }","variables":{"n":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}}"#.utf8), .request(400)),
        .init(.protocolLevel, "lone surrogate escape in a variable", body: Array(#"{"query":"query($n: String) { xenonRun(experiment: XENON1T, name: $n) { number } }","variables":{"n":"\ud800"}}"#.utf8), .request(400)),
        .init(.protocolLevel, "NUL byte escape in a string argument", #"{ xenonRun(experiment: XENON1T, name: "170423\u0000_1627") { number } }"#, nil, .ok),
        .init(.protocolLevel, "a JSON array (batch) body", body: Array(#"[{"query":"{ xenonRuns { totalCount } }"},{"query":"{ cmsRuns { totalCount } }"}]"#.utf8), .request(400, nil, "Batched requests")),
        .init(.protocolLevel, "a JSON null body", body: Array("null".utf8), .request(400)),
        .init(.protocolLevel, "a JSON string body", body: Array(#""{ __typename }""#.utf8), .request(400)),
        .init(.protocolLevel, "an empty body", body: [], .request(400)),
        .init(.protocolLevel, "truncated JSON", body: Array(#"{"query":"{ xenonRuns { totalCount } }""#.utf8), .request(400)),
        .init(.protocolLevel, "query is a number", body: Array(#"{"query": 5}"#.utf8), .request(400)),
        .init(.protocolLevel, "variables is a list", body: Array(#"{"query":"{ __typename }","variables":[1,2]}"#.utf8), .request(400)),
        .init(.protocolLevel, "operationName is an object", body: Array(#"{"query":"{ __typename }","operationName":{"$ne":null}}"#.utf8), .request(400)),
        .init(.protocolLevel, "JSON nested 100,000 levels in variables", body: Array(#"{"query":"{ __typename }","variables":{"v":"#.utf8) + Array(repeating: UInt8(ascii: "["), count: 100_000) + Array(repeating: UInt8(ascii: "]"), count: 100_000) + Array("}}".utf8), .request(400)),
        .init(.protocolLevel, "a body over the 2 MB limit", body: Array(#"{"query":"{ __typename }","pad":""#.utf8) + Array(repeating: UInt8(ascii: "a"), count: 2_200_000) + Array(#""}"#.utf8), .request(413)),
        .init(.protocolLevel, "form-encoded body (CSRF shape)", body: Array("query=%7B__typename%7D".utf8), contentType: "application/x-www-form-urlencoded", .request(415)),
        // The last key wins: the mutation it smuggles in is still refused to an anonymous caller.
        .init(.protocolLevel, "duplicate query keys", body: Array(#"{"query":"{ __typename }","query":"mutation { addXamsTag(number: 1, name: \"x\") { number } }"}"#.utf8), .request(401, "UNAUTHENTICATED")),
    ]

    // Documents built to exhaust the parser, validator or executor.
    static let documentShape: [HostileRequest] = [
        .init(.documentShape, "100,000 nested braces", "{" + String(repeating: "{", count: 100_000) + String(repeating: "}", count: 100_000), nil, .request(400, "GRAPHQL_PARSE_FAILED")),
        .init(.documentShape, "100,000 nested list brackets in an argument", "{ xenonRuns(where: {tagsAll: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}) { totalCount } }", nil, .request(400, "GRAPHQL_PARSE_FAILED")),
        .init(.documentShape, "selection nested 40 levels (Scan.replacedBy)", "{ scans(first: 1) { nodes { " + String(repeating: "replacedBy { ", count: 40) + "scanId" + String(repeating: " }", count: 40) + " } } }", nil, .request(400, "MAX_DEPTH_EXCEEDED")),
        .init(.documentShape, "selection nested 20 levels (CmsDataset.run.datasets)", "{ cmsRuns(first: 1) { nodes { " + String(repeating: "datasets { run { ", count: 10) + "number" + String(repeating: " } }", count: 10) + " } } }", nil, .request(400, "MAX_DEPTH_EXCEEDED")),
        .init(.documentShape, "1,000 aliases of one field", "{ " + (0..<1000).map { "a\($0): __typename" }.joined(separator: " ") + " }", nil, .request(400)),
        .init(.documentShape, "31 aliases of xenonRuns", "{ " + (0..<31).map { "a\($0): xenonRuns(first: 1000) { totalCount }" }.joined(separator: " ") + " }", nil, .request(400)),
        .init(.documentShape, "21 root fields across registries", "{ " + (0..<21).map { ["xenonRuns { totalCount }", "cmsRuns { totalCount }", "scans { totalCount }"][$0 % 3].replacingOccurrences(of: "Runs", with: "Runs").replacingOccurrences(of: "{ totalCount", with: "{ totalCount") }.enumerated().map { "r\($0.offset): \($0.element)" }.joined(separator: " ") + " }", nil, .request(400)),
        .init(.documentShape, "fragment bomb: 12 levels doubling (4,096 expansions)", fragmentBomb(levels: 12), nil, .request(400)),
        .init(.documentShape, "fragment bomb: 30 levels doubling (10⁹ expansions)", fragmentBomb(levels: 30), nil, .request(400)),
        .init(.documentShape, "fragment cycle A → B → A", "query { ...A } fragment A on Query { xenonRuns { totalCount } ...B } fragment B on Query { ...A }", nil, .request(400, "GRAPHQL_VALIDATION_FAILED", "Cannot spread fragment")),
        .init(.documentShape, "fragment spreading itself", "query { ...A } fragment A on Query { __typename ...A }", nil, .request(400, "GRAPHQL_VALIDATION_FAILED")),
        .init(.documentShape, "fragment cycle through 50 fragments", "query { ...F0 } " + (0..<50).map { "fragment F\($0) on Query { __typename ...F\(($0 + 1) % 50) }" }.joined(separator: " "), nil, .request(400, "GRAPHQL_VALIDATION_FAILED")),
        .init(.documentShape, "15,000 declared variables", "query(" + (0..<15_000).map { "$v\($0): Int" }.joined(separator: ", ") + ") { __typename }", nil, .request(400, "GRAPHQL_PARSE_FAILED")),
        // 5,000, not 100,000: the JSON parser checks each key against all before it, so 100,000
        // keys keep a core busy for minutes (reported in docs/RELIABILITY.md, GraphQLKit's to fix).
        .init(.documentShape, "5,000 unused variables sent", "{ __typename }", JSONObject((0..<5_000).map { JSONObject.Member(key: "v\($0)", value: .int($0)) }), .ok),
        .init(.documentShape, "IntFilter.in with 10,001 run numbers", "query($n: [Int!]) { xenonRuns(where: {number: {in: $n}}) { totalCount } }", ["n": ints(10_001)], .badInput("10")),
        .init(.documentShape, "IntFilter.in with 2,000 run numbers (bounded)", "query($n: [Int!]) { xenonRuns(where: {number: {in: $n}}, first: 1) { totalCount } }", ["n": ints(2_000)], .ok),
        .init(.documentShape, "tagsAll with 50,000 tags", "query($t: [String!]) { xenonRuns(where: {tagsAll: $t}) { totalCount } }", ["t": strings(50_000)], .ok),
        .init(.documentShape, "a 1.5 MB string argument", "query($n: String) { xenonRuns(where: {name: $n}) { totalCount } }", ["n": .string(String(repeating: "A", count: 1_500_000))], .ok),
        .init(.documentShape, "directive repeated 10,000 times", "{ __typename " + String(repeating: "@include(if: true) ", count: 10_000) + "}", nil, .request(400)),
        .init(.documentShape, "cyclic introspection 10 levels deep", "{ __schema { types { " + String(repeating: "fields { type { ", count: 10) + "name" + String(repeating: " } }", count: 10) + " } } }", nil, .request(400)),
        .init(.documentShape, "two operations, no operationName", "query A { __typename } query B { __typename }", nil, .request(400)),
        .init(.documentShape, "subscription operation", "subscription { __typename }", nil, .request(400, "GRAPHQL_VALIDATION_FAILED")),
        .init(.documentShape, "nodes(ids:) with 20,000 junk ids", "query($i: [ID!]!) { nodes(ids: $i) { id } }", ["i": strings(20_000, "not-an-id-")], .ok),
        .init(.documentShape, "node(id:) with a forged global id", "query($i: ID!) { node(id: $i) { id } }", ["i": .string(Data(#"XenonRun:{"$where":"1"}"#.utf8).base64EncodedString())], .ok),
    ]

    static func fragmentBomb(levels: Int) -> String {
        var text = "query { ...F\(levels) } fragment F0 on Query { xenonRuns(first: 1000) { totalCount nodes { number data { host } } } }"
        for i in 1...levels { text += " fragment F\(i) on Query { ...F\(i - 1) ...F\(i - 1) }" }
        return text
    }

    // Integers past 32 bits and floats past Double, inline and as variables.
    static let numbers: [HostileRequest] = [
        .init(.numbers, "Int literal 2^31", "{ xenonRun(number: 2147483648) { number } }", nil, .request(400, "GRAPHQL_VALIDATION_FAILED")),
        .init(.numbers, "Int literal -2^31 - 1", "{ xenonRuns(first: -2147483649) { totalCount } }", nil, .request(400, "GRAPHQL_VALIDATION_FAILED")),
        .init(.numbers, "Int literal with 400 digits", "{ cmsRun(number: 1" + String(repeating: "0", count: 400) + ") { number } }", nil, .request(400, "GRAPHQL_VALIDATION_FAILED")),
        .init(.numbers, "Int variable 2^63", body: Array(#"{"query":"query($n: Int) { xenonRun(number: $n) { number } }","variables":{"n":9223372036854775808}}"#.utf8), .request(400)),
        .init(.numbers, "Int variable 2^40", "query($n: Int) { xamsRun(number: $n) { number } }", ["n": .int(1 << 40)], .request(400)),
        .init(.numbers, "Int variable 1e3 (float notation)", body: Array(#"{"query":"query($n: Int!) { cmsRun(number: $n) { number } }","variables":{"n":1e3}}"#.utf8), .ok),
        .init(.numbers, "Int variable 1.5", "query($n: Int!) { cmsRun(number: $n) { number } }", ["n": .double(1.5)], .request(400)),
        .init(.numbers, "Float literal 1e400", "{ cmsRuns(where: {energy: {gt: 1e400}}) { totalCount } }", nil, .request(400, "GRAPHQL_VALIDATION_FAILED")),
        .init(.numbers, "Float variable 1e309", body: Array(#"{"query":"query($e: Float) { cmsRuns(where: {energy: {lt: $e}}) { totalCount } }","variables":{"e":1e309}}"#.utf8), .request(400)),
        .init(.numbers, "Float literal -1e308", "{ cmsRuns(where: {bField: {gt: -1e308}}, first: 1) { totalCount } }", nil, .ok),
        .init(.numbers, "first: 2147483647", "{ xenonRuns(first: 2147483647) { totalCount } }", nil, .badInput()),
        .init(.numbers, "first: -1", "{ cmsRuns(first: -1) { totalCount } }", nil, .badInput()),
        .init(.numbers, "rows(limit: 2147483647)", "{ scans(first: 12) { nodes { result { nsides { rows(limit: 2147483647) } } } } }", nil, .field("BAD_USER_INPUT")),
        .init(.numbers, "rows(offset: -2147483648)", "{ scans(first: 12) { nodes { result { nsides { rows(offset: -2147483648, limit: 1) } } } } }", nil, .field("BAD_USER_INPUT")),
        .init(.numbers, "lumisections(from: -2147483648, to: 2147483647)", "{ cmsDatasets(first: 1) { nodes { lumisections(from: -2147483648, to: 2147483647) { number } } } }", nil, .ok),
        .init(.numbers, "mongoFilter number 2^63 - 1 and 1e308", xenonFilterQuery, ["f": json(#"{"number": {"$lt": 9223372036854775807, "$gt": -1e308}}"#)], .ok),
        .init(.numbers, "mongoFilter $size 2^62", xenonFilterQuery, ["f": json(#"{"data": {"$size": 4611686018427387904}}"#)], .ok),
        .init(.numbers, "mongoFilter $date far past Int64", xenonFilterQuery, ["f": json(#"{"start": {"$gt": {"$date": {"$numberLong": "99999999999999999999"}}}}"#)], .badInput("$date")),
        .init(.numbers, "rrFilter run_number 2^53 + 1 and 1e308", rrRunsQuery, ["f": json(#"{"run_number": {"and": [{">": 9007199254740993}, {"<": 1e308}]}}"#)], .ok),
        .init(.numbers, "IntFilter on run number with 2^31 in a variable list", "query($n: [Int!]) { cmsRuns(where: {number: {in: $n}}) { totalCount } }", ["n": .list([.int(1), .int(1 << 31)])], .request(400)),
        .init(.numbers, "DateTime 10^20 milliseconds", "query($t: DateTime) { xenonRuns(where: {start: {gt: $t}}) { totalCount } }", ["t": json("100000000000000000000")], .request(400)),
        .init(.numbers, "DateTime year 999999", "{ cmsRuns(where: {startTime: {gt: \"999999-01-01T00:00:00Z\"}}) { totalCount } }", nil, .request(400)),
    ]

    // MongoDB operators that run code, plus pathological patterns, through every mongoFilter.
    static let xenonMongoFilter: [HostileRequest] = {
        let codeRunning: [(String, String)] = [
            ("$where", #"{"$where": "sleep(10000) || true"}"#),
            ("$where inside $or", #"{"$or": [{"number": 1}, {"$where": "this.number > 0"}]}"#),
            ("$function", #"{"$expr": {"$function": {"body": "function() { return true }", "args": [], "lang": "js"}}}"#),
            ("$accumulator as a field operator", #"{"number": {"$accumulator": {"init": "function() {}", "lang": "js"}}}"#),
            ("$expr", #"{"$expr": {"$gt": ["$number", 0]}}"#),
            ("$expr inside $elemMatch", #"{"data": {"$elemMatch": {"$expr": {"$eq": [1, 1]}}}}"#),
            ("$where inside $not", #"{"number": {"$not": {"$where": "1"}}}"#),
            ("$where inside a literal sub-document", #"{"data": {"type": "raw", "$where": "1"}}"#),
            ("$where inside $in", #"{"number": {"$in": [{"$where": "1"}]}}"#),
            ("$jsonSchema", #"{"$jsonSchema": {"required": ["number"]}}"#),
            ("$text", #"{"$text": {"$search": "x"}}"#),
            ("$comment", #"{"$comment": "x", "number": 1}"#),
            ("$lookup-shaped key", #"{"$lookup": {"from": "users"}}"#),
            ("$set as an operator (update-shaped)", #"{"number": {"$set": 1}}"#),
                    ]
        let pathological: [(String, String)] = [
            ("(.*){20}X", #"{"mode": {"$regex": "(.*){20}X"}}"#),
            ("(a+)+$", #"{"source": {"$regex": "^(a+)+$"}}"#),
            ("(.*a){12}", #"{"data.location": {"$regex": "(.*a){12}"}}"#),
            ("(x|x)*y in $not", #"{"mode": {"$not": {"$regex": "(x|x)*y"}}}"#),
            ("(\\w+\\s?)*$ in $elemMatch", #"{"tags": {"$elemMatch": {"name": {"$regex": "^(\\w+\\s?)*$"}}}}"#),
            (".* repeated 12 times", #"{"mode": {"$regex": ".*.*.*.*.*.*.*.*.*.*.*.*X"}}"#),
            ("backreference", #"{"mode": {"$regex": "^(a*)\\1*$"}}"#),
            ("257-character pattern", "{\"mode\": {\"$regex\": \"" + String(repeating: "a", count: 257) + "\"}}"),
        ]
        var out: [HostileRequest] = []
        for (name, filter) in codeRunning {
            out.append(.init(.xenonMongoFilter, "xenonRuns mongoFilter \(name)", xenonFilterQuery, ["f": json(filter)], .badInput("not allowed")))
        }
        out.append(.init(.xenonMongoFilter, "xenonRuns mongoFilter $regex with $options e", xenonFilterQuery, ["f": json(#"{"mode": {"$regex": "x", "$options": "e"}}"#)], .badInput("$options")))
        out.append(.init(.xenonMongoFilter, "xenonRuns mongoFilter $options without $regex", xenonFilterQuery, ["f": json(#"{"mode": {"$options": "i"}}"#)], .badInput("$options")))
        for (name, filter) in codeRunning.prefix(4) {
            out.append(.init(.xenonMongoFilter, "XENON1T mongoFilter \(name)", xenon1TFilterQuery, ["f": json(filter)], .badInput("not allowed")))
        }
        for (name, filter) in pathological {
            out.append(.init(.xenonMongoFilter, "xenonRuns mongoFilter $regex \(name)", xenonFilterQuery, ["f": json(filter)], .badInput("$regex")))
        }
        out += [
            .init(.xenonMongoFilter, "mongoFilter nested 21 levels of $and", xenonFilterQuery, ["f": nestedAnd(21)], .badInput("nested")),
            .init(.xenonMongoFilter, "mongoFilter nested 5,000 levels of $or", body: deepBody(xenonFilterQuery, variable: "f", open: #"{"$or":["#, leaf: #"{"number":1}"#, close: "]}", depth: 5_000), .request(400)),
            .init(.xenonMongoFilter, "mongoFilter literal sub-document 500 levels", xenonFilterQuery, ["f": .object(["daq_config": nestedObject(500)])], .badInput("nested")),
            .init(.xenonMongoFilter, "mongoFilter $in with 10,001 values", xenonFilterQuery, ["f": .object(["number": .object(["$in": ints(10_001)])])], .badInput("10000")),
            // 2,000, not 10,000: SecantusDB compares `$in` values one by one, and 10,000 took it over 30 s.
            .init(.xenonMongoFilter, "mongoFilter $in with 2,000 values (bounded)", xenonFilterQuery, ["f": .object(["number": .object(["$in": ints(2_000)])])], .ok),
            .init(.xenonMongoFilter, "mongoFilter is a string", xenonFilterQuery, ["f": .string("{\"$where\": \"1\"}")], .badInput("JSON object")),
            .init(.xenonMongoFilter, "mongoFilter is a list", xenonFilterQuery, ["f": json(#"[{"$where": "1"}]"#)], .badInput("JSON object")),
            .init(.xenonMongoFilter, "mongoFilter empty field name", xenonFilterQuery, ["f": json(#"{"": 1}"#)], .badInput("empty")),
            .init(.xenonMongoFilter, "mongoFilter field name with a NUL byte", xenonFilterQuery, ["f": json(#"{"num\u0000ber": 1}"#)], .badInput("NUL")),
            .init(.xenonMongoFilter, "mongoFilter sub-document key with a NUL byte", xenonFilterQuery, ["f": json(#"{"daq_config": {"a\u0000": 1}}"#)], .badInput("NUL")),
            .init(.xenonMongoFilter, "mongoFilter $elemMatch key with a NUL byte", xenonFilterQuery, ["f": json(#"{"data": {"$elemMatch": {"ho\u0000st": "x"}}}"#)], .badInput("NUL")),
            .init(.xenonMongoFilter, "mongoFilter field path with $ inside", xenonFilterQuery, ["f": json(#"{"data.$where": 1}"#)], .ok),
            .init(.xenonMongoFilter, "mongoFilter bad $oid", xenonFilterQuery, ["f": json(#"{"_id": {"$oid": "'; db.dropDatabase()"}}"#)], .badInput("$oid")),
            .init(.xenonMongoFilter, "mongoFilter $oid with an operator object", xenonFilterQuery, ["f": json(#"{"_id": {"$oid": {"$ne": null}}}"#)], .badInput("$oid")),
            .init(.xenonMongoFilter, "mongoFilter empty $and", xenonFilterQuery, ["f": json(#"{"$and": []}"#)], .badInput("non-empty")),
            .init(.xenonMongoFilter, "mongoFilter $size negative", xenonFilterQuery, ["f": json(#"{"data": {"$size": -1}}"#)], .badInput("$size")),
            .init(.xenonMongoFilter, "mongoFilter valid regex (bounded)", xenonFilterQuery, ["f": json(#"{"mode": {"$regex": "^tpc_(?:commissioning|calibration)?", "$options": "i"}}"#)], .ok),
        ]
        return out
    }()

    // Strings (and objects posing as strings) in the typed XENON and XAMS arguments.
    static let xenonStrings: [HostileRequest] = {
        let payloads = [#"{"$gt": ""}"#, "'; return true; var x='", "$where", ".*", "\u{0}"]
        let xenonWhereFields = ["name", "tag", "source", "detector", "mode", "paxVersion", "lineageHash", "runStatus"]
        var out: [HostileRequest] = []
        for (i, field) in xenonWhereFields.enumerated() {
            out.append(.init(.xenonStrings, "xenonRuns where.\(field) = \(payloads[i % payloads.count].debugDescription)",
                             "query($s: String) { xenonRuns(where: {\(field): $s}) { totalCount } }", ["s": .string(payloads[i % payloads.count])], .ok))
        }
        for (i, field) in ["type", "host", "status", "rse", "did", "lineageHash", "paxVersion"].enumerated() {
            out.append(.init(.xenonStrings, "xenonRuns where.data.\(field) = \(payloads[(i + 1) % payloads.count].debugDescription)",
                             "query($s: String) { xenonRuns(where: {data: {\(field): $s}, dataNone: {\(field): $s}}) { totalCount } }", ["s": .string(payloads[(i + 1) % payloads.count])], .ok))
        }
        for (i, field) in ["detector", "mode", "tag", "dataType", "dataHost"].enumerated() {
            out.append(.init(.xenonStrings, "xamsRuns where.\(field) = \(payloads[(i + 2) % payloads.count].debugDescription)",
                             "query($s: String) { xamsRuns(where: {\(field): $s}) { totalCount } }", ["s": .string(payloads[(i + 2) % payloads.count])], .ok))
        }
        out += [
            .init(.xenonStrings, "where.name given an operator object", "query($s: String) { xenonRuns(where: {name: $s}) { totalCount } }", ["s": json(#"{"$ne": null}"#)], .request(400)),
            .init(.xenonStrings, "tagsNone with operator-looking strings", "query($t: [String!]) { xenonRuns(where: {tagsNone: $t, tagsAll: $t}) { totalCount } }", ["t": .list([.string("$where"), .string("{\"$ne\":1}")])], .ok),
            .init(.xenonStrings, "lineageHash regex metacharacters", "query($s: String) { xenonRuns(where: {lineageHash: $s}) { totalCount } }", ["s": .string("(.*){20}X")], .ok),
            .init(.xenonStrings, "xenonRun(name:) operator-looking string", "{ xenonRun(experiment: XENON1T, name: \"{\\\"$ne\\\": null}\") { number } }", nil, .ok),
            .init(.xenonStrings, "xenonRun(objectId:) not hex", "{ xenonRun(objectId: \"zzzzzzzzzzzzzzzzzzzzzzzz\") { number } }", nil, .badInput()),
            .init(.xenonStrings, "xamsRun(objectId:) operator JSON", "{ xamsRun(objectId: \"{\\\"$gt\\\": \\\"\\\"}\") { number } }", nil, .badInput()),
            .init(.xenonStrings, "doc(path:) starting with $", "{ xenonRuns(first: 1) { nodes { doc(path: \"$where\") } } }", nil, .badInput()),
            .init(.xenonStrings, "doc(path:) with an empty part", "{ xamsRuns(first: 1) { nodes { doc(path: \"data..host\") } } }", nil, .badInput()),
            .init(.xenonStrings, "doc(path:) with 50,000 parts", "query($p: String) { xenonRuns(first: 1) { nodes { doc(path: $p) } } }", ["p": .string(Array(repeating: "a", count: 50_000).joined(separator: "."))], .badInput("1024")),
            .init(.xenonStrings, "doc(path:) with a NUL byte", "{ xamsRuns(first: 1) { nodes { doc(path: \"data.0.ho\\u0000st\") } } }", nil, .ok),
            .init(.xenonStrings, "doc(path:) of 1,000 numeric parts", "query($p: String) { xenonRuns(first: 1) { nodes { doc(path: $p) } } }", ["p": .string(Array(repeating: "0", count: 500).joined(separator: "."))], .ok),
            .init(.xenonStrings, "doc(path:) positional operator", "{ xenonRuns(first: 1) { nodes { doc(path: \"data.$[].host\") } } }", nil, .badInput()),
            .init(.xenonStrings, "data(type:) injection", "{ xenonRuns(first: 2) { nodes { data(type: \"{\\\"$ne\\\": 1}\", host: \"$where\") { host } } } }", nil, .ok),
            .init(.xenonStrings, "after: cursor with an operator inside", "query($c: String) { xenonRuns(after: $c) { totalCount } }", ["c": .string(Data(#"v1|N|{"$where":"1"}|000000000000000000000000"#.utf8).base64EncodedString())], .badInput("cursor")),
            .init(.xenonStrings, "before: cursor of 100,000 characters", "query($c: String) { xamsRuns(before: $c, last: 1) { totalCount } }", ["c": .string(String(repeating: "QUFB", count: 25_000))], .badInput("cursor")),
            .init(.xenonStrings, "xenonRun with number, name and objectId all set", "{ xenonRun(number: 1, name: \"x\", objectId: \"000000000000000000000000\") { number } }", nil, .badInput()),
        ]
        return out
    }()

    // SkyDriver: its mongoFilter, typed strings and ids that could change the upstream path.
    static let skyDriver: [HostileRequest] = {
        var out: [HostileRequest] = []
        for (name, filter) in [
            ("$where", #"{"$where": "sleep(10000)"}"#),
            ("$function", #"{"$expr": {"$function": {"body": "function() { return 1 }", "args": [], "lang": "js"}}}"#),
            ("$accumulator", #"{"priority": {"$accumulator": {"init": "function() {}"}}}"#),
            ("$expr", #"{"$expr": {"$gt": ["$priority", 0]}}"#),
            ("$where deep inside $and/$elemMatch", #"{"$and": [{"classifiers": {"$elemMatch": {"$where": "1"}}}]}"#),
            ("$where as a value in a list", #"{"scan_id": {"$in": [{"$where": "1"}]}}"#),
            ("$lookup", #"{"$lookup": {"from": "Results"}}"#),
            ("$unknown", #"{"priority": {"$mod": [2, 0]}}"#),
        ] {
            out.append(.init(.skyDriver, "scans mongoFilter \(name)", scanFilterQuery, ["f": json(filter)], .badInput("not allowed")))
        }
        for (name, pattern) in [("(.*){20}X", "(.*){20}X"), ("(a+)+$", "^(a+)+$"), ("(\\w|\\d)*!", "(\\w|\\d)*!"), ("backreference", "(a)\\1")] {
            out.append(.init(.skyDriver, "scans mongoFilter $regex \(name)", scanFilterQuery,
                             ["f": .object(["event_metadata.event_type": .object(["$regex": .string(pattern)])])], .badInput("$regex")))
        }
        out += [
            .init(.skyDriver, "scans mongoFilter nested 21 levels", scanFilterQuery, ["f": nestedAnd(21)], .badInput("nested")),
            .init(.skyDriver, "scans mongoFilter list of 10,001", scanFilterQuery, ["f": .object(["priority": .object(["$in": ints(10_001)])])], .badInput("10000")),
            .init(.skyDriver, "scans mongoFilter key with a NUL byte", scanFilterQuery, ["f": json(#"{"event_metadata.run\u0000id": 1}"#)], .badInput("NUL")),
            .init(.skyDriver, "where.classifiers key with a NUL byte", "query($c: JSON) { scans(where: {classifiers: $c}) { totalCount } }", ["c": json(#"{"al\u0000ert": "x"}"#)], .badInput("not a classifier name")),
            .init(.skyDriver, "scans mongoFilter is a string", scanFilterQuery, ["f": .string("{}")], .badInput("JSON object")),
            .init(.skyDriver, "scans mongoFilter valid (bounded)", scanFilterQuery, ["f": json(#"{"event_metadata.run_id": {"$gte": 0}, "priority": {"$nin": [-1]}}"#)], .ok),
            .init(.skyDriver, "where.classifiers with an operator value", "query($c: JSON) { scans(where: {classifiers: $c}) { totalCount } }", ["c": json(#"{"alert": {"$where": "1"}}"#)], .badInput()),
            .init(.skyDriver, "where.classifiers with an operator key", "query($c: JSON) { scans(where: {classifiers: $c}) { totalCount } }", ["c": json(#"{"$where": "1"}"#)], .badInput()),
            .init(.skyDriver, "where.classifiers is a list", "query($c: JSON) { scans(where: {classifiers: $c}) { totalCount } }", ["c": json(#"[1]"#)], .badInput()),
            .init(.skyDriver, "where.eventType with operator-looking text", "query($s: String) { scans(where: {eventType: $s}) { totalCount } }", ["s": .string(#"{"$ne": null}"#)], .ok),
            .init(.skyDriver, "where.scanIds with path traversal", "{ scans(where: {scanIds: [\"../../scans/find\", \"x?y=1\"]}) { totalCount } }", nil, .badInput("scan id")),
            .init(.skyDriver, "where.scanIds with 10,001 ids", "query($i: [String!]) { scans(where: {scanIds: $i}) { totalCount } }", ["i": strings(10_001)], .badInput("at most 10000")),
            .init(.skyDriver, "scan(id:) path traversal", "{ scan(id: \"../scans/find\") { scanId } }", nil, .badInput("scan id")),
            .init(.skyDriver, "scan(id:) percent-encoded traversal", "{ scan(id: \"%2e%2e%2fscans\") { scanId } }", nil, .badInput("scan id")),
            .init(.skyDriver, "scan(id:) query-string injection", "{ scan(id: \"abc?include_deleted=true&x=\") { scanId } }", nil, .badInput("scan id")),
            .init(.skyDriver, "scan(id:) 10,000 characters", "query($i: ID!) { scan(id: $i) { scanId } }", ["i": .string(String(repeating: "a", count: 10_000))], .badInput("scan id")),
            .init(.skyDriver, "scan(id:) forged global id with traversal", "query($i: ID!) { scan(id: $i) { scanId } }", ["i": .string(Data("Scan:../../scans".utf8).base64EncodedString())], .badInput()),
            .init(.skyDriver, "scanRequest(id:) CRLF header injection", "query($i: ID!) { scanRequest(id: $i) { scanId } }", ["i": .string("abc\r\nX-Injected: 1")], .badInput("scan id")),
            .init(.skyDriver, "scans(after:) garbage cursor", "{ scans(after: \"Zm9vYmFy\") { totalCount } }", nil, .badInput("cursor")),
            .init(.skyDriver, "scans(first: 1001)", "{ scans(first: 1001) { totalCount } }", nil, .badInput()),
            .init(.skyDriver, "unknown scan id (bounded)", "{ scan(id: \"0000000000000000000000000000000000000000\") { scanId } }", nil, .ok),
        ]
        return out
    }()

    // SQL through every CMS string argument, and rrFilter keys and values.
    static let cmsSQL: [HostileRequest] = {
        var out: [HostileRequest] = []
        let p = sqlPayloads
        let stringFilterFields = ["class", "stopReason", "hltKey"]
        for (i, field) in stringFilterFields.enumerated() {
            for op in ["eq", "ne", "like", "notLike"] {
                out.append(.init(.cmsSQL, "cmsRuns where.\(field).\(op)", "query($s: String) { cmsRuns(where: {\(field): {\(op): $s}}, first: 1) { totalCount } }",
                                 ["s": .string(p[i % p.count])], .ok))
            }
            out.append(.init(.cmsSQL, "cmsRuns where.\(field).in", "query($s: [String!]) { cmsRuns(where: {\(field): {in: $s}}, first: 1) { totalCount } }",
                             ["s": .list(p.map(JSONValue.string))], .ok))
        }
        for op in ["eq", "ne", "like", "notLike"] {
            out.append(.init(.cmsSQL, "cmsDatasets where.name.\(op)", "query($s: String) { cmsDatasets(where: {name: {\(op): $s}}, first: 1) { totalCount } }",
                             ["s": .string(p[3])], .ok))
        }
        out += [
            .init(.cmsSQL, "cmsDatasets where.name.in", "query($s: [String!]) { cmsDatasets(where: {name: {in: $s}}) { totalCount } }", ["s": .list(p.map(JSONValue.string))], .ok),
            .init(.cmsSQL, "cmsRuns where.included.subsystem", "query($s: String!) { cmsRuns(where: {included: [{subsystem: $s, included: true}]}) { totalCount } }", ["s": .string(p[1])], .badInput()),
            .init(.cmsSQL, "cmsRuns where.triplets.component", "query($s: String!) { cmsRuns(where: {triplets: [{component: $s, status: GOOD}]}) { totalCount } }", ["s": .string(p[0])], .badInput("unknown triplet component")),
            .init(.cmsSQL, "cmsDatasets where.states.workspace", "query($s: String!) { cmsDatasets(where: {states: [{workspace: $s, state: OPEN}]}) { totalCount } }", ["s": .string(p[4])], .ok),
            .init(.cmsSQL, "cmsDatasets where.run.hltKey.like nested in not/or", "query($s: String) { cmsDatasets(where: {not: {or: [{run: {hltKey: {like: $s}}}, {name: {notLike: $s}}]}}, first: 1) { totalCount } }", ["s": .string(p[6])], .ok),
            .init(.cmsSQL, "cmsDataset(name:)", "query($s: String!) { cmsDataset(runNumber: 315000, name: $s) { name } }", ["s": .string(p[0])], .ok),
            .init(.cmsSQL, "CmsRun.datasets(name:)", "query($s: String) { cmsRuns(first: 2) { nodes { datasets(name: $s) { name } } } }", ["s": .string(p[2])], .ok),
            .init(.cmsSQL, "tripletSummary(components:)", "query($s: [String!]) { cmsRuns(first: 1) { nodes { tripletSummary(components: $s) { component } } } }", ["s": .list(p.map(JSONValue.string))], .ok),
            .init(.cmsSQL, "componentRanges(components:)", "query($s: [String!]) { cmsDatasets(first: 1) { nodes { componentRanges(components: $s) { component } } } }", ["s": .list(p.map(JSONValue.string))], .ok),
            .init(.cmsSQL, "lumisectionRanges.triplets(components:)", "query($s: [String!]) { cmsDatasets(first: 1) { nodes { lumisectionRanges { triplets(components: $s) { component } } } } }", ["s": .list([.string(p[5])])], .ok),
            .init(.cmsSQL, "cmsRuns(after:) with SQL in the cursor", "query($c: String) { cmsRuns(after: $c) { totalCount } }", ["c": .string(Data("number:DESC:0; DROP TABLE \"Run\"".utf8).base64EncodedString())], .badInput("cursor")),
            .init(.cmsSQL, "cmsDatasets(after:) garbage", "{ cmsDatasets(after: \"'; DROP TABLE x; --\") { totalCount } }", nil, .badInput("cursor")),
            .init(.cmsSQL, "cmsGoldenJson datasetNameFilter with SQL", goldenQuery, ["r": json(#"{"==": [1, 1]}"#), "d": .string(p[1])], .ok),
            .init(.cmsSQL, "cmsGoldenJson datasetNameFilter unbalanced", goldenQuery, ["r": json(#"{"==": [1, 1]}"#), "d": .string("((((")], .badInput()),
            .init(.cmsSQL, "cmsGoldenJson datasetNameFilter nested repetition", goldenQuery, ["r": json(#"{"==": [1, 1]}"#), "d": .string("(%|_)*(%|_)*(%|_)*X")], .ok),
            .init(.cmsSQL, "cmsGoldenJson datasetNameFilter 100,000 characters", goldenQuery, ["r": json(#"{"==": [1, 1]}"#), "d": .string(String(repeating: "%_", count: 50_000))], .badInput()),
        ]
        // rrFilter keys and values, for runs and datasets.
        let rrFilters: [(String, String, HostileRequest.Expect)] = [
            ("key with SQL", #"{"run_number; DROP TABLE \"Run\"; --": 1}"#, .badInput("triplet")),
            ("key with SQL, no dash", #"{"run_number; DROP TABLE \"Run\";": 1}"#, .badInput("unknown key")),
            ("rr_attributes key with a quote", #"{"rr_attributes.class' OR '1'='1": "Collisions18"}"#, .ok),
            ("oms_attributes key with a double quote", #"{"oms_attributes.x\"; DELETE FROM \"Run\"; --": 1}"#, .ok),
            ("value with SQL", #"{"class": "' OR '1'='1"}"#, .ok),
            ("like value with SQL", #"{"class": {"like": "%'; DROP TABLE \"Run\"; --"}}"#, .ok),
            ("operator with SQL", #"{"run_number": {"; DROP TABLE \"Run\"; --": 1}}"#, .badInput("unknown operator")),
            ("triplet key with SQL", #"{"dt-dt'; --": "GOOD"}"#, .badInput("unknown triplet component")),
            ("triplet status with SQL", #"{"dt-dt": "GOOD' OR '1'='1"}"#, .badInput()),
            ("empty path part", #"{"rr_attributes..class": 1}"#, .badInput("empty path part")),
            ("key of 201 characters", "{\"rr_attributes." + String(repeating: "k", count: 190) + "\": 1}", .badInput("200")),
            ("value of 5,000 bytes", "{\"class\": \"" + String(repeating: "x", count: 5_000) + "\"}", .badInput("4096")),
            ("nested 21 levels", "", .badInput("deeper")),
            ("2,001 conditions", "", .badInput("2000")),
            ("filter is a string", #""run_number > 0; DROP TABLE x""#, .badInput("JSON object")),
            ("null compared with >", #"{"run_number": {">": null}}"#, .badInput("null")),
            ("object as a value", #"{"class": {"=": {"$ne": 1}}}"#, .badInput()),
        ]
        for (name, text, expect) in rrFilters {
            var filter = json(text)
            if name == "nested 21 levels" { filter = nestedAnd(21, "and").replacingNumber() }
            if name == "2,001 conditions" { filter = .object(["or": .list((0..<2_001).map { .object(["run_number": .int($0)]) })]) }
            out.append(.init(.cmsSQL, "cmsRuns rrFilter \(name)", rrRunsQuery, ["f": filter], expect))
            if ["key with SQL", "value with SQL", "like value with SQL", "rr_attributes key with a quote"].contains(name) {
                out.append(.init(.cmsSQL, "cmsDatasets rrFilter \(name)", rrDatasetsQuery, ["f": filter], expect))
            }
        }
        out += [
            .init(.cmsSQL, "cmsDatasets rrFilter dataset_attributes key with SQL", rrDatasetsQuery, ["f": json(#"{"dataset_attributes.x') OR 1=1 --": "y"}"#)], .ok),
            .init(.cmsSQL, "cmsDatasets rrFilter name like with SQL", rrDatasetsQuery, ["f": json(#"{"name": {"like": "%'||pg_sleep(30)||'%"}}"#)], .ok),
        ]
        return out
    }()

    // json-logic bombs in cmsGoldenJson.
    static let goldenJSON: [HostileRequest] = {
        let d = JSONValue.string("/PromptReco/Collisions2018A/DQM")
        func deepNot(_ n: Int) -> JSONValue {
            var v: JSONValue = .object(["var": .string("run.run_number")])
            for _ in 0..<n { v = .object(["!": .list([v])]) }
            return v
        }
        return [
            .init(.goldenJSON, "rule nested 65 levels", goldenQuery, ["r": deepNot(65), "d": d], .badInput("deeper than 64")),
            .init(.goldenJSON, "rule nested 62 levels (bounded)", goldenQuery, ["r": deepNot(31), "d": d], .ok),
            .init(.goldenJSON, "rule nested 10,000 levels", body: deepBody(goldenQuery, variable: "r", open: #"{"!":["#, leaf: #"{"var":"run.run_number"}"#, close: "]}", depth: 10_000, others: #""d":"%","#), .request(400)),
            .init(.goldenJSON, "in with 10,001 values", goldenQuery, ["r": .object(["in": .list([.object(["var": .string("run.run_number")]), ints(10_001)])]), "d": d], .badInput("10000")),
            .init(.goldenJSON, "in with 9,990 values (bounded)", goldenQuery, ["r": .object(["in": .list([.object(["var": .string("run.run_number")]), ints(9_990)])]), "d": d], .ok),
            .init(.goldenJSON, "and of 10,001 conditions", goldenQuery, ["r": .object(["and": .list((0..<10_001).map { _ in .object(["==": .list([.int(1), .int(1)])]) })]), "d": d], .badInput("10000")),
            .init(.goldenJSON, "in of a 100,000-character string", goldenQuery, ["r": .object(["in": .list([.object(["var": .string("dataset.name")]), .string(String(repeating: "Collisions", count: 10_000))])]), "d": d], .ok),
            .init(.goldenJSON, "var path of 20,000 parts", goldenQuery, ["r": .object(["var": .string(Array(repeating: "lumisection", count: 20_000).joined(separator: "."))]), "d": d], .ok),
            .init(.goldenJSON, "unknown operation (code-shaped)", goldenQuery, ["r": json(#"{"eval": ["process.exit(1)"]}"#), "d": d], .badInput("unrecognized operation")),
            .init(.goldenJSON, "method-shaped operation", goldenQuery, ["r": json(#"{"method": [{"var": "run"}, "constructor"]}"#), "d": d], .badInput("unrecognized operation")),
            .init(.goldenJSON, "var reading a prototype key", goldenQuery, ["r": json(#"{"==": [{"var": "run.__proto__.polluted"}, null]}"#), "d": d], .ok),
            .init(.goldenJSON, "if with 5,000 branches", goldenQuery, ["r": .object(["if": .list((0..<5_001).map { .int($0) })]), "d": d], .ok),
            .init(.goldenJSON, "rule is a string", goldenQuery, ["r": .string("run.run_number > 0"), "d": d], .badInput("not valid JSON")),
            .init(.goldenJSON, "datasetNameFilter matching every dataset (bounded)", goldenQuery, ["r": json(#"{"==": [{"var": "lumisection.rr.dt-dt"}, "GOOD"]}"#), "d": .string("%")], .ok),
        ]
    }()
}

private extension JSONValue {
    /// `nestedAnd` builds MongoDB's `$and`; RR filters spell it `and` with `run_number`.
    func replacingNumber() -> JSONValue {
        switch self {
        case .object(let o):
            var out = JSONObject()
            for m in o.members { out[m.key == "number" ? "run_number" : m.key] = m.value.replacingNumber() }
            return .object(out)
        case .list(let l): return .list(l.map { $0.replacingNumber() })
        default: return self
        }
    }
}
