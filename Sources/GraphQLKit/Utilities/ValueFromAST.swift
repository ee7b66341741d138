// Literal input coercion (spec §3.5, §3.9, §3.10, §3.11, §3.12 "Input Coercion") and its
// inverse, a value back to a literal of a type. Used for default values: validating them,
// printing them canonically (`print_schema`, `__InputValue.defaultValue`) and coercing them.

extension Schema {
    /// A literal coerced to a runtime value of `type`, or the reason it cannot be. Variables in
    /// the literal take their values from `variables`; a variable with no value counts as null.
    public func coerceLiteral(
        _ literal: Value, to type: GraphQLType, variables: JSONObject? = nil
    ) throws(ScalarCoercionError) -> JSONValue {
        var defaulting: [String] = []
        return try coerceLiteral(literal, to: type, variables: variables, defaulting: &defaulting)
    }

    /// `defaulting` lists the input fields whose default values are being coerced, innermost
    /// last: a default that needs itself (`input A { b: A = {} }`) is an error, not a loop.
    private func coerceLiteral(
        _ literal: Value, to type: GraphQLType, variables: JSONObject?, defaulting: inout [String]
    ) throws(ScalarCoercionError) -> JSONValue {
        if case .variable(let v) = literal {
            let value = variables?[v.name.value] ?? .null
            if value == .null, type.isNonNull {
                throw ScalarCoercionError("Expected value of type \"\(type)\", found \(Printer.print(literal)).")
            }
            return value
        }
        switch type {
        case .nonNull(let inner):
            if case .null = literal {
                throw ScalarCoercionError("Expected value of type \"\(type)\", found null.")
            }
            return try coerceLiteral(literal, to: inner, variables: variables, defaulting: &defaulting)
        case .list(let itemType):
            if case .null = literal { return .null }
            guard case .list(let list) = literal else {
                // A single value where a list is expected is a list of one (spec §3.11).
                return .list([try coerceLiteral(literal, to: itemType, variables: variables, defaulting: &defaulting)])
            }
            var items: [JSONValue] = []
            items.reserveCapacity(list.values.count)
            for item in list.values {
                items.append(try coerceLiteral(item, to: itemType, variables: variables, defaulting: &defaulting))
            }
            return .list(items)
        case .named(let name):
            if case .null = literal { return .null }
            guard let named = self.type(named: name) else {
                throw ScalarCoercionError("Unknown type \"\(name)\".")
            }
            switch named {
            case .scalar(let scalar):
                return try scalar.parseLiteral(literal, variables)
            case .enumType(let e):
                guard case .enumValue(let v) = literal else {
                    throw ScalarCoercionError("Enum \"\(e.name)\" cannot represent non-enum value: \(Printer.print(literal)).")
                }
                guard e.value(named: v.value) != nil else {
                    throw ScalarCoercionError(
                        "Value \"\(v.value)\" does not exist in \"\(e.name)\" enum."
                            + didYouMean(suggestionList(v.value, options: e.values.map(\.name))))
                }
                return .string(v.value)
            case .inputObject(let input):
                return try coerceObjectLiteral(literal, to: input, variables: variables, defaulting: &defaulting)
            case .object, .interface, .union:
                throw ScalarCoercionError("Type \"\(name)\" is not an input type.")
            }
        }
    }

    private func coerceObjectLiteral(
        _ literal: Value, to input: GraphQLInputObjectType, variables: JSONObject?, defaulting: inout [String]
    ) throws(ScalarCoercionError) -> JSONValue {
        guard case .object(let object) = literal else {
            throw ScalarCoercionError("Expected value of type \"\(input.name)\", found \(Printer.print(literal)).")
        }
        for f in object.fields where input.field(named: f.name.value) == nil {
            throw ScalarCoercionError(
                "Field \"\(f.name.value)\" is not defined by type \"\(input.name)\"."
                    + didYouMean(suggestionList(f.name.value, options: input.fields.map(\.name))))
        }
        var result = JSONObject()
        for field in input.fields {
            if let given = object.fields.first(where: { $0.name.value == field.name }) {
                result.append(
                    key: field.name,
                    value: try coerceLiteral(given.value, to: field.type, variables: variables, defaulting: &defaulting))
            } else if let defaultLiteral = field.defaultValue {
                let coordinate = input.name + "." + field.name
                if defaulting.contains(coordinate) {
                    throw ScalarCoercionError("The default value of input field \"\(coordinate)\" refers to itself.")
                }
                defaulting.append(coordinate)
                let value = try coerceLiteral(defaultLiteral, to: field.type, variables: nil, defaulting: &defaulting)
                defaulting.removeLast()
                result.append(key: field.name, value: value)
            } else if field.type.isNonNull {
                throw ScalarCoercionError(
                    "Field \"\(input.name).\(field.name)\" of required type \"\(field.type)\" was not provided.")
            }
        }
        if input.isOneOf {
            guard result.count == 1 else {
                throw ScalarCoercionError("OneOf Input Object \"\(input.name)\" must specify exactly one key.")
            }
            if let only = result.members.first, only.value == .null {
                throw ScalarCoercionError("Field \"\(input.name).\(only.key)\" must be non-null.")
            }
        }
        return .object(result)
    }

