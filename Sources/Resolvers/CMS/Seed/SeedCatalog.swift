// The 2018 facts the demo data is drawn from (cms-run-registry.md §5): eras and their run
// ranges, classes, dataset names, workspaces and their columns, OMS lumisection bits.

struct SeedEra: Sendable {
    var name: String
    var runs: ClosedRange<Int>
    var runClass: String
    /// The PromptReco dataset of its runs; nil for runs that only have `online`.
    var promptReco: String?
    var hltKey: String
    var isCollisions: Bool
    var isHeavyIon: Bool = false
    /// Runs picked per unit of scale.
    var runsPerScale: Int
    /// Runs always present (client test fixtures), whatever the scale.
    var fixedRuns: [Int] = []
    /// Lumisections per run: typical range (some collision runs are much longer).
    var lumisections: ClosedRange<Int>
}

enum SeedCatalog {
    static let eras: [SeedEra] = [
        SeedEra(name: "Commissioning2018", runs: 308_327...308_999, runClass: "Commissioning18", promptReco: "/PromptReco/Commissioning2018/DQM",
                hltKey: "/cdaq/special/commissioning2018/v1.0/HLT/V12", isCollisions: false, runsPerScale: 4, lumisections: 60...420),
        SeedEra(name: "Cosmics18CRUZET", runs: 309_000...310_000, runClass: "Cosmics18CRUZET", promptReco: "/PromptReco/Cosmics18CRUZET/DQM",
                hltKey: "/cdaq/cosmic/commissioning2018/CRUZET/v2.1/HLT/V7", isCollisions: false, runsPerScale: 8, lumisections: 95...700),
        SeedEra(name: "Collisions2018A", runs: 315_252...316_995, runClass: "Collisions18", promptReco: "/PromptReco/Collisions2018A/DQM",
                hltKey: "/cdaq/physics/Run2018/2e34/v1.1.5/HLT/V4", isCollisions: true, runsPerScale: 10, fixedRuns: [315_257], lumisections: 110...1000),
        SeedEra(name: "Collisions2018B", runs: 316_998...319_312, runClass: "Collisions18", promptReco: "/PromptReco/Collisions2018B/DQM",
                hltKey: "/cdaq/physics/Run2018/2e34/v2.0.3/HLT/V2", isCollisions: true, runsPerScale: 12, lumisections: 110...1000),
        SeedEra(name: "Collisions2018C", runs: 319_313...320_393, runClass: "Collisions18", promptReco: "/PromptReco/Collisions2018C/DQM",
                hltKey: "/cdaq/physics/Run2018/2e34/v3.2.1/HLT/V6", isCollisions: true, runsPerScale: 8, lumisections: 110...1000),
        SeedEra(name: "Collisions2018D", runs: 320_394...325_273, runClass: "Collisions18", promptReco: "/PromptReco/Collisions2018D/DQM",
                hltKey: "/cdaq/physics/Run2018/2e34/v3.6.1/HLT/V2", isCollisions: true, runsPerScale: 16, fixedRuns: [323_444, 323_555], lumisections: 110...1000),
        SeedEra(name: "Collisions2018E", runs: 325_274...325_765, runClass: "Collisions18SpecialRun", promptReco: "/PromptReco/Collisions2018E/DQM",
                hltKey: "/cdaq/special/Run2018/lowPU/v1.2/HLT/V3", isCollisions: true, runsPerScale: 4, lumisections: 80...500),
        SeedEra(name: "HIRun2018A", runs: 326_294...327_564, runClass: "Collisions18", promptReco: "/PromptReco/HIRun2018A/DQM",
                hltKey: "/cdaq/physics/HIRun2018/v1.3/HLT/V9", isCollisions: true, isHeavyIon: true, runsPerScale: 8, lumisections: 120...900),
        SeedEra(name: "HICosmics18A", runs: 327_565...327_824, runClass: "Cosmics18", promptReco: "/PromptReco/HICosmics18A/DQM",
                hltKey: "/cdaq/cosmic/HIRun2018/commissioning2018/v1.0/HLT/V3", isCollisions: false, runsPerScale: 5,
                fixedRuns: [327_604, 327_743], lumisections: 95...700),
        SeedEra(name: "Cosmics18", runs: 328_000...328_999, runClass: "Cosmics18", promptReco: nil,
                hltKey: "/cdaq/cosmic/commissioning2018/v3.4/HLT/V2", isCollisions: false, runsPerScale: 3,
                fixedRuns: [328_762, 328_766], lumisections: 95...700),
    ]

    /// Express datasets exist for collision runs.
    static let expressCollisions = "/Express/Collisions2018/DQM"

