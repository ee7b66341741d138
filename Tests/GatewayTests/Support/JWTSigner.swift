// Builds JWTs for tests: HS256 by default, or any header (to try `alg: none` and friends).

@testable import Gateway

enum JWTSigner {
    static let secret = "a test secret that is long enough for HS256!"

    static func token(payload: String, header: String = #"{"alg":"HS256","typ":"JWT"}"#, secret: String = secret) -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "." + Base64URL.encode(HMAC.sha256(key: Array(secret.utf8), message: Array(input.utf8)))
    }
}
