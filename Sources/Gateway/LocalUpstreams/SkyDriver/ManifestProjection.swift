// Which manifest fields a response carries (`manifest_projection`, or GET manifest's pipe-
// delimited `projection`). SkyDriver projects the decoded manifest in Python, not in Mongo.

import GraphQLKit

enum ManifestProjection: Sendable, Equatable {
    /// The default and `"*"`: every field except the deprecated, large or internal ones.
    case allowed
    /// A list containing `"*"`: every field, the disallowed ones included.
    case everything
    case fields([String])

    static let disallowed: Set<String> = ["ewms_task", "event_i3live_json_dict", "event_i3live_json_dict__hash"]

    /// From `manifest_projection`: `"*"` or a list of names. A wrong type is an OpenAPI problem;
    /// naming a disallowed field is SkyDriver's bare 400.
    static func parse(_ name: String, in check: inout ArgumentCheck) throws(SkyDriverError) -> ManifestProjection {
        guard let value = check.arguments[name] else { return .allowed }
        switch value {
        case .string("*"):
            return .allowed
        case .string(let text) where check.arguments.fromQuery.contains(name):
            return try names(text.split(separator: "|").map(String.init))
        case .list(let items):
            var names: [String] = []
            for item in items {
                guard case .string(let s) = item else { check.reportNoMatch(name); return .allowed }
                names.append(s)
            }
            return try Self.names(names)
        default:
            check.reportNoMatch(name)
            return .allowed
        }
    }

    /// From GET manifest's `projection`: `"*"` or names separated by `|`.
    static func parse(pipeDelimited text: String?) throws(SkyDriverError) -> ManifestProjection {
        guard let text, text != "*" else { return .allowed }
        return try names(text.split(separator: "|").map(String.init))
    }

    private static func names(_ names: [String]) throws(SkyDriverError) -> ManifestProjection {
        if names.contains("*") { return .everything }
        if names.contains(where: disallowed.contains) { throw SkyDriverError.genericBadRequest }
        return .fields(names)
    }

    func apply(_ manifest: JSONObject) -> JSONObject {
        switch self {
        case .everything:
            return manifest
        case .allowed:
            return JSONObject(manifest.members.filter { !Self.disallowed.contains($0.key) })
        case .fields(let names):
            let wanted = Set(names)
            return JSONObject(manifest.members.filter { wanted.contains($0.key) })
        }
    }
}
