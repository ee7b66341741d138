// Refusing introspection when policy hides the schema: a document selecting `__schema` or
// `__type` anywhere gets a validation-style error and does not run. `__typename` stays allowed
// (clients need it to tell union members apart).

import GraphQLKit

enum IntrospectionGuard {
    /// An error for the first introspection field in `document`, or nil when it has none.
    static func violation(in document: Document, source: Source) -> GraphQLError? {
        for definition in document.definitions {
            let selections: [Selection]
            switch definition {
            case .operation(let o): selections = o.selectionSet.selections
            case .fragment(let f): selections = f.selectionSet.selections
            default: continue
            }
            if let field = firstIntrospectionField(selections) {
                return GraphQLError(
                    "Introspection is disabled on this server: the operation selects \"\(field.name.value)\".",
                    locations: [source.position(at: field.location.start)],
                    extensions: ["code": .string("INTROSPECTION_DISABLED")])
            }
        }
        return nil
    }

    /// Fragment definitions are checked as definitions, so spreads need not be followed.
    private static func firstIntrospectionField(_ selections: [Selection]) -> Field? {
        for selection in selections {
            switch selection {
            case .field(let field):
                if field.name.value == "__schema" || field.name.value == "__type" { return field }
                if let inner = field.selectionSet, let found = firstIntrospectionField(inner.selections) { return found }
            case .inlineFragment(let inline):
                if let found = firstIntrospectionField(inline.selectionSet.selections) { return found }
            case .fragmentSpread:
                continue
            }
        }
        return nil
    }
}
