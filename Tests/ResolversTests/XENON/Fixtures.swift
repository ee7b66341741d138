// Small run documents in each era's shape (reference §2, §3), covering every normalization and
// pseudo status. Not the seed generator's data: tests own theirs.

@testable import Resolvers

enum Fixtures {
    static func rawEntry(_ host: String, _ status: String) -> BSONValue {
        .document(["type": "raw", "host": .string(host), "status": .string(status), "location": "/data/raw", "size": .int64(1_000_000)])
    }

    static let xenon1T: [BSONDocument] = [
        // Processed with cax statuses (transferred): no pseudo status at all, as the API would say.
        [
            "_id": oid("100000000000000000000001"), "number": .int32(6386), "name": "170101_0000", "detector": "tpc",
            "user": "elykov", "start": date("2017-01-01T00:00:00Z"), "end": date("2017-01-01T01:00:00Z"),
            "source": .document(["type": "none"]),
            "reader": .document(["ini": .document(["name": "background_stable", "write_mode": .int32(2)]), "self_trigger": .bool(true)]),
            "trigger": .document(["mode": "pmt", "status": "processed", "events_built": .int64(123_456)]),
            "tags": .array([.document(["name": "_sr1", "user": "hax", "date": date("2017-02-01T00:00:00Z"), "version": "1.2"])]),
            "comments": .array([.document(["text": "good run #_sr1", "user": "shifter", "date": date("2017-01-01T00:01:00Z")])]),
            "data": .array([
                rawEntry("xe1t-datamanager", "transferred"),
                .document([
                    "type": "raw", "host": "rucio-catalogue", "status": "transferred", "location": "x1t_SR001_170101_0000_tpc:raw",
                    "rse": .array(["UC_OSG_USERDISK", "NIKHEF_USERDISK"]), "rule_info": .array(["UC_OSG_USERDISK:2019-01-01"]),
                    "checksum": ":a1b2c3d4",
                ]),
                .document([
                    "type": "processed", "host": "midway-login1", "status": "transferred", "pax_version": "v6.10.1",
                    "pax_hash": "abc123", "creation_place": "midway", "creation_time": date("2017-01-02T00:00:00Z"),
                    "checksumproblem": .bool(true),
                ]),
            ]),
            "processor": .document(["DEFAULT": .document(["gains": .array([.double(1.5), .int32(2), .double(0)])])]),
            "raw_size_byte": .int64(5_000_000_000),
        ],
        // NOT_PROCESSED and NEW_RUN (ended, nothing on rucio).
        [
            "_id": oid("100000000000000000000002"), "number": .int32(6387), "name": "170102_0000", "detector": "tpc",
            "start": date("2017-01-02T00:00:00Z"), "end": date("2017-01-02T01:00:00Z"), "source": .document(["type": "LED", "frequency": .int32(10)]),
            "reader": .document(["ini": .document(["name": "led_calibration"])]),
            "tags": .array([.document(["name": "bad", "user": "x"]), .document(["name": "messy", "user": "x"])]),
            "data": .array([rawEntry("xe1t-datamanager", "transferred")]),
        ],
        // TRANSFERRING, still running.
        [
            "_id": oid("100000000000000000000003"), "number": .int32(6388), "name": "170103_0000", "detector": "tpc",
            "start": date("2017-01-03T00:00:00Z"), "source": .document(["type": "Kr83m"]),
            "data": .array([rawEntry("reader", "transferring")]),
        ],
        // PROCESSING and NEW_RUN.
        [
            "_id": oid("100000000000000000000004"), "number": .int32(6389), "name": "170104_0000", "detector": "tpc",
            "start": date("2017-01-04T00:00:00Z"), "end": date("2017-01-04T01:00:00Z"), "source": .document(["type": "none"]),
            "data": .array([rawEntry("xe1t-datamanager", "transferred"), .document(["type": "processed", "host": "login", "status": "processing"])]),
        ],
        // PROCESSED (and a rucio copy, so not NEW_RUN).
        [
            "_id": oid("100000000000000000000005"), "number": .int32(6390), "name": "170105_0000", "detector": "tpc",
            "start": date("2017-01-05T00:00:00Z"), "end": date("2017-01-05T01:00:00Z"), "source": .document(["type": "AmBe"]),
            "data": .array([
                .document(["type": "processed", "host": "login", "status": "processed", "pax_version": "v6.8.0"]),
                .document(["type": "raw", "host": "rucio-catalogue", "status": "transferred", "rse": .array(["LNGS_USERDISK"])]),
            ]),
        ],
        // Muon-veto runs: all number 0; the ObjectIds order them.
        [
            "_id": oid("100000000000000000000006"), "number": .int32(0), "name": "170101_0001", "detector": "muon_veto",
            "start": date("2017-01-01T00:01:00Z"), "source": .document(["type": "none"]),
        ],
        [
            "_id": oid("100000000000000000000007"), "number": .int32(0), "name": "170101_0002", "detector": "muon_veto",
            "start": date("2017-01-01T00:01:00Z"), "source": .document(["type": "none"]),
        ],
    ]

