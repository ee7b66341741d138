// Input coercion of runtime (JSON) values (spec §3.5–§3.12 "Input Coercion"), as variables need
// it: every problem is reported, each with the path inside the value where it was found, in the
// reference implementation's wording.

/// One problem found while coercing an input value.
struct InputCoercionProblem {
    /// Where inside the value: object keys and list indexes.
    var path: [PathComponent]
    /// The offending (sub-)value.
    var value: JSONValue
    var message: String
}

extension Schema {
    /// `value` coerced to `type`; problems are appended to `problems` (the result is then meaningless).
    func coerceInputValue(
        _ value: JSONValue, to type: GraphQLType, path: inout [PathComponent], problems: inout [InputCoercionProblem]
    ) -> JSONValue {
        switch type {
        case .nonNull(let inner):
            if case .null = value {
                problems.append(InputCoercionProblem(
                    path: path, value: value, message: "Expected non-nullable type \"\(type)\" not to be null."))
                return .null
            }
            return coerceInputValue(value, to: inner, path: &path, problems: &problems)
        case .list(let itemType):
            if case .null = value { return .null }
            guard case .list(let items) = value else {
                // A single value where a list is expected is a list of one (spec §3.11).
                return .list([coerceInputValue(value, to: itemType, path: &path, problems: &problems)])
            }
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                path.append(.index(i))
                out.append(coerceInputValue(item, to: itemType, path: &path, problems: &problems))
                path.removeLast()
            }
            return .list(out)
        case .named(let name):
            if case .null = value { return .null }
            switch self.type(named: name) {
            case .scalar(let scalar):
                do {
                    return try scalar.parseValue(value)
                } catch {
                    problems.append(InputCoercionProblem(path: path, value: value, message: error.message))
                    return .null
                }
            case .enumType(let e):
                guard case .string(let s) = value else {
                    let shown = inspect(value)
                    problems.append(InputCoercionProblem(
                        path: path, value: value,
                        message: "Enum \"\(e.name)\" cannot represent non-string value: \(shown)."
                            + didYouMean(suggestionList(shown, options: e.values.map(\.name)), subMessage: "the enum value")))
                    return .null
                }
                guard e.value(named: s) != nil else {
                    problems.append(InputCoercionProblem(
                        path: path, value: value,
                        message: "Value \"\(s)\" does not exist in \"\(e.name)\" enum."
                            + didYouMean(suggestionList(s, options: e.values.map(\.name)), subMessage: "the enum value")))
                    return .null
                }
                return value
            case .inputObject(let input):
                return coerceInputObject(value, to: input, path: &path, problems: &problems)
            case .object, .interface, .union, nil:
                problems.append(InputCoercionProblem(
                    path: path, value: value, message: "Type \"\(name)\" is not an input type."))
                return .null
            }
        }
    }

    private func coerceInputObject(
        _ value: JSONValue, to input: GraphQLInputObjectType, path: inout [PathComponent],
        problems: inout [InputCoercionProblem]
    ) -> JSONValue {
        guard case .object(let object) = value else {
            problems.append(InputCoercionProblem(
                path: path, value: value, message: "Expected type \"\(input.name)\" to be an object."))
            return .null
        }
        var result = JSONObject()
        result.reserveCapacity(input.fields.count)
        for field in input.fields {
            guard let given = object[field.name] else {
                if let defaultLiteral = field.defaultValue {
                    if let d = literalValue(defaultLiteral, type: field.type, variables: nil) {
                        result.append(key: field.name, value: d)
                    }
                } else if field.type.isNonNull {
                    problems.append(InputCoercionProblem(
                        path: path, value: value,
                        message: "Field \"\(field.name)\" of required type \"\(field.type)\" was not provided."))
                }
                continue
            }
            path.append(.key(field.name))
            result.append(key: field.name, value: coerceInputValue(given, to: field.type, path: &path, problems: &problems))
            path.removeLast()
        }
        for member in object.members where input.field(named: member.key) == nil {
            problems.append(InputCoercionProblem(
                path: path, value: value,
                message: "Field \"\(member.key)\" is not defined by type \"\(input.name)\"."
                    + didYouMean(suggestionList(member.key, options: input.fields.map(\.name)))))
        }
        if input.isOneOf {
            if result.count != 1 {
                problems.append(InputCoercionProblem(
                    path: path, value: value,
                    message: "Exactly one key must be specified for OneOf type \"\(input.name)\"."))
            }
            if let first = result.members.first, case .null = first.value {
                problems.append(InputCoercionProblem(
                    path: path + [.key(first.key)], value: .null, message: "Field \"\(first.key)\" must be non-null."))
            }
        }
        return .object(result)
    }

    /// A literal coerced to `type` with "undefined" kept apart from null, as argument coercion
    /// needs it (spec §6.4.1 CoerceArgumentValues): nil when the literal is invalid. A variable
    /// absent from `variables` is undefined: invalid where a value is required, omitted from
    /// input objects, null in lists.
    func literalValue(_ literal: Value, type: GraphQLType, variables: JSONObject?) -> JSONValue? {
        if case .variable(let v) = literal {
            guard let value = variables?[v.name.value] else { return nil }
            if case .null = value, type.isNonNull { return nil }
            return value
        }
        switch type {
        case .nonNull(let inner):
            if case .null = literal { return nil }
            return literalValue(literal, type: inner, variables: variables)
        case .list(let itemType):
            if case .null = literal { return .null }
            guard case .list(let list) = literal else {
                guard let one = literalValue(literal, type: itemType, variables: variables) else { return nil }
                return .list([one])
            }
            var items: [JSONValue] = []
            items.reserveCapacity(list.values.count)
            for item in list.values {
                if case .variable(let v) = item, variables?[v.name.value] == nil {
                    if itemType.isNonNull { return nil }
                    items.append(.null)
                    continue
                }
                guard let coerced = literalValue(item, type: itemType, variables: variables) else { return nil }
                items.append(coerced)
            }
            return .list(items)
        case .named(let name):
            if case .null = literal { return .null }
            switch self.type(named: name) {
            case .scalar(let scalar):
                return try? scalar.parseLiteral(literal, variables)
            case .enumType(let e):
                guard case .enumValue(let v) = literal, e.value(named: v.value) != nil else { return nil }
                return .string(v.value)
            case .inputObject(let input):
                guard case .object(let object) = literal else { return nil }
                var result = JSONObject()
                for field in input.fields {
                    let given = object.fields.first { $0.name.value == field.name }
                    var missing = given == nil
                    if let given, case .variable(let v) = given.value, variables?[v.name.value] == nil { missing = true }
                    if missing {
                        if let d = field.defaultValue {
                            guard let dv = literalValue(d, type: field.type, variables: nil) else { return nil }
                            result.append(key: field.name, value: dv)
                        } else if field.type.isNonNull {
                            return nil
                        }
                        continue
                    }
                    guard let given, let coerced = literalValue(given.value, type: field.type, variables: variables)
                    else { return nil }
                    result.append(key: field.name, value: coerced)
                }
                if input.isOneOf {
                    guard result.count == 1, let only = result.members.first else { return nil }
                    if case .null = only.value { return nil }
                }
                return .object(result)
            case .object, .interface, .union, nil:
                return nil
            }
        }
    }
}

/// `"name.b[0]"`: a variable name followed by a path inside its value, as error messages show it.
func printInputPath(_ root: String, _ path: [PathComponent]) -> String {
    var out = root
    for component in path {
        switch component {
        case .key(let k): out += "." + k
        case .index(let i): out += "[" + String(i) + "]"
        }
    }
    return out
}