    /// Why a (constant) literal is not a valid value of `type`, or nil when it is.
    func literalError(_ literal: Value, type: GraphQLType) -> String? {
        do {
            _ = try coerceLiteral(literal, to: type)
            return nil
        } catch {
            return error.message
        }
    }

    /// A runtime value as a literal of `type`, the way the reference prints default values:
    /// input-object fields in the type's order, enum values as names, integral floats without a
    /// fraction, IDs that look like integers as integers. Nil when the value does not fit.
    public func literal(from value: JSONValue, type: GraphQLType) -> Value? {
        switch type {
        case .nonNull(let inner):
            guard let literal = literal(from: value, type: inner) else { return nil }
            if case .null = literal { return nil }
            return literal
        case .list(let itemType):
            if case .null = value { return .null(NullValue()) }
            guard case .list(let items) = value else { return literal(from: value, type: itemType) }
            return .list(ListValue(items.compactMap { literal(from: $0, type: itemType) }))
        case .named(let name):
            if case .null = value { return .null(NullValue()) }
            switch self.type(named: name) {
            case .inputObject(let input):
                guard case .object(let object) = value else { return nil }
                var fields: [ObjectField] = []
                for f in input.fields {
                    guard let v = object[f.name], let l = literal(from: v, type: f.type) else { continue }
                    fields.append(ObjectField(name: Name(f.name), value: l))
                }
                return .object(ObjectValue(fields))
            case .enumType(let e):
                guard case .string(let s) = value, e.value(named: s) != nil else { return nil }
                return .enumValue(EnumValue(s))
            case .scalar(let scalar):
                guard let serialized = try? scalar.serialize(value) else { return nil }
                return scalarLiteral(serialized, isID: name == "ID")
            default:
                return nil
            }
        }
    }

    private func scalarLiteral(_ value: JSONValue, isID: Bool) -> Value? {
        switch value {
        case .null: return .null(NullValue())
        case .bool(let b): return .boolean(BooleanValue(b))
        case .int(let i): return .int(IntValue(String(i)))
        case .double(let d):
            guard d.isFinite else { return nil }
            let text = formatNumber(d)
            return isIntegral(d) && !text.contains("e") ? .int(IntValue(text)) : .float(FloatValue(text))
        case .string(let s):
            if isID, isIntegerText(s) { return .int(IntValue(s)) }
            return .string(StringValue(s))
        case .list(let items):
            var out: [Value] = []
            for item in items {
                guard let l = scalarLiteral(item, isID: false) else { return nil }
                out.append(l)
            }
            return .list(ListValue(out))
        case .object(let object):
            var fields: [ObjectField] = []
            for m in object.members {
                guard let l = scalarLiteral(m.value, isID: false) else { return nil }
                fields.append(ObjectField(name: Name(m.key), value: l))
            }
            return .object(ObjectValue(fields))
        }
    }

    /// The default value of an argument or input field as canonical GraphQL text, as
    /// `__InputValue.defaultValue` and the schema printer show it; nil when there is none or it
    /// is not valid for the type.
    public func printedDefaultValue(_ inputValue: GraphQLInputValue) -> String? {
        guard let literal = inputValue.defaultValue,
            let value = try? coerceLiteral(literal, to: inputValue.type),
            let canonical = self.literal(from: value, type: inputValue.type)
        else { return nil }
        return Printer.print(canonical)
    }
}

/// `-?(0|[1-9][0-9]*)`: text an integer literal could have.
private func isIntegerText(_ s: String) -> Bool {
    var bytes = Array(s.utf8)[...]
    if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    guard let first = bytes.first, first >= 0x30, first <= 0x39 else { return false }
    if first == 0x30 { return bytes.count == 1 }
    return bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
}
