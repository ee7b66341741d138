// The demo registry built in memory before anything is written: every Version, Event and
// event row RR would have written for 2018-like runs, with ids relative to the first free one.
// Each run draws from a generator seeded with its own number, so a run's data does not depend on
// the scale or on the other runs.

import Foundation
import GraphQLKit

struct SeedPlan {
    struct Version { var by: String; var comment: String; var createdAt: Date }
    struct RunEvent { var event: Int; var run: Int; var oms: JSONObject; var rr: JSONObject; var manual: Bool }
    struct DatasetEvent { var event: Int; var run: Int; var name: String; var metadata: JSONObject; var inGui: [String] }
    struct LumisectionEvent { var event: Int; var run: Int; var name: String; var document: Int; var manual: Bool }
    struct Cycle { var name: String; var attributes: JSONObject; var deadline: Date; var datasets: [DatasetKey] }
    struct Accepted { var name: String; var regexp: String; var runClass: String; var from: Int; var to: Int }
    /// Per-dataset DCS cache values, computed from the same OMS lumisections that are written.
    struct DCS { var summary: JSONValue; var ranges: JSONValue; var recorded: Double; var delivered: Double }

    var versions: [Version] = []
    /// Event n's Version (both 0-based here).
    var eventVersion: [Int] = []
    var runEvents: [RunEvent] = []
    var datasetEvents: [DatasetEvent] = []
    /// JSONBDeduplication rows: JSON text (as JSON.stringify writes it) and its SHA-1.
    var documents: [(text: String, hash: String)] = []
    private var documentIndex: [String: Int] = [:]
    var lumisectionEvents: [LumisectionEvent] = []
    var lumisectionAssignations: [(event: Int, number: Int)] = []
    var omsEvents: [LumisectionEvent] = []
    var omsAssignations: [(event: Int, number: Int)] = []
    var datasets: [DatasetKey] = []
    var dcs: [DatasetKey: DCS] = [:]
    var cycles: [Cycle] = []
    var accepted: [Accepted] = []
    var runNumbers: [Int] = []

    mutating func version(_ by: String, _ comment: String, at date: Date) -> Int {
        versions.append(Version(by: by, comment: comment, createdAt: date))
        return versions.count - 1
    }

    mutating func event(in version: Int) -> Int {
        eventVersion.append(version)
        return eventVersion.count - 1
    }

    mutating func document(_ value: JSONObject) -> Int {
        let text = JSONValue.object(value).jsonString
        if let i = documentIndex[text] { return i }
        documents.append((text, SHA1.hex(text.utf8)))
        documentIndex[text] = documents.count - 1
        return documents.count - 1
    }

    /// A LumisectionEvent over `numbers`, expanded into one assignation row per lumisection as RR does.
    mutating func lumisections(_ value: JSONObject, run: Int, name: String, numbers: ClosedRange<Int>, manual: Bool, version: Int) {
        let e = event(in: version)
        lumisectionEvents.append(LumisectionEvent(event: e, run: run, name: name, document: document(value), manual: manual))
        for n in numbers { lumisectionAssignations.append((e, n)) }
    }

    /// One lumisection's OMS record, compactly: which bits are set follows from these.
    struct OMSState: Hashable {
        var collisions: Bool
        var stable: Bool
        /// Luminosity level 0..<97 during stable beams; -1 unstable beams, -2 no beams.
        var lumi: Int
        var bpixOff = false

        var delivered: Double { lumi >= 0 ? ((0.11 + 0.06 * Double(lumi) / 97) * 10_000).rounded() / 10_000 : (lumi == -1 ? 0.002 : 0) }
        var recorded: Double { (delivered * 0.93 * 10_000).rounded() / 10_000 }

        func bit(_ name: String) -> Bool {
            switch name {
            case "beam1_present", "beam2_present": collisions
            case "beam1_stable", "beam2_stable", "rp_time_ready", "rp_sect_45_ready", "rp_sect_56_ready": stable
            case "physics_flag": stable || !collisions
            case "castor_ready", "zdc_ready", "gemp_ready", "gemm_ready": false
            case "bpix_ready": !bpixOff
            default: true
            }
        }

        var json: JSONObject {
            var o = JSONObject()
            o.reserveCapacity(SeedCatalog.omsBits.count + 4)
            for name in SeedCatalog.omsBits { o.append(key: name, value: .bool(bit(name))) }
            o.append(key: "prescale_index", value: .int(stable ? 2 : 0))
            o.append(key: "prescale_name", value: .string(stable ? "2.0e34" : "Emergency"))
            o.append(key: "delivered", value: .double(delivered))
            o.append(key: "recorded", value: .double(recorded))
            return o
        }
    }

