// The response writer: JSON bytes appended straight into a buffer as fields complete, keys in
// selection order, with `truncate(to:)` so a field that turns out null (spec §6.4.4 "Handling
// Execution Errors") can take back what its subtree already wrote. `JSONWriter` has no way to
// take bytes back, so the hot path has its own buffer; whole JSON values (custom scalars,
// error extensions) still go through `JSONWriter`.
//
// A large answer is kept as a list of chunks, never one array: one growing array would be
// copied at every doubling (old and new storage resident together), and the buffers of
// concurrently completed items would be copied again into their parent's. Chunks are sealed
// between list items once the current one passes `chunkSize`, and a child's chunks are
// adopted without copying; the HTTP server writes the chunks to the socket as they are.

struct ResponseBuffer {
    /// The chunk being written.
    var bytes: [UInt8] = []
    /// Earlier chunks, full, in order (empty for any answer under `chunkSize`).
    private(set) var sealed: [[UInt8]] = []
    private var sealedCount = 0

    /// Large enough that a chunk costs one write to the socket per 64 KiB, small enough to stay
    /// below malloc's mmap threshold (so freed chunks are reused, not mapped afresh).
    static let chunkSize = 64 * 1024

    init(capacity: Int = 0) { if capacity > 0 { bytes.reserveCapacity(min(capacity, Self.chunkSize + Self.chunkSize / 4)) } }

    var count: Int { sealedCount + bytes.count }

    /// The chunks, in order: `sealed` then the current one.
    var chunks: [[UInt8]] { sealed.isEmpty ? [bytes] : sealed + [bytes] }

