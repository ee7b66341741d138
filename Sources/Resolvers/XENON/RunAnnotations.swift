// Tags and comments, normalized across XENON1T, XENONnT and XAMS documents: tags date as
// `date` (XENON) or `time` (XAMS); comments as `text` (XENON1T) or `comment` (XENONnT).

import GraphQLKit

enum RunAnnotations {
    /// `Tag` objects; entries without a string name are skipped (`name` is non-null).
    static func tags(_ value: BSONValue?) -> JSONValue {
        guard case .array(let items)? = value else { return .list([]) }
        var out: [JSONValue] = []
        out.reserveCapacity(items.count)
        for case .document(let tag) in items {
            guard case .string(let name)? = tag["name"] else { continue }
            let version: JSONValue = switch tag["version"] {
            case .string(let s)?: .string(s)
            case let v? where v.doubleValue != nil: .string(stringOfNumber(v))
            default: .null
            }
            out.append(.object([
                "name": .string(name), "user": tag["user"].stringJSON,
                "date": (tag["date"] ?? tag["time"]).dateTimeJSON, "version": version,
            ]))
        }
        return .list(out)
    }

    /// `Comment` objects in stored order (oldest first, as the DAQ appends them).
    static func comments(_ value: BSONValue?) -> JSONValue {
        guard case .array(let items)? = value else { return .list([]) }
        var out: [JSONValue] = []
        out.reserveCapacity(items.count)
        for case .document(let comment) in items {
            guard case .string(let text)? = comment["text"] ?? comment["comment"] else { continue }
            out.append(.object([
                "text": .string(text), "user": comment["user"].stringJSON,
                "date": (comment["date"] ?? comment["time"]).dateTimeJSON,
            ]))
        }
        return .list(out)
    }

    private static func stringOfNumber(_ v: BSONValue) -> String {
        if let i = v.intValue { return String(i) }
        return v.doubleValue.map { String($0) } ?? ""
    }
}
