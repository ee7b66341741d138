// Argument Uniqueness (spec §5.4.2): a field or directive takes each argument at most once.

extension ValidationRule {
    public static let uniqueArgumentNames = ValidationRule(name: "UniqueArgumentNames", typed: { _ in UniqueArgumentNamesRule.shared })
}

final class UniqueArgumentNamesRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = UniqueArgumentNamesRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.field), .init(.directive)]

    func enterField(_ field: Field, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        check(field.arguments, context)
        return .continue
    }

    func enterDirective(_ directive: Directive, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        check(directive.arguments, context)
        return .continue
    }

    private func check(_ arguments: [Argument], _ context: ValidationContext) {
        guard arguments.count > 1 else { return }
        var distinct = true
        for i in 1..<arguments.count where distinct {
            for earlier in arguments[..<i] where earlier.name.value == arguments[i].name.value {
                distinct = false
                break
            }
        }
        if distinct { return }
        reportDuplicates(arguments.map(\.name), kind: "argument", context)
    }
}

/// Reports each name given more than once, once, with every place it was given (in order of
/// first appearance). Small lists are compared pairwise; large ones are grouped by hashing.
func reportDuplicates(_ names: [Name], kind: String, _ context: ValidationContext) {
    var groups: [String: [SourceLocation]] = [:]
    var order: [String] = []
    for name in names {
        if groups[name.value] == nil { order.append(name.value) }
        groups[name.value, default: []].append(name.location)
    }
    for value in order {
        guard let locations = groups[value], locations.count > 1 else { continue }
        context.report("There can be only one \(kind) named \"\(value)\".", at: locations)
    }
}
