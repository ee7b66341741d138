#!/usr/bin/env python3
# Generates Tests/GraphQLKitTests/Fixtures/validation-cases.json: the expected validation errors
# of each case, produced by running graphql-core (the reference implementation's Python port) as
# a black box. Run from the repository root, with the September 2025 spec's Section 5:
#   python3 scripts/oracle/validation-goldens.py "/path/to/spec/Section 5 -- Validation.md"
# graphql-core 3.2 predates parts of the September 2025 edition: cases for those (Operation Type
# Existence, the OneOf variable rule) carry hand-written expectations in graphql-js 17 wording.
import json, re, sys
from graphql import build_schema, parse, validate, specified_rules
import graphql.validation as V

FIXTURES = "Tests/GraphQLKitTests/Fixtures/"
SCHEMAS = {
    "spec": open(FIXTURES + "validation-schema.graphql").read(),
    "hello": "type Query { hello: String }",
    "noSubscription": "type Query { a: Int } type Mutation { b: Int }",
}
built = {k: build_schema(v) for k, v in SCHEMAS.items()}

RULE_BY_HEADING = {
    "Executable Definitions": "ExecutableDefinitions",
    "Operation Type Existence": "KnownOperationTypes",
    "Operation Name Uniqueness": "UniqueOperationNames",
    "Lone Anonymous Operation": "LoneAnonymousOperation",
    "Single Root Field": "SingleFieldSubscriptions",
    "Field Selections": "FieldsOnCorrectType",
    "Field Selection Merging": "OverlappingFieldsCanBeMerged",
    "Leaf Field Selections": "ScalarLeafs",
    "Argument Names": "KnownArgumentNames",
    "Required Arguments": "ProvidedRequiredArguments",
    "Fragment Name Uniqueness": "UniqueFragmentNames",
    "Fragment Spread Type Existence": "KnownTypeNames",
    "Fragments on Object, Interface or Union Types": "FragmentsOnCompositeTypes",
    "Fragment Spread Target Defined": "KnownFragmentNames",
    "Fragment Spreads Must Not Form Cycles": "NoFragmentCycles",
    "Fragment Spread Is Possible": "PossibleFragmentSpreads",
    "Values of Correct Type": "ValuesOfCorrectType",
    "Input Object Field Names": "ValuesOfCorrectType",
    "Input Object Field Uniqueness": "UniqueInputFieldNames",
    "Directives Are in Valid Locations": "KnownDirectives",
    "Variable Uniqueness": "UniqueVariableNames",
    "Variables Are Input Types": "VariablesAreInputTypes",
    "All Variable Uses Defined": "NoUndefinedVariables",
    "All Variables Used": "NoUnusedVariables",
    "All Variable Usages Are Allowed": "VariablesInAllowedPosition",
}

def spec_blocks(path):
    head, inb, kind, buf, out = None, False, None, [], []
    for line in open(path).read().split("\n"):
        m = re.match(r"^(#{2,4}) (.*)", line)
        if m and not inb:
            head = m.group(2)
        if line.startswith("```graphql"):
            inb, kind, buf = True, line.split()[1], []
            continue
        if line.startswith("```") and inb:
            inb = False
            # Placeholder bodies ("# ...") would leave empty selection sets.
            out.append((head, kind, "\n".join(buf).replace("  # ...\n", "  __typename\n") + "\n"))
            continue
        if inb:
            buf.append(line)
    return out

cases = []
def case(rule, name, query, schema="spec", expected=None, all_extra=(), all_expected=None):
    cases.append(dict(rule=rule, name=name, query=query, schema=schema, expected=expected,
                      all_extra=list(all_extra), all_expected=all_expected))

def err(message, *locs):
    return {"message": message, "locations": [list(l) for l in locs]}

def line_col(text, offset):
    # graphql-core 3.2 misplaces offsets at the start of a line (it reports the end of the
    # previous one), so positions are computed here from offsets.
    line = text.count("\n", 0, offset) + 1
    return (line, offset - (text.rfind("\n", 0, offset) + 1) + 1)

