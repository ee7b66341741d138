// Coercing a field's or directive's arguments (spec §6.4.1 CoerceArgumentValues), in the
// reference implementation's wording. Runs on validated documents, but an invalid one only
// produces a field error, never a crash.

struct ArgumentError: Error {
    var message: String
    var location: SourceLocation
}

extension Schema {
    /// The coerced arguments of a field or directive (`definitions`) given as `arguments` at `node`.
    func coerceArgumentValues(
        _ definitions: [GraphQLArgument], _ arguments: [Argument], at node: SourceLocation, variables: JSONObject?
    ) throws(ArgumentError) -> JSONObject {
        var coerced = JSONObject()
        guard !definitions.isEmpty else { return coerced }
        coerced.reserveCapacity(definitions.count)
        for definition in definitions {
            let name = definition.name
            let type = definition.type
            guard let argument = arguments.first(where: { $0.name.value == name }) else {
                if let d = definition.defaultValue {
                    if let v = literalValue(d, type: type, variables: nil) { coerced.append(key: name, value: v) }
                } else if type.isNonNull {
                    throw ArgumentError(
                        message: "Argument \"\(name)\" of required type \"\(type)\" was not provided.", location: node)
                }
                continue
            }
            var isNull = false
            if case .null = argument.value { isNull = true }
            if case .variable(let v) = argument.value {
                guard let value = variables?[v.name.value] else {
                    if let d = definition.defaultValue {
                        if let dv = literalValue(d, type: type, variables: nil) { coerced.append(key: name, value: dv) }
                    } else if type.isNonNull {
                        throw ArgumentError(
                            message: "Argument \"\(name)\" of required type \"\(type)\" was provided the variable \"$\(v.name.value)\" which was not provided a runtime value.",
                            location: argument.value.location)
                    }
                    continue
                }
                if case .null = value { isNull = true }
            }
            if isNull, type.isNonNull {
                throw ArgumentError(
                    message: "Argument \"\(name)\" of non-null type \"\(type)\" must not be null.",
                    location: argument.value.location)
            }
            guard let value = literalValue(argument.value, type: type, variables: variables) else {
                throw ArgumentError(
                    message: "Argument \"\(name)\" has invalid value \(Printer.print(argument.value)).",
                    location: argument.value.location)
            }
            coerced.append(key: name, value: value)
        }
        return coerced
    }
}
