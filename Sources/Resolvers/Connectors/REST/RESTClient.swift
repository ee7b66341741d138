// A JSON-over-HTTP client for upstream REST registries, on URLSession.
// Redirects are handled here, not by URLSession, so that a POST or DELETE is never silently
// turned into a GET, and retries happen only for idempotent methods.

import Foundation
import FoundationNetworking
import GraphQLKit

public enum HTTPMethod: String, Sendable {
    case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"

    /// Methods that may be sent again after a failure without changing the outcome (RFC 9110 §9.2.2).
    public var isIdempotent: Bool { self != .post && self != .patch }
}

public struct RESTConfiguration: Sendable {
    public var baseURL: URL
    public var bearerToken: String?
    /// Seconds to wait for an answer to one attempt; at least 1, because URLSession on Linux
    /// (libcurl underneath) truncates a sub-second timeout to zero and fails at once.
    public var timeout: Double
    /// Extra attempts after the first, for idempotent requests only.
    public var maxRetries: Int
    /// Delay before the first retry; doubled for each further one.
    public var retryDelay: Double
    public var maxRedirects: Int
    /// Counts every HTTP request sent (each retry and redirect is one). Part of the configuration
    /// so that clients made from copies of it (a registry's read and write clients) count into
    /// one total for the upstream.
    public var calls: CallCounter

    public init(baseURL: URL, bearerToken: String? = nil, timeout: Double = 10, maxRetries: Int = 2,
                retryDelay: Double = 0.1, maxRedirects: Int = 5, calls: CallCounter = CallCounter()) {
        self.baseURL = baseURL
        self.bearerToken = bearerToken
        self.timeout = max(1, timeout)
        self.maxRetries = max(0, maxRetries)
        self.retryDelay = retryDelay
        self.maxRedirects = maxRedirects
        self.calls = calls
    }
}

public final class RESTClient: Sendable {
    public let configuration: RESTConfiguration
    private let session: URLSession

