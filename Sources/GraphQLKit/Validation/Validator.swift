// A validator for one schema, for servers that validate many documents against it: the
// schema's types, fields and directives are resolved once, up front, instead of on first use
// in every validation. Results are the same as `validate(schema:document:)`.

public final class Validator: Sendable {
    public let schema: Schema
    private let prepared: PreparedSchema
    private let runs = ValidationRunPool()

    public init(schema: Schema) {
        self.schema = schema
        self.prepared = PreparedSchema(schema)
    }

    /// Validates a document (see `validate(schema:document:source:rules:maxErrors:)`).
    public func validate(
        _ document: Document, source: Source? = nil, rules: [ValidationRule] = specifiedRules, maxErrors: Int = 100
    ) -> [GraphQLError] {
        // A kept run when one fits (see `ValidationRun`), else a fresh context and visitors.
        if ValidationTraversal.canWalk(document),
            let run = runs.take(for: rules) ?? ValidationRun.make(prepared: prepared, rules: rules)
        {
            let errors = run.validate(document, source: source, maxErrors: maxErrors)
            runs.keep(run)
            return errors
        }
        return GraphQLKit.validate(
            lookup: SchemaLookup(prepared: prepared), document: document, source: source, rules: rules,
            maxErrors: maxErrors)
    }

    /// Parses and validates a request's text; a syntax error is returned as the only error.
    public func validate(_ source: Source, rules: [ValidationRule] = specifiedRules, maxErrors: Int = 100) -> [GraphQLError] {
        do {
            return validate(try parse(source), source: source, rules: rules, maxErrors: maxErrors)
        } catch {
            return [error]
        }
    }
}
