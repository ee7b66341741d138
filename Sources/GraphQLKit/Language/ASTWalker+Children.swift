// The children of each node type, walked in source order. Each function returns the node
// rebuilt with its edited children, or nil when no child changed.

extension ASTWalker {
    mutating func documentChildren(_ d: Document) -> Document? {
        guard let definitions = definitions(d.definitions) else { return nil }
        var d = d
        d.definitions = definitions
        return d
    }

    mutating func definitionChildren(_ definition: Definition) -> Definition? {
        switch definition {
        case .operation(let d): return operationChildren(d).map { .operation($0) }
        case .fragment(let d): return fragmentChildren(d).map { .fragment($0) }
        case .schema(let d):
            let dirs = directives(d.directives)
            let types = operationTypes(d.operationTypes)
            if dirs == nil && types == nil { return nil }
            var d = d
            if let dirs { d.directives = dirs }
            if let types { d.operationTypes = types }
            return .schema(d)
        case .schemaExtension(let d):
            let dirs = directives(d.directives)
            let types = operationTypes(d.operationTypes)
            if dirs == nil && types == nil { return nil }
            var d = d
            if let dirs { d.directives = dirs }
            if let types { d.operationTypes = types }
            return .schemaExtension(d)
        case .directive(let d):
            guard let args = inputValueDefinitions(d.arguments, key: .arguments) else { return nil }
            var d = d
            d.arguments = args
            return .directive(d)
        case .type(let t): return typeDefinitionChildren(t).map { .type($0) }
        case .typeExtension(let t):
            // Extensions reuse the definition payloads, so they share the walk.
            let asDefinition: TypeDefinition =
                switch t {
                case .scalar(let d): .scalar(d)
                case .object(let d): .object(d)
                case .interface(let d): .interface(d)
                case .union(let d): .union(d)
                case .enumType(let d): .enumType(d)
                case .inputObject(let d): .inputObject(d)
                }
            guard let edited = typeDefinitionChildren(asDefinition) else { return nil }
            switch edited {
            case .scalar(let d): return .typeExtension(.scalar(d))
            case .object(let d): return .typeExtension(.object(d))
            case .interface(let d): return .typeExtension(.interface(d))
            case .union(let d): return .typeExtension(.union(d))
            case .enumType(let d): return .typeExtension(.enumType(d))
            case .inputObject(let d): return .typeExtension(.inputObject(d))
            }
        }
    }

    mutating func operationChildren(_ op: OperationDefinition) -> OperationDefinition? {
        let vars = variableDefinitions(op.variableDefinitions)
        let dirs = directives(op.directives)
        let set = selectionSet(op.selectionSet)
        if vars == nil && dirs == nil && set == nil { return nil }
        var op = op
        if let vars { op.variableDefinitions = vars }
        if let dirs { op.directives = dirs }
        if let set { op.selectionSet = set }
        return op
    }

    mutating func fragmentChildren(_ f: FragmentDefinition) -> FragmentDefinition? {
        let condition = namedType(f.typeCondition, key: .typeCondition)
        let dirs = directives(f.directives)
        let set = selectionSet(f.selectionSet)
        let newCondition: NamedType? = if case .replace(let n) = condition { n } else { nil }
        if newCondition == nil && dirs == nil && set == nil { return nil }
        var f = f
        if let newCondition { f.typeCondition = newCondition }
        if let dirs { f.directives = dirs }
        if let set { f.selectionSet = set }
        return f
    }

    mutating func variableDefinitionChildren(_ d: VariableDefinition) -> VariableDefinition? {
        let variableEdit = visitNode(
            d.variable, key: .variable, index: nil, kind: { _ in .variable }, wrap: { .variable($0) },
            unwrap: { if case .variable(let v) = $0 { v } else { nil } }, children: { _, _ in nil })
        let type = typeReference(d.type, key: .type)
        let defaultValue = optionalValue(d.defaultValue, key: .defaultValue)
        let dirs = directives(d.directives)
        let newVariable: Variable? = if case .replace(let v) = variableEdit { v } else { nil }
        if newVariable == nil && type == nil && defaultValue == nil && dirs == nil { return nil }
        var d = d
        if let newVariable { d.variable = newVariable }
        if let type { d.type = type }
        if let defaultValue { d.defaultValue = defaultValue }
        if let dirs { d.directives = dirs }
        return d
    }

