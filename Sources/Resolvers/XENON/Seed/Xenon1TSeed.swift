// XENON1T run documents (`run.runs_new`) as the kodiaq DAQ master created them and cax then
// extended them: copies of raw data with their checksums, rucio datasets, pax processing and
// the corrections cax added (gains, drift velocity, electron lifetime).

struct Xenon1TSeed {
    static let runsPerScale = 300
    /// The ObjectId byte that keeps this era's identifiers apart from the others'.
    static let experimentTag: UInt8 = 1

    /// Where a run is in the DAQ → cax → pax chain.
    enum Stage: CaseIterable, Hashable {
        /// Still taking data: no `end`, the untriggered data still transferring from the reader.
        case running
        /// Ended; raw data on the data manager, nothing in rucio yet.
        case newRun
        /// Raw data still being copied (and its rucio upload under way); not processed.
        case transferring
        /// Raw data transferred everywhere; not processed (pseudo status `not_processed`).
        case notProcessed
        /// A processed entry with status `processing` (the runsDB API's wording; cax never wrote it).
        case processing
        /// A processed entry with status `processed` (likewise hand-written).
        case processed
        /// Processed by cax: processed entries `transferred` (matches none of the pseudo statuses' processed filters).
        case complete
        /// A copy failed (`error`, `RSEreupload`, a checksum problem); not processed.
        case copyFailed
    }

    let scale: Int
    let seed: UInt64

    // SR0 ended with run 6379; SR1 started with 6386 (hax correction ranges).
    private static let firstNumber = 6340
    private static let lastScienceRun0 = 6379
    private static let firstStart = SeedCalendar.date(year: 2017, month: 1, day: 8, hour: 9, minute: 12)
    private static let users = ["shifter", "xe1t_shift_a", "xe1t_shift_b", "calibration", "daq_expert"]
    private static let rses = ["UC_OSG_USERDISK", "NIKHEF_USERDISK", "LNGS_USERDISK", "UC_MIDWAY_USERDISK"]
    private static let paxVersions = ["v6.8.0", "v6.10.1"]
    private static let channels = 248

    func documents() -> [BSONDocument] {
        var random = SeedRandom(seed: seed, stream: "xenon1t")
        let count = Self.runsPerScale * scale
        let plans = timeline(count: count, random: &random)
        let stages = assignStages(plans, random: &random)
        var context = Context(random: SeedRandom(seed: seed, stream: "xenon1t.context"))
        var documents: [BSONDocument] = []
        documents.reserveCapacity(count)
        for (i, plan) in plans.enumerated() {
            documents.append(document(index: i, plan: plan, stage: stages[i], random: &random, context: &context))
        }
        return documents
    }

    // MARK: Timeline

    struct Plan {
        var detector: String
        var number: Int
        var start: BSONDateTime
        var minutes: Int
        var source: String
        /// Whether the run belongs to science run 0 (before TPC run 6386); muon-veto runs by date.
        var scienceRun0: Bool
    }

    private func timeline(count: Int, random: inout SeedRandom) -> [Plan] {
        var plans: [Plan] = []
        var time = Self.firstStart
        var number = Self.firstNumber
        for _ in 0..<count {
            let muonVeto = random.chance(0.2)
            let source = muonVeto ? "none" : random.pick(weighted: [
                ("none", 0.68), ("LED", 0.1), ("Kr83m", 0.07), ("Rn220", 0.06), ("AmBe", 0.05), ("neutron_generator", 0.04),
            ])
            let minutes = source == "LED" ? random.int(in: 8...20) : random.int(in: 45...62)
            plans.append(Plan(
                detector: muonVeto ? "muon_veto" : "tpc", number: muonVeto ? 0 : number, start: time, minutes: minutes, source: source,
                scienceRun0: number <= Self.lastScienceRun0))
            if !muonVeto { number += 1 }
            // Runs follow each other with gaps from minutes to most of a day.
            time = SeedCalendar.adding(Int64(minutes + random.int(in: 2...900)) * SeedCalendar.minute, to: time)
        }
        return plans
    }

