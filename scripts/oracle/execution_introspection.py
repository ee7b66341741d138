import sys, json
from graphql import graphql_sync, build_schema, get_introspection_query
sdl = "".join(open(f).read() + "\n" for f in sys.argv[1:])
q = get_introspection_query(descriptions=True, specified_by_url=True, directive_is_repeatable=True, input_value_deprecation=True)
r = graphql_sync(build_schema(sdl), q)
assert not r.errors, r.errors
print(json.dumps({"data": r.data}, separators=(",", ":"), ensure_ascii=False))
