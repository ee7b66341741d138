// Typed reads from a parsed configuration tree. Each read names the key's dotted path in its
// message, records which keys a section knows (so unknown ones are reported with a suggestion),
// and collects every problem instead of stopping at the first.

import GraphQLKit

final class ConfigReader {
    /// Shown before messages about values from the file, e.g. `runql.json`.
    let fileName: String
    /// Dotted key → environment variable that set it (messages name the variable instead).
    private let overriddenBy: [String: String]
    private(set) var problems: [String] = []

    init(fileName: String, overriddenBy: [String: String]) {
        self.fileName = fileName
        self.overriddenBy = overriddenBy
    }

    func problem(_ path: String, _ message: String) {
        problems.append("\(origin(of: path)): \"\(path)\" \(message)")
    }

    /// The variable that set `path` or a section holding it (`RUNQL_API_TOKENS` sets the whole
    /// `security.tokens` list), else the file.
    private func origin(of path: String) -> String {
        var key = Substring(path)
        while true {
            if let variable = overriddenBy[String(key)] { return variable }
            guard let cut = key.lastIndex(where: { $0 == "." || $0 == "[" }) else { return fileName }
            key = key[..<cut]
        }
    }

    /// A problem with the whole file rather than one key.
    func general(_ message: String) { problems.append("\(fileName): \(message)") }

    /// A section: nil when absent; a problem when not an object or when it has keys outside `known`.
    func section(_ value: JSONValue?, at path: String, known: [String]) -> JSONObject? {
        guard let value else { return nil }
        guard case .object(let object) = value else {
            problem(path, "must be an object")
            return nil
        }
        for key in object.keys where !known.contains(key) {
            let full = path.isEmpty ? key : "\(path).\(key)"
            let origin = origin(of: full)
            let suggestions = suggestionList(key, options: known)
            let hint = suggestions.isEmpty ? "known keys: \(known.joined(separator: ", "))" : "did you mean \"\(suggestions[0])\"?"
            problems.append("\(origin): unknown key \"\(full)\"; \(hint)")
        }
        return object
    }

    func string(_ object: JSONObject?, _ key: String, at path: String) -> String? {
        guard let value = object?[key], value != .null else { return nil }
        guard case .string(let s) = value else {
            problem(join(path, key), "must be a string")
            return nil
        }
        return s
    }

    func int(_ object: JSONObject?, _ key: String, at path: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = object?[key], value != .null else { return nil }
        let n: Int?
        switch value {
        case .int(let i): n = i
        case .double(let d) where d == d.rounded() && abs(d) < 1e15: n = Int(d)
        default: n = nil
        }
        guard let n, range.contains(n) else {
            problem(join(path, key), range.upperBound == Int.max
                ? "must be an integer of at least \(range.lowerBound)"
                : "must be an integer between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return n
    }

    /// Seconds, above zero.
    func seconds(_ object: JSONObject?, _ key: String, at path: String) -> Double? {
        guard let value = object?[key], value != .null else { return nil }
        let d: Double?
        switch value {
        case .int(let i): d = Double(i)
        case .double(let x): d = x
        default: d = nil
        }
        guard let d, d > 0, d.isFinite else {
            problem(join(path, key), "must be a number of seconds above 0")
            return nil
        }
        return d
    }

    func bool(_ object: JSONObject?, _ key: String, at path: String) -> Bool? {
        guard let value = object?[key], value != .null else { return nil }
        guard case .bool(let b) = value else {
            problem(join(path, key), "must be true or false")
            return nil
        }
        return b
    }

    func stringList(_ object: JSONObject?, _ key: String, at path: String) -> [String]? {
        guard let value = object?[key], value != .null else { return nil }
        guard case .list(let items) = value else {
            problem(join(path, key), "must be a list of strings")
            return nil
        }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item else {
                problem("\(join(path, key))[\(i)]", "must be a string")
                continue
            }
            out.append(s)
        }
        return out
    }

    func list(_ object: JSONObject?, _ key: String, at path: String) -> [JSONValue]? {
        guard let value = object?[key], value != .null else { return nil }
        guard case .list(let items) = value else {
            problem(join(path, key), "must be a list")
            return nil
        }
        return items
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