    mutating func selectionChildren(_ selection: Selection) -> Selection? {
        switch selection {
        case .field(let f):
            let args = arguments(f.arguments)
            let dirs = directives(f.directives)
            var setEdit = NodeEdit<SelectionSet>.keep
            if let set = f.selectionSet { setEdit = optionalSelectionSetEdit(set) }
            if case .keep = setEdit, args == nil, dirs == nil { return nil }
            var f = f
            if let args { f.arguments = args }
            if let dirs { f.directives = dirs }
            switch setEdit {
            case .keep: break
            case .replace(let s): f.selectionSet = s
            case .remove: f.selectionSet = nil
            }
            return .field(f)
        case .fragmentSpread(let s):
            guard let dirs = directives(s.directives) else { return nil }
            var s = s
            s.directives = dirs
            return .fragmentSpread(s)
        case .inlineFragment(let f):
            var conditionEdit = NodeEdit<NamedType>.keep
            if let condition = f.typeCondition { conditionEdit = namedType(condition, key: .typeCondition) }
            let dirs = directives(f.directives)
            let set = selectionSet(f.selectionSet)
            if case .keep = conditionEdit, dirs == nil, set == nil { return nil }
            var f = f
            switch conditionEdit {
            case .keep: break
            case .replace(let n): f.typeCondition = n
            case .remove: f.typeCondition = nil
            }
            if let dirs { f.directives = dirs }
            if let set { f.selectionSet = set }
            return .inlineFragment(f)
        }
    }

    mutating func valueChildren(_ value: Value) -> Value? {
        switch value {
        case .list(let list):
            if list.values.isEmpty { return nil }
            guard let values = visitList(list.values, { w, item, i in w.value(item, key: .values, index: i) })
            else { return nil }
            var list = list
            list.values = values
            return .list(list)
        case .object(let object):
            if object.fields.isEmpty { return nil }
            guard let fields = objectFields(object.fields) else { return nil }
            var object = object
            object.fields = fields
            return .object(object)
        default:
            return nil
        }
    }

    mutating func objectFields(_ items: [ObjectField]) -> [ObjectField]? {
        visitList(items) { w, item, i in
            w.visitNode(
                item, key: .fields, index: i, kind: { _ in .objectField }, wrap: { .objectField($0) },
                unwrap: { if case .objectField(let f) = $0 { f } else { nil } },
                children: { w, f in
                    guard let v = w.requiredValue(f.value, key: .value) else { return nil }
                    var f = f
                    f.value = v
                    return f
                })
        }
    }

    mutating func typeChildren(_ type: TypeReference) -> TypeReference? {
        switch type {
        case .named: return nil
        case .list(let inner, let location):
            return typeReference(inner, key: .type).map { .list($0, location: location) }
        case .nonNull(let inner, let location):
            return typeReference(inner, key: .type).map { .nonNull($0, location: location) }
        }
    }

    // MARK: Type system