    /// Everything written, as one array (copies only when there are several chunks).
    var contiguousBytes: [UInt8] {
        if sealed.isEmpty { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for chunk in sealed { out.append(contentsOf: chunk) }
        out.append(contentsOf: bytes)
        return out
    }

    /// Starts a new chunk once the current one is full. Called between list items, where a
    /// large answer grows.
    @inline(__always) mutating func sealIfFull() {
        if bytes.count >= Self.chunkSize { seal() }
    }

    private mutating func seal() {
        guard !bytes.isEmpty else { return }
        sealedCount += bytes.count
        sealed.append(Self.trimmed(bytes))
        bytes = []
        bytes.reserveCapacity(Self.chunkSize + Self.chunkSize / 4)
    }

    /// `chunk`, copied into storage of its own size when doubling left much of its capacity
    /// unused (a buffer that grew past 64 KiB has 128 KiB): kept chunks would otherwise hold up
    /// to twice the answer.
    private static func trimmed(_ chunk: [UInt8]) -> [UInt8] {
        guard chunk.capacity > chunk.count + chunk.count / 4 else { return chunk }
        // Not `Array(chunk[...])`, which keeps the same storage.
        return [UInt8](unsafeUninitializedCapacity: chunk.count) { buffer, count in
            _ = chunk.withUnsafeBufferPointer { buffer.initialize(from: $0) }
            count = chunk.count
        }
    }

    @inline(__always) mutating func truncate(to count: Int) {
        if count >= sealedCount {
            bytes.removeSubrange((count - sealedCount)...)
            return
        }
        // Back into sealed chunks (a null propagating over a large subtree): reopen the chunk
        // that holds `count`.
        while let last = sealed.last, sealedCount - last.count >= count {
            sealedCount -= last.count
            sealed.removeLast()
        }
        if let last = sealed.popLast() {
            sealedCount -= last.count
            bytes = Array(last[..<(count - sealedCount)])
        } else {
            bytes = []
        }
    }

    /// Appends what another buffer wrote (a child task's output): copied when small, its chunks
    /// adopted as they are when large. Never trimmed here: the child's buffer is still alive in
    /// its caller, so a copy would hold both until the splice ends.
    mutating func append(_ other: ResponseBuffer) {
        if other.sealed.isEmpty && other.bytes.count < Self.chunkSize {
            bytes.append(contentsOf: other.bytes)
            return
        }
        seal()
        for chunk in other.sealed {
            sealed.append(chunk)
            sealedCount += chunk.count
        }
        if other.bytes.count >= Self.chunkSize / 2 {
            sealed.append(other.bytes)
            sealedCount += other.bytes.count
        } else {
            bytes.append(contentsOf: other.bytes)
        }
    }

    @inline(__always) mutating func append(_ byte: UInt8) { bytes.append(byte) }

    @inline(__always) mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    @inline(__always) mutating func appendRaw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func writeNull() { appendRaw("null") }

    mutating func writeBool(_ b: Bool) { if b { appendRaw("true") } else { appendRaw("false") } }

    mutating func writeInt(_ value: Int) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        var v = value.magnitude
        // 20 digits hold any Int; fill from the end.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21) { buffer in
            var i = 21
            while v > 0 {
                i -= 1
                buffer[i] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                v /= 10
            }
            if value < 0 {
                i -= 1
                buffer[i] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<21]))
        }
    }

    /// As `JSONWriter` writes doubles, so every response agrees: integral values get ".0",
    /// non-finite values (which JSON cannot hold) become null.
    /// (Same rules as `JSONWriter.writeDouble`, without its temporary buffer: doubles are
    /// common leaves. `ResponseWriterTests` checks the two agree.)
    mutating func writeDouble(_ value: Double) {
        guard value.isFinite else {
            writeNull()
            return
        }
        if value == value.rounded(.towardZero), abs(value) < 1e15 {
            writeInt(Int(value))
            appendRaw(".0")
            return
        }
        // Short descriptions are small strings: no allocation.
        bytes.append(contentsOf: value.description.utf8)
    }

    /// A JSON string with the escapes JSON requires; bytes that need none are copied in runs.
    mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = string
        s.withUTF8 { utf8 in
            var runStart = 0
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C {
                    i += 1
                    continue
                }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                switch b {
                case 0x22: appendRaw("\\\"")
                case 0x5C: appendRaw("\\\\")
                case 0x0A: appendRaw("\\n")
                case 0x0D: appendRaw("\\r")
                case 0x09: appendRaw("\\t")
                case 0x08: appendRaw("\\b")
                case 0x0C: appendRaw("\\f")
                default:
                    appendRaw("\\u00")
                    bytes.append(hex(b >> 4))
                    bytes.append(hex(b & 0xF))
                }
                i += 1
                runStart = i
            }
            if runStart < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func writeJSON(_ value: JSONValue) {
        switch value {
        case .null: writeNull()
        case .bool(let b): writeBool(b)
        case .int(let i): writeInt(i)
        case .double(let d): writeDouble(d)
        case .string(let s): writeString(s)
        case .list, .object:
            var w = JSONWriter()
            w.write(value)
            bytes.append(contentsOf: w.bytes)
        }
    }

    /// An entry of a response's "errors" list: message, locations, path, extensions (spec §7.1.2).
    mutating func writeError(_ error: GraphQLError) {
        appendRaw("{\"message\":")
        writeString(error.message)
        if !error.locations.isEmpty {
            appendRaw(",\"locations\":[")
            for (i, l) in error.locations.enumerated() {
                if i > 0 { append(UInt8(ascii: ",")) }
                appendRaw("{\"line\":")
                writeInt(l.line)
                appendRaw(",\"column\":")
                writeInt(l.column)
                append(UInt8(ascii: "}"))
            }
            append(UInt8(ascii: "]"))
        }
        if !error.path.isEmpty {
            appendRaw(",\"path\":[")
            for (i, p) in error.path.enumerated() {
                if i > 0 { append(UInt8(ascii: ",")) }
                switch p {
                case .key(let k): writeString(k)
                case .index(let n): writeInt(n)
                }
            }
            append(UInt8(ascii: "]"))
        }
        if let extensions = error.extensions {
            appendRaw(",\"extensions\":")
            writeJSON(.object(extensions))
        }
        append(UInt8(ascii: "}"))
    }
}

@inline(__always) private func hex(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? nibble &+ 0x30 : nibble &- 10 &+ 0x61
}

/// Why a request ended before executing: the gateway picks its HTTP status from it
/// (GraphQL over HTTP: 400 for syntax, 422 or 400 for the others).
public enum RequestFailure: String, Sendable, Hashable {
    case syntax, validation, operationSelection, variables, limits
}

/// The outcome of a request (spec §7.1): errors, if any, and the data as JSON bytes.
public struct ExecutionResult: Sendable {
    public var errors: [GraphQLError]
    /// Set when the request failed before execution began (then there is no data entry).
    public var failure: RequestFailure?
    /// Response-level extensions, written last.
    public var extensions: JSONObject?

    /// The executor writes a successful response whole (`{"data":...}`), so the common
    /// error-free case needs no second copy of a large response.
    enum Storage: Sendable {
        case none
        case data([UInt8])
        /// `{"data":` + data + `}`, in the response writer's chunks (one for most answers).
        case wrapped(ResponseBuffer)
    }

