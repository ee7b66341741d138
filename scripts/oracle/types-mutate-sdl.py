# Usage: python3 scripts/oracle/types-mutate-sdl.py SEED COUNT OUT.json (after types-random-schema.py filled /tmp/corpus).
# Mutates valid generated schemas into SDL-invalid ones and records the reference's SDL errors.
import json, random, re, sys, glob
from graphql import parse, GraphQLError
from graphql.validation.validate import validate_sdl
LOC = {"query":"QUERY","mutation":"MUTATION","subscription":"SUBSCRIPTION","field":"FIELD","fragment definition":"FRAGMENT_DEFINITION","fragment spread":"FRAGMENT_SPREAD","inline fragment":"INLINE_FRAGMENT","variable definition":"VARIABLE_DEFINITION","schema":"SCHEMA","scalar":"SCALAR","object":"OBJECT","field definition":"FIELD_DEFINITION","argument definition":"ARGUMENT_DEFINITION","interface":"INTERFACE","union":"UNION","enum":"ENUM","enum value":"ENUM_VALUE","input object":"INPUT_OBJECT","input field definition":"INPUT_FIELD_DEFINITION"}
def js(msg):
    m = re.sub(r"'([^']*)'", r'"\1"', msg)
    return re.sub(r"may not be used on ([a-z ]+)\.", lambda x: "may not be used on " + LOC[x.group(1)] + ".", m)
R = random.Random(int(sys.argv[1]))
files = sorted(f for f in glob.glob('/tmp/corpus/r*.graphql') + glob.glob('/tmp/corpus2/r*.graphql') if '.printed' not in f)
out = []
for k in range(int(sys.argv[2])):
    sdl = open(R.choice(files)).read()
    lines = sdl.split("\n")
    for _ in range(R.randint(1, 3)):
        m = R.randrange(8)
        i = R.randrange(len(lines))
        if m == 0: lines.insert(R.randrange(len(lines)+1), lines[i])                       # duplicate a definition
        elif m == 1: lines[i] = re.sub(r": ([A-Z][A-Za-z0-9]*)", lambda x: ": " + x.group(1)[:-1] + "x", lines[i], count=1)  # misspell a type
        elif m == 2: lines[i] = re.sub(r"(: [^ ]+)", r"\1 @deprecated @deprecated", lines[i], count=1)
        elif m == 3: lines[i] = re.sub(r"(: [^ ]+)", r"\1 @unknown(a: 1)", lines[i], count=1)
        elif m == 4: lines.append(R.choice(["extend type Nope { a: Int }", "extend enum Query { Z }", "extend input O0 { z: Int }", "extend union Query = O0", "extend scalar Strin", "extend interface I9 { a: Int }"]))
        elif m == 5: lines[i] = re.sub(r"(g0|f0)(\(|:)", r"\1\2", lines[i]) + (" " + lines[i] if lines[i].startswith("type") else "")
        elif m == 6: lines.append('schema { query: Query query: O0 }' if R.random() < 0.5 else 'directive @deprecated on FIELD\ndirective @deprecated on FIELD')
        else: lines[i] = re.sub(r"(: [^ ]+)", r'\1 @specifiedBy(url: "x", url: "y", z: {a: 1, a: 2})', lines[i], count=1)
    text = "\n".join(lines)
    try:
        doc = parse(text)
    except GraphQLError:
        continue
    errs = validate_sdl(doc)
    if not errs: continue
    tl = text.split("\n")
    def fix(l):
        if l.column == len(tl[l.line - 1]) + 1 and l.line < len(tl): return "%d:1" % (l.line + 1)
        return "%d:%d" % (l.line, l.column)
    out.append({"sdl": text, "errors": [js(e.message) + " (" + ", ".join(fix(l) for l in e.locations) + ")" for e in errs]})
json.dump(out, open(sys.argv[3], "w"), indent=1)
print(len(out))
