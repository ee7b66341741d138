// Lexical tokens (spec §2.1.6 "Lexical Tokens"). A token is a kind plus a byte range into its
// source: no text is copied while lexing, and the parser turns only the tokens it keeps into
// Strings.

/// The kind of a lexical token.
public enum TokenKind: UInt8, Sendable, Hashable, CustomStringConvertible {
    case eof
    case bang  // !
    case dollar  // $
    case amp  // &
    case parenL  // (
    case parenR  // )
    case spread  // ...
    case colon  // :
    case equals  // =
    case at  // @
    case bracketL  // [
    case bracketR  // ]
    case braceL  // {
    case pipe  // |
    case braceR  // }
    case name
    case int
    case float
    case string
    case blockString

    /// How the kind reads in error messages, in the reference implementation's wording.
    public var description: String {
        switch self {
        case .eof: "<EOF>"
        case .bang: "\"!\""
        case .dollar: "\"$\""
        case .amp: "\"&\""
        case .parenL: "\"(\""
        case .parenR: "\")\""
        case .spread: "\"...\""
        case .colon: "\":\""
        case .equals: "\"=\""
        case .at: "\"@\""
        case .bracketL: "\"[\""
        case .bracketR: "\"]\""
        case .braceL: "\"{\""
        case .pipe: "\"|\""
        case .braceR: "\"}\""
        case .name: "Name"
        case .int: "Int"
        case .float: "Float"
        case .string: "String"
        case .blockString: "BlockString"
        }
    }

    var isPunctuator: Bool { self != .eof && rawValue < TokenKind.name.rawValue }
}

/// One token: its kind and the half-open byte range `start..<end` it spans in the source
/// (quotes included for strings).
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    /// For `.string`: true when the literal holds an escape sequence, so its value must be
    /// decoded rather than copied.
    public var hasEscape: Bool
    public var start: Int
    public var end: Int

    public init(kind: TokenKind, start: Int, end: Int, hasEscape: Bool = false) {
        self.kind = kind
        self.hasEscape = hasEscape
        self.start = start
        self.end = end
    }
}
