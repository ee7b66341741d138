// The synchronous core of execution (spec §6.4 "Executing Fields", §6.4.3 "Value Completion"):
// walks an execution plan and the resolved data together, writing the response as it goes.
//
// A completion step returns false when it raised a field error at a non-null position: the
// nearest nullable field or list item above takes back what its subtree wrote and writes null
// instead (spec §6.4.4). As in the reference, once a non-null field of an object fails, the
// object's remaining fields are not executed.

struct ExecutionRun {
    var out: ResponseBuffer
    var errors: [GraphQLError] = []
    /// The response path of the field being executed.
    var path: [PathComponent]
    let request: RequestState

    init(request: RequestState, path: [PathComponent] = [], capacity: Int = 0) {
        self.request = request
        self.path = path
        self.out = ResponseBuffer(capacity: capacity)
    }

    mutating func fieldError(_ message: String, _ field: FieldPlan, extensions: JSONObject? = nil) {
        errors.append(GraphQLError(
            message, locations: request.positions(of: field.location), path: path, extensions: extensions))
    }

    mutating func resolverError(_ error: any Error, _ field: FieldPlan) {
        if let e = error as? GraphQLError {
            fieldError(e.message, field, extensions: e.extensions)
        } else if let e = error as? ArgumentError {
            errors.append(GraphQLError(e.message, locations: request.positions(of: e.location), path: path))
        } else {
            errors.append(GraphQLError(
                String(describing: error), locations: request.positions(of: field.location), path: path))
            errors[errors.count - 1].underlyingError = error
        }
    }

    func info(_ field: FieldPlan) -> ResolveInfo {
        ResolveInfo(plan: field, request: request, path: path)
    }

    // MARK: Fields

    mutating func executeSelection(_ plan: SelectionPlan, parent: FieldValue) -> Bool {
        out.append(UInt8(ascii: "{"))
        var first = true
        for field in plan.fields {
            if first { first = false } else { out.append(UInt8(ascii: ",")) }
            out.append(field.keyJSON)
            if case .typename = field.resolver {
                out.append(plan.typeNameJSON)
                continue
            }
            if !executeField(field, parent: parent) { return false }
        }
        out.append(UInt8(ascii: "}"))
        return true
    }

    /// Resolves and completes one field, writing its value. False when the field is non-null
    /// and came out null: the caller's object is then null too.
    mutating func executeField(_ field: FieldPlan, parent: FieldValue) -> Bool {
        path.append(.key(field.responseKey))
        let mark = out.count
        var ok: Bool
        switch field.resolver {
        case .key(let key):
            ok = complete(readKey(parent, key), field.output, field)
        case .typename:
            ok = false  // written by executeSelection
        case .sync(let body):
            do {
                let arguments = try field.arguments(variables: request.variables, request: request)
                let value = try body(parent, arguments, request.context, info(field))
                ok = complete(value, field.output, field)
            } catch {
                resolverError(error, field)
                ok = false
            }
        case .async:
            // Plans route async resolvers to the concurrent executor; never reached.
            fieldError("Field \"\(field.coordinate)\" has an async resolver but was executed synchronously.", field)
            ok = false
        }
        path.removeLast()
        if ok { return true }
        if field.output.isNonNull { return false }
        out.truncate(to: mark)
        out.writeNull()
        return true
    }

    // MARK: Completion

    mutating func complete(_ value: FieldValue, _ output: OutputPlan, _ field: FieldPlan) -> Bool {
        switch output {
        case .nonNull(let inner):
            if value.isNull {
                fieldError("Cannot return null for non-nullable field \(field.coordinate).", field)
                return false
            }
            return complete(value, inner, field)
        case .leaf(let leaf):
            return writeLeaf(value, leaf, field)
        case .list(let itemOutput):
            switch value {
            case .json(.list(let items)):
                out.append(UInt8(ascii: "["))
                for i in items.indices {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    if !completeItem(.json(items[i]), at: i, itemOutput, field) { return false }
                }
                out.append(UInt8(ascii: "]"))
                return true
            case .list(let items):
                out.append(UInt8(ascii: "["))
                for i in items.indices {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    if !completeItem(items[i], at: i, itemOutput, field) { return false }
                }
                out.append(UInt8(ascii: "]"))
                return true
            case .json(.null):
                out.writeNull()
                return true
            default:
                fieldError("Expected Iterable, but did not find one for field \"\(field.coordinate)\".", field)
                return false
            }
        case .object(let plan):
            if value.isNull {
                out.writeNull()
                return true
            }
            return executeSelection(plan, parent: value)
        case .abstract(let child):
            if value.isNull {
                out.writeNull()
                return true
            }
            guard let plan = runtimePlan(value, child, field) else { return false }
            return executeSelection(plan, parent: value)
        }
    }

    private mutating func completeItem(_ item: FieldValue, at index: Int, _ output: OutputPlan, _ field: FieldPlan) -> Bool {
        path.append(.index(index))
        let mark = out.count
        let ok = complete(item, output, field)
        path.removeLast()
        if ok { return true }
        if output.isNonNull { return false }
        out.truncate(to: mark)
        out.writeNull()
        return true
    }

