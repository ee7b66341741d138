// Field collection (spec §6.3.2 CollectFields): the fields a selection set asks of one concrete
// object type, grouped by response key in order, through fragment spreads and inline fragments,
// after `@skip` and `@include`. Plans call it once per (operation, concrete type, field group),
// never once per object.

/// Evaluates `@skip`/`@include` conditions with the request's variable values.
struct FieldConditions {
    let schema: Schema
    let variables: JSONObject

    /// Whether a selection with these directives is included (spec §6.3.2 steps 2.a–2.b).
    func include(_ directives: [Directive]) -> Bool {
        guard !directives.isEmpty else { return true }
        for d in directives {
            switch d.name.value {
            case "skip": if value(of: d) == true { return false }
            case "include": if value(of: d) == false { return false }
            default: continue
            }
        }
        return true
    }

    /// The `if:` argument; nil when it cannot be determined (an invalid document), which then
    /// neither skips nor excludes.
    private func value(of directive: Directive) -> Bool? {
        guard let argument = directive.arguments.first(where: { $0.name.value == "if" }) else { return nil }
        guard case .bool(let b)? = schema.literalValue(argument.value, type: .nonNull(.named("Boolean")), variables: variables)
        else { return nil }
        return b
    }
}

extension Schema {
    /// Whether a fragment with type condition `condition` applies to object type `objectType`.
    func fragmentApplies(_ condition: String, to objectType: String) -> Bool {
        if condition == objectType { return true }
        guard let t = type(named: condition), t.isAbstractType else { return false }
        return isPossibleType(objectType, of: condition)
    }

    /// The fields `selectionSets` select on `objectType`, grouped by response key in first-seen order.
    func collectFields(
        objectType: String, selectionSets: [SelectionSet], fragments: [String: FragmentDefinition],
        conditions: FieldConditions
    ) -> [(key: String, fields: [Field])] {
        var groups: [(key: String, fields: [Field])] = []
        var index: [String: Int] = [:]
        var visited = Set<String>()

        // An explicit stack of (selections, position) keeps deep fragment nesting off the call stack.
        var stack: [(selections: [Selection], next: Int)] = selectionSets.reversed().map { ($0.selections, 0) }
        while !stack.isEmpty {
            let top = stack.count - 1
            let i = stack[top].next
            guard i < stack[top].selections.count else {
                stack.removeLast()
                continue
            }
            stack[top].next = i + 1
            let selection = stack[top].selections[i]
            guard conditions.include(selection.directives) else { continue }
            switch selection {
            case .field(let field):
                let key = field.responseKey
                if let at = index[key] {
                    groups[at].fields.append(field)
                } else {
                    index[key] = groups.count
                    groups.append((key, [field]))
                }
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard visited.insert(name).inserted, let fragment = fragments[name],
                    fragmentApplies(fragment.typeCondition.name.value, to: objectType)
                else { continue }
                stack.append((fragment.selectionSet.selections, 0))
            case .inlineFragment(let inline):
                if let condition = inline.typeCondition, !fragmentApplies(condition.name.value, to: objectType) {
                    continue
                }
                stack.append((inline.selectionSet.selections, 0))
            }
        }
        return groups
    }
}

extension Document {
    /// The fragment definitions by name (the first of duplicates).
    var fragmentsByName: [String: FragmentDefinition] {
        var out: [String: FragmentDefinition] = [:]
        for case .fragment(let f) in definitions where out[f.name.value] == nil { out[f.name.value] = f }
        return out
    }

    /// Names of the variables that `@skip`/`@include` read anywhere in the document: the only
    /// variables a field-collection plan depends on.
    var conditionVariableNames: [String] {
        var names: [String] = []
        func scan(_ selections: [Selection]) {
            for s in selections {
                for d in s.directives where d.name.value == "skip" || d.name.value == "include" {
                    for a in d.arguments {
                        if case .variable(let v) = a.value, !names.contains(v.name.value) { names.append(v.name.value) }
                    }
                }
                switch s {
                case .field(let f): if let set = f.selectionSet { scan(set.selections) }
                case .inlineFragment(let i): scan(i.selectionSet.selections)
                case .fragmentSpread: break
                }
            }
        }
        for d in definitions {
            switch d {
            case .operation(let o): scan(o.selectionSet.selections)
            case .fragment(let f): scan(f.selectionSet.selections)
            default: break
            }
        }
        return names
    }
}