    private var omsDocuments: [OMSState: Int] = [:]

    /// An OMS lumisection event over `numbers` for a lumisection described by `state`.
    mutating func omsLumisections(_ state: OMSState, run: Int, name: String, numbers: ClosedRange<Int>, version: Int) {
        let document: Int
        if let known = omsDocuments[state] {
            document = known
        } else {
            document = self.document(state.json)
            omsDocuments[state] = document
        }
        let e = event(in: version)
        omsEvents.append(LumisectionEvent(event: e, run: run, name: name, document: document, manual: false))
        for n in numbers { omsAssignations.append((e, n)) }
    }

    mutating func oms(_ value: JSONObject, run: Int, name: String, numbers: ClosedRange<Int>, version: Int) {
        let e = event(in: version)
        omsEvents.append(LumisectionEvent(event: e, run: run, name: name, document: document(value), manual: false))
        for n in numbers { omsAssignations.append((e, n)) }
    }
}

// MARK: - Building

extension SeedPlan {
    static let automatic = "auto@auto"

    /// The runs of every era at this scale, fixture runs included, ascending.
    static func runs(scale: Int) -> [(run: Int, era: SeedEra)] {
        var out: [(Int, SeedEra)] = []
        for era in SeedCatalog.eras {
            var chosen = Set(era.fixedRuns)
            var rng = SeedRandom(seed: UInt64(era.runs.lowerBound))
            let wanted = era.runsPerScale * scale
            let span = era.runs.count
            var k = 0
            while chosen.count < wanted + era.fixedRuns.count && chosen.count < span {
                // Spread over the era's range with jitter, as real runs are.
                let slot = span * k / max(1, wanted)
                let jitter = rng.int(in: 0...(max(1, span / max(1, wanted)) - 1))
                chosen.insert(era.runs.lowerBound + min(span - 1, slot + jitter))
                k += 1
                if k > wanted * 4 { k = 0 }
            }
            out += chosen.map { ($0, era) }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    static func build(scale: Int) -> SeedPlan {
        var plan = SeedPlan()
        let all = runs(scale: scale)
        // The most recent runs are still being certified.
        let openFrom = all.count - max(2, all.count / 12)
        for (i, entry) in all.enumerated() {
            let fixed = entry.era.fixedRuns.contains(entry.run)
            let state: String
            if fixed || i < openFrom - all.count / 10 { state = "COMPLETED" } else if i < openFrom { state = "SIGNOFF" } else { state = "OPEN" }
            plan.addRun(entry.run, era: entry.era, state: state)
        }
        plan.addConfiguration()
        return plan
    }

    private static func triplet(_ status: String, _ comment: String = "", _ cause: String = "") -> JSONValue {
        .object(["status": .string(status), "comment": .string(comment), "cause": .string(cause)])
    }

    private static func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds.rounded()) }

    /// OMS's timestamp form, e.g. `2018-05-01T12:00:00Z`.
    private static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Statuses of every component of a whole-lumisection object for one segment of a run.
    private static func segment(_ components: [String], era: SeedEra, rampUp: Bool, rampDown: Bool) -> JSONObject {
        var out = JSONObject()
        for c in components {
            let status: String
            if c.hasPrefix("castor-") || (c.hasPrefix("ctpps-") && !era.isCollisions) {
                status = "EXCLUDED"
            } else if era.name == "Cosmics18CRUZET" && c.hasPrefix("ecal-") {
                status = "EXCLUDED"
            } else if c == "dc-lowlumi" {
                status = "NOTSET"
            } else if (rampUp || rampDown) && (c.hasPrefix("tracker-") || c.hasPrefix("ctpps-")) {
                status = "STANDBY"
            } else {
                status = "GOOD"
            }
            out.append(key: c, value: triplet(status))
        }
        return out
    }

