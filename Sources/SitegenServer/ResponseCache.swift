import Foundation
import Hummingbird

/// Responses for files of the current build, kept in memory: the preview folder changes only when a build
/// writes it, and the session empties the cache then. Saves reading, resolving and injecting per request.
public final class ResponseCache: @unchecked Sendable {
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

    private let lock = NSLock()
    private var generation = 0
    private var entries: [String: Entry] = [:]
    private var size = 0

    public init() {}

    /// The cached response of a request path, and the generation a new entry for it must be stored with.
    func lookup(_ path: String) -> (entry: Entry?, generation: Int) {
        lock.withLock { (entries[path], generation) }
    }

    /// Keeps a response, unless a build has written files since the request looked it up.
    func store(_ entry: Entry, for path: String, generation: Int) {
        let count = entry.body.readableBytes
        guard count <= Self.largestFile else { return }
        lock.withLock {
            guard generation == self.generation, size + count <= Self.capacity, entries[path] == nil else { return }
            entries[path] = entry
            size += count
        }
    }

    /// Forgets every response: called after a build wrote the preview folder, before pages are told to reload.
    public func invalidate() {
        lock.withLock {
            generation += 1
            entries.removeAll()
            size = 0
        }
    }
}