    /// Leaf result coercion (spec §6.4.3 "CoerceResult"): the built-in scalars' own value kinds
    /// are written directly; anything else goes through the scalar's `serialize`.
    private mutating func writeLeaf(_ value: FieldValue, _ leaf: LeafPlan, _ field: FieldPlan) -> Bool {
        guard case .json(let json) = value else {
            if value.isNull {
                out.writeNull()
                return true
            }
            guard let json = value.jsonValue else {
                fieldError("\(leafName(leaf)) cannot represent value: \(describeOpaque(value))", field)
                return false
            }
            return writeLeaf(.json(json), leaf, field)
        }
        switch (leaf, json) {
        case (_, .null):
            out.writeNull()
            return true
        case (.string, .string(let s)), (.id, .string(let s)):
            out.writeString(s)
            return true
        case (.int, .int(let i)) where i >= -2_147_483_648 && i <= 2_147_483_647:
            out.writeInt(i)
            return true
        case (.boolean, .bool(let b)):
            out.writeBool(b)
            return true
        case (.float, .double(let d)) where d.isFinite:
            out.writeDouble(d)
            return true
        case (.enumType(let e), .string(let s)) where e.value(named: s) != nil:
            out.writeString(s)
            return true
        case (.enumType(let e), _):
            fieldError("Enum \"\(e.name)\" cannot represent value: \(inspect(json))", field)
            return false
        default:
            do {
                let serialized: JSONValue
                switch leaf {
                case .string: serialized = try serializeString(json)
                case .int: serialized = try serializeInt(json)
                case .float: serialized = try serializeFloat(json)
                case .boolean: serialized = try serializeBoolean(json)
                case .id: serialized = try serializeID(json)
                case .custom(let scalar): serialized = try scalar.serialize(json)
                case .enumType: serialized = .null
                }
                out.writeJSON(serialized)
                return true
            } catch {
                fieldError(error.message, field)
                return false
            }
        }
    }

    private func leafName(_ leaf: LeafPlan) -> String {
        switch leaf {
        case .string: "String"
        case .int: "Int"
        case .float: "Float"
        case .boolean: "Boolean"
        case .id: "ID"
        case .custom(let s): s.name
        case .enumType(let e): "Enum \"\(e.name)\""
        }
    }

    // MARK: Abstract types

    /// The plan for the runtime object type of `value` (spec §6.4.3 "ResolveAbstractType"):
    /// from the type resolver, else `TypeNamed`, else a `__typename` key.
    mutating func runtimePlan(_ value: FieldValue, _ child: ChildPlan, _ field: FieldPlan) -> SelectionPlan? {
        let abstractName = child.typeName
        var name: String?
        if let resolver = request.executable.typeResolvers[abstractName] {
            name = resolver(value, request.context, info(field))
        }
        if name == nil { name = runtimeTypeName(of: value) }
        guard let name else {
            fieldError(
                "Abstract type \"\(abstractName)\" must resolve to an Object type at runtime for field \"\(field.coordinate)\". Either the \"\(abstractName)\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.",
                field)
            return nil
        }
        guard let type = request.schema.type(named: name) else {
            fieldError(
                "Abstract type \"\(abstractName)\" was resolved to a type \"\(name)\" that does not exist inside the schema.",
                field)
            return nil
        }
        guard case .object = type else {
            fieldError("Abstract type \"\(abstractName)\" was resolved to a non-object type \"\(name)\".", field)
            return nil
        }
        guard request.schema.isPossibleType(name, of: abstractName), let plan = child.selectionPlan(forType: name) else {
            fieldError("Runtime Object type \"\(name)\" is not a possible type for \"\(abstractName)\".", field)
            return nil
        }
        return plan
    }
}

/// The default resolver: the value under `key` of a JSON object or container parent; null otherwise.
@inline(__always) func readKey(_ parent: FieldValue, _ key: String) -> FieldValue {
    switch parent {
    case .json(.object(let object)):
        for m in object.members where m.key == key { return .json(m.value) }
        return .null
    case .opaque(let value):
        if let container = value as? any FieldValueContainer { return container.fieldValue(forKey: key) ?? .null }
        return .null
    default:
        return .null
    }
}

/// The type name a value carries: `TypeNamed`, or a string `__typename` key.
func runtimeTypeName(of value: FieldValue) -> String? {
    switch value {
    case .json(.object(let object)):
        if case .string(let s)? = object["__typename"] { return s }
    case .opaque(let v):
        if let named = v as? any TypeNamed { return named.graphQLTypeName }
        if let container = v as? any FieldValueContainer, case .json(.string(let s))? = container.fieldValue(forKey: "__typename") {
            return s
        }
    default: break
    }
    return nil
}

private func describeOpaque(_ value: FieldValue) -> String {
    if case .opaque(let v) = value { return String(describing: v) }
    return "<value>"
}
