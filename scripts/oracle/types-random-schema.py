# Generates a random schema (seeded by argv[1]) and the reference's view of it, from graphql-core
# used as a black-box oracle: /tmp/corpus/rN.{graphql,printed.graphql,typenames.txt} when valid,
# /tmp/corpus/badN.{sdl,json} (the validation errors, JS-style quotes) when not.
#   mkdir -p /tmp/corpus; for i in $(seq 1 300); do python3 scripts/oracle/types-random-schema.py $i; done
import random, sys
from graphql import build_schema, print_schema, validate_schema
R = random.Random(int(sys.argv[1]))
def desc():
    c = R.random()
    if c < 0.6: return ""
    opts = ['"short"', '"""block"""', '"""\n  multi\n    line\n  """', '"' + 'y'*75 + '"', '"quote\\"end\\""', '"""  lead"""', '"tab\\there"', '"a\\nb"', '"""\n\n  x\n\n"""', '"uni \u00e9 \\u00e9"']
    return R.choice(opts) + "\n"
N = R.randint(3, 9)
objs = ["Query"] + ["O%d" % i for i in range(N)]
ifaces = ["I%d" % i for i in range(R.randint(0, 3))]
enums = {"E%d" % i: ["V%d" % j for j in range(R.randint(1, 4))] for i in range(R.randint(0, 3))}
inputs = ["In%d" % i for i in range(R.randint(0, 3))]
scalars = ["S%d" % i for i in range(R.randint(0, 2))]
unions = ["U%d" % i for i in range(R.randint(0, 2))]
builtin = ["Int", "Float", "String", "Boolean", "ID"]
def wrap(t):
    c = R.random()
    if c < 0.2: return "[%s]" % t
    if c < 0.3: return "[%s!]!" % t
    if c < 0.5: return t + "!"
    return t
def lit(t, depth=0):
    base = t.strip("[]!")
    if base in enums: v = R.choice(enums[base])
    elif base == "Int": v = str(R.randint(-5, 5000))
    elif base == "Float": v = R.choice(["1", "1.5", "2e3", "-0.25"])
    elif base == "String": v = R.choice(['"s"', '"""b"""', '"x\\"y"', '""'])
    elif base == "Boolean": v = R.choice(["true", "false"])
    elif base == "ID": v = R.choice(['"7"', '8', '"abc"'])
    elif base in scalars: v = R.choice(['"raw"', '3', 'ENUMISH', '1.0'])
    elif base in inputs: v = "{}"
    else: v = "null"
    if t.startswith("[") and R.random() < 0.6: v = "[%s]" % v
    return v
input_fields = {}
def input_type(exclude=None):
    cands = builtin + list(enums) + scalars + inputs
    return R.choice(cands)
def args():
    if R.random() < 0.5: return ""
    out = []
    for k in range(R.randint(1, 3)):
        t = wrap(input_type())
        d = " = " + lit(t) if R.random() < 0.4 and not t.strip("[]!") in inputs else ""
        dep = " @deprecated" if R.random() < 0.1 and not (t.endswith("!") and not d) else ""
        out.append(desc() + "a%d: %s%s%s" % (k, t, d, dep))
    return "(" + " ".join(out) + ")"
def out_type():
    return R.choice(builtin + objs + ifaces + list(enums) + scalars + unions)
iface_fields = {i: [("f%d" % k, wrap(R.choice(builtin))) for k in range(R.randint(1, 3))] for i in ifaces}
parts = []
for s in scalars:
    parts.append(desc() + "scalar %s%s" % (s, ' @specifiedBy(url: "https://x/%s")' % s if R.random() < 0.5 else ""))
for e, vals in enums.items():
    parts.append(desc() + "enum %s { %s }" % (e, " ".join(desc() + v + (' @deprecated(reason: "r")' if R.random() < 0.2 else "") for v in vals)))
for i in inputs:
    fs = []
    for k in range(R.randint(1, 4)):
        t = wrap(input_type(exclude=i))
        d = " = " + lit(t) if R.random() < 0.3 and not t.strip("[]!") in inputs else ""
        fs.append(desc() + "x%d: %s%s" % (k, t, d))
    one = " @oneOf" if R.random() < 0.2 else ""
    parts.append(desc() + "input %s%s { %s }" % (i, one, " ".join(fs)))
    if R.random() < 0.2:
        parts.append("extend input %s { y%d: %s }" % (i, R.randint(0, 9), wrap(input_type())))
for i in ifaces:
    parents = [j for j in ifaces if j != i and R.random() < 0.3]
    fs = list(iface_fields[i])
    for j in parents:
        for f in iface_fields[j]:
            if f[0] not in [x[0] for x in fs]: fs.append(f)
    parts.append(desc() + "interface %s%s { %s }" % (i, " implements " + " & ".join(parents) if parents else "", " ".join("%s: %s" % f for f in fs)))
impls = {}
for o in objs:
    my = [i for i in ifaces if R.random() < 0.4]
    impls[o] = my
    fs = []
    for i in my:
        for (fname, ft) in iface_fields[i]:
            if fname not in [f[0] for f in fs]: fs.append((fname, ft, ""))
    for k in range(R.randint(1, 4)):
        fs.append(("g%d" % k, wrap(out_type()), args()))
    body = " ".join(desc() + "%s%s: %s%s" % (n, a, t, " @deprecated" if R.random() < 0.1 else "") for (n, t, a) in fs)
    parts.append(desc() + "type %s%s { %s }" % (o, " implements " + " & ".join(my) if my else "", body))
for u in unions:
    members = R.sample(objs + ifaces[:1], R.randint(1, len(objs)))
    parts.append(desc() + "union %s = %s" % (u, " | ".join(members)))
R.shuffle(parts)
if R.random() < 0.3:
    parts.append("extend type Query { ext: Int }")
if R.random() < 0.3:
    parts.append('directive @d%d(a: Int = 1 "doc" b: [String]) %son FIELD | OBJECT' % (R.randint(0, 9), "repeatable " if R.random() < 0.5 else ""))
sdl = "\n".join(parts)
s = build_schema(sdl)
errs = validate_schema(s)
name = "/tmp/corpus/r%s" % sys.argv[1]
if errs:
    import json
    open("/tmp/corpus/bad%s.sdl" % sys.argv[1], "w").write(sdl)
    lines = sdl.split("\n")
    def fix(l):
        # graphql-core starts some definition nodes at the end of the previous token.
        if l.column == len(lines[l.line - 1]) + 1 and l.line < len(lines):
            return "%d:1" % (l.line + 1)
        return "%d:%d" % (l.line, l.column)
    open("/tmp/corpus/bad%s.json" % sys.argv[1], "w").write(json.dumps([__import__("re").sub(r"'([^']*)'", r'"\1"', e.message) + " (" + ", ".join(fix(l) for l in e.locations) + ")" for e in errs]))
    sys.exit(0)
open(name + ".graphql", "w").write(sdl)
open(name + ".printed.graphql", "w").write(print_schema(s))
open(name + ".typenames.txt", "w").write("\n".join(s.type_map))
