// Argument Uniqueness (spec §5.4.2): a field or directive takes each argument at most once.

extension ValidationRule {
    public static let uniqueArgumentNames = ValidationRule(name: "UniqueArgumentNames") { _ in UniqueArgumentNamesRule() }
}

final class UniqueArgumentNamesRule: ValidationRuleVisitor {
    var interests: ASTNode.KindSet { [.init(.field), .init(.directive)] }

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        switch node {
        case .field(let f): check(f.arguments, context)
        case .directive(let d): check(d.arguments, context)
        default: break
        }
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
