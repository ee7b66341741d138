// Which parts of a run document a selection needs, as a MongoDB projection: a query for
// `number` never fetches `daq_config` or `data`. `_id` and `number` are always fetched (ids,
// cursors, and single lookups by number need them).

import GraphQLKit

enum RunProjection {
    /// Document paths each `XenonRun` field reads.
    static let xenonPaths: [String: [String]] = [
        "id": [], "objectId": [], "experiment": [], "number": [], "__typename": [],
        "name": ["name"], "start": ["start"], "end": ["end"], "user": ["user"],
        "detectors": ["detector", "detectors"], "mode": ["mode", "reader.ini.name"], "source": ["source"],
        "tags": ["tags"], "comments": ["comments"],
        "pseudoStatus": ["data", "end"], "pseudoStatuses": ["data", "end"],
        "runStatus": ["status"], "bootstrax": ["bootstrax"], "data": ["data"], "deletedData": ["deleted_data"],
        "gains": ["processor.DEFAULT.gains"], "eventsBuilt": ["trigger.events_built"],
        "triggerStatus": ["trigger.status"], "rawSizeBytes": ["raw_size_byte"],
        "daqConfig": ["daq_config", "reader.ini"],
    ]

    /// Document paths each `XamsRun` field reads.
    static let xamsPaths: [String: [String]] = [
        "id": [], "objectId": [], "experiment": [], "number": [], "__typename": [],
        "start": ["start"], "end": ["end"], "user": ["user"], "detector": ["detector", "detectors"],
        "mode": ["mode"], "tags": ["tags"], "comments": ["comments"], "data": ["data"],
        "deletedData": ["deleted_data"], "processingStatus": ["processing_status"],
        "processingFailures": ["processing_failed"],
    ]

    /// The projection for the fields selected on a run type; nil means the whole document
    /// (a `doc` without a path, or a field this table does not know).
    static func projection(for selection: [SelectedField], paths table: [String: [String]], extra: [String] = []) -> BSONDocument? {
        var paths = ["_id", "number"] + extra
        for field in selection {
            if field.name == "doc" {
                guard case .string(let text)? = field.arguments?["path"], let path = try? DocumentPath(text) else { return nil }
                paths.append(path.projectionPath)
                continue
            }
            guard let needed = table[field.name] else { return nil }
            paths += needed
        }
        return projection(paths: paths)
    }

    /// A projection including each path once; a path under another included one is dropped
    /// (MongoDB refuses `reader.ini` together with `reader.ini.name` as a path collision).
    static func projection(paths: [String]) -> BSONDocument {
        let unique = Array(Set(paths)).sorted()
        var kept: [String] = []
        for path in unique where !unique.contains(where: { path.hasPrefix($0 + ".") }) { kept.append(path) }
        var doc = BSONDocument()
        for path in kept { doc[path] = .int32(1) }
        return doc
    }

    /// Combines the projections of several requests for the same documents (one batch).
    static func union(_ projections: [BSONDocument?]) -> BSONDocument? {
        var paths: [String] = []
        for p in projections {
            guard let p else { return nil }
            paths += p.keys
        }
        return projection(paths: paths)
    }
}