    public init(_ configuration: RESTConfiguration) {
        self.configuration = configuration
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.timeoutIntervalForRequest = configuration.timeout
        sessionConfiguration.timeoutIntervalForResource = configuration.timeout * 2
        sessionConfiguration.httpShouldSetCookies = false
        session = URLSession(configuration: sessionConfiguration, delegate: RedirectRefusingDelegate(), delegateQueue: nil)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func get(_ path: String, query: [(String, String)] = []) async throws(RESTError) -> JSONValue {
        try await send(.get, path, query: query)
    }

    public func post(_ path: String, body: JSONValue? = nil) async throws(RESTError) -> JSONValue {
        try await send(.post, path, body: body)
    }

    public func put(_ path: String, body: JSONValue? = nil) async throws(RESTError) -> JSONValue {
        try await send(.put, path, body: body)
    }

    public func patch(_ path: String, body: JSONValue? = nil) async throws(RESTError) -> JSONValue {
        try await send(.patch, path, body: body)
    }

    public func delete(_ path: String, query: [(String, String)] = [], body: JSONValue? = nil) async throws(RESTError) -> JSONValue {
        try await send(.delete, path, query: query, body: body)
    }

    /// Sends one request and decodes its JSON answer (`.null` for an empty body).
    public func send(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil) async throws(RESTError) -> JSONValue {
        var url = try makeURL(path, query: query)
        var redirects = 0
        while true {
            let (status, headers, data) = try await sendWithRetries(method, url, body: body)
            if [301, 302, 303, 307, 308].contains(status), let location = headers["location"] {
                guard let next = URL(string: location, relativeTo: url)?.absoluteURL else {
                    throw .invalidResponse("redirect to an invalid location \(location)")
                }
                // 307/308 promise the same method and body; 301/302/303 let clients switch to GET,
                // which for anything but a GET would silently drop the request's meaning.
                guard method == .get || status == 307 || status == 308 else {
                    throw .redirectRefused(status: status, location: next.absoluteString)
                }
                redirects += 1
                guard redirects <= configuration.maxRedirects else { throw .tooManyRedirects(configuration.maxRedirects) }
                url = next
                continue
            }
            return try decode(status: status, data: data)
        }
    }

    /// `path` must already be percent-encoded: registries encode the identifiers they put in it.
    private func makeURL(_ path: String, query: [(String, String)]) throws(RESTError) -> URL {
        guard path.unicodeScalars.allSatisfy({ CharacterSet.urlPathAllowed.contains($0) }) else {
            throw .invalidURL(path)
        }
        let base = configuration.baseURL.absoluteString.hasSuffix("/")
            ? String(configuration.baseURL.absoluteString.dropLast()) : configuration.baseURL.absoluteString
        guard var components = URLComponents(string: base + (path.hasPrefix("/") ? path : "/" + path)) else {
            throw .invalidURL(path)
        }
        if !query.isEmpty { components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        guard let url = components.url else { throw .invalidURL(path) }
        return url
    }

    private func sendWithRetries(_ method: HTTPMethod, _ url: URL, body: JSONValue?) async throws(RESTError) -> (Int, [String: String], Data) {
        var attempt = 0
        while true {
            do throws(RESTError) {
                let answer = try await sendOnce(method, url, body: body)
                if method.isIdempotent, attempt < configuration.maxRetries, [502, 503, 504].contains(answer.0) {
                    attempt += 1
                    await backoff(attempt)
                    continue
                }
                return answer
            } catch {
                switch error {
                case .transport, .timeout:
                    guard method.isIdempotent, attempt < configuration.maxRetries else { throw error }
                    attempt += 1
                    await backoff(attempt)
                default:
                    throw error
                }
            }
        }
    }

    private func backoff(_ attempt: Int) async {
        let seconds = configuration.retryDelay * Double(1 << min(attempt - 1, 10))
        try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }

    private func sendOnce(_ method: HTTPMethod, _ url: URL, body: JSONValue?) async throws(RESTError) -> (Int, [String: String], Data) {
        var request = URLRequest(url: url, timeoutInterval: configuration.timeout)
        request.httpMethod = method.rawValue
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        // The token goes only to the configured upstream, never to a host a redirect points at.
        if let token = configuration.bearerToken, url.host == configuration.baseURL.host, url.port == configuration.baseURL.port {
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        }
        if let body {
            var writer = JSONWriter()
            writer.write(body)
            request.httpBody = Data(writer.bytes)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let data: Data, response: URLResponse
        configuration.calls.increment()
        do {
            // Never cancelled from Swift: FoundationNetworking on Linux can crash the process
            // (TaskRegistry "behaviour for a task that is not in the registry") when a task is
            // cancelled while it completes. URLSession's own timeouts end every attempt; callers
            // that must return sooner stop waiting (SkyDriver's `withDeadline`).
            let session = self.session
            (data, response) = try await Task { try await session.data(for: request) }.value
        } catch let error as URLError {
            if error.code == .timedOut { throw .timeout("\(method.rawValue) \(url.absoluteString) after \(configuration.timeout) s") }
            throw .transport("\(method.rawValue) \(url.absoluteString): \(error.localizedDescription)")
        } catch {
            throw .transport("\(method.rawValue) \(url.absoluteString): \(error)")
        }
        guard let http = response as? HTTPURLResponse else { throw .invalidResponse("not an HTTP response") }
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields {
            if let k = k as? String, let v = v as? String { headers[k.lowercased()] = v }
        }
        return (http.statusCode, headers, data)
    }

    private func decode(status: Int, data: Data) throws(RESTError) -> JSONValue {
        let json: JSONValue?
        if data.isEmpty {
            json = .null
        } else {
            json = try? JSONParser.parse([UInt8](data))
        }
        guard (200..<300).contains(status) else {
            var message = String(decoding: data, as: UTF8.self)
            if case .object(let object)? = json {
                if case .string(let text)? = object["error"] { message = text }
                else if case .string(let text)? = object["message"] { message = text }
            }
            if message.isEmpty { message = HTTPURLResponse.localizedString(forStatusCode: status) }
            throw .http(status: status, message: message, body: json)
        }
        guard let json else { throw .invalidResponse("the body is not JSON") }
        return json
    }
}

/// Hands every redirect back to `RESTClient.send`, which decides whether and how to follow it.
private final class RedirectRefusingDelegate: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
