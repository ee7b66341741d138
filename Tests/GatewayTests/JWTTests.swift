import GraphQLKit
import Testing
@testable import Gateway

@Suite struct JWTTests {
    private let verifier = JWTVerifier(policy: JWTPolicy(secret: JWTSigner.secret))
    private let now = 1_800_000_000.0

    private func verify(_ token: String, _ verifier: JWTVerifier? = nil) -> Result<VerifiedJWT, JWTError> {
        do { return .success(try (verifier ?? self.verifier).verify(token, now: now)) } catch { return .failure(error) }
    }

    private func failure(_ token: String, _ verifier: JWTVerifier? = nil) -> JWTError? {
        if case .failure(let e) = verify(token, verifier) { return e }
        return nil
    }

    @Test func validTokenGivesSubjectAndRoles() throws {
        let token = JWTSigner.token(payload: #"{"sub":"alice","roles":["writer","unknown"],"exp":1800000100}"#)
        let jwt = try verify(token).get()
        #expect(jwt.subject == "alice")
        #expect(jwt.roles == [.writer])
    }

    @Test func rolesAsAStringAndFromAConfiguredClaim() throws {
        let spaced = JWTSigner.token(payload: #"{"roles":"reader admin"}"#)
        #expect(try verify(spaced).get().roles == [.reader, .admin])
        let custom = JWTVerifier(policy: JWTPolicy(secret: JWTSigner.secret, rolesClaim: "https://runql.example/roles"))
        let token = JWTSigner.token(payload: #"{"https://runql.example/roles":"writer,reader","roles":["admin"]}"#)
        #expect(try verify(token, custom).get().roles == [.writer, .reader])
        #expect(try verify(JWTSigner.token(payload: "{}")).get().roles.isEmpty)
        let nested = JWTVerifier(policy: JWTPolicy(secret: JWTSigner.secret, rolesClaim: "realm_access.roles"))
        #expect(try verify(JWTSigner.token(payload: #"{"realm_access":{"roles":["admin","offline"]}}"#), nested).get().roles == [.admin])
        #expect(try verify(JWTSigner.token(payload: #"{"realm_access":["admin"]}"#), nested).get().roles.isEmpty)
    }

    @Test func onlyHS256IsAccepted() {
        // alg none with an empty signature: the classic forgery.
        let none = Base64URL.encode(Array(#"{"alg":"none"}"#.utf8)) + "." + Base64URL.encode(Array(#"{"roles":["admin"]}"#.utf8)) + "."
        #expect(failure(none) == .unsupportedAlgorithm("none"))
        #expect(failure(JWTSigner.token(payload: "{}", header: #"{"alg":"HS512"}"#)) == .unsupportedAlgorithm("HS512"))
        #expect(failure(JWTSigner.token(payload: "{}", header: #"{"alg":"RS256"}"#)) == .unsupportedAlgorithm("RS256"))
        #expect(failure(JWTSigner.token(payload: "{}", header: #"{"typ":"JWT"}"#)) == .malformed("the header has no \"alg\""))
        #expect(failure(JWTSigner.token(payload: "{}", header: #"{"alg":"HS256","crit":["exp"]}"#)) != nil)
    }

    @Test func signatureMustMatchTheSecret() {
        #expect(failure(JWTSigner.token(payload: #"{"roles":["admin"]}"#, secret: "another secret, also long enough to use")) == .badSignature)
        // A payload swapped under a valid signature.
        let good = JWTSigner.token(payload: #"{"roles":["reader"]}"#).split(separator: ".")
        let forged = [String(good[0]), Base64URL.encode(Array(#"{"roles":["admin"]}"#.utf8)), String(good[2])].joined(separator: ".")
        #expect(failure(forged) == .badSignature)
    }

    @Test func expiryAndNotBeforeWithLeeway() {
        #expect(failure(JWTSigner.token(payload: #"{"exp":1799999900}"#)) == .expired)
        #expect(failure(JWTSigner.token(payload: #"{"exp":1799999980}"#)) == nil)  // 20 s late: within the 30 s leeway
        #expect(failure(JWTSigner.token(payload: #"{"nbf":1800000100}"#)) == .notYetValid)
        #expect(failure(JWTSigner.token(payload: #"{"nbf":1800000020.5}"#)) == nil)
        #expect(failure(JWTSigner.token(payload: #"{"exp":"tomorrow"}"#)) == .malformed("\"exp\" is not a number"))
        let strict = JWTVerifier(policy: JWTPolicy(secret: Array(JWTSigner.secret.utf8), requiresExpiration: true))
        #expect(failure(JWTSigner.token(payload: "{}"), strict) == .missingExpiration)
    }

    @Test func issuerAndAudience() {
        let v = JWTVerifier(policy: JWTPolicy(secret: Array(JWTSigner.secret.utf8), issuer: "idp", audience: "runql"))
        #expect(failure(JWTSigner.token(payload: #"{"iss":"idp","aud":"runql"}"#), v) == nil)
        #expect(failure(JWTSigner.token(payload: #"{"iss":"idp","aud":["x","runql"]}"#), v) == nil)
        #expect(failure(JWTSigner.token(payload: #"{"iss":"evil","aud":"runql"}"#), v) == .wrongIssuer)
        #expect(failure(JWTSigner.token(payload: #"{"iss":"idp","aud":"other"}"#), v) == .wrongAudience)
    }

    @Test(arguments: ["", "a.b", "a.b.c.d", "!!!.e30.", "e30.!!!.", "W10.e30.", "e30.W10."])
    func malformedTokens(token: String) {
        guard case .malformed? = failure(token) else {
            Issue.record("\(token) was not reported malformed: \(String(describing: failure(token)))")
            return
        }
    }

    @Test func messagesNeverQuoteTheToken() {
        let token = JWTSigner.token(payload: #"{"exp":1}"#)
        for error in [failure(token), failure(token + "x"), failure("x" + token)].compactMap({ $0 }) {
            #expect(!error.message.contains(token.prefix(10)))
        }
    }

    @Test func base64URL() {
        for n in 0..<20 {
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 250) }
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
        #expect(Base64URL.encode(Array("?>?".utf8)) == "Pz4_")
        #expect(Base64URL.decode("Pz4/") == nil)
        #expect(Base64URL.decode("Pz4_=") == nil)
        #expect(Base64URL.decode("A") == nil)
    }
}
