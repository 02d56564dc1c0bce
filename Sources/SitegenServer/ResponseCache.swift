import Foundation
import Synchronization
import Hummingbird

/// Responses for files of the current build, kept in memory: the preview folder changes only when a build
/// writes it, and the session empties the cache then. Saves reading, resolving and injecting per request.
public final class ResponseCache: Sendable {
    public struct Entry: Sendable {
        public var body: ByteBuffer
        /// The response's header fields, made once.
        public var headers: HTTPFields

        public init(type: String, body: ByteBuffer) {
            self.body = body
            headers = HTTPFields()
            headers[.contentType] = type
            headers[.cacheControl] = "no-store"
            headers[.contentLength] = String(body.readableBytes)
        }
    }

    /// Files larger than this are read on every request; all entries together stay under `capacity` bytes.
    static let largestFile = 1 << 20
    static let capacity = 64 << 20

    private struct State {
        var generation = 0
        var entries: [String: Entry] = [:]
        var size = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// The cached response of a request path, and the generation a new entry for it must be stored with.
    func lookup(_ path: String) -> (entry: Entry?, generation: Int) {
        state.withLock { ($0.entries[path], $0.generation) }
    }

    /// Keeps a response, unless a build has written files since the request looked it up.
    func store(_ entry: Entry, for path: String, generation: Int) {
        let count = entry.body.readableBytes
        guard count <= Self.largestFile else { return }
        state.withLock { state in
            guard generation == state.generation, state.size + count <= Self.capacity, state.entries[path] == nil else { return }
            state.entries[path] = entry
            state.size += count
        }
    }

    /// Forgets every response: called after a build wrote the preview folder, before pages are told to reload.
    public func invalidate() {
        state.withLock { state in
            state.generation += 1
            state.entries.removeAll()
            state.size = 0
        }
    }
}