    private mutating func addRun(_ run: Int, era: SeedEra, state: String) {
        var rng = SeedRandom(seed: UInt64(run) &* 0x2545_F491_4F6C_DD1D)
        var last = rng.int(in: era.lumisections)
        // A few long fills: the 2018 golden JSON's highest certified lumisection is 3168.
        if era.isCollisions && !era.isHeavyIon && rng.chance(0.03) { last = rng.int(in: 1500...3168) }
        if run == 328_766 { last = 95 }
        runNumbers.append(run)

        let start = 1_519_862_400 + Double(run - 308_000) * 1_100 + Double(rng.int(in: 0...599))
        let duration = Double(last) * 23.31
        let end = start + duration
        let fill: JSONValue = era.isCollisions ? .int(6_300 + (run - 315_000) / 8) : .null
        let rampUp = era.isCollisions ? rng.int(in: 1...min(25, max(1, last / 10))) : 0
        let rampDown = era.isCollisions && rng.chance(0.3) ? rng.int(in: 5...max(6, last / 8)) : 0

        // OMS lumisections: per-lumisection bits and luminosity, described compactly and turned
        // into JSON once per distinct lumisection.
        var omsPerLS: [OMSState] = []
        omsPerLS.reserveCapacity(last)
        var recorded = 0.0, delivered = 0.0
        for n in 1...last {
            let stable = era.isCollisions && n > rampUp && n <= last - rampDown
            let state = OMSState(collisions: era.isCollisions, stable: stable, lumi: era.isCollisions ? (stable ? (n * 7919 + run) % 97 : -1) : -2)
            delivered += state.delivered
            recorded += state.recorded
            omsPerLS.append(state)
        }
        var omsAttributes = JSONObject()
        omsAttributes.append(key: "energy", value: .int(era.isCollisions ? (era.isHeavyIon ? 6_370 : 6_500) : 0))
        omsAttributes.append(key: "b_field", value: .double(era.name == "Cosmics18CRUZET" && rng.chance(0.4) ? 0.02 : 3.8))
        omsAttributes.append(key: "fill_number", value: fill)
        omsAttributes.append(key: "hlt_key", value: .string(era.hltKey))
        omsAttributes.append(key: "l1_key", value: .string(era.isCollisions ? "l1_trg_collisions2018/v74" : "l1_trg_cosmics2018/v25"))
        omsAttributes.append(key: "l1_menu", value: .string(era.isCollisions ? "L1Menu_Collisions2018_v2_1_0" : "L1Menu_Cosmics2018_v1_0_0"))
        omsAttributes.append(key: "start_time", value: .string(Self.iso(Self.date(start))))
        omsAttributes.append(key: "clock_type", value: .string(era.isCollisions ? "LHC" : "LOCAL"))
        omsAttributes.append(key: "sequence", value: .string("GLOBAL-RUN"))
        omsAttributes.append(key: "cmssw_version", value: .string(run < 319_000 ? "CMSSW_10_1_5" : "CMSSW_10_2_5"))
        omsAttributes.append(key: "stable_beam", value: .bool(era.isCollisions))
        omsAttributes.append(key: "beams_present_and_stable", value: .bool(era.isCollisions))
        omsAttributes.append(key: "injection_scheme", value: era.isCollisions
            ? .string(era.isHeavyIon ? "75ns_552Pb_552_468_518_30bpi_22inj" : "25ns_2556b_2544_2215_2332_144bpi_20injV2") : .null)
        omsAttributes.append(key: "fill_type_runtime", value: .string(era.isCollisions ? (era.isHeavyIon ? "IONS" : "PROTONS") : "COSMICS"))
        omsAttributes.append(key: "fill_type_party1", value: .string(era.isHeavyIon ? "PB82" : (era.isCollisions ? "PROTON" : "")))
        omsAttributes.append(key: "fill_type_party2", value: .string(era.isHeavyIon ? "PB82" : (era.isCollisions ? "PROTON" : "")))
        omsAttributes.append(key: "initial_prescale_index", value: .int(era.isCollisions ? 2 : 0))
        omsAttributes.append(key: "tier0_transfer", value: .bool(true))
        for subsystem in SeedCatalog.subsystemsIncluded {
            let included: Bool
            switch subsystem {
            case "castor": included = false
            case "gem": included = run > 320_000 && rng.chance(0.5)
            case "ctpps": included = era.isCollisions
            default: included = !rng.chance(0.03)
            }
            omsAttributes.append(key: "\(subsystem)_included", value: .bool(included))
        }

        // Version 1: the run appears in OMS.
        let created = version(Self.automatic, "Run \(run) created from OMS", at: Self.date(start + 60))
        let shortRun = last < 100
        runEvents.append(RunEvent(event: event(in: created), run: run, oms: omsAttributes, rr: [
            "class": .string(era.runClass), "state": .string("OPEN"), "significant": .bool(false), "stop_reason": .string(""),
            "short_run": .bool(shortRun), "run_needs_to_be_updated_manually": .bool(false),
        ], manual: false))
        datasetEvents.append(DatasetEvent(event: event(in: created), run: run, name: "online", metadata: [:], inGui: []))
        datasets.append(DatasetKey(runNumber: run, name: "online"))

        // Version 2: end of run: OMS totals, automatic lumisection statuses and OMS lumisections.
        let ended = version(Self.automatic, "OMS update after end of run", at: Self.date(end + 300))
        let significant = era.isCollisions ? last > 50 : rng.chance(0.7) || era.fixedRuns.contains(run)
        runEvents.append(RunEvent(event: event(in: ended), run: run, oms: [
            "end_time": .string(Self.iso(Self.date(end))), "duration": .int(Int(duration)), "ls_duration": .int(last),
            "delivered_lumi": .double((delivered * 1000).rounded() / 1000), "recorded_lumi": .double((recorded * 1000).rounded() / 1000),
        ], rr: ["significant": .bool(significant), "stop_reason": .string(rng.pick(SeedCatalog.stopReasons))], manual: false))
        let online = SeedCatalog.onlineComponents
        // Automatic loads store maximal runs of identical whole-lumisection objects.
        let body = (rampUp + 1)...(last - rampDown)
        // Some runs have lumisections nothing was assigned to: RR shows them as EMPTY.
        var holes: ClosedRange<Int>? = nil
        if body.count > 40 && rng.chance(0.12) {
            let at = rng.int(in: (body.lowerBound + 10)...(body.upperBound - 10))
            holes = at...(at + rng.int(in: 0...2))
        }
        var segments: [(ClosedRange<Int>, JSONObject)] = []
        if rampUp > 0 { segments.append((1...rampUp, Self.segment(online, era: era, rampUp: true, rampDown: false))) }
        let steady = Self.segment(online, era: era, rampUp: false, rampDown: false)
        if let holes {
            segments.append((body.lowerBound...(holes.lowerBound - 1), steady))
            segments.append(((holes.upperBound + 1)...body.upperBound, steady))
        } else {
            segments.append((body, steady))
        }
        if rampDown > 0 { segments.append(((last - rampDown + 1)...last, Self.segment(online, era: era, rampUp: false, rampDown: true))) }
        for (numbers, value) in segments { lumisections(value, run: run, name: "online", numbers: numbers, manual: false, version: ended) }
        var omsStart = 1
        for n in 1...last where n == last || omsPerLS[n] != omsPerLS[n - 1] {
            omsLumisections(omsPerLS[n - 1], run: run, name: "online", numbers: omsStart...n, version: ended)
            omsStart = n + 1
        }

        var clock = end + 3_600
        func next(_ by: String, _ comment: String) -> Int {
            clock += 1_800
            return version(by, comment, at: Self.date(clock))
        }

        // Manual changes by shifters, which override the automatic ones.
        let shifter = rng.pick(SeedCatalog.shifters)
        var editedComponent: (String, ClosedRange<Int>)? = nil
        if last > 40 && rng.chance(0.3) {
            let reason = rng.pick(SeedCatalog.badReasons)
            let component = rng.pick(["dt-dt", "csc-csc", "hcal-hcal", "ecal-es", "rpc-hv", "tracker-pixel", "l1t-l1tmu"])
            let from = rng.int(in: (rampUp + 1)...(last - 20))
            let range = from...min(last, from + rng.int(in: 2...30))
            let v = next(shifter, reason.comment)
            lumisections([component: Self.triplet("BAD", reason.comment, reason.cause)], run: run, name: "online", numbers: range, manual: true, version: v)
            editedComponent = (component, range)
        }
        if last > 40 && rng.chance(0.1) {
            let component = rng.pick(["rpc-rpc", "lumi-lumi", "hlt-hlt"])
            let from = rng.int(in: 1...(last - 10))
            let v = next(shifter, "excluded during calibration")
            lumisections([component: Self.triplet("EXCLUDED", "Excluded from run during calibration", "Subsystem excluded")],
                         run: run, name: "online", numbers: from...(from + 9), manual: true, version: v)
        }
        // A later automatic refresh does not undo a shifter's edit: manual changes sort last.
        if let (component, range) = editedComponent, rng.chance(0.6) {
            let v = next(Self.automatic, "Automatic refresh of component statuses")
            lumisections([component: Self.triplet("GOOD")], run: run, name: "online", numbers: range, manual: false, version: v)
        }
        if rng.chance(0.06) && !era.fixedRuns.contains(run) && era.name != "Cosmics18CRUZET" {
            let other = era.isCollisions ? "Collisions18SpecialRun" : "Commissioning18"
            runEvents.append(RunEvent(event: event(in: next(shifter, "class changed")), run: run, oms: [:], rr: ["class": .string(other)], manual: true))
        }
        if !significant && rng.chance(0.3) {
            runEvents.append(RunEvent(event: event(in: next(shifter, "marked significant")), run: run, oms: [:], rr: ["significant": .bool(true)], manual: true))
        }
        dcs[DatasetKey(runNumber: run, name: "online")] = Self.dcs(omsPerLS)

        guard state != "OPEN" else { return }
        runEvents.append(RunEvent(event: event(in: next(shifter, "moved to SIGNOFF")), run: run, oms: [:], rr: ["state": .string("SIGNOFF")], manual: true))
        if state == "COMPLETED" {
            runEvents.append(RunEvent(event: event(in: next(shifter, "moved to COMPLETED")), run: run, oms: [:], rr: ["state": .string("COMPLETED")], manual: true))
        }

        // Offline datasets, created when the run is signed off (DatasetsAccepted by class and range).
        var offline: [String] = []
        if let prompt = era.promptReco { offline.append(prompt) }
        if era.isCollisions && !era.isHeavyIon && rng.chance(0.4) { offline.append(SeedCatalog.expressCollisions) }
        let workspaces = SeedCatalog.offlineWorkspaces.map(\.workspace) + ["global"]
        let offlineComponents = SeedCatalog.offlineComponents
        for name in offline {
            let key = DatasetKey(runNumber: run, name: name)
            datasets.append(key)
            var waiting = JSONObject()
            for ws in workspaces { waiting.append(key: "\(ws)_state", value: .string("waiting dqm gui")) }
            waiting.append(key: "appeared_in", value: .list([.string("DBS")]))
            datasetEvents.append(DatasetEvent(event: event(in: next(Self.automatic, "offline dataset created")), run: run, name: name, metadata: waiting, inGui: []))

            let appeared = next(Self.automatic, "dataset appeared in DQM GUI")
            var open = JSONObject()
            for ws in workspaces { open.append(key: "\(ws)_state", value: .string("OPEN")) }
            open.append(key: "appeared_in", value: .list([.string("DBS"), .string("DQM GUI")]))
            datasetEvents.append(DatasetEvent(event: event(in: appeared), run: run, name: name, metadata: open, inGui: [name]))
            let offlineSteady = Self.segment(offlineComponents, era: era, rampUp: false, rampDown: false)
            if rampUp > 0 {
                lumisections(Self.segment(offlineComponents, era: era, rampUp: true, rampDown: false), run: run, name: name, numbers: 1...rampUp, manual: false, version: appeared)
            }
            lumisections(offlineSteady, run: run, name: name, numbers: (rampUp + 1)...(last - rampDown), manual: false, version: appeared)
            if rampDown > 0 {
                lumisections(Self.segment(offlineComponents, era: era, rampUp: false, rampDown: true), run: run, name: name,
                             numbers: (last - rampDown + 1)...last, manual: false, version: appeared)
            }
            var datasetOMS = omsPerLS
            if last > 30 && rng.chance(0.25) {
                // An OMS bit corrected for this dataset only; the rest is inherited from online.
                let from = rng.int(in: 1...(last - 5))
                self.oms(["bpix_ready": .bool(false)], run: run, name: name, numbers: from...(from + 4), version: appeared)
                for n in from...(from + 4) { datasetOMS[n - 1].bpixOff = true }
            }
            dcs[key] = Self.dcs(datasetOMS)
            if last > 40 && rng.chance(0.35) {
                let reason = rng.pick(SeedCatalog.badReasons)
                let component = rng.pick(["tracker-track", "muon-muon", "jetmet-jetmet", "egamma-egamma", "hcal-hb", "csc-efficiency"])
                let from = rng.int(in: 1...(last - 20))
                let v = next(rng.pick(SeedCatalog.shifters), reason.comment)
                lumisections([component: Self.triplet("BAD", reason.comment, reason.cause)], run: run, name: name,
                             numbers: from...(from + rng.int(in: 3...15)), manual: true, version: v)
            }
            if state == "COMPLETED" {
                var done = JSONObject()
                for ws in workspaces { done.append(key: "\(ws)_state", value: .string("COMPLETED")) }
                datasetEvents.append(DatasetEvent(event: event(in: next(rng.pick(SeedCatalog.shifters), "dataset moved to COMPLETED")),
                                                  run: run, name: name, metadata: done, inGui: []))
            } else {
                datasetEvents.append(DatasetEvent(event: event(in: next(shifter, "global workspace signed off")),
                                                  run: run, name: name, metadata: ["global_state": .string("SIGNOFF")], inGui: []))
            }
        }
    }