    private func assignStages(_ plans: [Plan], random: inout SeedRandom) -> [Stage] {
        let lastTPC = plans.lastIndex { $0.detector == "tpc" }
        let lastMV = plans.lastIndex { $0.detector == "muon_veto" }
        let count = plans.count
        return SeedStages.assign(
            count: count, required: Stage.allCases,
            draw: { i in
                if i == lastTPC || i == lastMV { return .running }
                // The newest runs are the least advanced, as in a live database.
                let recent = i >= count - max(12, count / 15)
                let stage: Stage = recent
                    ? random.pick(weighted: [(.newRun, 3), (.transferring, 3), (.notProcessed, 2), (.processing, 1), (.copyFailed, 1)])
                    : random.pick(weighted: [(.complete, 60), (.notProcessed, 10), (.processed, 6), (.processing, 5), (.transferring, 5), (.newRun, 5), (.copyFailed, 6)])
                // pax never processed muon-veto data.
                if plans[i].detector == "muon_veto", [.processing, .processed, .complete].contains(stage) { return .notProcessed }
                return stage
            },
            eligible: { i, stage in
                i != lastTPC && i != lastMV && (plans[i].detector == "tpc" || ![.processing, .processed, .complete].contains(stage))
            })
    }

    // MARK: Documents

    /// Values fixed for the whole era: the git hash of each pax version, the dead PMTs.
    struct Context {
        var paxHashes: [String: String] = [:]
        var deadChannels: Set<Int> = []

        init(random: SeedRandom) {
            var random = random
            for version in Xenon1TSeed.paxVersions { paxHashes[version] = random.hex(count: 40) }
            while deadChannels.count < 18 { deadChannels.insert(random.int(in: 0...(Xenon1TSeed.channels - 1))) }
        }
    }

    private func document(index: Int, plan: Plan, stage: Stage, random: inout SeedRandom, context: inout Context) -> BSONDocument {
        let name = SeedCalendar.runName(plan.start)
        let end = SeedCalendar.adding(Int64(plan.minutes) * SeedCalendar.minute, to: plan.start)
        let user = random.pick(Self.users)
        let tpc = plan.detector == "tpc"
        let rate = tpc ? (plan.source == "LED" ? random.double(in: 250...400) : plan.source == "none" ? random.double(in: 4...7) : random.double(in: 40...160)) : random.double(in: 0.5...1.5)
        let eventsBuilt = Int(rate * Double(plan.minutes) * 60)
        let rawSize = Int64(Double(eventsBuilt) * random.double(in: 180_000...260_000))

        var doc = BSONDocument()
        doc["_id"] = .objectID(random.objectID(at: plan.start, experiment: Self.experimentTag, index: index))
        doc["name"] = .string(name)
        doc["number"] = .int32(Int32(plan.number))
        doc["user"] = .string(user)
        doc["detector"] = .string(plan.detector)
        doc["start"] = .datetime(plan.start)
        if stage != .running { doc["end"] = .datetime(end) }

        let mode = !tpc ? "muon_veto_stable" : plan.source == "LED" ? "led_calibration" : "background_stable"
        doc["reader"] = .document([
            "ini": .document(["name": .string(mode), "write_mode": .int32(2), "compressed": .bool(true), "detector": .string(plan.detector)]),
            "self_trigger": .bool(true),
        ])
        var trigger: BSONDocument = ["mode": .string(tpc ? "ZLE" : "MV"), "ended": .bool(stage != .running)]
        trigger["status"] = .string(stage == .running ? "waiting_to_be_processed" : "processed")
        if stage != .running { trigger["events_built"] = .int64(Int64(eventsBuilt)) }
        doc["trigger"] = .document(trigger)
        var source: BSONDocument = ["type": .string(plan.source)]
        if plan.source == "LED" { source["frequency"] = .int32(Int32(random.pick([100, 500, 1000]))) }
        doc["source"] = .document(source)

        let tags = self.tags(plan: plan, stage: stage, user: user, random: &random)
        doc["comments"] = .array(comments(plan: plan, tags: tags, user: user, end: end, random: &random))
        doc["tags"] = .array(tags.map(BSONValue.document))
        doc["data"] = .array(data(name: name, plan: plan, stage: stage, end: end, rawSize: rawSize, random: &random, context: context).map(BSONValue.document))

        // cax adds the corrections before processing, and the size once raw data is verified.
        if tpc, [.processing, .processed, .complete].contains(stage) || (stage == .notProcessed && random.chance(0.5)) {
            doc["processor"] = .document(["DEFAULT": .document([
                "gains": .array(gains(random: &random, context: context)),
                "drift_velocity_liquid": .double(random.double(in: 1.335e-4...1.44e-4)),
                "electron_lifetime_liquid": .double(random.double(in: 380_000...650_000, digits: 0)),
            ])])
        }
        if ![.running, .newRun].contains(stage) { doc["raw_size_byte"] = .int64(rawSize) }
        return doc
    }

