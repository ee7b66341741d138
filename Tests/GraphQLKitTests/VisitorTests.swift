import Testing
@testable import GraphQLKit

/// Records every call as "enter field a" / "leave argument x", answering with `decide`.
final class Recorder {
    var events: [String] = []
    let decide: (String, ASTNode) -> VisitAction

    init(_ decide: @escaping (String, ASTNode) -> VisitAction = { _, _ in .continue }) {
        self.decide = decide
    }

    var visitor: Visitor { visitor(kinds: .all) }

    func visitor(kinds: ASTNode.KindSet) -> Visitor {
        Visitor(
            kinds: kinds,
            enter: { node, _ in
                let event = "enter \(label(node))"
                self.events.append(event)
                return self.decide(event, node)
            },
            leave: { node, _ in
                let event = "leave \(label(node))"
                self.events.append(event)
                return self.decide(event, node)
            })
    }
}

func label(_ node: ASTNode) -> String {
    switch node {
    case .field(let f): "field \(f.name.value)"
    case .argument(let a): "argument \(a.name.value)"
    case .fragmentSpread(let s): "fragmentSpread \(s.name.value)"
    case .fragmentDefinition(let d): "fragmentDefinition \(d.name.value)"
    case .directive(let d): "directive \(d.name.value)"
    case .namedType(let n): "namedType \(n.name.value)"
    case .variable(let v): "variable \(v.name.value)"
    case .intValue(let v): "intValue \(v.value)"
    case .objectField(let f): "objectField \(f.name.value)"
    case .operationDefinition(let o): "operationDefinition \(o.name?.value ?? "-")"
    default: "\(node.kind)"
    }
}

/// query Q($v: [Int] = 1) { a(x: {y: $v}) @d { b } ...F }  fragment F on T { c }
let sample = document([
    .operation(
        OperationDefinition(
            operation: .query, name: Name("Q"),
            variableDefinitions: [
                VariableDefinition(variable: Variable(name: Name("v")), type: listRef(namedRef("Int")), defaultValue: int("1"))
            ],
            selectionSet: SelectionSet(selections: [
                field("a", [arg("x", object([("y", varRef("v"))]))], directives: [dir("d")], [field("b")]),
                .fragmentSpread(FragmentSpread(name: Name("F"))),
            ]))),
    .fragment(FragmentDefinition(name: Name("F"), typeCondition: named("T"), selectionSet: SelectionSet(selections: [field("c")]))),
])

