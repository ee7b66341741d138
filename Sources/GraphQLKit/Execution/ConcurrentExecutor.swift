// The asynchronous part of execution: only subtrees whose plans contain an async resolver come
// here. Independent fields and list items that may suspend run as child tasks (spec §6.4.1
// "normally executed in parallel"), each writing into its own buffer; the parent splices the
// buffers back in selection order. Mutation root fields run one after another (spec §6.3.1).
// Everything synchronous below is handed to the synchronous executor.

/// What a child task produced: its output, its errors, and whether it completed (see `Executor`).
struct ChildOutcome: Sendable {
    var index: Int
    var output: ResponseBuffer
    var errors: [GraphQLError]
    var ok: Bool
}

extension ExecutionRun {
    mutating func executeSelectionAsync(_ plan: SelectionPlan, parent: FieldValue, serially: Bool = false) async -> Bool {
        guard plan.mayBeAsync else { return executeSelection(plan, parent: parent) }
        var outcomes: [Int: ChildOutcome] = [:]
        if !serially && plan.asyncFieldCount > 1 {
            // The async fields run as child tasks; meanwhile this task runs the synchronous ones.
            let fields = plan.fields
            outcomes = await runConcurrently(
                fields.indices.filter { fields[$0].mayBeAsync },
                inline: fields.indices.filter { !fields[$0].mayBeAsync && fields[$0].resolverKind != .typename },
                inlineBody: { run, i in run.executeField(fields[i], parent: parent, position: i) }
            ) { run, i in
                await run.executeFieldAsync(fields[i], parent: parent)
            }
        }
        out.append(UInt8(ascii: "{"))
        var failed = false
        for (i, field) in plan.fields.enumerated() {
            // A non-null field failed: the object is null. Like synchronous execution (which
            // never runs the fields after it), report nothing from the fields after it, so the
            // response does not depend on what happened to run concurrently.
            if failed { break }
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(field.keyJSON)
            if field.resolverKind == .typename {
                out.append(plan.typeNameJSON)
                continue
            }
            let ok: Bool
            if let o = outcomes[i] {
                out.append(o.output)
                errors.append(contentsOf: o.errors)
                ok = o.ok
            } else if field.mayBeAsync {
                ok = await executeFieldAsync(field, parent: parent)
            } else {
                ok = executeField(field, parent: parent, position: i)
            }
            if !ok { failed = true }
        }
        if failed { return false }
        out.append(UInt8(ascii: "}"))
        return true
    }

    /// Like `executeField`, for a field whose resolver or subtree may suspend.
    mutating func executeFieldAsync(_ field: FieldPlan, parent: FieldValue) async -> Bool {
        guard field.mayBeAsync else { return executeField(field, parent: parent) }
        path.append(.key(field.responseKey))
        let mark = out.count
        var ok: Bool
        let value: FieldValue?
        switch field.resolverKind {
        case .key:
            do {
                if field.argumentsMayFail { _ = try field.arguments(variables: request.variables, request: request) }
                value = readKey(parent, field.key)
            } catch {
                resolverError(error, field)
                value = nil
            }
        case .typename:
            value = nil
        case .sync, .async:
            do {
                let arguments = try field.arguments(variables: request.variables, request: request)
                if let body = field.asyncBody {
                    value = try await body(parent, arguments, request.context, info(field))
                } else if let body = field.syncBody {
                    value = try body(parent, arguments, request.context, info(field))
                } else {
                    value = nil
                }
            } catch {
                resolverError(error, field)
                value = nil
            }
        }
        if let value {
            ok = await completeAsync(value, field.output, field)
        } else {
            ok = false
        }
        path.removeLast()
        if ok { return true }
        if field.output.isNonNull { return false }
        out.truncate(to: mark)
        out.writeNull()
        return true
    }