    /// RR's dcs_summary and dcs_ranges for per-lumisection OMS states 1...last.
    private static func dcs(_ perLS: [OMSState]) -> DCS {
        var summary = JSONObject(), ranges = JSONObject()
        var recorded = 0.0, delivered = 0.0
        // Runs of lumisections with equal bits; luminosity does not matter here.
        var spans: [(state: OMSState, start: Int, end: Int)] = []
        for (i, ls) in perLS.enumerated() {
            recorded += ls.recorded
            delivered += ls.delivered
            var bitsOnly = ls
            bitsOnly.lumi = 0
            if let last = spans.last, last.state == bitsOnly { spans[spans.count - 1].end = i + 1 } else { spans.append((bitsOnly, i + 1, i + 1)) }
        }
        for bit in SeedCatalog.omsBits {
            var counts = (t: 0, f: 0)
            var byValue: [(key: String, pairs: [JSONValue])] = []
            for span in spans {
                let value = span.state.bit(bit)
                let key = value ? "TRUE" : "FALSE"
                if value { counts.t += span.end - span.start + 1 } else { counts.f += span.end - span.start + 1 }
                let pair = JSONValue.list([.int(span.start), .int(span.end)])
                if let i = byValue.firstIndex(where: { $0.key == key }) {
                    if case .list(let previous)? = byValue[i].pairs.last, case .int(let end)? = previous.last, end + 1 == span.start {
                        byValue[i].pairs[byValue[i].pairs.count - 1] = .list([previous[0], .int(span.end)])
                    } else {
                        byValue[i].pairs.append(pair)
                    }
                } else {
                    byValue.append((key, [pair]))
                }
            }
            summary.append(key: bit, value: .object(["TRUE": .int(counts.t), "FALSE": .int(counts.f), "NULL": .int(0), "EMPTY": .int(0)]))
            ranges.append(key: bit, value: .object(JSONObject(byValue.map { .init(key: $0.key, value: .list($0.pairs)) })))
        }
        summary.append(key: "ls_duration", value: .object(["TRUE": .int(perLS.count)]))
        ranges.append(key: "all_lumisections", value: .list([.list([.int(1), .int(perLS.count)])]))
        return DCS(summary: .object(summary), ranges: .object(ranges), recorded: recorded, delivered: delivered)
    }

