// Synthetic skymap results in skyreader's serialized form (`SkyScanResult.serialize()`): one
// `nside-N` entry per nside with `columns`, `metadata` and `data` rows sorted by pixel index,
// NaN written as the string "<skyreader.nan>". Pixel sets follow the scanner's default
// progression 8:0, 64:12, 512:24 (768 + 768 + 1536 rows), refining around the best pixel.

import GraphQLKit
import Resolvers

struct SkymapEvent: Sendable {
    var runID: Int
    var eventID: Int
    var eventType: String
    var mjd: Double
    var isRealEvent: Bool
}

extension SeedRandom {
    /// `count` lowercase hexadecimal digits (scan ids, uuids).
    mutating func hex(_ count: Int) -> String {
        var text = ""
        while text.count < count { text += String(next(), radix: 16) }
        return String(text.prefix(count))
    }
}

enum SkymapResultGenerator {
    static let nan = JSONValue.string("<skyreader.nan>")
    static let columnsV1 = ["index", "llh", "E_in", "E_tot", "X", "Y", "Z", "T"]
    static let columnsV0 = ["index", "llh", "E_in", "E_tot"]

    /// How far a result has got: which nsides exist and how many refined regions of the last one are done.
    enum Extent {
        case final
        /// nside 8 complete, nside 64 with `regionsDone` of its 12 regions, no nside 512.
        case partial(regionsDone: Int)
        /// nside 8 only, not yet complete.
        case firstNsideOnly(pixelsDone: Int)
    }

    static func result(for event: SkymapEvent, extent: Extent, version: Int = 1, random: inout SeedRandom) -> JSONObject {
        let best8 = random.int(in: 40...720)
        var out = JSONObject()
        let all8 = Array(0..<768)
        switch extent {
        case .firstNsideOnly(let done):
            out["nside-8"] = .object(nside(8, pixels: Array(all8.prefix(done)), complete: false, best: best8, event, version, &random))
            return out
        case .partial, .final:
            out["nside-8"] = .object(nside(8, pixels: all8, complete: true, best: best8, event, version, &random))
        }
        // Children of a nested-scheme pixel p one level of 8x finer are p*64 ..< p*64+64.
        let parents8 = Array((best8 - 5)...(best8 + 6))
        let best64 = best8 * 64 + 27
        var regions64 = parents8
        if case .partial(let done) = extent { regions64 = Array(parents8.prefix(done)) }
        let pixels64 = regions64.flatMap { p in (p * 64)..<(p * 64 + 64) }
        out["nside-64"] = .object(nside(64, pixels: pixels64, complete: regions64.count == parents8.count, best: best64, event, version, &random))
        guard case .final = extent else { return out }
        let parents64 = Array((best64 - 11)...(best64 + 12))
        let pixels512 = parents64.flatMap { p in (p * 64)..<(p * 64 + 64) }
        out["nside-512"] = .object(nside(512, pixels: pixels512, complete: true, best: best64 * 64 + 9, event, version, &random))
        return out
    }

    private static func nside(
        _ nside: Int, pixels: [Int], complete: Bool, best: Int, _ event: SkymapEvent, _ version: Int, _ random: inout SeedRandom
    ) -> JSONObject {
        var metadata: JSONObject = [
            "nside": .int(nside), "complete": .bool(complete), "run_id": .int(event.runID), "event_id": .int(event.eventID),
            "event_type": .string(event.eventType), "mjd": .double(event.mjd),
        ]
        if version >= 1 {
            metadata["is_real_event"] = .bool(event.isRealEvent)
            metadata["version"] = .int(version)
        }
        // Finer maps sit in the likelihood valley; their llh spread is narrower.
        let spread = nside == 8 ? 45.0 : nside == 64 ? 12.0 : 3.5
        let floor = 1180.0 + random.double(in: -60...60)
        let energy = random.double(in: 2e4...8e5)
        var rows: [JSONValue] = []
        rows.reserveCapacity(pixels.count)
        for pixel in pixels.sorted() {
            let distance = Double(abs(pixel - best)).squareRoot()
            let failed = random.unit() < 0.003
            let llh: JSONValue = failed ? nan : .double(floor + spread * distance + random.double(in: 0...spread / 3))
            var row: [JSONValue] = [.int(pixel), llh]
            let eIn = energy * random.double(in: 0.6...0.95)
            row.append(failed || random.unit() < 0.01 ? nan : .double(eIn))
            row.append(failed ? nan : .double(eIn * random.double(in: 1.05...1.6)))
            if version >= 1 {
                row.append(failed ? nan : .double(random.double(in: -520...520)))
                row.append(failed ? nan : .double(random.double(in: -520...520)))
                row.append(failed ? nan : .double(random.double(in: -520...480)))
                row.append(failed ? nan : .double(random.double(in: 9_500...11_500)))
            }
            rows.append(.list(row))
        }
        return ["columns": .list((version >= 1 ? columnsV1 : columnsV0).map(JSONValue.string)), "metadata": .object(metadata), "data": .list(rows)]
    }
}
