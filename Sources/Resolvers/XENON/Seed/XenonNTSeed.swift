// XENONnT run documents (`xenonnt.runs`) as the redax dispatcher created them and bootstrax,
// restrax and admix then extended them: strax data on the event builders, rucio replicas,
// the run-level `status` lifecycle, and entries moved to `deleted_data`.

struct XenonNTSeed {
    static let runsPerScale = 300
    static let experimentTag: UInt8 = 2
    /// straxen's RunDB `minimum_run_number`.
    static let firstNumber = 7157

    enum Stage: CaseIterable, Hashable {
        /// Taking data: `end: null`, bootstrax null/considering, only the live data.
        case running
        /// Bootstrax is processing on an event builder.
        case ebBusy
        /// Bootstrax failed and will retry (`next_retry`).
        case ebFailed
        /// Bootstrax gave up.
        case ebAbandoned
        /// Bootstrax done (`eb_finished_pre`).
        case ebFinished
        /// Restrax done (`eb_ready_to_upload`).
        case readyToUpload
        /// admix added rucio rules (`transferring`).
        case uploading
        /// All replicas transferred (`transferred`); event-builder copies removed to `deleted_data`.
        case transferred
        // The runsDB API's pseudo statuses read entries of type `raw` and `processed`, which strax
        // never writes; these demo runs carry such entries so that every pseudo status has
        // XENONnT answers too.
        /// Uploading, plus a `raw` entry `transferring` (pseudo status `transferring`).
        case rawTransferring
        /// Transferred, plus a `raw` entry `transferred` (`not_processed`).
        case rawTransferred
        /// Transferred, plus a `processed` entry `processing` (`processing`).
        case processing
        /// Transferred, plus a `processed` entry `processed` (`processed`).
        case processed
    }

    let scale: Int
    let seed: UInt64

    private static let firstStart = SeedCalendar.date(year: 2021, month: 6, day: 14, hour: 7, minute: 3)
    /// Science run 0 ended on this day (runs after it are tagged `_sr1`).
    private static let endOfScienceRun0 = SeedCalendar.date(year: 2021, month: 9, day: 1)
    private static let users = ["daq_shifter", "nt_shift_a", "nt_shift_b", "calibration", "commissioning"]
    private static let eventBuilders = (0...5).map { "eb\($0).xenon.local" }
    private static let rses = ["LNGS_USERDISK", "UC_OSG_USERDISK", "UC_DALI_USERDISK", "NIKHEF_USERDISK"]

    struct Mode {
        var name: String
        var detectors: [String]
        var sources: [String]
        var minutes: ClosedRange<Int>
        var weight: Double
    }

    private static let modes: [Mode] = [
        Mode(name: "background_linked", detectors: ["tpc", "muon_veto", "neutron_veto"], sources: ["none"], minutes: 55...62, weight: 28),
        Mode(name: "tpc_commissioning", detectors: ["tpc"], sources: ["none", "th-232"], minutes: 20...60, weight: 15),
        Mode(name: "tpc_noise", detectors: ["tpc"], sources: ["none"], minutes: 2...6, weight: 8),
        Mode(name: "tpc_rn_8pmts", detectors: ["tpc"], sources: ["none"], minutes: 30...60, weight: 7),
        Mode(name: "tpc_commissioning_pmtgain", detectors: ["tpc"], sources: ["none"], minutes: 5...15, weight: 7),
        Mode(name: "tpc_kr83m", detectors: ["tpc"], sources: ["none"], minutes: 55...62, weight: 8),
        Mode(name: "tpc_ambe_linked", detectors: ["tpc", "neutron_veto"], sources: ["none"], minutes: 55...62, weight: 4),
        Mode(name: "ng_linked", detectors: ["tpc", "neutron_veto"], sources: ["neutron_generator"], minutes: 30...60, weight: 4),
        Mode(name: "nVeto_LED_calibration", detectors: ["neutron_veto"], sources: ["none"], minutes: 5...12, weight: 8),
        Mode(name: "mv_background", detectors: ["muon_veto"], sources: ["none"], minutes: 55...62, weight: 5),
    ]