    private mutating func addConfiguration() {
        for era in SeedCatalog.eras {
            guard let prompt = era.promptReco else { continue }
            accepted.append(Accepted(name: prompt, regexp: "^" + NSRegularExpression.escapedPattern(for: prompt) + "$",
                                     runClass: era.runClass, from: era.runs.lowerBound, to: era.runs.upperBound))
        }
        accepted.append(Accepted(name: SeedCatalog.expressCollisions, regexp: "^/Express/Collisions2018/DQM$",
                                 runClass: "Collisions18", from: 315_252, to: 325_765))
        let workspaces = SeedCatalog.offlineWorkspaces.map(\.workspace)
        let offline = datasets.filter { $0.name != "online" }
        let firstCycle = offline.filter { $0.name.contains("Collisions2018A") || $0.name.contains("Collisions2018B") }
        let secondCycle = offline.filter { $0.name.contains("HI") }
        var done = JSONObject(), pending = JSONObject()
        for ws in workspaces {
            done.append(key: "\(ws)_state", value: .string("completed"))
            pending.append(key: "\(ws)_state", value: .string(ws == "tracker" || ws == "dt" ? "completed" : "pending"))
        }
        cycles.append(Cycle(name: "Cycle 2018AB prompt", attributes: done, deadline: Self.date(1_530_000_000), datasets: firstCycle))
        cycles.append(Cycle(name: "Cycle 2018 HI", attributes: pending, deadline: Self.date(1_545_000_000), datasets: secondCycle))
    }
}
