// Everything one request's execution shares: the schema, the operation, the coerced variables,
// the application's context, and the request-scoped loader caches.
import Foundation
import Synchronization

final class RequestState: @unchecked Sendable {
    let executable: ExecutableSchema
    let operation: OperationDefinition
    let variables: JSONObject
    let source: Source?
    let context: (any Sendable)?
    let rootValue: FieldValue
    let scheduler = LoadScheduler()
    /// A `Mutex` rather than an `NSLock` (two allocations): one of these is made per request.
    private let loaders = Mutex<[ObjectIdentifier: AnyObject]>([:])

    var schema: Schema { executable.schema }

    init(
        executable: ExecutableSchema, operation: OperationDefinition, variables: JSONObject, source: Source?,
        context: (any Sendable)?, rootValue: FieldValue
    ) {
        self.executable = executable
        self.operation = operation
        self.variables = variables
        self.source = source
        self.context = context
        self.rootValue = rootValue
    }

    /// This request's instance of `loader`, created on first use.
    func loaderInstance<Key, Value>(for loader: DataLoader<Key, Value>) -> LoaderInstance<Key, Value> {
        let id = ObjectIdentifier(loader)
        return loaders.withLock { loaders in
            if let existing = loaders[id] as? LoaderInstance<Key, Value> { return existing }
            let instance = LoaderInstance(loader: loader, scheduler: scheduler, context: context)
            loaders[id] = instance
            return instance
        }
    }

    func positions(of nodes: [Field]) -> [SourcePosition] {
        guard let source else { return [] }
        return nodes.map { source.position(at: $0.location.start) }
    }

    func positions(of location: SourceLocation) -> [SourcePosition] {
        guard let source else { return [] }
        return [source.position(at: location.start)]
    }
}
