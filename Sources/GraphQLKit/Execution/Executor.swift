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

    /// A field error located at every occurrence of the field that was merged into this one.
    mutating func fieldError(_ message: String, _ field: FieldPlan, extensions: JSONObject? = nil) {
        errors.append(GraphQLError(
            message, locations: request.positions(of: field.nodes), path: path, extensions: extensions))
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
        let fields = plan.fields
        for i in fields.indices {
            let field = fields[i]
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(field.keyJSON)
            if field.resolverKind == .typename {
                out.append(plan.typeNameJSON)
                continue
            }
            if !executeField(field, parent: parent, position: i) { return false }
        }
        out.append(UInt8(ascii: "}"))
        return true
    }

    /// Resolves and completes one field, writing its value. False when the field is non-null
    /// and came out null: the caller's object is then null too. `position` (the field's place
    /// in its selection) is where the default resolver looks for its key first.
    mutating func executeField(_ field: FieldPlan, parent: FieldValue, position: Int = 0) -> Bool {
        path.append(.key(field.responseKey))
        let mark = out.count
        var ok: Bool
        switch field.resolverKind {
        case .key:
            if field.argumentsMayFail {
                do {
                    _ = try field.arguments(variables: request.variables, request: request)
                    ok = completeKey(parent, field, position)
                } catch {
                    resolverError(error, field)
                    ok = false
                }
            } else {
                ok = completeKey(parent, field, position)
            }
        case .sync:
            do {
                guard let body = field.syncBody else { throw GraphQLError("No resolver.") }
                let arguments = try field.arguments(variables: request.variables, request: request)
                let value = try body(parent, arguments, request.context, info(field))
                ok = complete(value, field.output, field)
            } catch {
                resolverError(error, field)
                ok = false
            }
        case .typename, .async:
            // `__typename` is written by the caller; async resolvers go to the concurrent
            // executor (plans route them there), so neither gets here.
            fieldError("Field \"\(field.coordinate)\" cannot be executed synchronously.", field)
            ok = false
        }
        path.removeLast()
        if ok { return true }
        if field.output.isNonNull { return false }
        out.truncate(to: mark)
        out.writeNull()
        return true
    }

    /// The default resolver and completion in one step, so a JSON parent's member is read in
    /// place rather than copied into a `FieldValue` first when it is a leaf.
    private mutating func completeKey(_ parent: FieldValue, _ field: FieldPlan, _ position: Int) -> Bool {
        guard case .json(.object(let object)) = parent else {
            return complete(readKey(parent, field.key), field.output, field)
        }
        let key = field.key
        return object.members.withUnsafeBufferPointer { members in
            var index = -1
            if position < members.count, members[position].key == key {
                index = position
            } else {
                for i in 0..<members.count where members[i].key == key {
                    index = i
                    break
                }
            }
            if index < 0 { return complete(.null, field.output, field) }
            return completeJSON(members[index].value, field.output, field)
        }
    }

    // MARK: Completion

    mutating func complete(_ value: FieldValue, _ output: OutputPlan, _ field: FieldPlan) -> Bool {
        switch value {
        case .json(let json):
            return completeJSON(json, output, field)
        case .list(let items):
            switch output.kind {
            case .nonNull:
                guard let inner = output.inner else { return false }
                return complete(value, inner, field)
            case .list:
                guard let itemOutput = output.inner else { return false }
                out.append(UInt8(ascii: "["))
                // Items are borrowed from the array's storage, not copied out one by one.
                let completed = items.withUnsafeBufferPointer { buffer in
                    for i in 0..<buffer.count {
                        if i > 0 { out.append(UInt8(ascii: ",")) }
                        out.sealIfFull()
                        path.append(.index(i))
                        let mark = out.count
                        let ok = complete(buffer[i], itemOutput, field)
                        path.removeLast()
                        if !ok {
                            if itemOutput.isNonNull { return false }
                            out.truncate(to: mark)
                            out.writeNull()
                        }
                    }
                    return true
                }
                if !completed { return false }
                out.append(UInt8(ascii: "]"))
                return true
            default:
                return completeOther(value, output, field)
            }
        case .container, .opaque:
            return completeOther(value, output, field)
        }
    }

    /// Completion of a JSON value: the hot path over in-memory data.
    mutating func completeJSON(_ json: JSONValue, _ output: OutputPlan, _ field: FieldPlan) -> Bool {
        switch output.kind {
        case .nonNull:
            if case .null = json {
                fieldError("Cannot return null for non-nullable field \(field.coordinate).", field)
                return false
            }
            guard let inner = output.inner else { return false }
            return completeJSON(json, inner, field)
        case .string:
            if case .string(let s) = json {
                out.writeString(s)
                return true
            }
        case .id:
            // IDs are always strings in responses (spec §3.5.5); integer IDs are common.
            switch json {
            case .string(let s):
                out.writeString(s)
                return true
            case .int(let i):
                out.append(UInt8(ascii: "\""))
                out.writeInt(i)
                out.append(UInt8(ascii: "\""))
                return true
            default: break
            }
        case .int:
            if case .int(let i) = json, i >= -2_147_483_648 && i <= 2_147_483_647 {
                out.writeInt(i)
                return true
            }
        case .boolean:
            if case .bool(let b) = json {
                out.writeBool(b)
                return true
            }
        case .float:
            if case .double(let d) = json, d.isFinite {
                out.writeDouble(d)
                return true
            }
        case .enumType:
            if case .string(let s) = json, output.enumValues.contains(s) {
                out.writeString(s)
                return true
            }
        case .list:
            guard case .list(let items) = json, let itemOutput = output.inner else { break }
            out.append(UInt8(ascii: "["))
            let completed = items.withUnsafeBufferPointer { buffer in
                for i in 0..<buffer.count {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    out.sealIfFull()
                    path.append(.index(i))
                    let mark = out.count
                    let ok = completeJSON(buffer[i], itemOutput, field)
                    path.removeLast()
                    if !ok {
                        if itemOutput.isNonNull { return false }
                        out.truncate(to: mark)
                        out.writeNull()
                    }
                }
                return true
            }
            if !completed { return false }
            out.append(UInt8(ascii: "]"))
            return true
        case .object:
            if case .object = json, let plan = output.selection {
                return executeSelection(plan, parent: .json(json))
            }
        case .custom, .abstract:
            break
        }
        return completeOther(.json(json), output, field)
    }

    /// Everything off the fast paths: nulls, coercions, custom scalars, abstract types, errors.
    private mutating func completeOther(_ value: FieldValue, _ output: OutputPlan, _ field: FieldPlan) -> Bool {
        if let failure = value.failure {
            resolverError(failure.error, field)
            return false
        }
        if output.kind == .nonNull {
            if value.isNull {
                fieldError("Cannot return null for non-nullable field \(field.coordinate).", field)
                return false
            }
            guard let inner = output.inner else { return false }
            return complete(value, inner, field)
        }
        if value.isNull {
            out.writeNull()
            return true
        }
        switch output.kind {
        case .list:
            fieldError("Expected Iterable, but did not find one for field \"\(field.coordinate)\".", field)
            return false
        case .object:
            guard let plan = output.selection else { return false }
            return executeSelection(plan, parent: value)
        case .abstract:
            guard let child = output.child, let plan = runtimePlan(value, child, field) else { return false }
            return executeSelection(plan, parent: value)
        default:
            return writeLeaf(value, output, field)
        }
    }

    /// Leaf result coercion (spec §6.4.3 "CoerceResult") for values the fast path did not take:
    /// the scalar's `serialize`, or an error.
    private mutating func writeLeaf(_ value: FieldValue, _ output: OutputPlan, _ field: FieldPlan) -> Bool {
        guard let json = value.jsonValue else {
            fieldError("\(output.leafName) cannot represent value: \(describeOpaque(value))", field)
            return false
        }
        do {
            let serialized: JSONValue
            switch output.kind {
            case .string: serialized = try serializeString(json)
            case .int: serialized = try serializeInt(json)
            case .float: serialized = try serializeFloat(json)
            case .boolean: serialized = try serializeBoolean(json)
            case .id: serialized = try serializeID(json)
            case .custom:
                guard let scalar = output.scalar else { return false }
                serialized = try scalar.serialize(json)
            case .enumType:
                fieldError("Enum \"\(output.typeName)\" cannot represent value: \(inspect(json))", field)
                return false
            default:
                return false
            }
            out.writeJSON(serialized)
            return true
        } catch {
            fieldError(error.message, field)
            return false
        }
    }

    // MARK: Abstract types

    /// The plan for the runtime object type of `value` (spec §6.4.3 "ResolveAbstractType"):
    /// from the type resolver, else `TypeNamed`, else a `__typename` key.
    mutating func runtimePlan(_ value: FieldValue, _ child: ChildPlan, _ field: FieldPlan) -> SelectionPlan? {
        let abstractName = child.typeName
        var name: String?
        if let resolver = child.typeResolver {
            name = resolver(value, request.context, info(field))
        }
        if name == nil { name = runtimeTypeName(of: value) }
        if let name, let plan = child.verifiedPlan(forType: name) { return plan }
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
        child.recordVerified(name, plan)
        return plan
    }
}

/// The default resolver: the value under `key` of a JSON object or container parent; null otherwise.
@inline(__always) func readKey(_ parent: FieldValue, _ key: String) -> FieldValue {
    switch parent {
    case .json(.object(let object)):
        for m in object.members where m.key == key { return .json(m.value) }
        return .null
    case .container(let container):
        return container.fieldValue(forKey: key) ?? .null
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
    case .container(let c):
        if let named = c as? any TypeNamed { return named.graphQLTypeName }
        if case .json(.string(let s))? = c.fieldValue(forKey: "__typename") { return s }
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
    if case .container(let v) = value { return String(describing: v) }
    return "<value>"
}
