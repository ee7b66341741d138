# Goldens for schema-building errors, from graphql-core used as a black-box oracle.
#   python3 scripts/oracle/types-invalid-goldens.py CASES.graphql EXPECTED.json
# CASES holds SDL documents separated by lines of "====". Messages are rewritten to the
# JavaScript reference's quoting ("X" rather than 'X', directive locations as enum names).
import json, re, sys
from graphql import parse, build_ast_schema, validate_schema, GraphQLError
from graphql.validation.validate import validate_sdl
text = open(sys.argv[1]).read()
cases = text.split("\n====\n")
LOC = {"query":"QUERY","mutation":"MUTATION","subscription":"SUBSCRIPTION","field":"FIELD","fragment definition":"FRAGMENT_DEFINITION","fragment spread":"FRAGMENT_SPREAD","inline fragment":"INLINE_FRAGMENT","variable definition":"VARIABLE_DEFINITION","schema":"SCHEMA","scalar":"SCALAR","object":"OBJECT","field definition":"FIELD_DEFINITION","argument definition":"ARGUMENT_DEFINITION","interface":"INTERFACE","union":"UNION","enum":"ENUM","enum value":"ENUM_VALUE","input object":"INPUT_OBJECT","input field definition":"INPUT_FIELD_DEFINITION"}
def js(msg):
    m = re.sub(r"'([^']*)'", r'"\1"', msg)
    m = re.sub(r"may not be used on ([a-z ]+)\.", lambda x: "may not be used on " + LOC[x.group(1)] + ".", m)
    return m
out = []
offset_lines = 0
for i, c in enumerate(cases):
    doc = parse(c)
    errs = validate_sdl(doc)
    if not errs:
        try:
            errs = validate_schema(build_ast_schema(doc, assume_valid_sdl=True))
        except TypeError as e:
            print("BUILD FAILED (hand-written test instead):", e)
            out.append(None); continue
    lines = c.split("\n")
    res = []
    for e in errs:
        locs = []
        for l in (e.locations or []):
            # graphql-core starts some extension/schema nodes at the end of the previous line.
            if l.line <= len(lines) and l.column == len(lines[l.line-1]) + 1 and l.line < len(lines):
                locs.append([l.line + 1, 1])
            else:
                locs.append([l.line, l.column])
        res.append({"message": js(e.message), "locations": locs})
    out.append(res)
json.dump(out, open(sys.argv[2], 'w'), indent=1)
for c, r in zip(cases, out):
    print("----", c.split("\n")[0][:60])
    for e in (r or []): print("  ", e["message"], e["locations"])