    /// Online certification components (workspace-column), with the keys client tests expect
    /// (`rpc-hv`, `tracker-track_private`).
    static let onlineComponents: [String] = [
        "castor-castor", "cms-cms", "csc-csc", "ctpps-ctpps", "dt-dt", "ecal-ecal", "ecal-es", "hcal-hcal", "hlt-hlt",
        "l1t-l1t", "l1t-l1tcalo", "l1t-l1tmu", "lumi-lumi", "rpc-rpc", "rpc-hv", "tracker-pixel", "tracker-strip",
        "tracker-track_private",
    ]

    /// Offline workspaces and their columns (RR frontend config).
    static let offlineWorkspaces: [(workspace: String, columns: [String])] = [
        ("btag", ["btag"]), ("castor", ["castor"]),
        ("csc", ["csc", "occupancy", "integrity", "strips", "timing", "efficiency", "gasgains", "pedestals", "resolution", "segments", "tf", "triggergpe"]),
        ("ctpps", ["ctpps", "rp45_210", "rp45_220", "rp45_cyl", "rp56_210", "rp56_220", "rp56_cyl", "trk45_210", "time45", "trk56_220", "time56", "time_global"]),
        ("dc", ["lowlumi"]), ("dt", ["dt"]),
        ("ecal", ["ecal", "ebp", "ebm", "eep", "eem", "es", "esp", "esm", "analysis", "collisions", "laser", "tpg", "noise", "preshower", "timing"]),
        ("egamma", ["egamma"]), ("hcal", ["hb", "he", "hf", "ho0", "ho12"]),
        // `hlt-hlt` too: the client README's golden-JSON rule reads it on PromptReco datasets.
        ("hlt", ["hlt", "muons", "electrons", "photons", "jetmet", "tau", "bjets", "technical"]),
        ("jetmet", ["jetmet"]), ("l1t", ["l1tmu", "l1tcalo", "software"]), ("lumi", ["lumi"]), ("muon", ["muon"]),
        ("rpc", ["rpc", "hv", "lv", "feb", "noise", "elog"]), ("tau", ["tau"]), ("tracker", ["track", "pixel", "strip"]),
    ]

    /// Online workspaces and their certifiable columns.
    static let onlineWorkspaces: [(workspace: String, columns: [String])] = [
        ("castor", ["castor"]), ("cms", ["cms"]), ("csc", ["csc"]), ("ctpps", ["ctpps"]), ("dt", ["dt"]), ("ecal", ["ecal", "es"]),
        ("hcal", ["hcal"]), ("hlt", ["hlt"]), ("l1t", ["l1t", "l1tcalo", "l1tmu"]), ("lumi", ["lumi"]), ("rpc", ["rpc", "hv"]),
        ("tracker", ["pixel", "strip", "track_private"]),
    ]

    static var offlineComponents: [String] {
        offlineWorkspaces.flatMap { ws in ws.columns.map { "\(ws.workspace)-\($0)" } }
    }

    /// OMS lumisection bits RR keeps (config.js oms_lumisection_whitelist), booleans only.
    static let omsBits: [String] = [
        "rp_time_ready", "cscp_ready", "physics_flag", "dt0_ready", "beam1_present", "bpix_ready", "ho_ready", "dtp_ready",
        "tecm_ready", "tibtid_ready", "fpix_ready", "rpc_ready", "rp_sect_56_ready", "castor_ready", "esp_ready", "eep_ready",
        "hbhea_ready", "ebm_ready", "dtm_ready", "eem_ready", "esm_ready", "tecp_ready", "ebp_ready", "hf_ready",
        "rp_sect_45_ready", "cscm_ready", "cms_active", "zdc_ready", "hbheb_ready", "tob_ready", "beam1_stable", "hbhec_ready",
        "beam2_stable", "beam2_present", "gemp_ready", "gemm_ready",
    ]

    static let beamBits: Set<String> = ["beam1_present", "beam2_present", "beam1_stable", "beam2_stable"]

    static let subsystemsIncluded: [String] = [
        "castor", "csc", "ctpps", "daq", "dcs", "dqm", "dt", "ecal", "es", "gem", "hcal", "hf", "pixel", "rpc", "tcds", "tracker", "trg",
    ]

    static let shifters = ["maria.rossi@cern.ch", "jan.novak@cern.ch", "li.wei@cern.ch", "ana.garcia@cern.ch"]

    static let badReasons: [(comment: String, cause: String)] = [
        ("HV trip in sector 5, recovered after 12 LS", "HV trip"),
        ("Noisy channels in EB+ 14", "Noise"),
        ("FED 1240 out of sync", "DAQ problem"),
        ("Low efficiency in ring 2", "Hardware failure"),
        ("Timing shift after clock change", "Timing"),
    ]

    static let stopReasons = ["", "", "", "End of fill", "Beam dump", "DAQ problem: FED stuck", "Run stopped to change HLT menu", "Subsystem error"]
}
