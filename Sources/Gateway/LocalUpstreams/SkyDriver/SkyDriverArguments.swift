// A route's arguments: the JSON body's members and the query string's pairs (query values are
// strings; SkyDriver's clients send GET arguments there). Checks report SkyDriver's OpenAPI
// messages, all of them, joined with "; " as rest_tools does.

import GraphQLKit

struct SkyDriverArguments: Sendable {
    private(set) var values = JSONObject()
    /// Names whose value came from the query string, so `"true"` may stand for a boolean.
    private(set) var fromQuery: Set<String> = []
    /// The raw query pairs (`no_redirect` is only ever read there).
    private(set) var query: [(String, String)] = []

    init(request: HTTPRequest) throws(SkyDriverError) {
        if let text = request.query {
            guard let pairs = URLQuery.parse(text) else { throw SkyDriverError.genericBadRequest }
            query = pairs
            for (name, value) in pairs where values[name] == nil {
                values.append(key: name, value: .string(value))
                fromQuery.insert(name)
            }
        }
        guard request.body.contains(where: { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) }) else { return }
        // A form-encoded body makes SkyDriver's validator fail with a bare 400.
        if let type = request.headers["Content-Type"]?.lowercased(), type.contains("x-www-form-urlencoded") || type.contains("multipart/") {
            throw SkyDriverError.genericBadRequest
        }
        guard let parsed = try? JSONParser.parse(request.body), case .object(let body) = parsed else {
            throw SkyDriverError.genericBadRequest
        }
        for member in body.members {
            values[member.key] = member.value
            fromQuery.remove(member.key)
        }
    }

    init(_ values: JSONObject) { self.values = values }

    subscript(name: String) -> JSONValue? { values[name] }

    var names: [String] { values.keys }

    func queryValue(_ name: String) -> String? { query.first { $0.0 == name }?.1 }

    /// `no_redirect=true` in the query string (any case) turns a redirect off.
    var noRedirect: Bool { queryValue("no_redirect")?.lowercased() == "true" }
}

/// Collects OpenAPI-style problems; `finish()` throws them as one 400.
struct ArgumentCheck {
    let arguments: SkyDriverArguments
    private(set) var problems: [String] = []

    init(_ arguments: SkyDriverArguments) { self.arguments = arguments }

    mutating func report(_ problem: String) { problems.append(problem) }

    mutating func reportType(_ name: String, _ type: JSONType) {
        problems.append("'\(name)': must be type '\(type.rawValue)' (\(type.pythonName))")
    }

    /// Unknown names, in the order given.
    mutating func allowOnly(_ allowed: Set<String>) {
        let unexpected = arguments.names.filter { !allowed.contains($0) }
        guard !unexpected.isEmpty else { return }
        let listed = unexpected.map { "'\($0)'" }.joined(separator: ", ")
        problems.append("Additional properties are not allowed (\(listed) \(unexpected.count == 1 ? "was" : "were") unexpected)")
    }

    mutating func require(_ names: [String]) {
        for name in names where arguments[name] == nil { problems.append("'\(name)' is a required property") }
    }

    mutating func object(_ name: String) -> JSONObject? {
        guard let value = arguments[name] else { return nil }
        guard case .object(let o) = value else { reportType(name, .object); return nil }
        return o
    }

    mutating func string(_ name: String, nonBlank: Bool = false) -> String? {
        guard let value = arguments[name] else { return nil }
        guard case .string(let s) = value else { reportType(name, .string); return nil }
        if nonBlank, s.allSatisfy(\.isWhitespace) {
            problems.append("'\(name)': must not be blank")
            return nil
        }
        return s
    }

    mutating func int(_ name: String, minimum: Int? = nil) -> Int? {
        guard let value = arguments[name] else { return nil }
        var number: Int?
        switch value {
        case .int(let i): number = i
        case .double(let d) where d == d.rounded() && abs(d) < 9e15: number = Int(d)
        case .string(let s) where arguments.fromQuery.contains(name): number = Int(s)
        default: break
        }
        guard let number else { reportType(name, .integer); return nil }
        if let minimum, number < minimum {
            problems.append("'\(name)': must be at least \(minimum)")
            return nil
        }
        return number
    }

    mutating func number(_ name: String, minimum: Double? = nil, maximum: Double? = nil) -> Double? {
        guard let value = arguments[name] else { return nil }
        var number = value.numberValue
        if number == nil, arguments.fromQuery.contains(name), let s = value.stringValue { number = Double(s) }
        guard let number else { reportType(name, .number); return nil }
        if let minimum, number < minimum {
            problems.append("'\(name)': must be at least \(minimum)")
            return nil
        }
        if let maximum, number > maximum {
            problems.append("'\(name)': must be at most \(maximum)")
            return nil
        }
        return number
    }

    /// A boolean; from the query string `true`/`false` in any case.
    mutating func bool(_ name: String) -> Bool? {
        guard let value = arguments[name] else { return nil }
        if case .bool(let b) = value { return b }
        if arguments.fromQuery.contains(name), let s = value.stringValue {
            switch s.lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        }
        reportType(name, .boolean)
        return nil
    }

    /// One of a fixed set of strings.
    mutating func oneOf(_ name: String, _ allowed: [String]) -> String? {
        guard let value = arguments[name] else { return nil }
        guard case .string(let s) = value, allowed.contains(s) else {
            problems.append("'\(name)': must be one of [\(allowed.map { "'\($0)'" }.joined(separator: ", "))]")
            return nil
        }
        return s
    }

    /// A value matching none of the alternatives an `anyOf`/`oneOf` allows.
    mutating func reportNoMatch(_ name: String) {
        problems.append("'\(name)': must match one of the accepted types")
    }

    func finish() throws(SkyDriverError) {
        guard problems.isEmpty else { throw SkyDriverError.badRequest(problems.joined(separator: "; ")) }
    }
}

enum JSONType: String {
    case object, string, integer, number, boolean, array

    /// rest_tools names the Python type after the JSON Schema one.
    var pythonName: String {
        switch self {
        case .object: "dict"
        case .string: "str"
        case .integer: "int"
        case .number: "float"
        case .boolean: "bool"
        case .array: "list"
        }
    }
}