    var storage: Storage

    static let dataPrefix: [UInt8] = Array(#"{"data":"#.utf8)

    public init(errors: [GraphQLError] = [], dataJSON: [UInt8]? = nil, extensions: JSONObject? = nil) {
        self.errors = errors
        self.failure = nil
        self.extensions = extensions
        self.storage = dataJSON.map(Storage.data) ?? .none
    }

    /// A request error: no data entry.
    public init(errors: [GraphQLError], failure: RequestFailure) {
        self.init(errors: errors, dataJSON: nil)
        self.failure = failure
    }

    init(errors: [GraphQLError], wrappedResponse: ResponseBuffer) {
        self.errors = errors
        self.failure = nil
        self.extensions = nil
        self.storage = .wrapped(wrappedResponse)
    }

    /// The "data" entry as JSON text (`null` when execution nulled the root); nil when the
    /// request failed before executing (syntax, validation, operation or variable errors), in
    /// which case the response has no "data" entry.
    public var dataJSON: [UInt8]? {
        get {
            switch storage {
            case .none: return nil
            case .data(let d): return d
            case .wrapped(let w):
                let whole = w.contiguousBytes
                return Array(whole[Self.dataPrefix.count..<(whole.count - 1)])
            }
        }
        set { storage = newValue.map(Storage.data) ?? .none }
    }

    /// Whether the response has a "data" entry: `dataJSON != nil` without copying the data out.
    public var hasData: Bool {
        if case .none = storage { return false }
        return true
    }

    /// The whole response: `{"errors":[...],"data":...}`, errors first when there are any (as
    /// the reference implementation and the spec's §7.1 note suggest), then extensions.
    public var jsonBytes: [UInt8] {
        if errors.isEmpty, extensions == nil, case .wrapped(let whole) = storage { return whole.contiguousBytes }
        let data = dataJSON
        var out = ResponseBuffer(capacity: (data?.count ?? 0) + 16 + errors.count * 96)
        let first = writeErrors(into: &out)
        if let data {
            if !first { out.append(UInt8(ascii: ",")) }
            out.appendRaw("\"data\":")
            out.append(data)
        }
        writeExtensions(into: &out, first: first && data == nil)
        return out.contiguousBytes
    }

    /// Whether the answer is in several chunks (`jsonChunks` then avoids joining them).
    public var isInChunks: Bool {
        if case .wrapped(let w) = storage { return !w.sealed.isEmpty }
        return false
    }

    /// `jsonBytes` in pieces: a large answer's chunks as the executor wrote them (the server
    /// writes them to the socket one after the other), never joined into one array.
    public var jsonChunks: [[UInt8]] {
        guard case .wrapped(let w) = storage, !w.sealed.isEmpty else { return [jsonBytes] }
        var chunks = w.chunks
        if errors.isEmpty && extensions == nil { return chunks }
        // Only the first chunk (`{"data":...`) and the last (`...}`) are rewritten.
        var head = ResponseBuffer()
        _ = writeErrors(into: &head)
        head.append(UInt8(ascii: ","))
        head.bytes.append(contentsOf: chunks[0].dropFirst())
        chunks[0] = head.bytes
        if extensions != nil {
            var tail = ResponseBuffer()
            tail.bytes = chunks.removeLast()
            tail.bytes.removeLast()
            writeExtensions(into: &tail, first: false)
            chunks.append(tail.bytes)
        }
        return chunks
    }

    /// `{` and the "errors" entry when there are errors; whether nothing was written after `{`.
    private func writeErrors(into out: inout ResponseBuffer) -> Bool {
        out.append(UInt8(ascii: "{"))
        guard !errors.isEmpty else { return true }
        out.appendRaw("\"errors\":[")
        for (i, e) in errors.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.writeError(e)
        }
        out.append(UInt8(ascii: "]"))
        return false
    }

    /// The "extensions" entry when there is one, and the closing `}`.
    private func writeExtensions(into out: inout ResponseBuffer, first: Bool) {
        if let extensions {
            if !first { out.append(UInt8(ascii: ",")) }
            out.appendRaw("\"extensions\":")
            out.writeJSON(.object(extensions))
        }
        out.append(UInt8(ascii: "}"))
    }

    /// `jsonBytes` as a string.
    public var json: String { String(decoding: jsonBytes, as: UTF8.self) }

    /// The data entry as text, or nil when there is none.
    public var dataText: String? { dataJSON.map { String(decoding: $0, as: UTF8.self) } }
}