    private func tags(plan: Plan, stage: Stage, user: String, random: inout SeedRandom) -> [BSONDocument] {
        var names: [String] = []
        if plan.detector == "tpc", plan.source == "none" {
            names.append(plan.scienceRun0 ? "_sciencerun0" : "_sciencerun1")
            if !plan.scienceRun0 { names.append("blinded") }
        }
        if random.chance(0.04) { names.append("messy") }
        if random.chance(0.03) { names.append("bad") }
        if stage == .notProcessed, random.chance(0.15) { names.append("donotprocess") }
        if random.chance(0.02) { names.append("test") }
        return names.map { name in
            var tag: BSONDocument = ["name": .string(name), "user": .string(name.hasPrefix("_") ? "analysis" : user)]
            tag["date"] = .datetime(SeedCalendar.adding(Int64(random.int(in: 0...2_000)) * SeedCalendar.minute, to: plan.start))
            // hax selects science-run tags by version.
            if name.hasPrefix("_sciencerun") { tag["version"] = .string(random.pick(["1.0", "1.1", "2.0"])) }
            return tag
        }
    }

    private func comments(plan: Plan, tags: [BSONDocument], user: String, end: BSONDateTime, random: inout SeedRandom) -> [BSONValue] {
        // The DAQ took tags from #hashtags in the start comment.
        let hashtags = tags.compactMap { tag -> String? in
            guard case .string(let n)? = tag["name"], !n.hasPrefix("_") else { return nil }
            return " #" + n
        }.joined()
        let what = plan.detector == "muon_veto" ? "Muon veto run" : plan.source == "none" ? "Background run" : "\(plan.source) calibration"
        var list: [BSONValue] = [.document(["text": .string(what + hashtags), "date": .datetime(plan.start), "user": .string(user)])]
        if random.chance(0.12) {
            let remark = random.pick(["PMT 12 tripped, recovered after 5 min", "High noise on board 3", "Cryo alarm during run, check slow control", "LN2 refill during run"])
            list.append(.document(["text": .string(remark), "date": .datetime(end), "user": .string(random.pick(Self.users))]))
        }
        return list
    }

    private func gains(random: inout SeedRandom, context: Context) -> [BSONValue] {
        (0..<Self.channels).map { channel in
            context.deadChannels.contains(channel) ? .double(0) : .double(random.double(in: 1.2e6...3.4e6, digits: 1))
        }
    }

    // MARK: data[]

