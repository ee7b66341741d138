// Executing a request (spec §6 Execution): the public entry points.
//
// Usage:
//
//     let schema = try Schema(sdl: "type Query { run(number: Int!): Run } type Run { number: Int! tags: [String!]! }")
//     let executable = try ExecutableSchema(schema: schema, resolvers: [
//         "Query.run": .async { _, args, context, info in
//             guard case .int(let n)? = args["number"], let registry = context as? Registry else { return nil }
//             return .json(try await registry.run(n, fields: info.selectedFieldNames()))
//         },
//     ])  // other fields: default resolvers read keys of JSON objects or `FieldValueContainer`s
//     let result = await executable.execute(query: "{ run(number: 7) { number tags } }", context: registry)
//     send(result.jsonBytes)  // {"data":{"run":{"number":7,"tags":[...]}}}
//
// - `ExecutableSchema(schema:resolvers:typeResolvers:defaultResolvers:documentCacheCapacity:validate:limits:)`
//   binds resolvers by coordinate and checks them against the schema.
// - `execute(query:operationName:variables:context:rootValue:)` parses (or takes from the
//   document cache), validates with the `validate` closure given at init, checks `limits`,
//   selects the operation, coerces variables, and executes with cached plans.
// - `execute(document:source:...)` runs an already parsed document (no cache, no validation).
// - `ExecutionResult.jsonBytes` / `.json` is the response (`{"errors":[...],"data":...}`).
//
// Queries resolve independent async fields concurrently; synchronous subtrees run inline
// without tasks. Mutations run their root fields one after another. Subscriptions answer an
// error: they are not supported yet.

extension ExecutableSchema {
    /// Executes `query` (taken from the document cache when seen before).
    public func execute(
        query: String, operationName: String? = nil, variables: JSONObject? = nil, context: (any Sendable)? = nil,
        rootValue: FieldValue = .null
    ) async -> ExecutionResult {
        let prepared: PreparedDocument
        switch prepare(query) {
        case .success(let p): prepared = p
        case .failure(let errors): return ExecutionResult(errors: errors.errors, failure: .syntax)
        }
        guard prepared.validationErrors.isEmpty else {
            return ExecutionResult(errors: prepared.validationErrors, failure: .validation)
        }
        return await execute(
            prepared: prepared, operationName: operationName, variables: variables, context: context, rootValue: rootValue)
    }

    /// Executes a parsed document, assumed valid. `source` (the text it was parsed from) gives
    /// errors their locations.
    public func execute(
        document: Document, source: Source? = nil, operationName: String? = nil, variables: JSONObject? = nil,
        context: (any Sendable)? = nil, rootValue: FieldValue = .null
    ) async -> ExecutionResult {
        let prepared = PreparedDocument(document: document, source: source ?? Source(""), validationErrors: [])
        return await execute(
            prepared: prepared, operationName: operationName, variables: variables, context: context, rootValue: rootValue,
            hasSource: source != nil)
    }

    /// Executes a document that `prepare(_:)` returned, without looking the query text up again
    /// (the gateway prepares first to check the operation before running it).
    public func execute(
        _ prepared: PreparedDocument, operationName: String? = nil, variables: JSONObject? = nil,
        context: (any Sendable)? = nil, rootValue: FieldValue = .null
    ) async -> ExecutionResult {
        guard prepared.validationErrors.isEmpty else { return ExecutionResult(errors: prepared.validationErrors) }
        return await execute(
            prepared: prepared, operationName: operationName, variables: variables, context: context, rootValue: rootValue)
    }

    /// Parses and validates `query`, or returns the cached result of doing so.
    public func prepare(_ query: String) -> Result<PreparedDocument, GraphQLErrors> {
        if let cached = documentCache.document(for: query) { return .success(cached) }
        let source = Source(query)
        let document: Document
        do {
            document = try parse(source, options: parseOptions)
        } catch {
            return .failure(GraphQLErrors([error]))
        }
        let errors = validator?(schema, document, source) ?? []
        let prepared = PreparedDocument(document: document, source: source, validationErrors: errors)
        documentCache.insert(prepared, for: query)
        return .success(prepared)
    }

