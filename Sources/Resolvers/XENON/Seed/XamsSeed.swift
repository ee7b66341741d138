// XAMS / XAMSL run documents (`xams.runs_gas`) as the XAMS redax, copy_live, delete_live and
// amstrax auto-processing on stoomboot write them: `processing_status` as a sub-document (or
// the legacy bare string), `processing_failed`, `process`/`abandon` tags keyed by `time`.

struct XamsSeed {
    static let runsPerScale = 200
    static let experimentTag: UInt8 = 3
    /// amstrax auto-processing only considers runs from this number on.
    static let firstNumber = 6000
    /// Older runs, numbered before the auto-processing era.
    static let firstLegacyNumber = 900

    enum Stage: CaseIterable, Hashable {
        /// Taking data (`end: null`).
        case takingData
        /// Never asked to be processed: no `processing_status`.
        case untouched
        /// Queued by hand with the `process` tag, no status yet.
        case tagged
        /// The legacy bare string `"pending"`.
        case legacyPending
        /// The legacy bare string `"done"` (the old loop queried `{$ne: 'done'}`).
        case legacyDone
        case submitted
        /// amstrax's legacy `running` status.
        case running
        case done
        case failed
        /// copy_live gave up on the run: tag `abandon`.
        case abandoned
    }

    let scale: Int
    let seed: UInt64

    private static let legacyStart = SeedCalendar.date(year: 2023, month: 3, day: 6, hour: 10, minute: 41)
    private static let firstStart = SeedCalendar.date(year: 2024, month: 10, day: 2, hour: 13, minute: 5)
    private static let users = ["xams_shifter", "nikhef_student", "xams_expert"]
    private static let modes: [(String, Double)] = [
        ("background", 40), ("ledcalibration", 15), ("background_nai", 12), ("na22_nai", 8), ("cs137", 8), ("noise", 7), ("ledcalibration_nai", 5),
    ]

    func documents() -> [BSONDocument] {
        var random = SeedRandom(seed: seed, stream: "xams")
        let count = Self.runsPerScale * scale
        let legacyCount = count / 10
        let lineageHash = SeedRandom(seed: seed, stream: "xams.context").lineageHashOnce()
        let stages = SeedStages.assign(
            count: count, required: Stage.allCases,
            draw: { i -> Stage in
                if i == count - 1 { return .takingData }
                if i < legacyCount { return random.pick(weighted: [(.legacyPending, 3), (.legacyDone, 4), (.untouched, 3)]) }
                return random.pick(weighted: [
                    (.done, 45), (.failed, 8), (.submitted, 4), (.running, 3), (.untouched, 14), (.tagged, 4), (.abandoned, 6), (.legacyPending, 3),
                ])
            },
            eligible: { i, stage in
                i != count - 1 && ((i < legacyCount) == [.legacyDone, .legacyPending].contains(stage) || stage == .legacyPending)
            })
        var documents: [BSONDocument] = []
        documents.reserveCapacity(count)
        var time = Self.legacyStart
        for i in 0..<count {
            if i == legacyCount { time = Self.firstStart }
            let number = i < legacyCount ? Self.firstLegacyNumber + i : Self.firstNumber + (i - legacyCount)
            let minutes = random.int(in: 10...180)
            documents.append(document(
                index: i, number: number, start: time, minutes: minutes, stage: stages[i], lineageHash: lineageHash, random: &random))
            time = SeedCalendar.adding(Int64(minutes + random.int(in: 5...1_500)) * SeedCalendar.minute, to: time)
        }
        return documents
    }