@Suite struct VisitorTests {
    @Test func entersAndLeavesDepthFirstInSourceOrder() {
        let recorder = Recorder()
        let result = visit(sample, recorder.visitor)
        #expect(result == sample)
        #expect(recorder.events == [
            "enter document",
            "enter operationDefinition Q",
            "enter variableDefinition",
            "enter variable v", "leave variable v",
            "enter listType", "enter namedType Int", "leave namedType Int", "leave listType",
            "enter intValue 1", "leave intValue 1",
            "leave variableDefinition",
            "enter selectionSet",
            "enter field a",
            "enter argument x",
            "enter objectValue", "enter objectField y", "enter variable v", "leave variable v", "leave objectField y",
            "leave objectValue",
            "leave argument x",
            "enter directive d", "leave directive d",
            "enter selectionSet", "enter field b", "leave field b", "leave selectionSet",
            "leave field a",
            "enter fragmentSpread F", "leave fragmentSpread F",
            "leave selectionSet",
            "leave operationDefinition Q",
            "enter fragmentDefinition F",
            "enter namedType T", "leave namedType T",
            "enter selectionSet", "enter field c", "leave field c", "leave selectionSet",
            "leave fragmentDefinition F",
            "leave document",
        ])
    }

    @Test func interestsLimitTheCalls() {
        let recorder = Recorder()
        visit(sample, recorder.visitor(kinds: [ASTNode.KindSet(.field), ASTNode.KindSet(.fragmentSpread)]))
        #expect(recorder.events == [
            "enter field a", "enter field b", "leave field b", "leave field a",
            "enter fragmentSpread F", "leave fragmentSpread F", "enter field c", "leave field c",
        ])
    }

    @Test func skipLeavesOutTheSubtreeAndItsLeave() {
        let recorder = Recorder { event, _ in event == "enter field a" ? .skip : .continue }
        visit(sample, recorder.visitor(kinds: ASTNode.KindSet([.field, .fragmentSpread, .argument])))
        #expect(recorder.events == [
            "enter field a", "enter fragmentSpread F", "leave fragmentSpread F", "enter field c", "leave field c",
        ])
    }

    @Test func stopEndsTheWalk() {
        let onEnter = Recorder { event, _ in event == "enter field b" ? .stop : .continue }
        visit(sample, onEnter.visitor(kinds: ASTNode.KindSet(.field)))
        #expect(onEnter.events == ["enter field a", "enter field b"])

        let onLeave = Recorder { event, _ in event == "leave field b" ? .stop : .continue }
        visit(sample, onLeave.visitor(kinds: ASTNode.KindSet(.field)))
        #expect(onLeave.events == ["enter field a", "enter field b", "leave field b"])
    }

    @Test func stopKeepsEditsMadeSoFar() {
        let v = Visitor(enter: { node, _ in
            if case .field(var f) = node, f.name.value == "b" {
                f.name = Name("renamed")
                return .replace(.field(f))
            }
            if case .fragmentSpread = node { return .stop }
            return .continue
        })
        let result = visit(sample, v)
        #expect(Printer.print(result).contains("renamed"))
        #expect(Printer.print(result).contains("fragment F on T"))
    }

    @Test func replaceOnEnterVisitsTheReplacement() {
        let recorder = Recorder { event, node in
            if event == "enter fragmentSpread F" {
                return .replace(.inlineFragment(InlineFragment(selectionSet: SelectionSet(selections: [field("z")]))))
            }
            return .continue
        }
        let result = visit(sample, recorder.visitor(kinds: ASTNode.KindSet([.fragmentSpread, .inlineFragment, .field])))
        #expect(recorder.events == [
            "enter field a", "enter field b", "leave field b", "leave field a",
            "enter fragmentSpread F", "enter field z", "leave field z", "leave inlineFragment",
            "enter field c", "leave field c",
        ])
        #expect(Printer.print(result) == """
            query Q($v: [Int] = 1) {
              a(x: {y: $v}) @d {
                b
              }
              ... {
                z
              }
            }

            fragment F on T {
              c
            }
            """)
    }

    @Test func replaceOnLeaveAndRemove() {
        let v = Visitor(leave: { node, _ in
            switch node {
            case .intValue(let i): return .replace(.stringValue(StringValue("was \(i.value)")))
            case .directive: return .remove
            case .field(let f) where f.name.value == "c": return .remove
            case .namedType(let n) where n.name.value == "Int": return .replace(.nonNullType(nonNullRef(namedRef("ID"))))
            default: return .continue
            }
        })
        let result = visit(sample, v)
        #expect(Printer.print(result) == """
            query Q($v: [ID!] = "was 1") {
              a(x: {y: $v}) {
                b
              }
              ...F
            }

            fragment F on T
            """)
    }

    @Test func removingOptionalChildrenClearsThemAndRequiredOnesStay() {
        let v = Visitor(enter: { node, context in
            switch node {
            case .intValue: return .remove  // a default value: cleared
            case .selectionSet where context.parentKind == .field: return .remove  // a field's: cleared
            case .objectField: return .remove
            default: return .continue
            }
        })
        let result = visit(sample, v)
        #expect(Printer.print(result) == """
            query Q($v: [Int]) {
              a(x: {}) @d
              ...F
            }

            fragment F on T {
              c
            }
            """)
        // An operation cannot do without its selection set or an argument without its value.
        let required = Visitor(enter: { node, context in
            switch (node.kind, context.parentKind) {
            case (.selectionSet, .operationDefinition?), (.objectValue, .argument?): .remove
            default: .continue
            }
        })
        #expect(visit(sample, required) == sample)
    }

    @Test func replacementsThatDoNotFitThePositionAreIgnored() {
        let v = Visitor(enter: { node, _ in
            if case .field = node { return .replace(.intValue(IntValue("1"))) }
            if case .namedType = node { return .replace(.field(Field(name: Name("x")))) }
            return .continue
        })
        #expect(visit(sample, v) == sample)
    }

    @Test func contextGivesAncestorKindsAndPath() {
        var seen: [String] = []
        let v = Visitor(kinds: ASTNode.KindSet(.variable), enter: { _, context in
            let kinds = context.ancestorKinds.map { "\($0)" }.joined(separator: ",")
            seen.append("\(context.depth) \(kinds) \(context.path.map(\.description).joined(separator: "."))")
            #expect(context.ancestors.isEmpty)  // not asked for
            return .continue
        })
        visit(sample, v)
        #expect(seen == [
            "3 document,operationDefinition,variableDefinition definitions[0].variableDefinitions[0].variable",
            "7 document,operationDefinition,selectionSet,field,argument,objectValue,objectField "
                + "definitions[0].selectionSet.selections[0].arguments[0].value.fields[0].value",
        ])
    }

    @Test func ancestorNodesWhenAskedFor() {
        var parents: [String] = []
        var rootKinds: [ASTNode.Kind] = []
        let v = Visitor(kinds: ASTNode.KindSet(.field), needsAncestors: true, enter: { node, context in
            if let parent = context.parent, case .selectionSet = parent, let grandparent = context.ancestors.dropLast().last {
                parents.append(label(grandparent))
            }
            rootKinds.append(context.ancestors.first?.kind ?? .field)
            #expect(context.ancestors.count == context.depth)
            return .continue
        })
        visit(sample, v)
        #expect(parents == ["operationDefinition Q", "field a", "fragmentDefinition F"])
        #expect(rootKinds == [.document, .document, .document])
    }

    @Test func structVisitorsKeepTheirState() {
        struct CountFields: ASTVisitor {
            var interests: ASTNode.KindSet { ASTNode.KindSet(.field) }
            var names: [String] = []
            mutating func enter(_ node: ASTNode, _ context: VisitContext) -> VisitAction {
                if case .field(let f) = node { names.append(f.name.value) }
                return .continue
            }
        }
        var counter = CountFields()
        visit(sample, &counter)
        #expect(counter.names == ["a", "b", "c"])
    }

    @Test func anyNodeCanBeVisited() {
        var v = Visitor(enter: { node, _ in
            if case .variable = node { return .replace(.nullValue(NullValue())) }
            return .continue
        })
        let value = object([("a", list([varRef("x"), int("2")]))])
        let result = visit(ASTNode(value), &v)
        #expect(result.map { Printer.print($0) } == "{a: [null, 2]}")
        var remover = Visitor(enter: { _, _ in .remove })
        #expect(visit(ASTNode(value), &remover) == nil)
    }

    @Test func typeSystemNodesAreVisited() {
        let recorder = Recorder()
        let schema = document([
            .type(
                .object(
                    ObjectTypeDefinition(
                        name: Name("T"), interfaces: [named("I")],
                        fields: [
                            FieldDefinition(
                                name: Name("f"), arguments: [InputValueDefinition(name: Name("a"), type: namedRef("Int"))],
                                type: namedRef("String"))
                        ]))),
            .typeExtension(.union(UnionTypeDefinition(name: Name("U"), types: [named("T")]))),
            .directive(DirectiveDefinition(name: Name("d"), locations: [Name("FIELD")])),
        ])
        visit(schema, recorder.visitor)
        #expect(recorder.events == [
            "enter document", "enter objectTypeDefinition", "enter namedType I", "leave namedType I",
            "enter fieldDefinition", "enter inputValueDefinition", "enter namedType Int", "leave namedType Int",
            "leave inputValueDefinition", "enter namedType String", "leave namedType String", "leave fieldDefinition",
            "leave objectTypeDefinition", "enter unionTypeExtension", "enter namedType T", "leave namedType T",
            "leave unionTypeExtension", "enter directiveDefinition", "leave directiveDefinition", "leave document",
        ])
    }
}

@Suite struct ParallelVisitorTests {
    @Test func eachVisitorSkipsOnItsOwn() {
        let skipper = Recorder { event, _ in event == "enter field a" ? .skip : .continue }
        let watcher = Recorder()
        let fields = ASTNode.KindSet(.field)
        visit(sample, ParallelVisitor([skipper.visitor(kinds: fields), watcher.visitor(kinds: fields)]))
        #expect(skipper.events == ["enter field a", "enter field c", "leave field c"])
        #expect(watcher.events == [
            "enter field a", "enter field b", "leave field b", "leave field a", "enter field c", "leave field c",
        ])
    }

    @Test func eachVisitorStopsOnItsOwn() {
        let stopper = Recorder { event, _ in event == "enter field b" ? .stop : .continue }
        let watcher = Recorder()
        let fields = ASTNode.KindSet(.field)
        visit(sample, ParallelVisitor([stopper.visitor(kinds: fields), watcher.visitor(kinds: fields)]))
        #expect(stopper.events == ["enter field a", "enter field b"])
        #expect(watcher.events.count == 6)
    }

    @Test func theWalkStopsWhenAllVisitorsHaveStopped() {
        let first = Recorder { event, _ in event == "enter field a" ? .stop : .continue }
        let second = Recorder { event, _ in event == "enter field b" ? .stop : .continue }
        var count = 0
        let counter = Visitor(kinds: ASTNode.KindSet(.fragmentDefinition), enter: { _, _ in count += 1; return .stop })
        let fields = ASTNode.KindSet(.field)
        visit(sample, ParallelVisitor([first.visitor(kinds: fields), second.visitor(kinds: fields), counter]))
        #expect(first.events == ["enter field a"])
        #expect(second.events == ["enter field a", "enter field b"])
        #expect(count == 1)
    }

    @Test func skipsOfOneKindResumeAtTheNextSibling() {
        // The skipping visitor sees arguments only; it skips `a`'s arguments subtree.
        let skipper = Recorder { event, _ in event.hasPrefix("enter argument") ? .skip : .continue }
        let all = Recorder()
        visit(sample, ParallelVisitor([skipper.visitor(kinds: ASTNode.KindSet([.argument, .objectField])), all.visitor]))
        #expect(skipper.events == ["enter argument x"])
        #expect(all.events.contains("enter objectField y"))
    }

    @Test func aReplacementEndsTheNodesCallsAndApplies() {
        let replacer = Visitor(kinds: ASTNode.KindSet(.field), enter: { node, _ in
            if case .field(let f) = node, f.name.value == "b" { return .replace(.field(Field(name: Name("x")))) }
            return .continue
        })
        let watcher = Recorder()
        let result = visit(sample, ParallelVisitor([replacer, watcher.visitor(kinds: ASTNode.KindSet(.field))]))
        #expect(watcher.events == [
            "enter field a", "leave field x", "leave field a", "enter field c", "leave field c",
        ])
        #expect(Printer.print(result).contains("    x\n"))
    }

    @Test func aSkipEndsWhenAnotherVisitorRemovesTheNode() {
        let skipper = Recorder { event, _ in event == "enter field a" ? .skip : .continue }
        let remover = Visitor(kinds: ASTNode.KindSet(.field), enter: { node, _ in
            if case .field(let f) = node, f.name.value == "a" { return .remove }
            return .continue
        })
        let result = visit(sample, ParallelVisitor([skipper.visitor(kinds: ASTNode.KindSet(.field)), remover]))
        #expect(skipper.events == ["enter field a", "enter field c", "leave field c"])
        #expect(!Printer.print(result).contains("a(x:"))
    }

    @Test func visitorsKeepStateInsideTheParallelVisitor() {
        struct Count: ASTVisitor {
            var interests: ASTNode.KindSet { ASTNode.KindSet(.field) }
            var count = 0
            mutating func enter(_ node: ASTNode, _ context: VisitContext) -> VisitAction {
                count += 1
                return .continue
            }
        }
        var parallel = ParallelVisitor([Count(), Count()])
        visit(sample, &parallel)
        #expect(parallel.visitors.compactMap { ($0 as? Count)?.count } == [3, 3])
    }
}