def at(text, needle, nth=0):
    """The line and column of the nth occurrence of needle in text."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return line_col(text, i)

# MARK: the specification's examples and counter-examples
for i, (head, kind, text) in enumerate(spec_blocks(sys.argv[1]), 1):
    if head is None or text.lstrip().startswith(("type ", "extend type", "input ")) and "{\n  dog" not in text:
        continue  # schema fragments: already part of validation-schema.graphql
    rule = RULE_BY_HEADING[head]
    schema = "hello" if head == "Operation Type Existence" else "spec"
    name = f"spec block {i} ({kind})"
    if i == 5:
        e = err('The mutation operation is not supported by the schema.', (1, 1))
        case(rule, name, text, schema, expected=[e], all_extra=[e])
    elif i == 15:
        # The reference throws here (it evaluates @include without variable values); the spec
        # counts both fields, since either may be selected at run time.
        e = err('Subscription "requiredRuntimeValidation" must select only one top level field.', (6, 3))
        case(rule, name, text, schema, expected=[e], all_expected=[e])
    elif i == 4:
        case(rule, name, text, schema, expected=[])
    elif i == 88:
        e = err('Variable "$cat" is of type "CatInput" but must be non-nullable to be used for OneOf Input Object "PetInput".', at(text, "$cat"), at(text, "$cat", 1))
        case(rule, name, text, expected=[e], all_extra=[e])
    elif i == 61:
        # Both nullable $dog usages fill OneOf fields: the one beside a second key too.
        m = 'Variable "$dog" is of type "DogInput" but must be non-nullable to be used for OneOf Input Object "PetInput".'
        es = [err(m, at(text, "$dog"), at(text, "$dog", 1)), err(m, at(text, "$dog", 2), at(text, "$dog", 3))]
        case(rule, name, text, all_extra=es)
        case("VariablesInAllowedPosition", name, text, expected=es, all_extra=es)
    else:
        case(rule, name, text, schema)

# MARK: further cases, rule by rule
R = "ExecutableDefinitions"
case(R, "only operations and fragments", "query Foo { dog { name } } fragment F on Dog { name }")
case(R, "object type definition", "query Foo { dog { name } } type Cow { name: String } extend type Dog { color: String }")
case(R, "schema definition and extension", "schema { query: Query } extend schema @onQuery { mutation: Mutation } query Foo { dog { name } }")
case(R, "directive, scalar, enum, input definitions", "{ dog { name } } directive @d on FIELD scalar S enum E { A } input I { a: Int } union U = Dog interface X { a: Int }")

R = "KnownOperationTypes"
case(R, "query only schema accepts queries", "query A { hello } { hello }", schema="hello", expected=[])
e1 = err("The mutation operation is not supported by the schema.", (1, 1))
e2 = err("The subscription operation is not supported by the schema.", (1, 22))
case(R, "mutation and subscription missing", "mutation M { hello } subscription S { hello }", schema="hello",
     expected=[e1, err("The subscription operation is not supported by the schema.", (1, 22))], all_extra=[e1, e2])
e = err("The subscription operation is not supported by the schema.", (1, 1))
case(R, "subscription missing beside mutation", "subscription { a }", schema="noSubscription", expected=[e], all_extra=[e])
case(R, "every root present", "query { dog { name } } mutation { addPet(pet: {cat: {name: \"a\"}}) { name } } subscription { newMessage { body } }", expected=[])

R = "UniqueOperationNames"
case(R, "no operations", "fragment F on Dog { name }")
case(R, "one anonymous", "{ dog { name } }")
case(R, "different names", "query A { dog { name } } query B { dog { name } } mutation C { __typename } subscription D { newMessage { body } }")
case(R, "fragment and operation of one name", "query F { dog { ...F } } fragment F on Dog { name }")
case(R, "three with one name", "query A { dog { name } } query A { dog { name } } query A { dog { name } }")
case(R, "same name, other kinds", "query A { dog { name } } mutation A { __typename } subscription A { newMessage { body } }")

R = "LoneAnonymousOperation"
case(R, "no operations", "fragment F on Dog { name }")
case(R, "one anonymous and a fragment", "{ dog { ...F } } fragment F on Dog { name }")
case(R, "two anonymous", "{ dog { name } } { dog { nickname } }")
case(R, "anonymous mutation beside query", "{ dog { name } } mutation { __typename }")
case(R, "anonymous subscription beside query", "{ dog { name } } subscription { newMessage { body } }")

R = "SingleFieldSubscriptions"
case(R, "one field with alias", "subscription { m: newMessage { body } }")
case(R, "fragments and inline fragments", "subscription S { ... on Subscription { newMessage { body } } ...F } fragment F on Subscription { newMessage { sender } }")
case(R, "same field twice merges", "subscription { newMessage { body } newMessage { sender } }")
case(R, "three fields anonymous", "subscription { newMessage { body } disallowedSecondRootField petAdded { name } }")
case(R, "many fields through fragments", "subscription S { ...A ...B } fragment A on Subscription { newMessage { body } } fragment B on Subscription { disallowedSecondRootField }")
case(R, "introspection in fragment", "subscription S { ...F } fragment F on Subscription { __typename }")
case(R, "introspection and another field", "subscription { __typename newMessage { body } }")
case(R, "skip with literal", "subscription { newMessage { body } disallowedSecondRootField @skip(if: true) }")
case(R, "include false literal", "subscription { newMessage { body } petAdded @include(if: false) { name } }")
case(R, "query operations are not checked", "query { dog { name } human { name } }")

R = "FieldsOnCorrectType"
case(R, "object, interface, union typename", "{ dog { name __typename } pet { name __typename } catOrDog { __typename } }")
case(R, "aliased unknown fields", "fragment F on Dog { tName: unknownField nn: nickname }")
case(R, "unknown field on interface with suggestions", "fragment F on Pet { nicknam barkVolume meowVolume }")
case(R, "unknown field on union suggests types", "fragment F on SearchResult { name iq }")
case(R, "unknown nested field", "{ dog { owner { unknown { name } } } }")
case(R, "meta fields", "{ __schema { queryType { name } } __type(name: \"Dog\") { name } dog { __schema { types { name } } } }")
case(R, "field on enum-typed fragment ignored", "fragment F on Dog { name { x } }")
case(R, "unknown root fields", "{ cat { name } } mutation { deleteDog } subscription { oldMessage }")
case(R, "case-only difference", "fragment F on Dog { Name NICKNAME barkvolume }")
case(R, "unknown fragment type skipped", "fragment F on Unknown { a b }")
case(R, "interface suggestion order", "fragment F on Node { name bestFriend }")

R = "OverlappingFieldsCanBeMerged"
case(R, "unique fields", "fragment F on Dog { name nickname }")
case(R, "identical fields with identical directives", "fragment F on Dog { name @include(if: true) name @include(if: true) }")
case(R, "different directives still merge", "fragment F on Dog { name @include(if: true) name @skip(if: false) }")
case(R, "same aliases different field targets", "fragment F on Dog { fido: name fido: nickname }")
case(R, "alias masking direct field", "fragment F on Dog { name: nickname name }")
case(R, "different args second missing", "fragment F on Dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand }")
case(R, "args in different order", "fragment F on Query { arguments { multipleRequirements(x: 1, y: 2) multipleRequirements(y: 2, x: 1) } }")
case(R, "object values in different order", "{ search(filter: {text: \"a\", limit: 1}) { __typename } search(filter: {limit: 1, text: \"a\"}) { __typename } }")
case(R, "conflicting object values", "{ search(filter: {text: \"a\"}) { __typename } search(filter: {text: \"b\"}) { __typename } }")
case(R, "encounters conflict in fragments", "{ dog { ...A ...B } } fragment A on Dog { x: name } fragment B on Dog { x: nickname }")
case(R, "reports each conflict once", "{ dog { f1: ...A } }".replace("f1: ", "") + " fragment A on Dog { x: name } fragment B on Dog { x: nickname } query Q { dog { ...A ...B x: barkVolume } }")
case(R, "deep conflict", "{ dog { owner { x: name } owner { x: iq } } }")
case(R, "deep conflict with multiple issues", "{ dog { owner { x: name y: name } owner { x: iq y: id } } }")
case(R, "very deep conflict", "{ deep { a { a { x: scalar } } } deep { a { a { x: other } } } }")
case(R, "reports deep conflict to nearest common ancestor", "{ deep { a { x: scalar } a { x: other } } deep { b { x: scalar } } }")
case(R, "reports deep conflict in fragments", "{ deep { ...F } deep { ...G } } fragment F on Deep { a { x: scalar } } fragment G on Deep { a { x: other } }")
case(R, "ignores unknown fragments", "{ dog { name ...Unknown ...Known } } fragment Known on Dog { name ...OtherUnknown }")
case(R, "conflicting return types on exclusive parents", "{ pet { ... on Dog { v: barkVolume } ... on Cat { v: name } } }")
case(R, "compatible return shapes on exclusive parents", "{ pet { ... on Dog { v: barkVolume } ... on Cat { v: meowVolume } } }")
case(R, "nullability differs on exclusive parents", "{ pet { ... on Dog { v: name } ... on Cat { v: nickname } } }")
case(R, "list vs non-list on exclusive parents", "{ catOrDog { ... on Dog { f: friends { name } } ... on Cat { f: name } } }")
case(R, "interface parents are not exclusive", "{ pet { ... on Pet { v: name } ... on Dog { v: nickname } } }")
case(R, "exclusive parents with conflicting subfields", "{ catOrDog { ... on Dog { x: owner { n: name } } ... on Cat { x: owner { n: iq } } } }".replace("... on Cat { x: owner { n: iq } }", "... on Cat { x: nickname }"))
case(R, "same typename alias", "{ dog { __typename t: __typename } cat: dog { __typename } }")
case(R, "typename vs field", "{ dog { name: __typename name } }")
case(R, "fragment spread twice", "{ dog { ...A ...A } } fragment A on Dog { name }")
case(R, "fragments compared with fields and nested fragments", "{ dog { x: name ...A } } fragment A on Dog { ...B } fragment B on Dog { x: nickname }")
case(R, "two fragments sharing a nested fragment", "{ dog { ...A ...B } } fragment A on Dog { ...C x: name } fragment B on Dog { ...C } fragment C on Dog { x: nickname }")
case(R, "variables vs literals", "query ($a: Int) { deep { leaf(x: $a) leaf(x: 1) } }")
case(R, "same variable", "query ($a: Int) { deep { leaf(x: $a) leaf(x: $a) } }")
case(R, "conflict inside repeated identical fields", "{ dog { owner { x: name x: iq } } dog { owner { x: name x: iq } } }")
case(R, "many fields of one name conflicting", "{ dog { a: name a: nickname a: name a: barkVolume } }")

R = "ScalarLeafs"
case(R, "valid scalar selection", "fragment F on Dog { barkVolume name }")
case(R, "object type missing selection", "query Q { human }")
case(R, "interface type missing selection", "{ human { pets } }")
case(R, "valid with args", "fragment F on Dog { doesKnowCommand(dogCommand: SIT) }")
case(R, "scalar with selection and args", "fragment F on Dog { doesKnowCommand(dogCommand: SIT) { sinceWhen } }")
case(R, "enum with selection", "{ dog { ... on Cat { furColor { inHexDec } } } }".replace("dog { ... on Cat", "pet { ... on Cat"))
case(R, "list of objects missing selection", "{ nodes(ids: [\"1\"]) } { dog { friends } }".replace("} {", ""))
case(R, "non-null list of union missing selection", "{ search }")
case(R, "introspection meta fields", "{ __typename __schema __type(name: \"Dog\") { name { x } } }")

R = "KnownArgumentNames"
case(R, "known args on fields and directives", "fragment F on Dog { doesKnowCommand(dogCommand: SIT) isHouseTrained(atOtherHomes: true) @include(if: true) @skip(if: false) }")
case(R, "unknown args on unknown field ignored", "fragment F on Dog { unknown(unknown: SIT) }")
case(R, "unknown args on field with suggestions", "fragment F on Dog { doesKnowCommand(DogCommand: SIT) isHouseTrained(atOtherHome: true) }")
case(R, "unknown args on directive with suggestions", "{ dog @skip(iff: true) @include(iff: false, if: true) { name } }")
case(R, "unknown directive args ignored", "{ dog @unknown(a: 1) { name } }")
case(R, "unknown arg on custom directive", "{ dog { name @withArgs(required: 1, requird: 2) } }")
case(R, "nested unknown args", "{ dog { doesKnowCommand(dogCommand: SIT, a: 1) owner { name(b: 2) } } }")
case(R, "misplaced args in input objects are not this rule", "{ findDog(searchBy: { unknown: 1 }) { name } }")
case(R, "args on meta fields", "{ __typename(a: 1) __type(name: \"Dog\", x: 2) { name } }")

R = "UniqueArgumentNames"
case(R, "no arguments", "{ dog { name @include(if: true) } }")
case(R, "distinct arguments", "{ arguments { multipleRequirements(x: 1, y: 2) } }")
case(R, "same argument on two fields", "{ a: findDog(searchBy: {name: \"a\"}) { name } b: findDog(searchBy: {name: \"b\"}) { name } }")
case(R, "duplicate field arguments", "{ arguments { multipleRequirements(x: 1, x: 2, y: 1) } }")
case(R, "many duplicate field arguments", "{ arguments { multipleRequirements(x: 1, x: 2, x: 3, y: 1, y: 2) } }")
case(R, "duplicate directive arguments", "{ dog @include(if: true, if: false) { name } }")

R = "ProvidedRequiredArguments"
case(R, "ignores unknown arguments", "{ dog { isHouseTrained(unknownArgument: true) } }")
case(R, "arg on optional arg omitted", "{ dog { isHouseTrained } }")
case(R, "multiple required args given in either order", "{ complicatedArgs { multipleReqs(req1: 1, req2: 2) a: multipleReqs(req2: 2, req1: 1) } }")
case(R, "missing one of multiple required", "{ complicatedArgs { multipleReqs(req2: 2) } }")
case(R, "missing all required", "{ complicatedArgs { multipleReqs } }")
case(R, "non-null with default may be omitted", "{ complicatedArgs { nonNullFieldWithDefault multipleOptAndReq(req1: 1, req2: 2) } }")
case(R, "unknown directive ignored", "{ dog @unknown { name } }")
case(R, "directives with required args", "{ dog @include { name @skip } human @withArgs(optional: \"y\") { name } }")
case(R, "directives with args given", "{ dog @include(if: true) { name @withArgs(required: 1) } }")
case(R, "null literal is not this rule", "{ complicatedArgs { nonNullIntArgField(nonNullIntArg: null) } }")
case(R, "variable for required", "query ($v: Int!) { complicatedArgs { nonNullIntArgField(nonNullIntArg: $v) } }")

R = "UniqueFragmentNames"
case(R, "no fragments", "{ dog { name } }")
case(R, "one fragment", "{ dog { ...F } } fragment F on Dog { name }")
case(R, "many fragments", "{ dog { ...A ...B ...C } } fragment A on Dog { name } fragment B on Dog { nickname } fragment C on Dog { barkVolume }")
case(R, "inline fragments are always unique", "{ dog { ... on Dog { name } ... on Dog { nickname } } }")
case(R, "fragment and operation named the same", "query F { dog { ...F } } fragment F on Dog { name }")
case(R, "three fragments with one name", "{ dog { ...F } } fragment F on Dog { name } fragment F on Dog { name } fragment F on Dog { nickname }")

R = "KnownTypeNames"
case(R, "known type names", "query Q($var: String, $required: [Int!]!, $o: FindDogInput) { dog { ... on Pet { name } ...F } } fragment F on Dog { name }")
case(R, "unknown type names with suggestions", "query Q($var: JumbledUpLetters, $b: [Strin!]!) { dog { ... on Dogg { name } ...F } } fragment F on Peat { name }")
case(R, "unknown built-in scalar not in schema", "query ($f: Float, $i: ID) { dog { name } }")
case(R, "introspection types are known", "fragment F on __Schema { queryType { name } } fragment G on __Type { name }")
case(R, "type definitions in the document", "type Cow { name: String, friend: Cowz } { dog { name } }")
case(R, "standard names in SDL", "type Cow { name: Strin, id: ID, f: Float } { dog { name } }")

R = "FragmentsOnCompositeTypes"
case(R, "object, interface, union, inline without type", "fragment A on Dog { name } fragment B on Pet { name } fragment C on CatOrDog { __typename } { dog { ... { name } ... on Dog { name } } }")
case(R, "not on enum, input or custom scalar", "fragment A on FurColor { x } fragment B on FindDogInput { x } fragment C on Custom { x }")
case(R, "inline on input", "{ dog { ... on DogInput { name } } }")
case(R, "unknown types are not this rule", "fragment A on Unknown { x } { dog { ... on Nope { x } } }")

R = "NoUnusedFragments"
case(R, "all fragment names used", "{ human { ...HumanFields1 ... on Human { ...HumanFields2 } } } fragment HumanFields1 on Human { name ...HumanFields3 } fragment HumanFields2 on Human { name } fragment HumanFields3 on Human { name }")
case(R, "all used by multiple operations", "query A { human { ...F1 } } query B { human { ...F2 } } fragment F1 on Human { name ...F3 } fragment F2 on Human { name } fragment F3 on Human { name }")
case(R, "unused fragments", "query A { human { ...F1 } } fragment F1 on Human { name } fragment Unused1 on Human { name } fragment Unused2 on Human { name }")
case(R, "unused fragments with reference cycle", "query A { human { ...F1 } } fragment F1 on Human { name } fragment U1 on Human { name ...U2 } fragment U2 on Human { name ...U1 }")
case(R, "unknown fragment reference", "{ human { ...bar } } fragment foo on Human { name }")
case(R, "no operations at all", "fragment A on Dog { name } fragment B on Dog { ...A }")

R = "KnownFragmentNames"
case(R, "known fragment names", "{ human { ...HumanFields1 ... on Human { ...HumanFields2 } ... { name } } } fragment HumanFields1 on Human { name ...HumanFields3 } fragment HumanFields2 on Human { name } fragment HumanFields3 on Human { name }")
case(R, "unknown fragment names", "{ human { ...UnknownFragment1 ... on Human { ...UnknownFragment2 } } } fragment HumanFields on Human { name ...UnknownFragment3 }")

R = "NoFragmentCycles"
case(R, "single reference", "fragment A on Dog { ...B } fragment B on Dog { name }")
case(R, "spreading twice is not circular", "fragment A on Dog { ...B ...B } fragment B on Dog { name }")
case(R, "spreading twice indirectly", "fragment A on Dog { ...B ...C } fragment B on Dog { ...C } fragment C on Dog { name }")
case(R, "double spread within abstract types", "fragment nameFragment on Pet { ... on Dog { name } ... on Cat { name } } fragment spreadsInAnon on Pet { ... on Dog { ...nameFragment } ... on Cat { ...nameFragment } }")
case(R, "unknown fragment", "fragment A on Dog { ...Unknown }")
case(R, "spreading recursively within field", "fragment A on Human { relatives { ...A } }")
case(R, "directly", "fragment A on Dog { ...A }")
case(R, "directly within inline fragment", "fragment A on Pet { ... on Dog { ...A } }")
case(R, "indirectly", "fragment A on Dog { ...B } fragment B on Dog { ...A }")
case(R, "indirectly reports opposite order", "fragment B on Dog { ...A } fragment A on Dog { ...B }")
case(R, "deeply", "fragment A on Dog { ...B } fragment B on Dog { ...C } fragment C on Dog { ...O } fragment X on Dog { ...Y } fragment Y on Dog { ...Z } fragment Z on Dog { ...O } fragment O on Dog { ...P } fragment P on Dog { ...A ...X }")
case(R, "deeply and immediately", "fragment A on Dog { ...B } fragment B on Dog { ...B ...C } fragment C on Dog { ...A }")
case(R, "does not false positive on unknown", "fragment A on Dog { ...Unknown ...A }")

R = "PossibleFragmentSpreads"
case(R, "object into same object, interface, union", "fragment A on Dog { ...B } fragment B on Dog { name } fragment C on Pet { ...B } fragment D on CatOrDog { ...B }")
case(R, "interface into implemented object and overlapping", "fragment A on Dog { ...P } fragment P on Pet { name } fragment U on CatOrDog { ...P } fragment I on Node { ...P }")
case(R, "union into overlapping union and interface", "fragment A on DogOrHuman { ...U } fragment U on CatOrDog { __typename } fragment B on Pet { ...U }")
case(R, "different object into object", "fragment A on Cat { ...D } fragment D on Dog { name } { dog { ... on Cat { name } } }")
case(R, "object into non-implementing interface and union", "fragment A on Sentient { ...D } fragment D on Dog { name } fragment B on HumanOrAlien { ...D } { sentient { ... on Dog { name } } }")
case(R, "interface into non-implementing object", "fragment A on Alien { ...P } fragment P on Pet { name } { human { ... on Pet { name } } }")
case(R, "union into non-overlapping union and interface", "fragment A on HumanOrAlien { ...U } fragment U on CatOrDog { __typename } fragment B on Sentient { ...U }")
case(R, "unknown types ignored", "fragment A on Dog { ...U ... on Unknown { x } } fragment U on Unknown { x }")
case(R, "interface into implementing interface", "fragment A on Canine { ...N } fragment N on Node { id } fragment B on Node { ...C } fragment C on Canine { id }")

R = "ValuesOfCorrectType"
case(R, "good values", '{ complicatedArgs { intArgField(intArg: 2) stringArgField(stringArg: "foo") booleanArgField(booleanArg: false) enumArgField(enumArg: BROWN) floatArgField(floatArg: 1.1) a: floatArgField(floatArg: 1) idArgField(idArg: "someIdString") b: idArgField(idArg: 1) } }')
case(R, "good nulls", "{ complicatedArgs { intArgField(intArg: null) stringListArgField(stringListArg: null) } }")
case(R, "invalid string values", "{ complicatedArgs { stringArgField(stringArg: 1) a: stringArgField(stringArg: 1.0) b: stringArgField(stringArg: true) c: stringArgField(stringArg: BAR) } }")
case(R, "invalid int values", '{ complicatedArgs { intArgField(intArg: "3") a: intArgField(intArg: 829384293849283498239482938) b: intArgField(intArg: FOO) c: intArgField(intArg: 3.0) d: intArgField(intArg: 3.333) } }')
case(R, "invalid float values", '{ complicatedArgs { floatArgField(floatArg: "3.333") a: floatArgField(floatArg: true) b: floatArgField(floatArg: FOO) } }')
case(R, "invalid boolean values", '{ complicatedArgs { booleanArgField(booleanArg: 2) a: booleanArgField(booleanArg: 1.0) b: booleanArgField(booleanArg: "true") c: booleanArgField(booleanArg: TRUE) } }')
case(R, "invalid id values", "{ complicatedArgs { idArgField(idArg: 1.0) a: idArgField(idArg: true) b: idArgField(idArg: SOMETHING) } }")
case(R, "invalid enum values", '{ complicatedArgs { enumArgField(enumArg: 2) a: enumArgField(enumArg: 1.0) b: enumArgField(enumArg: "BROWN") c: enumArgField(enumArg: brown) d: enumArgField(enumArg: BRWN) e: enumArgField(enumArg: true) } }')
case(R, "list values", '{ complicatedArgs { stringListArgField(stringListArg: ["one", null, "two"]) a: stringListArgField(stringListArg: []) b: stringListArgField(stringListArg: "one") c: stringListArgField(stringListArg: ["one", 2]) d: stringListArgField(stringListArg: 1) } }')
case(R, "non-null list items", '{ complicatedArgs { stringListNonNullArgField(stringListNonNullArg: ["a", null]) } }')
case(R, "list where a scalar is expected", "{ complicatedArgs { intArgField(intArg: [1, 2]) a: nonNullIntArgField(nonNullIntArg: [1]) } }")
case(R, "null into non-null", "{ complicatedArgs { nonNullIntArgField(nonNullIntArg: null) multipleReqs(req1: null, req2: 2) } }")
case(R, "input objects", '{ complicatedArgs { complexArgField(complexArg: { requiredField: true }) a: complexArgField(complexArg: { requiredField: false, nonNullField: true, intField: 4, stringListField: ["a"] }) } }')
case(R, "input object missing required and unknown fields", "{ complicatedArgs { complexArgField(complexArg: { intField: 4 }) a: complexArgField(complexArg: { requiredField: true, invalidField: \"value\", stringListfield: [\"a\"] }) } }")
case(R, "input object nested errors", '{ complicatedArgs { complexArgField(complexArg: { requiredField: true, stringListField: ["one", 2], nonNullField: null }) } }')
case(R, "object where scalar expected and scalar where object", "{ complicatedArgs { intArgField(intArg: {a: 1}) complexArgField(complexArg: 3) b: complexArgField(complexArg: \"x\") } }")
case(R, "directive arguments", "{ dog @include(if: \"yes\") { name @skip(if: ENUM) } }")
case(R, "variable default values", 'query ($a: Int = 1, $b: String = "ok", $c: ComplexInput = { requiredField: true, intField: 3 }, $d: Int! = 123, $e: [Int] = [1, "x"], $f: FindDogInput = { nam: "x" }, $g: Boolean = "no") { dog { name } }')
case(R, "variable default null into non-null", "query ($a: Int! = null, $b: String = null) { dog { name } }")
case(R, "variables in values are not checked here", "query ($a: Int, $b: String) { complicatedArgs { intArgField(intArg: $a) complexArgField(complexArg: { requiredField: true, stringField: $b, intField: $b }) } }")
case(R, "custom scalar accepts any literal", "query ($c: Custom = { a: [1, B, \"c\"] }) { dog { name } }")
case(R, "unknown argument values unchecked", "{ complicatedArgs { intArgField(unknown: \"x\") } }")
case(R, "recursive input object", '{ search(filter: { text: "a", near: { text: 1, near: { limit: "x" } } }) { __typename } }')
case(R, "oneOf null field", "{ complicatedArgs { oneOfArgField(oneOfArg: { cat: null }) } }")
case(R, "oneOf two fields", '{ complicatedArgs { oneOfArgField(oneOfArg: { cat: { name: "a" }, dog: { name: "b" } }) } }')
case(R, "oneOf two fields, one null", '{ complicatedArgs { oneOfArgField(oneOfArg: { cat: null, dog: { name: "b" } }) } }')
case(R, "oneOf empty", "{ complicatedArgs { oneOfArgField(oneOfArg: {}) } }")
case(R, "oneOf exactly one", '{ complicatedArgs { oneOfArgField(oneOfArg: { dog: { name: "a" } }) } }')
case(R, "oneOf nested in list", '{ complicatedArgs { a: oneOfArgField(oneOfArg: { dog: { name: "a" }, cat: { name: "b" } }) } } mutation { addPets(pets: [{}, { cat: { name: "x" } }, { dog: null }]) { name } }')
case(R, "oneOf unknown field", '{ complicatedArgs { oneOfArgField(oneOfArg: { cow: { name: "a" } }) } }')

R = "UniqueInputFieldNames"
case(R, "input object with fields", '{ field(arg: { field: true }) }')
case(R, "same input object within two args", '{ search(filter: { text: "a" }) { __typename } }')
case(R, "multiple input object fields", '{ search(filter: { text: "a", kinds: ["b"], limit: 1 }) { __typename } }')
case(R, "nested input objects with similar fields", '{ search(filter: { text: "a", near: { text: "b", near: { text: "c" } } }) { __typename } }')
case(R, "duplicate input object fields", '{ search(filter: { text: "a", text: "b" }) { __typename } }')
case(R, "many duplicate input object fields", '{ search(filter: { text: "a", text: "b", text: "c" }) { __typename } }')
case(R, "nested duplicate input object fields", '{ search(filter: { text: "a", near: { limit: 1, limit: 2 } }) { __typename } }')

R = "KnownDirectives"
case(R, "no directives", "{ dog { name } }")
case(R, "known directives", "{ dog @include(if: true) { name } human @skip(if: false) { name } }")
case(R, "unknown directive", "{ dog @unknown(directive: \"value\") { name } }")
case(R, "many unknown directives", "{ dog @unknown { name } human @unknown { name pets @alsoUnknown { name } } }")
case(R, "well placed directives", "query ($var: Boolean @onVariableDefinition) @onQuery { dog @onField { ...Frag @onFragmentSpread ... @onInlineFragment { name } } } mutation @onMutation { __typename } subscription @onSubscription { newMessage { body } } fragment Frag on Dog @onFragmentDefinition { name }")
case(R, "misplaced directives", "query ($var: Boolean @onQuery) @onField { dog @onQuery { ...Frag @onInlineFragment ... @onFragmentSpread { name } } } mutation @onQuery { __typename } subscription @onMutation { newMessage { body } } fragment Frag on Dog @onSubscription { name }")
case(R, "deprecated and specifiedBy are not executable", "{ dog @deprecated { name @specifiedBy(url: \"x\") } }")
case(R, "directives in SDL in the document", "type T @onField { f: Int @deprecated } scalar S @specifiedBy(url: \"u\") input I { a: Int @deprecated b: Int @onQuery } directive @d(a: Int @deprecated) on FIELD { dog @d { name } }")

R = "UniqueDirectivesPerLocation"
case(R, "no directives", "fragment F on Dog { name }")
case(R, "unique directives in different locations", "fragment F on Dog @onFragmentDefinition { name @onField }")
case(R, "unique directives in same location", "fragment F on Dog { name @onField @skip(if: false) }")
case(R, "same directives in different locations", "fragment F on Dog @onFragmentDefinition { name @onFragmentDefinition }")
case(R, "same directives in similar locations", "fragment F on Dog { name @onField name @onField }")
case(R, "repeatable directives", "query @repeatable @repeatable { dog @repeatable @repeatable { name } }")
case(R, "unknown directives are not this rule", "fragment F on Dog { name @unknown @unknown }")
case(R, "duplicate directives in one location", "fragment F on Dog { name @onField @onField }")
case(R, "many duplicate directives", "fragment F on Dog { name @onField @onField @onField }")
case(R, "different duplicates", "fragment F on Dog { name @onField @skip(if: true) @onField @skip(if: false) }")
case(R, "duplicates on every location", "query ($v: Int @onVariableDefinition @onVariableDefinition) @onQuery @onQuery { dog @include(if: true) @include(if: true) { ...F @onFragmentSpread @onFragmentSpread ... @onInlineFragment @onInlineFragment { name } } } fragment F on Dog @onFragmentDefinition @onFragmentDefinition { name }")

R = "UniqueVariableNames"
case(R, "unique variable names", "query A($x: Int, $y: String) { __typename } query B($x: String, $y: Int) { __typename }")
case(R, "duplicate variable names", "query A($x: Int, $x: Int, $x: String) { __typename } query B($x: String, $x: Int) { __typename } query C($x: Int, $x: Int) { __typename }")

R = "VariablesAreInputTypes"
case(R, "unknown types are ignored", "query Foo($a: Unknown, $b: [[Unknown!]]!) { field(a: $a, b: $b) }")
case(R, "input types are valid", "query Foo($a: String, $b: [Boolean!]!, $c: ComplexInput, $d: FurColor, $e: Custom) { field(a: $a, b: $b, c: $c) }")
case(R, "output types are invalid", "query Foo($a: Dog, $b: [[CatOrDog!]]!, $c: Pet) { field(a: $a, b: $b, c: $c) }")

R = "NoUndefinedVariables"
case(R, "all variables defined", "query Foo($a: String, $b: String, $c: String) { field(a: $a, b: $b, c: $c) }")
case(R, "all variables deeply defined", "query Foo($a: String, $b: String, $c: String) { field(a: $a) { field(b: $b) { field(c: $c) } } }")
case(R, "variable within recursive fragment defined", "query Foo($a: String) { ...FragA } fragment FragA on Query { field(a: $a) { ...FragA } }")
case(R, "variable not defined", "query Foo($a: String, $b: String, $c: String) { field(a: $a, b: $b, c: $c, d: $d) }")
case(R, "variable not defined by un-named query", "{ field(a: $a) }")
case(R, "multiple variables not defined", "query Foo($b: String) { field(a: $a, b: $b, c: $c) }")
case(R, "variable in fragment not defined by un-named query", "{ ...FragA } fragment FragA on Query { field(a: $a) }")
case(R, "variable in fragment not defined by operation", "query Foo($a: String, $b: String) { ...FragA } fragment FragA on Query { field(a: $a) { ...FragB } } fragment FragB on Query { field(b: $b) { ...FragC } } fragment FragC on Query { field(c: $c) }")
case(R, "multiple undefined variables produce multiple errors", "query Foo($b: String) { ...FragAB } query Bar($a: String) { ...FragAB } fragment FragAB on Query { field(a: $a, b: $b) { ...FragC } field(c: $c) } fragment FragC on Query { field(c: $c) }")
case(R, "variables in directives", "query Foo { dog @include(if: $i) { name @skip(if: $s) } }")
case(R, "variable used twice", "query Foo { a: field(a: $a) b: field(a: $a) }")

R = "NoUnusedVariables"
case(R, "uses all variables", "query ($a: String, $b: String, $c: String) { field(a: $a, b: $b, c: $c) }")
case(R, "uses all variables in fragments", "query Foo($a: String, $b: String, $c: String) { ...FragA } fragment FragA on Query { field(a: $a) { ...FragB } } fragment FragB on Query { field(b: $b) { ...FragC } } fragment FragC on Query { field(c: $c) }")
case(R, "variable used by recursive fragment", "query Foo($a: String) { ...FragA } fragment FragA on Query { field(a: $a) { ...FragA } }")
case(R, "variable not used", "query ($a: String, $b: String, $c: String) { field(a: $a, b: $b) }")
case(R, "multiple variables not used", "query Foo($a: String, $b: String, $c: String) { field(b: $b) }")
case(R, "variable not used by unreferenced fragment", "query Foo($b: String) { ...FragA } fragment FragA on Query { field(a: $a) } fragment FragB on Query { field(b: $b) }")
case(R, "variables used in directives and nested values", "query Foo($a: Boolean!, $b: String) { dog @include(if: $a) { name } search(filter: { text: $b }) { __typename } }")
case(R, "variable used only in own definition's directive", "query Foo($a: Boolean @onVariableDefinition) { dog { name } }")

R = "VariablesInAllowedPosition"
case(R, "boolean into boolean", "query Q($booleanArg: Boolean) { complicatedArgs { booleanArgField(booleanArg: $booleanArg) } }")
case(R, "boolean into boolean within fragment", "fragment F on ComplicatedArgs { booleanArgField(booleanArg: $booleanArg) } query Q($booleanArg: Boolean) { complicatedArgs { ...F } }")
case(R, "non-null boolean into boolean", "query Q($b: Boolean!) { complicatedArgs { booleanArgField(booleanArg: $b) } }")
case(R, "int into non-null int with default", "query Q($intArg: Int = 1) { complicatedArgs { nonNullIntArgField(nonNullIntArg: $intArg) } }")
case(R, "int with null default into non-null int", "query Q($intArg: Int = null) { complicatedArgs { nonNullIntArgField(nonNullIntArg: $intArg) } }")
case(R, "string list into string list", "query Q($l: [String]) { complicatedArgs { stringListArgField(stringListArg: $l) } }")
case(R, "non-null string list into string list", "query Q($l: [String!]) { complicatedArgs { stringListArgField(stringListArg: $l) } }")
case(R, "string into string list item", "query Q($s: String) { complicatedArgs { stringListArgField(stringListArg: [$s]) } }")
case(R, "complex input into complex input", "query Q($c: ComplexInput) { complicatedArgs { complexArgField(complexArg: $c) } }")
case(R, "non-null boolean into input field", "query Q($b: Boolean = true) { complicatedArgs { complexArgField(complexArg: { requiredField: $b }) } }")
case(R, "nullable into non-null input field without default", "query Q($b: Boolean) { complicatedArgs { complexArgField(complexArg: { requiredField: $b }) } }")
case(R, "nullable into input field with default", "query Q($b: Boolean) { complicatedArgs { complexArgField(complexArg: { requiredField: true, nonNullField: $b }) } }")
case(R, "boolean into non-null directive arg", "query Q($b: Boolean) { dog @include(if: $b) { name } }")
case(R, "non-null boolean into directive", "query Q($b: Boolean!) { dog @include(if: $b) { name } }")
case(R, "int into non-null int", "query Q($intArg: Int) { complicatedArgs { nonNullIntArgField(nonNullIntArg: $intArg) } }")
case(R, "int into non-null int within fragment", "fragment F on ComplicatedArgs { nonNullIntArgField(nonNullIntArg: $intArg) } query Q($intArg: Int) { complicatedArgs { ...F } }")
case(R, "string into string list", "query Q($s: String) { complicatedArgs { stringListArgField(stringListArg: $s) } }")
case(R, "string list into non-null string list items", "query Q($l: [String]) { complicatedArgs { stringListNonNullArgField(stringListNonNullArg: $l) } }")
case(R, "enum into string", "query Q($e: FurColor) { complicatedArgs { stringArgField(stringArg: $e) } }")
case(R, "undefined and unknown-typed variables skipped", "query Q($u: Unknown) { complicatedArgs { intArgField(intArg: $u) stringArgField(stringArg: $undefined) } }")
case(R, "usage in unknown argument skipped", "query Q($i: Int) { complicatedArgs { intArgField(unknown: $i) } }")
q = "query Q($cat: CatInput) { complicatedArgs { oneOfArgField(oneOfArg: { cat: $cat }) } }"
e1 = err('Variable "$cat" is of type "CatInput" but must be non-nullable to be used for OneOf Input Object "PetInput".', at(q, "$cat"), at(q, "$cat", 1))
case(R, "oneOf nullable variable", q, expected=[e1], all_extra=[e1])
q = "query Q($cat: CatInput) { complicatedArgs { a: oneOfArgField(oneOfArg: { cat: $cat }) } mutation: __typename } mutation M($c: CatInput!, $d: DogInput) { addPets(pets: [{ cat: $c }, { dog: $d }]) { name } }"
e2 = err('Variable "$d" is of type "DogInput" but must be non-nullable to be used for OneOf Input Object "PetInput".', at(q, "$d"), at(q, "$d", 1))
e1 = err('Variable "$cat" is of type "CatInput" but must be non-nullable to be used for OneOf Input Object "PetInput".', at(q, "$cat"), at(q, "$cat", 1))
case(R, "oneOf variables in list items", q, expected=[e1, e2], all_extra=[e1, e2])
case(R, "oneOf non-null variable", "query Q($cat: CatInput!) { complicatedArgs { oneOfArgField(oneOfArg: { cat: $cat }) } }", expected=[])
case(R, "oneOf nullable variable with default", 'query Q($cat: CatInput = { name: "x" }) { complicatedArgs { oneOfArgField(oneOfArg: { cat: $cat }) } }', expected=[], all_expected=[])
case(R, "whole oneOf object as variable", "query Q($p: PetInput) { complicatedArgs { oneOfArgField(oneOfArg: $p) } }", expected=[])

R = "MaxIntrospectionDepth"
case(R, "ordinary introspection", "{ __schema { types { name fields { name type { name ofType { name } } } } } }")
case(R, "too deep", "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }")
case(R, "too deep with other list fields", "{ __schema { types { interfaces { possibleTypes { inputFields { name } } } } } }")
case(R, "ofType is not counted", "{ __schema { types { ofType { ofType { ofType { ofType { fields { name } } } } } } } }")
case(R, "type by name two deep", '{ __type(name: "Dog") { fields { type { fields { name } } } } }')
case(R, "too deep through fragments", "{ __schema { types { ...F } } } fragment F on __Type { fields { type { ...G } } } fragment G on __Type { fields { type { fields { name } } } }")
case(R, "fragments at several depths", "{ __schema { types { ...G fields { type { ...G } } } } } fragment G on __Type { name interfaces { name } }")
case(R, "both roots", '{ a: __type(name: "Dog") { fields { type { interfaces { possibleTypes { name } } } } } __schema { types { fields { name } } } }')

# MARK: oracle
def fmt(errors):
    out = []
    for e in errors:
        # graphql-core quotes names as '...' where graphql-js (the reference) writes "...".
        m = re.sub(r"'([^'\s]*)'", r'"\1"', e.message)
        m = re.sub(r"Did you mean '(.*)'\?$", r'Did you mean "\1"?', m)
        # graphql-js names directive locations by their enum values (QUERY, FRAGMENT_SPREAD).
        m = re.sub(r"may not be used on ([a-z ]+)\.$", lambda x: "may not be used on " + x.group(1).upper().replace(" ", "_") + ".", m)
        body = e.source.body if e.source else ""
        out.append({"message": m, "locations": [list(line_col(body, p)) for p in (e.positions or [])]})
    # The OneOf variable check belongs to VariablesInAllowedPosition in graphql-js 17 (hand-written above).
    return [e for e in out if "must be non-nullable to be used for OneOf" not in e["message"]]

rules = {r.__name__[:-4]: r for r in specified_rules}
rules["MaxIntrospectionDepth"] = V.MaxIntrospectionDepthRule
result = []
for c in cases:
    schema = built[c["schema"]]
    doc = parse(c["query"])
    if c["expected"] is not None:
        expected = c["expected"]
    else:
        expected = fmt(validate(schema, doc, [rules[c["rule"]]]))
    if c["all_expected"] is not None:
        everything = c["all_expected"]
    else:
        # MaxIntrospectionDepth is in graphql-core's specified_rules (as in graphql-js 16.9+), but
        # not a rule of the spec: RunQL keeps it out of specifiedRules (see recommendedRules).
        spec_rules = [r for r in specified_rules if r.__name__ != "MaxIntrospectionDepthRule"]
        everything = fmt(validate(schema, doc, spec_rules)) + c["all_extra"]
    result.append({"rule": c["rule"], "name": c["name"], "schema": c["schema"], "query": c["query"],
                   "errors": expected, "allErrors": everything})

json.dump({"schemas": SCHEMAS, "cases": result}, open(FIXTURES + "validation-cases.json", "w"), indent=1)
from collections import Counter
print(len(result), "cases;", Counter(c["rule"] for c in result))