    func documents() -> [BSONDocument] {
        var random = SeedRandom(seed: seed, stream: "xenonnt")
        let context = Context(random: SeedRandom(seed: seed, stream: "xenonnt.context"))
        let count = Self.runsPerScale * scale
        var plans: [Plan] = []
        var time = Self.firstStart
        for i in 0..<count {
            let mode = random.pick(weighted: Self.modes.map { ($0, $0.weight) })
            let minutes = random.int(in: mode.minutes)
            plans.append(Plan(number: Self.firstNumber + i, mode: mode, source: random.pick(mode.sources), start: time, minutes: minutes))
            time = SeedCalendar.adding(Int64(minutes + random.int(in: 1...360)) * SeedCalendar.minute, to: time)
        }
        let stages = SeedStages.assign(
            count: count, required: Stage.allCases,
            draw: { i -> Stage in
                if i == count - 1 { return .running }
                let recent = i >= count - max(12, count / 15)
                return recent
                    ? random.pick(weighted: [(.ebBusy, 2), (.ebFailed, 1), (.ebFinished, 2), (.readyToUpload, 2), (.uploading, 3), (.rawTransferring, 1)])
                    : random.pick(weighted: [
                        (.transferred, 55), (.uploading, 5), (.ebAbandoned, 3), (.ebFailed, 2), (.rawTransferred, 8), (.rawTransferring, 4),
                        (.processing, 6), (.processed, 8), (.readyToUpload, 3),
                    ])
            },
            eligible: { i, _ in i != count - 1 })
        var documents: [BSONDocument] = []
        documents.reserveCapacity(count)
        for (i, plan) in plans.enumerated() {
            documents.append(document(index: i, plan: plan, stage: stages[i], random: &random, context: context))
        }
        return documents
    }

    struct Plan {
        var number: Int
        var mode: Mode
        var source: String
        var start: BSONDateTime
        var minutes: Int
    }

    /// Lineage hashes depend on the data type and the processing context, not on the run.
    struct Context {
        var hashes: [String: String] = [:]
        static let dataTypes = ["raw_records", "raw_records_nv", "raw_records_mv", "peaklets", "event_info", "led_calibration", "records"]

        init(random: SeedRandom) {
            var random = random
            for type in Self.dataTypes { hashes[type] = random.lineageHash() }
        }

        func hash(_ type: String) -> String { hashes[type] ?? "" }
    }

    private func document(index: Int, plan: Plan, stage: Stage, random: inout SeedRandom, context: Context) -> BSONDocument {
        let id = Self.runID(plan.number)
        let end = SeedCalendar.adding(Int64(plan.minutes) * SeedCalendar.minute, to: plan.start)
        let user = random.pick(Self.users)
        let host = random.pick(Self.eventBuilders)

        var doc = BSONDocument()
        doc["_id"] = .objectID(random.objectID(at: plan.start, experiment: Self.experimentTag, index: index))
        doc["number"] = .int32(Int32(plan.number))
        doc["detectors"] = .array(plan.mode.detectors.map(BSONValue.string))
        doc["user"] = .string(user)
        doc["mode"] = .string(plan.mode.name)
        doc["bootstrax"] = .document(bootstrax(stage: stage, host: host, end: end, random: &random))
        doc["end"] = stage == .running ? .null : .datetime(end)
        doc["source"] = .string(plan.source)
        doc["daq_config"] = .document([
            "name": .string(plan.mode.name),
            "strax_chunk_length": .double(5.0),
            "strax_chunk_overlap": .double(0.5),
            "strax_fragment_payload_bytes": .int32(220),
            "compressor": .string("lz4"),
            "processing_threads": .document(["reader0_reader_0": .int32(24), "reader1_reader_0": .int32(24)]),
        ])
        var comments: [BSONValue] = []
        if random.chance(0.6) {
            let text = plan.source == "none" ? "\(plan.mode.name) run" : "\(plan.source) source deployed"
            comments.append(.document(["user": .string(user), "date": .datetime(plan.start), "comment": .string(text)]))
        }
        if random.chance(0.1) {
            let text = random.pick(["PMT 264 turned off", "Rate spike at the end, check", "HV ramp during run", "Trigger rate lower than usual"])
            comments.append(.document(["user": .string(random.pick(Self.users)), "date": .datetime(end), "comment": .string(text)]))
        }
        doc["comments"] = .array(comments)
        let (data, deleted) = self.data(id: id, plan: plan, stage: stage, end: end, host: host, random: &random, context: context)
        doc["data"] = .array(data.map(BSONValue.document))
        doc["start"] = .datetime(plan.start)
        doc["tags"] = .array(tags(plan: plan, stage: stage, random: &random).map(BSONValue.document))
        if stage != .running {
            var rate = BSONDocument()
            for detector in plan.mode.detectors {
                let avg = detector == "tpc" ? random.double(in: 18...40, digits: 2) : random.double(in: 1...8, digits: 2)
                rate[detector] = .document(["avg": .double(avg), "max": .double((avg * random.double(in: 1.2...2.5) * 100).rounded() / 100)])
            }
            doc["rate"] = .document(rate)
            if random.chance(0.1) { doc["no_data_from"] = .array((0..<random.int(in: 1...3)).map { _ in .int32(Int32(random.int(in: 0...493))) }) }
        }
        if let status = runStatus(stage) { doc["status"] = .string(status) }
        if !deleted.isEmpty { doc["deleted_data"] = .array(deleted.map(BSONValue.document)) }
        return doc
    }

