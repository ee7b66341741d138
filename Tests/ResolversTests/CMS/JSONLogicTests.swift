// json-logic as the Run Registry applies it (json-logic-js semantics): the documented examples,
// JavaScript's coercions where RR's rules meet them, and refusal of what is not a rule.

import GraphQLKit
import Testing
@testable import Resolvers

@Suite struct JSONLogicTests {
    private func value(_ rule: String, _ data: String = "null") throws -> JSONValue {
        try JSONLogicRule(try JSONParser.parse(rule)).evaluate(try JSONParser.parse(data))
    }

    @Test(arguments: [
        // (rule, data, expected) — json-logic's documented behaviour.
        (#"{"==":[1,1]}"#, "null", "true"),
        (#"{"==":[1,"1"]}"#, "null", "true"),
        (#"{"==":["",0]}"#, "null", "true"),
        (#"{"==":[null,0]}"#, "null", "false"),
        (#"{"==":[[1],1]}"#, "null", "true"),
        (#"{"===":[1,"1"]}"#, "null", "false"),
        (#"{"===":[1,1.0]}"#, "null", "true"),
        (#"{"!=":[1,2]}"#, "null", "true"),
        (#"{"!==":[1,"1"]}"#, "null", "true"),
        (#"{"and":[true,"a",3]}"#, "null", "3"),
        (#"{"and":[true,"",3]}"#, "null", #""""#),
        (#"{"or":[false,0,"a"]}"#, "null", #""a""#),
        (#"{"or":[false,0]}"#, "null", "0"),
        (#"{"!":[true]}"#, "null", "false"),
        (#"{"!":true}"#, "null", "false"),
        (#"{"!!":[[]]}"#, "null", "false"),
        (#"{"!!":["0"]}"#, "null", "true"),
        (#"{"<":[1,2,3]}"#, "null", "true"),
        (#"{"<":[1,1,3]}"#, "null", "false"),
        (#"{"<=":[1,1,3]}"#, "null", "true"),
        (#"{">":["2",1]}"#, "null", "true"),
        (#"{">":["10","9"]}"#, "null", "false"),
        (#"{"<":[null,1]}"#, "null", "true"),
        (#"{"<":["a",1]}"#, "null", "false"),
        (#"{"in":["Spring","Springfield"]}"#, "null", "true"),
        (#"{"in":["Ringo",["John","Paul","George","Ringo"]]}"#, "null", "true"),
        (#"{"in":[1,["1"]]}"#, "null", "false"),
        (#"{"in":["x",null]}"#, "null", "false"),
        (#"{"var":["a"]}"#, #"{"a":1,"b":2}"#, "1"),
        (#"{"var":"a"}"#, #"{"a":1}"#, "1"),
        (#"{"var":["z",26]}"#, #"{"a":1}"#, "26"),
        (#"{"var":"champ.name"}"#, #"{"champ":{"name":"Fezzig","height":223}}"#, #""Fezzig""#),
        (#"{"var":1}"#, #"["zero","one","two"]"#, #""one""#),
        (#"{"var":"list.1"}"#, #"{"list":[5,6]}"#, "6"),
        (#"{"var":""}"#, #"{"a":1}"#, #"{"a":1}"#),
        (#"{"var":"missing.deep"}"#, #"{"a":1}"#, "null"),
        (#"{"if":[true,"yes","no"]}"#, "null", #""yes""#),
        (#"{"if":[false,"a",false,"b","c"]}"#, "null", #""c""#),
        (#"{"==":[{"var":"lumisection.rr.dt-dt"},"GOOD"]}"#, #"{"lumisection":{"rr":{"dt-dt":"GOOD"}}}"#, "true"),
        (#"[1,{"var":"a"}]"#, #"{"a":2}"#, "[1,2]"),
        (#"{"a":1,"b":2}"#, "null", #"{"a":1,"b":2}"#),
    ])
    func documentedSemantics(rule: String, data: String, expected: String) throws {
        #expect(try value(rule, data) == JSONParser.parse(expected), "\(rule) on \(data)")
    }

    /// Found by fuzzing (scripts/fuzz.sh run json-logic): an integral double past Int64 made
    /// ToString trap converting it; JavaScript writes it with all its digits.
    @Test func integralNumbersPastInt64AreWrittenAsJavaScriptDoes() throws {
        // JavaScript compares "[object Object]" with "66666666666666660000" as strings.
        #expect(try value(#"{">=":[{},[66666666666666666666]]}"#) == .bool(true))
        #expect(try value(#"{"in":[66666666666666666666,"x66666666666666660000"]}"#) == .bool(true))
        #expect(try value(#"{"in":[-18446744073709551616,"-18446744073709552000"]}"#) == .bool(true))
        #expect(try value(#"{"in":[1e20,"100000000000000000000"]}"#) == .bool(true))
        #expect(JSONLogicValue.integralString(9_007_199_254_740_993) == "9007199254740992")
    }

    @Test func runRegistrysReadmeRuleSelectsWhatItSays() throws {
        let rule = try JSONLogicRule(try JSONParser.parse("""
            {"and": [
              {">=": [{"var": "run.oms.energy"}, 6000]}, {"<=": [{"var": "run.oms.energy"}, 7000]},
              {">=": [{"var": "run.oms.b_field"}, 3.7]},
              {"in": ["25ns", {"var": "run.oms.injection_scheme"}]},
              {"==": [{"in": ["WMass", {"var": "run.oms.hlt_key"}]}, false]},
              {"==": [{"var": "lumisection.rr.dt-dt"}, "GOOD"]}, {"==": [{"var": "lumisection.oms.cms_active"}, true]}
            ]}
            """))
        func ls(energy: Double, dt: String, active: Bool, hlt: String = "/cdaq/physics/Run2018/2e34/v3.6.1/HLT/V2") throws -> JSONValue {
            try JSONParser.parse("""
                {"run": {"oms": {"energy": \(energy), "b_field": 3.8, "injection_scheme": "25ns_2556b_2544_2215_2332_144bpi_20injV3", "hlt_key": "\(hlt)"}},
                 "lumisection": {"rr": {"dt-dt": "\(dt)"}, "oms": {"cms_active": \(active)}}}
                """)
        }
        #expect(rule.holds(for: try ls(energy: 6500, dt: "GOOD", active: true)))
        #expect(!rule.holds(for: try ls(energy: 6500, dt: "BAD", active: true)))
        #expect(!rule.holds(for: try ls(energy: 6500, dt: "GOOD", active: false)))
        #expect(!rule.holds(for: try ls(energy: 450, dt: "GOOD", active: true)))
        #expect(!rule.holds(for: try ls(energy: 6500, dt: "GOOD", active: true, hlt: "/cdaq/special/WMass/v1")))
    }

    @Test func whatIsNotARuleIsRefused() throws {
        #expect(throws: JSONLogicError("unrecognized operation \"eval\" (supported: ! !! != !== < <= == === > >= and if in or var)")) {
            try JSONLogicRule(try JSONParser.parse(#"{"and":[{"eval":["1"]}]}"#))
        }
        var deep = JSONValue.bool(true)
        for _ in 0..<100 { deep = .object(["!": deep]) }
        #expect(throws: JSONLogicError("the rule nests deeper than 64 levels")) { try JSONLogicRule(deep) }
        let wide = JSONValue.object(["in": .list([.string("x"), .list(Array(repeating: .string("y"), count: 20_000))])])
        #expect(throws: JSONLogicError("the rule has more than 10000 parts")) { try JSONLogicRule(wide) }
    }
}