    private func document(
        index: Int, number: Int, start: BSONDateTime, minutes: Int, stage: Stage, lineageHash: String, random: inout SeedRandom
    ) -> BSONDocument {
        let id = XenonNTSeed.runID(number)
        let end = SeedCalendar.adding(Int64(minutes) * SeedCalendar.minute, to: start)
        let detector = random.chance(0.7) ? "xams" : "xamsl"
        let user = random.pick(Self.users)
        var doc = BSONDocument()
        doc["_id"] = .objectID(random.objectID(at: start, experiment: Self.experimentTag, index: index))
        doc["number"] = .int32(Int32(number))
        doc["detector"] = .string(detector)
        let mode = random.pick(weighted: Self.modes)
        doc["mode"] = .string(mode)
        doc["user"] = .string(user)
        doc["start"] = .datetime(start)
        doc["end"] = stage == .takingData ? .null : .datetime(end)
        var comments: [BSONValue] = []
        if random.chance(0.5) {
            let text = mode.hasPrefix("led") ? random.pick(["LED scan, 5 V steps", "LED gain calibration"])
                : mode.hasPrefix("background") ? random.pick(["Overnight background", "Background after recirculation"])
                : random.pick(["Source moved to top position", "Check PMT 2 baseline"])
            comments.append(.document(["user": .string(user), "date": .datetime(start), "comment": .string(text)]))
        }
        doc["comments"] = .array(comments)

        let copied = SeedCalendar.adding(Int64(random.int(in: 5...60)) * SeedCalendar.minute, to: end)
        var tags: [BSONValue] = []
        if stage == .tagged { tags.append(.document(["name": .string("process"), "user": .string(user), "time": .datetime(copied)])) }
        if stage == .abandoned { tags.append(.document(["name": .string("abandon"), "user": .string("copy_live"), "time": .datetime(copied)])) }
        if random.chance(0.04) { tags.append(.document(["name": .string("bad"), "user": .string(user), "time": .datetime(end)])) }
        doc["tags"] = .array(tags)

        let dir = "/data/xenon/\(detector)/live_data/\(id)"
        let live: BSONDocument = ["type": .string("live"), "host": .string("daq"), "location": .string("/home/xams/daq/live_data/\(id)")]
        var data = [live]
        var deleted: [BSONDocument] = []
        if stage != .takingData, stage != .abandoned {
            data.append(["type": .string("live"), "host": .string("stbc"), "location": .string(dir), "by": .string("copy_live"), "time": .datetime(copied)])
        }
        let submitted = SeedCalendar.adding(Int64(random.int(in: 10...120)) * SeedCalendar.minute, to: copied)
        let finished = SeedCalendar.adding(Int64(random.int(in: 10...45)) * SeedCalendar.minute, to: submitted)
        if [.done, .legacyDone].contains(stage) {
            let chunks = random.int(in: 3...60)
            let sizeMB = random.double(in: 50...4_000, digits: 1)
            func processed(_ host: String, _ root: String) -> BSONDocument {
                [
                    "time": .datetime(finished), "type": .string("raw_records"),
                    "location": .string("\(root)/\(detector)/processed/\(id)-raw_records-\(lineageHash)"),
                    "host": .string(host), "user": .string("xamsdata"), "amstrax_version": .string("2.1.0"),
                    "amstrax_path": .string("/data/xenon/xams/software/amstrax"), "corrections_version": .string("ONLINE"),
                    "n_chunks": .int32(Int32(chunks)), "size_mb": .double(sizeMB), "lineage_hash": .string(lineageHash),
                    "updated_at": .datetime(finished), "is_online": .bool(host == "stbc"),
                ]
            }
            data.append(processed("stbc", "/data/xenon"))
            if random.chance(0.3) { data.append(processed("dcache", "/dcache/xenon")) }
            // delete_live moves the DAQ copy away once stoomboot holds the data.
            if random.chance(0.5) {
                var d = live
                d["deleted_at"] = .datetime(SeedCalendar.adding(2 * SeedCalendar.day, to: finished))
                d["deleted_by"] = .string("delete_live")
                deleted.append(d)
                data.removeFirst()
            }
        }
        doc["data"] = .array(data.map(BSONValue.document))

        switch stage {
        case .legacyPending: doc["processing_status"] = .string("pending")
        case .legacyDone: doc["processing_status"] = .string("done")
        case .submitted: doc["processing_status"] = .document(["status": .string("submitted"), "time": .datetime(submitted), "host": .string("stbc")])
        case .running: doc["processing_status"] = .document(["status": .string("running"), "time": .datetime(submitted), "host": .string("stbc")])
        case .done: doc["processing_status"] = .document(["status": .string("done"), "time": .datetime(finished), "host": .string("stbc")])
        case .failed:
            let reason = random.pick(["Job running for more than 30 min", "No condor job found", "strax.DataNotAvailable: raw_records"])
            doc["processing_status"] = .document(["status": .string("failed"), "time": .datetime(finished), "host": .string("stbc"), "reason": .string(reason)])
            doc["processing_failed"] = .int32(Int32(random.int(in: 1...5)))
        case .takingData, .untouched, .tagged, .abandoned:
            break
        }
        if !deleted.isEmpty { doc["deleted_data"] = .array(deleted.map(BSONValue.document)) }
        return doc
    }
}

extension SeedRandom {
    fileprivate func lineageHashOnce() -> String {
        var copy = self
        return copy.lineageHash()
    }
}
