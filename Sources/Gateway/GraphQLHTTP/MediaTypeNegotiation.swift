// Which response media type a client accepts (GraphQL over HTTP §"Accept").

enum GraphQLMediaType: Sendable, Equatable {
    /// `application/graphql-response+json`: status codes tell request errors apart.
    case graphQLResponse
    /// `application/json`: the legacy type; request errors still answer 200 (graphql-http audits).
    case json

    var contentType: String {
        switch self {
        case .graphQLResponse: "application/graphql-response+json; charset=utf-8"
        case .json: "application/json; charset=utf-8"
        }
    }

    /// The best type the `Accept` header allows; nil when it allows neither (→ 406).
    /// No header means `application/json`; `*/*` and `application/*` pick `application/json` too.
    static func negotiate(_ accept: String?) -> GraphQLMediaType? {
        guard let accept, !accept.trimmingCharacters(in: " \t").isEmpty else { return .json }
        var best: (type: GraphQLMediaType, q: Double, specific: Bool)?
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";")
            guard let typePart = parts.first else { continue }
            let type = typePart.trimmingCharacters(in: " \t").lowercased()
            var q = 1.0
            for parameter in parts.dropFirst() {
                let kv = parameter.split(separator: "=", maxSplits: 1)
                if kv.count == 2, kv[0].trimmingCharacters(in: " \t").lowercased() == "q" {
                    q = Double(kv[1].trimmingCharacters(in: " \t")) ?? 0
                }
            }
            guard q > 0 else { continue }
            let candidate: (GraphQLMediaType, Bool)
            switch type {
            case "application/graphql-response+json": candidate = (.graphQLResponse, true)
            case "application/json": candidate = (.json, true)
            case "application/*", "*/*": candidate = (.json, false)
            default: continue
            }
            if let current = best {
                // Higher quality wins; at equal quality an exact type beats a wildcard, and the
                // first listed exact type is kept.
                if q > current.q || (q == current.q && candidate.1 && !current.specific) {
                    best = (candidate.0, q, candidate.1)
                }
            } else {
                best = (candidate.0, q, candidate.1)
            }
        }
        return best?.type
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        Substring(self).trimmingCharacters(in: set)
    }
}