    static let xenonNT: [BSONDocument] = [
        [
            "_id": oid("200000000000000000000001"), "number": .int32(7200), "detectors": .array(["tpc", "muon_veto", "neutron_veto"]),
            "user": "daq", "mode": "tpc_commissioning", "source": "none", "status": "transferred",
            "start": date("2021-06-01T00:00:00Z"), "end": date("2021-06-01T01:00:00Z"),
            "comments": .array([.document(["comment": "linked mode", "user": "shifter", "date": date("2021-06-01T00:00:05Z")])]),
            "tags": .array([.document(["name": "_sr0", "user": "analyst", "date": date("2021-07-01T00:00:00Z")])]),
            "bootstrax": .document([
                "state": "done", "host": "eb2.xenon.local", "time": date("2021-06-01T02:00:00Z"), "n_failures": .int32(1),
                "started_processing": date("2021-06-01T01:30:00Z"),
            ]),
            "daq_config": .document(["a": .document(["b": .document(["c": .document(["d": .document(["e": .int32(5)])])])]),
                                     "boards": .array([.document(["id": .int32(100)]), .document(["id": .int32(101)])])]),
            "data": .array([
                .document([
                    "type": "raw_records", "host": "rucio-catalogue", "location": "UC_DALI_USERDISK", "status": "transferred",
                    "did": "xnt_007200:raw_records-rfzvpzj4mf", "protocol": "rucio",
                ]),
                .document([
                    "type": "peaklets", "host": "eb2.xenon.local", "location": "/data/peaklets", "protocol": "FileSytemBackend",
                    "file_count": .int32(3),
                    "meta": .document(["lineage_hash": "rfzvpzj4mf", "size_mb": .double(12.5), "strax_version": "1.1.0"]),
                ]),
            ]),
            "deleted_data": .array([.document([
                "type": "live", "host": "daq", "location": "/live/007200", "at": date("2021-06-02T00:00:00Z"), "by": "admix",
                "reason": "cleanup",
            ])]),
        ],
        [
            "_id": oid("200000000000000000000002"), "number": .int32(7201), "detectors": .array(["tpc"]), "mode": "ambe_link",
            "source": .document(["type": "ambe"]), "start": date("2021-06-02T00:00:00Z"), "end": .null,
            "bootstrax": .document(["state": .null]), "status": "needs_upload",
            "tags": .array([.document(["name": "messy", "user": "daq"])]),
            "data": .array([.document(["type": "live", "host": "daq", "location": "/live/007201"])]),
        ],
        [
            "_id": oid("200000000000000000000003"), "number": .int32(7202), "detectors": .array(["neutron_veto"]),
            "mode": "nVeto_LED_calibration", "source": "th-232", "start": date("2021-06-03T00:00:00Z"),
            "end": date("2021-06-03T01:00:00Z"), "bootstrax": .document(["state": "failed", "reason": "oops"]),
            "data": .array([.document(["type": "raw_records", "host": "eb3.xenon.local", "meta": .document(["lineage_hash": "zzzzzzzzzz"])])]),
        ],
    ]

    static let xams: [BSONDocument] = [
        [
            "_id": oid("300000000000000000000001"), "number": .int32(6001), "detector": "xams", "mode": "background",
            "user": "xams", "start": date("2024-01-01T00:00:00Z"), "end": date("2024-01-01T01:00:00Z"),
            "processing_status": .document(["status": "done", "time": date("2024-01-02T00:00:00Z"), "host": "stbc"]),
            "tags": .array([.document(["name": "process", "user": "me", "time": date("2024-01-01T05:00:00Z")])]),
            "data": .array([.document([
                "type": "raw_records", "host": "stbc", "location": "/data/xams/raw", "time": date("2024-01-02T00:00:00Z"),
                "lineage_hash": "abcdefghij", "size_mb": .double(2), "n_chunks": .int32(4),
            ]), .document(["type": "live", "host": "stbc", "location": "/live"])]),
        ],
        [
            "_id": oid("300000000000000000000002"), "number": .int32(6002), "detector": "xamsl", "mode": "ledcalibration",
            "start": date("2024-01-02T00:00:00Z"), "processing_status": "pending",
            "data": .array([.document(["type": "live", "host": "daq", "location": "/live"])]),
        ],
        [
            "_id": oid("300000000000000000000003"), "number": .int32(6003), "detector": "xams", "mode": "background_nai",
            "start": date("2024-01-03T00:00:00Z"),
            "processing_status": .document(["status": "failed", "reason": "boom", "host": "stbc", "time": date("2024-01-03T02:00:00Z")]),
            "processing_failed": .int32(2), "tags": .array([.document(["name": "abandon", "user": "copy_live"])]),
        ],
        [
            "_id": oid("300000000000000000000004"), "number": .int32(6004), "detector": "xams", "mode": "background",
            "start": date("2024-01-04T00:00:00Z"),
            "deleted_data": .array([.document([
                "type": "live", "host": "daq", "location": "/live", "deleted_at": date("2024-01-05T00:00:00Z"), "deleted_by": "delete_live",
            ])]),
        ],
    ]
}
