// Values of Correct Type (spec §5.6.1), Input Object Field Names (§5.6.2), Input Object
// Required Fields (§5.6.4) and the OneOf input object rules: every literal must coerce to the
// type its position expects (variables inside it are assumed valid; their own rule checks them).

extension ValidationRule {
    public static let valuesOfCorrectType = ValidationRule(name: "ValuesOfCorrectType", typed: { _ in ValuesOfCorrectTypeRule.shared })
}

final class ValuesOfCorrectTypeRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = ValuesOfCorrectTypeRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [
        .init(.listValue), .init(.objectValue), .init(.objectField), .init(.nullValue), .init(.enumValue),
        .init(.intValue), .init(.floatValue), .init(.stringValue), .init(.booleanValue),
    ]

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        switch node {
        case .listValue(let list):
            // A list where a single value is expected is checked as a whole, not item by item.
            guard let type = context.typeInfo.parentInputType?.nullable, !type.isList else { return .continue }
            checkLeaf(.list(list), context)
            return .skip
        case .objectValue(let object):
            guard let name = context.typeInfo.inputType?.namedType, let resolved = context.lookup.type(named: name),
                case .inputObject(let input) = resolved.type
            else {
                checkLeaf(.object(object), context)
                return .skip
            }
            for field in input.fields where field.isRequired {
                if !object.fields.contains(where: { $0.name.value == field.name }) {
                    context.report(
                        "Field \"\(input.name).\(field.name)\" of required type \"\(field.type)\" was not provided.",
                        at: object.location)
                }
            }
            if input.isOneOf { checkOneOf(object, input, context) }
        case .objectField(let field):
            if context.typeInfo.inputType == nil, let parent = context.typeInfo.parentInputType?.namedType,
                let resolved = context.lookup.type(named: parent), case .inputObject(let input) = resolved.type
            {
                context.report(
                    "Field \"\(field.name.value)\" is not defined by type \"\(input.name)\"."
                        + didYouMean(suggestionList(field.name.value, options: input.fields.map(\.name))),
                    at: field.location)
            }
        case .nullValue(let null):
            if let type = context.typeInfo.inputType, type.isNonNull {
                context.report("Expected value of type \"\(type)\", found null.", at: null.location)
            }
        case .enumValue(let v): checkLeaf(.enumValue(v), context)
        case .intValue(let v): checkLeaf(.int(v), context)
        case .floatValue(let v): checkLeaf(.float(v), context)
        case .stringValue(let v): checkLeaf(.string(v), context)
        case .booleanValue(let v): checkLeaf(.boolean(v), context)
        default: break
        }
        return .continue
    }

    /// A OneOf input object literal gives exactly one field, and not null.
    private func checkOneOf(_ object: ObjectValue, _ input: GraphQLInputObjectType, _ context: ValidationContext) {
        guard object.fields.count == 1, let only = object.fields.first else {
            context.report("OneOf Input Object \"\(input.name)\" must specify exactly one key.", at: object.location)
            return
        }
        if case .null = only.value {
            context.report("Field \"\(input.name).\(only.name.value)\" must be non-null.", at: object.location)
        }
    }

    /// A literal in a position of leaf type (or a list or object where one was not expected).
    /// Scalars and enums explain a literal they cannot take in their own words, which the
    /// reference reports as they are.
    private func checkLeaf(_ value: Value, _ context: ValidationContext) {
        guard let locationType = context.typeInfo.inputType,
            let resolved = context.lookup.type(named: locationType.namedType)
        else { return }
        if let parseLiteral = resolved.parseLiteral {
            do {
                _ = try parseLiteral(value, nil)
            } catch {
                context.report(error.message, at: value.location)
            }
            return
        }
        switch resolved.type {
        case .scalar(let scalar):
            do {
                _ = try scalar.parseLiteral(value, nil)
            } catch {
                context.report(error.message, at: value.location)
            }
        case .enumType(let e):
            let message: String
            let printed: String
            if case .enumValue(let v) = value {
                guard e.value(named: v.value) == nil else { return }
                printed = v.value
                message = "Value \"\(v.value)\" does not exist in \"\(e.name)\" enum."
            } else {
                printed = Printer.print(value)
                message = "Enum \"\(e.name)\" cannot represent non-enum value: \(printed)."
            }
            let hint = didYouMean(suggestionList(printed, options: e.values.map(\.name)), subMessage: "the enum value")
            context.report(message + hint, at: value.location)
        default:
            context.report("Expected value of type \"\(locationType)\", found \(Printer.print(value)).", at: value.location)
        }
    }
}
