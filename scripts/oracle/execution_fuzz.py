import json, random, sys
sys.path.insert(0, __import__("os").path.dirname(__file__))
from execution_goldens import run as oracle_run, fix
SDL = """
scalar JSON
enum Color { RED GREEN BLUE }
interface Node { id: ID! }
interface Named { name: String }
type Person implements Node & Named { id: ID! name: String age: Int friends: [Person] best: Person! color: Color tags: [String!] meta: JSON }
type Robot implements Node { id: ID! model: String! parts: [[Int!]] }
union Thing = Person | Robot
type Query { node: Node nodes: [Node!] things: [Thing] people: [Person!]! person: Person named: [Named] n: Int f: Float s: String b: Boolean }
"""
rnd = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
def scalar():
    return rnd.choice([None, 0, 1, -5, 2**31, 1.5, "x", "RED", "", True, [1], [1, "x"]])
def person(d):
    p = {"__typename": rnd.choice(["Person"] * 8 + ["Robot", "Nope", None])}
    if p["__typename"] is None: del p["__typename"]
    for k in ["id", "name", "age", "color", "meta"]:
        if rnd.random() < 0.85:
            p[k] = scalar() if rnd.random() < 0.3 else {"id": rnd.randint(1, 99), "name": "n%d" % rnd.randint(0, 9), "age": rnd.randint(0, 90), "color": rnd.choice(["RED", "BLUE", "PINK"]), "meta": {"k": [1, "v"]}}[k]
    if rnd.random() < 0.8: p["tags"] = rnd.choice([None, [], ["a", "b"], ["a", None], "solo"])
    if d < 3:
        if rnd.random() < 0.7: p["friends"] = None if rnd.random() < 0.1 else [person(d + 1) for _ in range(rnd.randint(0, 3))]
        if rnd.random() < 0.8: p["best"] = None if rnd.random() < 0.15 else person(d + 1)
    return p
def robot():
    r = {"__typename": "Robot", "id": rnd.randint(1, 9)}
    if rnd.random() < 0.9: r["model"] = rnd.choice(["R2", None])
    if rnd.random() < 0.8: r["parts"] = rnd.choice([[[1, 2], [3]], [[1, None]], None, [[]], 5])
    return r
def root():
    d = {"people": [person(0) for _ in range(rnd.randint(0, 3))]}
    if rnd.random() < 0.1: d["people"] = None
    d["node"] = rnd.choice([person(0), robot(), None, {"id": 1}])
    d["nodes"] = [rnd.choice([person(1), robot()]) for _ in range(rnd.randint(0, 3))]
    d["things"] = [rnd.choice([person(1), robot(), None]) for _ in range(rnd.randint(0, 3))]
    d["person"] = person(0)
    d["named"] = [person(2) for _ in range(2)]
    for k in ["n", "f", "s", "b"]: d[k] = scalar()
    return d
PERSON_LEAVES = ["id", "name", "age", "color", "tags", "meta", "__typename"]
def sel_person(d):
    out = []
    for _ in range(rnd.randint(1, 4)):
        c = rnd.random()
        if c < 0.55 or d > 2:
            f = rnd.choice(PERSON_LEAVES)
            out.append((rnd.choice(["", "al%d: " % rnd.randint(0, 3)]) if rnd.random() < 0.3 else "") + f + skip())
        elif c < 0.8:
            out.append(rnd.choice(["friends", "best"]) + skip() + " { " + sel_person(d + 1) + " }")
        else:
            out.append("... on Person" + skip() + " { " + sel_person(d + 1) + " }")
    return " ".join(out)
def skip():
    r = rnd.random()
    if r < 0.08: return " @skip(if: true)"
    if r < 0.12: return " @include(if: $inc)"
    if r < 0.15: return " @skip(if: $inc)"
    return ""
def sel_node():
    parts = [rnd.choice(["id", "__typename"])]
    if rnd.random() < 0.7: parts.append("... on Person { " + sel_person(1) + " }")
    if rnd.random() < 0.6: parts.append("... on Robot { model parts }")
    if rnd.random() < 0.3: parts.append("...PF")
    return " ".join(parts)
def query():
    fs = []
    for _ in range(rnd.randint(1, 4)):
        c = rnd.choice(["node", "nodes", "things", "people", "person", "named", "n", "f", "s", "b"])
        if c in ("node", "nodes"): fs.append(c + " { " + sel_node() + " }")
        elif c == "things": fs.append("things { __typename ... on Robot { id model } ... on Node { id } ...PF }")
        elif c in ("people", "person"): fs.append(c + " { " + sel_person(0) + " }")
        elif c == "named": fs.append("named { name ... on Person { age } }")
        else: fs.append(c)
    q = "query Q($inc: Boolean!) { " + " ".join(fs) + " }"
    if "...PF" in q: q += " fragment PF on Person { name best { id } }"
    return q
cases = []
for i in range(int(sys.argv[2]) if len(sys.argv) > 2 else 300):
    r = json.dumps(root()); q = query(); vs = json.dumps({"inc": rnd.random() < 0.5})
    out = oracle_run(SDL, q, r, vs, None)
    cases.append({"sdl": SDL, "query": q, "root": r, "variables": vs, "expected": json.dumps(out, separators=(",", ":"), ensure_ascii=False)})
json.dump(cases, open("/tmp/execution-fuzz.json", "w"))
print(len(cases))