    private func data(name: String, plan: Plan, stage: Stage, end: BSONDateTime, rawSize: Int64, random: inout SeedRandom, context: Context) -> [BSONDocument] {
        let tpc = plan.detector == "tpc"
        var entries: [BSONDocument] = []
        var t = plan.start
        func later(_ minutes: ClosedRange<Int>) -> BSONDateTime {
            t = SeedCalendar.adding(Int64(random.int(in: minutes)) * SeedCalendar.minute, to: max(t, end))
            return t
        }
        entries.append([
            "type": .string("untriggered"), "status": .string(stage == .running ? "transferring" : "transferred"),
            "host": .string("reader"), "location": .string("untriggered"), "collection": .string(name), "compressed": .bool(true),
        ])
        guard stage != .running else { return entries }

        func raw(_ host: String, _ dir: String, _ status: String) -> BSONDocument {
            var e: BSONDocument = ["type": .string("raw"), "host": .string(host), "status": .string(status)]
            e["location"] = .string(dir + name)
            e["checksum"] = ["verifying", "transferring"].contains(status) ? .null : .string(random.sha512())
            e["creation_time"] = .datetime(later(5...240))
            if status == "transferred" { e["size"] = .int64(rawSize) }
            return e
        }
        let datamanager = "/data/xenon/raw/"
        // The buffer purger removed raw data from the data manager once three copies existed.
        let purged = stage == .complete && random.chance(0.4)
        if !purged { entries.append(raw("xe1t-datamanager", datamanager, stage == .newRun ? random.pick(["transferred", "verifying"]) : "transferred")) }
        if stage == .newRun { return entries }

        let scienceRun = plan.scienceRun0 ? "SR000" : "SR001"
        let dataset = "x1t_\(scienceRun)_\(name)_\(tpc ? "tpc" : "mv"):raw"
        switch stage {
        case .transferring:
            entries.append(raw("midway-login1", "/project/lgrandi/xenon1t/raw/", "transferring"))
            entries.append(rucio(dataset: dataset, status: "transferring", rses: [], time: later(10...60), random: &random))
            return entries
        case .copyFailed:
            let (host, dir) = random.pick([
                ("tegner-login-1", "/cfs/klemming/projects/xenon/xenon1t/raw/"),
                ("nikhef-srm", "srm://tbn18.nikhef.nl:8446/dpm/nikhef.nl/home/xenon.biggrid.nl/archive/data/xenon1t/raw/"),
            ])
            var bad = raw(host, dir, "error")
            if random.chance(0.5) {
                bad["status"] = .string("transferred")
                bad["checksumproblem"] = .bool(true)
            }
            entries.append(bad)
            entries.append(rucio(dataset: dataset, status: random.pick(["RSEreupload", "RSEquota"]), rses: [Self.rses[0]], time: later(10...60), random: &random))
            return entries
        default:
            break
        }
        entries.append(raw("tsm-server", "/xenon_tsm/raw/", "transferred"))
        if random.chance(0.7) { entries.append(raw("midway-login1", "/project/lgrandi/xenon1t/raw/", "transferred")) }
        let rseCount = random.int(in: 1...3)
        entries.append(rucio(dataset: dataset, status: "transferred", rses: Array(Self.rses.prefix(rseCount)), time: later(30...600), random: &random))
        guard tpc else { return entries }

        func processed(_ version: String, _ status: String) -> BSONDocument {
            var e: BSONDocument = ["type": .string("processed"), "host": .string("midway-login1"), "status": .string(status)]
            e["location"] = .string("/project/lgrandi/xenon1t/processed/pax_\(version)/\(name).root")
            e["checksum"] = status == "transferred" ? .string(random.sha512()) : .null
            e["creation_time"] = .datetime(later(60...2_000))
            e["pax_version"] = .string(version)
            e["pax_hash"] = .string(context.paxHashes[version] ?? "")
            e["creation_place"] = .string(random.pick(["midway", "OSG"]))
            return e
        }
        switch stage {
        case .processing:
            entries.append(processed("v6.10.1", "processing"))
        case .processed:
            entries.append(processed("v6.10.1", "processed"))
        case .complete:
            if random.chance(0.5) { entries.append(processed("v6.8.0", "transferred")) }
            entries.append(processed("v6.10.1", "transferred"))
        default:
            break
        }
        return entries
    }

    private func rucio(dataset: String, status: String, rses: [String], time: BSONDateTime, random: inout SeedRandom) -> BSONDocument {
        var e: BSONDocument = ["type": .string("raw"), "host": .string("rucio-catalogue"), "status": .string(status)]
        e["location"] = .string(dataset)
        e["checksum"] = status == "transferred" ? .string(":" + (0..<random.int(in: 2...4)).map { _ in random.adler32() }.joined(separator: ":")) : .null
        e["creation_time"] = .datetime(time)
        e["rse"] = .array(rses.map(BSONValue.string))
        let expiry = SeedCalendar.timestamp(SeedCalendar.adding(365 * SeedCalendar.day, to: time))
        e["rule_info"] = .array(rses.map { .string("\($0):\(expiry)") })
        return e
    }
}