    mutating func typeDefinitionChildren(_ t: TypeDefinition) -> TypeDefinition? {
        switch t {
        case .scalar(let d):
            guard let dirs = directives(d.directives) else { return nil }
            var d = d
            d.directives = dirs
            return .scalar(d)
        case .object(let d):
            let interfaces = namedTypes(d.interfaces, key: .interfaces)
            let dirs = directives(d.directives)
            let fields = fieldDefinitions(d.fields)
            if interfaces == nil && dirs == nil && fields == nil { return nil }
            var d = d
            if let interfaces { d.interfaces = interfaces }
            if let dirs { d.directives = dirs }
            if let fields { d.fields = fields }
            return .object(d)
        case .interface(let d):
            let interfaces = namedTypes(d.interfaces, key: .interfaces)
            let dirs = directives(d.directives)
            let fields = fieldDefinitions(d.fields)
            if interfaces == nil && dirs == nil && fields == nil { return nil }
            var d = d
            if let interfaces { d.interfaces = interfaces }
            if let dirs { d.directives = dirs }
            if let fields { d.fields = fields }
            return .interface(d)
        case .union(let d):
            let dirs = directives(d.directives)
            let types = namedTypes(d.types, key: .types)
            if dirs == nil && types == nil { return nil }
            var d = d
            if let dirs { d.directives = dirs }
            if let types { d.types = types }
            return .union(d)
        case .enumType(let d):
            let dirs = directives(d.directives)
            let values = enumValueDefinitions(d.values)
            if dirs == nil && values == nil { return nil }
            var d = d
            if let dirs { d.directives = dirs }
            if let values { d.values = values }
            return .enumType(d)
        case .inputObject(let d):
            let dirs = directives(d.directives)
            let fields = inputValueDefinitions(d.fields, key: .fields)
            if dirs == nil && fields == nil { return nil }
            var d = d
            if let dirs { d.directives = dirs }
            if let fields { d.fields = fields }
            return .inputObject(d)
        }
    }

    mutating func fieldDefinitionChildren(_ d: FieldDefinition) -> FieldDefinition? {
        let args = inputValueDefinitions(d.arguments, key: .arguments)
        let type = typeReference(d.type, key: .type)
        let dirs = directives(d.directives)
        if args == nil && type == nil && dirs == nil { return nil }
        var d = d
        if let args { d.arguments = args }
        if let type { d.type = type }
        if let dirs { d.directives = dirs }
        return d
    }

    mutating func inputValueDefinitionChildren(_ d: InputValueDefinition) -> InputValueDefinition? {
        let type = typeReference(d.type, key: .type)
        let defaultValue = optionalValue(d.defaultValue, key: .defaultValue)
        let dirs = directives(d.directives)
        if type == nil && defaultValue == nil && dirs == nil { return nil }
        var d = d
        if let type { d.type = type }
        if let defaultValue { d.defaultValue = defaultValue }
        if let dirs { d.directives = dirs }
        return d
    }

    // MARK: Any node (for `visit(_: ASTNode, _:)`)

    mutating func anyChildren(_ node: ASTNode) -> ASTNode? {
        if let definition = node.asDefinition {
            return definitionChildren(definition).map { ASTNode($0) }
        }
        if let selection = node.asSelection {
            return selectionChildren(selection).map { ASTNode($0) }
        }
        if let value = node.asValue {
            return valueChildren(value).map { ASTNode($0) }
        }
        if let type = node.asTypeReference {
            return typeChildren(type).map { ASTNode($0) }
        }
        switch node {
        case .document(let d):
            return documentChildren(d).map { .document($0) }
        case .variableDefinition(let d):
            return variableDefinitionChildren(d).map { .variableDefinition($0) }
        case .selectionSet(let s):
            guard let selections = selections(s.selections) else { return nil }
            var s = s
            s.selections = selections
            return .selectionSet(s)
        case .argument(let a):
            guard let v = requiredValue(a.value, key: .value) else { return nil }
            var a = a
            a.value = v
            return .argument(a)
        case .objectField(let f):
            guard let v = requiredValue(f.value, key: .value) else { return nil }
            var f = f
            f.value = v
            return .objectField(f)
        case .directive(let d):
            guard let args = arguments(d.arguments) else { return nil }
            var d = d
            d.arguments = args
            return .directive(d)
        case .operationTypeDefinition(let d):
            guard case .replace(let t) = namedType(d.type, key: .type) else { return nil }
            var d = d
            d.type = t
            return .operationTypeDefinition(d)
        case .fieldDefinition(let d):
            return fieldDefinitionChildren(d).map { .fieldDefinition($0) }
        case .inputValueDefinition(let d):
            return inputValueDefinitionChildren(d).map { .inputValueDefinition($0) }
        case .enumValueDefinition(let d):
            guard let dirs = directives(d.directives) else { return nil }
            var d = d
            d.directives = dirs
            return .enumValueDefinition(d)
        default:
            return nil  // every other kind was handled above
        }
    }
}
