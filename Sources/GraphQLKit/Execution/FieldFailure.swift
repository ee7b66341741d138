// A list item that failed on its own: a resolver returning many values (say `nodes(ids:)` over
// several sources) puts one where an item could not be produced, and the executor reports it as
// that item's field error (spec §6.4.4: null at the item's path, or the null propagates when the
// item type is non-null) while the other items complete.

/// The error of one value a resolver could not produce; see `FieldValue.failure(_:)`.
public struct FieldFailure: Sendable {
    public let error: any Error

    public init(_ error: any Error) { self.error = error }
}

extension FieldValue {
    /// A value that failed with `error`: completed as a field error at its own path.
    public static func failure(_ error: any Error) -> FieldValue { .opaque(FieldFailure(error)) }

    /// The failure this value carries, if it is one. A metadata comparison, not a dynamic cast:
    /// every opaque value reaching completion is asked.
    public var failure: FieldFailure? {
        guard case .opaque(let value) = self, type(of: value) == FieldFailure.self else { return nil }
        return value as? FieldFailure
    }
}