    func execute(
        prepared: PreparedDocument, operationName: String?, variables: JSONObject?, context: (any Sendable)?,
        rootValue: FieldValue, hasSource: Bool = true
    ) async -> ExecutionResult {
        let source = hasSource ? prepared.source : nil
        // Operation selection (spec §6.1 GetOperation), by the names noted when the document
        // was prepared: only the chosen operation is copied out of the document.
        let operations = prepared.operationNames
        let selectedIndex: Int
        if let operationName {
            guard let found = operations.first(where: { $0.name == operationName }) else {
                return ExecutionResult(
                    errors: [GraphQLError("Unknown operation named \"\(operationName)\".")], failure: .operationSelection)
            }
            selectedIndex = found.index
        } else {
            guard let only = operations.first else {
                return ExecutionResult(errors: [GraphQLError("Must provide an operation.")], failure: .operationSelection)
            }
            guard operations.count == 1 else {
                return ExecutionResult(
                    errors: [GraphQLError("Must provide operation name if query contains multiple operations.")],
                    failure: .operationSelection)
            }
            selectedIndex = only.index
        }
        guard case .operation(let operation) = prepared.document.definitions[selectedIndex] else {
            return ExecutionResult(errors: [GraphQLError("Must provide an operation.")], failure: .operationSelection)
        }
        let selected = (index: selectedIndex, operation: operation)

        let coerced: JSONObject
        do {
            coerced = try schema.coerceVariableValues(variables, for: operation, source: source)
        } catch {
            return ExecutionResult(errors: error.errors, failure: .variables)
        }

        if let limits {
            // Size arguments may read variables: only measurements without any are cached.
            let measure = { schema.measure(operation, in: prepared.document, variables: coerced, limits: limits) }
            let metrics = operation.variableDefinitions.isEmpty
                ? prepared.metrics(for: selected.index, limits: limits, measure: measure) : measure()
            let errors = limits.check(metrics)
            if !errors.isEmpty { return ExecutionResult(errors: errors, failure: .limits) }
        }

        // The plan depends only on the operation and the variables @skip/@include read.
        var conditionValues = JSONObject()
        var key = PreparedDocument.PlanKey(operation: selected.index, conditions: [])
        for name in prepared.conditionVariables {
            let value = coerced[name]
            key.conditions.append(value)
            if let value { conditionValues.append(key: name, value: value) }
        }
        let plan: OperationPlan
        if let cached = prepared.cachedPlan(for: key) {
            // A plan is only built once the root type was found and the operation is not a
            // subscription, so a cached one needs neither check (nor the root type's lookup).
            plan = cached
        } else {
            let operationLocation = positions([operation.location], in: source)
            guard let rootType = schema.rootType(for: operation.operation) else {
                return ExecutionResult(
                    errors: [GraphQLError(
                        "Schema is not configured to execute \(operation.operation.rawValue) operation.",
                        locations: operationLocation)],
                    dataJSON: Array("null".utf8))
            }

            if operation.operation == .subscription {
                return ExecutionResult(
                    errors: [GraphQLError("Subscriptions are not supported.", locations: operationLocation,
                        extensions: ["code": .string("SUBSCRIPTIONS_NOT_SUPPORTED")])],
                    dataJSON: Array("null".utf8))
            }
            plan = prepared.plan(for: key) {
                let builder = PlanBuilder(executable: self, fragments: prepared.fragments, conditionValues: conditionValues)
                return OperationPlan(operation: operation, rootType: rootType, builder: builder)
            }
        }

        let request = RequestState(
            executable: self, operation: operation, variables: coerced, source: source, context: context,
            rootValue: rootValue)
        var run = ExecutionRun(request: request, capacity: plan.sizeHint.value)
        run.out.append(ExecutionResult.dataPrefix)
        let ok: Bool
        if plan.root.mayBeAsync {
            ok = await run.executeSelectionAsync(plan.root, parent: rootValue, serially: operation.operation == .mutation)
        } else {
            ok = run.executeSelection(plan.root, parent: rootValue)
        }
        request.scheduler.finish()
        plan.sizeHint.record(run.out.count)
        if !ok {
            return ExecutionResult(errors: sortedFieldErrors(run.errors), dataJSON: Array("null".utf8))
        }
        run.out.append(UInt8(ascii: "}"))
        return ExecutionResult(errors: sortedFieldErrors(run.errors), wrappedResponse: run.out)
    }
}

/// Field errors in document order: by location, then response path, then message, as the
/// reference implementation (graphql-core) lists them. Also makes concurrent execution, whose
/// errors arrive in no fixed order, answer deterministically.
func sortedFieldErrors(_ errors: [GraphQLError]) -> [GraphQLError] {
    guard errors.count > 1 else { return errors }
    return errors.enumerated().sorted { a, b in
        let (x, y) = (a.element, b.element)
        for (l, r) in zip(x.locations, y.locations) where l != r {
            return l.line != r.line ? l.line < r.line : l.column < r.column
        }
        if x.locations.count != y.locations.count { return x.locations.count < y.locations.count }
        for (l, r) in zip(x.path, y.path) where l != r {
            switch (l, r) {
            case (.key(let p), .key(let q)): return p < q
            case (.index(let p), .index(let q)): return p < q
            case (.index, .key): return true
            case (.key, .index): return false
            }
        }
        if x.path.count != y.path.count { return x.path.count < y.path.count }
        if x.message != y.message { return x.message < y.message }
        return a.offset < b.offset
    }.map(\.element)
}