    mutating func completeAsync(_ value: FieldValue, _ output: OutputPlan, _ field: FieldPlan) async -> Bool {
        guard output.mayBeAsync else { return complete(value, output, field) }
        if let failure = value.failure {
            resolverError(failure.error, field)
            return false
        }
        switch output.kind {
        case .nonNull:
            if value.isNull {
                fieldError("Cannot return null for non-nullable field \(field.coordinate).", field)
                return false
            }
            guard let inner = output.inner else { return false }
            return await completeAsync(value, inner, field)
        case .list:
            guard let itemOutput = output.inner else { return false }
            let items: [FieldValue]
            switch value {
            case .json(.list(let list)): items = list.map(FieldValue.json)
            case .list(let list): items = list
            default: return complete(value, output, field)  // null, or not a list: no suspension needed
            }
            if items.count < 2 {
                out.append(UInt8(ascii: "["))
                if let only = items.first, !(await completeItemAsync(only, at: 0, itemOutput, field)) { return false }
                out.append(UInt8(ascii: "]"))
                return true
            }
            let outcomes = await runConcurrently(Array(items.indices), pathSuffix: true) { run, i in
                await run.completeAsync(items[i], itemOutput, field)
            }
            out.append(UInt8(ascii: "["))
            var failed = false
            for i in items.indices {
                guard let o = outcomes[i] else { continue }
                if failed { break }
                errors.append(contentsOf: o.errors)
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if o.ok {
                    out.append(o.output)
                    out.sealIfFull()
                } else if itemOutput.isNonNull {
                    failed = true
                } else {
                    out.writeNull()
                }
            }
            if failed { return false }
            out.append(UInt8(ascii: "]"))
            return true
        case .object:
            if value.isNull {
                out.writeNull()
                return true
            }
            guard let plan = output.selection else { return false }
            return await executeSelectionAsync(plan, parent: value)
        case .abstract:
            if value.isNull {
                out.writeNull()
                return true
            }
            guard let child = output.child, let plan = runtimePlan(value, child, field) else { return false }
            return await executeSelectionAsync(plan, parent: value)
        default:
            return complete(value, output, field)
        }
    }

    private mutating func completeItemAsync(_ item: FieldValue, at index: Int, _ output: OutputPlan, _ field: FieldPlan) async -> Bool {
        path.append(.index(index))
        let mark = out.count
        let ok = await completeAsync(item, output, field)
        path.removeLast()
        if ok { return true }
        if output.isNonNull { return false }
        out.truncate(to: mark)
        out.writeNull()
        return true
    }

    /// Runs `body` for each index as a child task with a run of its own (its path extended by
    /// the index when `pathSuffix`), counted by the loader scheduler so batches dispatch only
    /// when every task is waiting.
    private func runConcurrently(
        _ indices: [Int], pathSuffix: Bool = false, inline: [Int] = [],
        inlineBody: (inout ExecutionRun, Int) -> Bool = { _, _ in true },
        _ body: @escaping @Sendable (inout ExecutionRun, Int) async -> Bool
    ) async -> [Int: ChildOutcome] {
        let request = self.request
        let basePath = self.path
        let scheduler = request.scheduler
        return await withTaskGroup(of: ChildOutcome.self) { group in
            scheduler.spawn(indices.count)
            for i in indices {
                group.addTask {
                    defer { scheduler.finish() }
                    var run = ExecutionRun(request: request, path: pathSuffix ? basePath + [.index(i)] : basePath)
                    let ok = await body(&run, i)
                    return ChildOutcome(index: i, output: run.out, errors: run.errors, ok: ok)
                }
            }
            var outcomes: [Int: ChildOutcome] = [:]
            outcomes.reserveCapacity(indices.count + inline.count)
            // Synchronous work of this task, while the children run; it counts as running.
            for i in inline {
                var run = ExecutionRun(request: request, path: basePath)
                let ok = inlineBody(&run, i)
                outcomes[i] = ChildOutcome(index: i, output: run.out, errors: run.errors, ok: ok)
            }
            scheduler.suspend()
            for await outcome in group { outcomes[outcome.index] = outcome }
            scheduler.resume()
            return outcomes
        }
    }
}
