import Testing
@testable import GraphQLKit

@Test func locationsDoNotTakePartInEquality() {
    let a = Name("run", location: SourceLocation(start: 0, end: 3))
    let b = Name("run", location: SourceLocation(start: 10, end: 13))
    #expect(a == b)
}