    static func runID(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    private func runStatus(_ stage: Stage) -> String? {
        switch stage {
        case .running, .ebBusy, .ebFailed: nil
        case .ebAbandoned: "needs_upload"
        case .ebFinished: "eb_finished_pre"
        case .readyToUpload: "eb_ready_to_upload"
        case .uploading, .rawTransferring: "transferring"
        case .transferred, .rawTransferred, .processing, .processed: "transferred"
        }
    }

    private func bootstrax(stage: Stage, host: String, end: BSONDateTime, random: inout SeedRandom) -> BSONDocument {
        let started = SeedCalendar.adding(Int64(random.int(in: 1...20)) * SeedCalendar.minute, to: end)
        let finished = SeedCalendar.adding(Int64(random.int(in: 15...90)) * SeedCalendar.minute, to: started)
        switch stage {
        case .running:
            return random.chance(0.5) ? ["state": .null] : ["state": .string("considering"), "host": .string(host), "time": .datetime(end)]
        case .ebBusy:
            return ["state": .string("busy"), "host": .string(host), "time": .datetime(started), "started_processing": .datetime(started)]
        case .ebFailed:
            let failures = random.int(in: 1...3)
            return [
                "state": .string("failed"), "host": .string(host), "time": .datetime(finished),
                "reason": .string(random.pick(["Processing killed after timeout", "No data from reader1", "MemoryError in peaklets"])),
                "n_failures": .int32(Int32(failures)), "next_retry": .datetime(SeedCalendar.adding(Int64(failures * 30) * SeedCalendar.minute, to: finished)),
                "started_processing": .datetime(started),
            ]
        case .ebAbandoned:
            return [
                "state": .string("abandoned"), "host": .string(host), "time": .datetime(finished),
                "reason": .string("Too many failures"), "n_failures": .int32(10), "started_processing": .datetime(started),
            ]
        default:
            return ["state": .string("done"), "host": .string(host), "time": .datetime(finished), "started_processing": .datetime(started)]
        }
    }

    private func tags(plan: Plan, stage: Stage, random: inout SeedRandom) -> [BSONDocument] {
        var tags: [BSONDocument] = []
        // redax tags a run `messy` when the start was not acknowledged, `_messy` at stop.
        if random.chance(0.04) { tags.append(["name": .string("messy"), "user": .string("daq"), "date": .datetime(plan.start)]) }
        if stage != .running, random.chance(0.03) {
            tags.append(["name": .string("_messy"), "user": .string("daq"), "date": .datetime(SeedCalendar.adding(Int64(plan.minutes) * SeedCalendar.minute, to: plan.start))])
        }
        let later = SeedCalendar.adding(3 * SeedCalendar.day, to: plan.start)
        if plan.mode.name == "background_linked", stage != .running {
            tags.append(["name": .string(plan.start < Self.endOfScienceRun0 ? "_sr0" : "_sr1"), "user": .string("analysis"), "date": .datetime(later)])
            tags.append(["name": .string("blinded"), "user": .string("analysis"), "date": .datetime(later)])
        }
        if random.chance(0.03) { tags.append(["name": .string("bad"), "user": .string(random.pick(Self.users)), "date": .datetime(later)]) }
        if random.chance(0.02) { tags.append(["name": .string("prioritize"), "user": .string("commissioning"), "date": .datetime(plan.start)]) }
        return tags
    }

    // MARK: data[] and deleted_data[]

    private func data(
        id: String, plan: Plan, stage: Stage, end: BSONDateTime, host: String, random: inout SeedRandom, context: Context
    ) -> ([BSONDocument], [BSONDocument]) {
        let live: BSONDocument = ["type": .string("live"), "host": .string("daq"), "location": .string("/live_data/xenonnt_online/\(id)")]
        var entries = [live]
        var deleted: [BSONDocument] = []
        if [.running, .ebFailed, .ebAbandoned].contains(stage) { return (entries, deleted) }

        var types: [String] = []
        for detector in plan.mode.detectors {
            switch detector {
            case "tpc": types += ["raw_records", "peaklets", "event_info"]
            case "neutron_veto": types.append("raw_records_nv")
            default: types.append("raw_records_mv")
            }
        }
        if plan.mode.name.contains("LED") { types.append("led_calibration") }
        if stage == .ebBusy { types = Array(types.prefix(1)) }

        let processedAt = SeedCalendar.adding(Int64(random.int(in: 20...100)) * SeedCalendar.minute, to: end)
        var ebEntries: [BSONDocument] = []
        for type in types {
            let hash = context.hash(type)
            var e: BSONDocument = ["location": .string("/data/xenonnt_processed/\(id)-\(type)-\(hash)"), "host": .string(host), "type": .string(type)]
            e["protocol"] = .string("FileSytemBackend")  // sic: strax's spelling
            var meta: BSONDocument = ["lineage_hash": .string(hash)]
            if stage != .ebBusy {
                // restrax adds the sizes and versions.
                let sizeMB = type.hasPrefix("raw_records") ? random.double(in: 2_000...60_000, digits: 1) : random.double(in: 20...3_000, digits: 1)
                let files = random.int(in: 5...120)
                meta["strax_version"] = .string("1.6.5")
                meta["straxen_version"] = .string("2.2.4")
                meta["size_mb"] = .double(sizeMB)
                meta["avg_chunk_mb"] = .double((sizeMB / Double(files) * 10).rounded() / 10)
                meta["compressor"] = .string(type.hasPrefix("raw_records") ? "zstd" : "lz4")
                e["meta"] = .document(meta)
                e["file_count"] = .int32(Int32(files))
                e["status"] = .string(stage == .ebFinished ? "eb_finished_pre" : "eb_ready_to_upload")
            } else {
                e["meta"] = .document(meta)
                e["status"] = .string("processing")
            }
            e["creation_time"] = .datetime(processedAt)
            ebEntries.append(e)
        }
        let uploaded = [.transferred, .rawTransferred, .processing, .processed].contains(stage)
        if uploaded {
            // admix removed the event-builder copies (and the live data) once the rucio replicas were safe.
            let at = SeedCalendar.adding(Int64(random.int(in: 1...10)) * SeedCalendar.day, to: end)
            for e in [live] + ebEntries where random.chance(0.8) {
                var d = e
                d["at"] = .datetime(at)
                d["by"] = .string(e["type"] == .string("live") ? "ajax" : "admix")
                deleted.append(d)
            }
            entries = entries.filter { e in !deleted.contains { $0["location"] == e["location"] } }
            entries += ebEntries.filter { e in !deleted.contains { $0["location"] == e["location"] } }
        } else {
            entries += ebEntries
        }
        guard [.uploading, .rawTransferring].contains(stage) || uploaded else { return (entries, deleted) }

        let rucioStatus = uploaded ? "transferred" : "transferring"
        for type in types {
            let hash = context.hash(type)
            let replicas = type.hasPrefix("raw_records") ? [Self.rses[0], random.pick(Array(Self.rses.dropFirst()))] : [Self.rses[2]]
            for rse in replicas {
                var e: BSONDocument = ["host": .string("rucio-catalogue"), "type": .string(type), "location": .string(rse)]
                e["lifetime"] = .null  // permanent rules
                e["status"] = .string(rucioStatus)
                e["did"] = .string("xnt_\(id):\(type)-\(hash)")
                e["protocol"] = .string("rucio")
                e["creation_time"] = .datetime(SeedCalendar.adding(Int64(random.int(in: 60...600)) * SeedCalendar.minute, to: processedAt))
                entries.append(e)
            }
        }
        if uploaded, random.chance(0.3), types.contains("event_info") {
            let hash = context.hash("event_info")
            entries.append([
                "location": .string("/dali/lgrandi/xenonnt/processed/\(id)-event_info-\(hash)"), "host": .string("dali"),
                "type": .string("event_info"), "protocol": .string("FileSytemBackend"),
                "meta": .document(["lineage_hash": .string(hash), "straxen_version": .string("2.2.4")]),
            ])
        }

        let time = SeedCalendar.adding(Int64(random.int(in: 1...5)) * SeedCalendar.day, to: end)
        switch stage {
        case .rawTransferring, .rawTransferred, .processing, .processed:
            let status = stage == .rawTransferring ? "transferring" : "transferred"
            entries.append([
                "type": .string("raw"), "host": .string("rucio-catalogue"), "location": .string(Self.rses[1]), "status": .string(status),
                "did": .string("xnt_\(id):raw_records-\(context.hash("raw_records"))"), "protocol": .string("rucio"), "creation_time": .datetime(time),
            ])
        default:
            break
        }
        if stage == .processing || stage == .processed {
            entries.append([
                "type": .string("processed"), "host": .string("dali"),
                "location": .string("/dali/lgrandi/xenonnt/processed/\(id)-event_info-\(context.hash("event_info"))"),
                "status": .string(stage == .processing ? "processing" : "processed"), "creation_time": .datetime(time),
                "meta": .document(["lineage_hash": .string(context.hash("event_info")), "straxen_version": .string("2.2.4")]),
            ])
        }
        return (entries, deleted)
    }
}
