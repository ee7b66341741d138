// Which run document a mutation changes. A reference names the run by number, name or
// ObjectId; before writing, it is resolved to exactly one document's `_id`, so a write never
// lands on an arbitrary one of several matches (XENON1T muon-veto runs all have number 0).

import GraphQLKit

struct RunReference: Sendable, CustomStringConvertible {
    enum Key: Sendable {
        case number(Int)
        case name(String)
        case objectID(ObjectID)
    }

    /// For messages: `XENONnT`, `XENON1T`, `XAMS`.
    var registry: String
    var key: Key

    /// From a `XenonRunRef` input: the experiment and exactly one of number, name, objectId.
    static func xenon(_ input: JSONObject) throws(GraphQLError) -> (XenonExperiment, RunReference) {
        guard case .string(let experimentName)? = input["experiment"], let experiment = XenonExperiment(graphQLName: experimentName) else {
            throw RegistryError.badUserInput("run.experiment must be XENON1T or XENONNT.")
        }
        let key = try oneKey(input, allowName: true, field: "run")
        return (experiment, RunReference(registry: experiment == .xenon1T ? "XENON1T" : "XENONnT", key: key))
    }

    /// A XAMS run by number.
    static func xams(number: Int) -> RunReference {
        RunReference(registry: "XAMS", key: .number(number))
    }

    private static func oneKey(_ input: JSONObject, allowName: Bool, field: String) throws(GraphQLError) -> Key {
        var keys: [Key] = []
        if case .int(let n)? = input["number"] { keys.append(.number(n)) }
        if allowName, case .string(let s)? = input["name"] { keys.append(.name(s)) }
        if case .string(let s)? = input["objectId"] {
            guard let id = ObjectID(hex: s) else {
                throw RegistryError.badUserInput("\(field).objectId \"\(s.prefix(64))\" is not an ObjectId (24 hexadecimal digits).")
            }
            keys.append(.objectID(id))
        }
        guard keys.count == 1 else {
            throw RegistryError.badUserInput("\(field) needs exactly one of number, name or objectId (got \(keys.count)).")
        }
        return keys[0]
    }

    /// The filter matching the referenced run(s).
    var filter: BSONDocument {
        switch key {
        case .number(let n): ["number": .int64(Int64(n))]
        case .name(let s): ["name": .string(s)]
        case .objectID(let id): ["_id": .objectID(id)]
        }
    }

    var description: String {
        switch key {
        case .number(let n): "\(registry) run \(n)"
        case .name(let s): "\(registry) run \"\(s.prefix(64))\""
        case .objectID(let id): "\(registry) run \(id.hex)"
        }
    }
}

