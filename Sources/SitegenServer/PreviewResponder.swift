import Foundation
import Hummingbird
import ServiceLifecycle
import SitegenKit

/// Answers every request of the preview server: the site's files, its 404 page, the live-reload script and
/// its event stream. Nothing is cached by the browser (`Cache-Control: no-store`).
public struct PreviewResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    public let files: PreviewFiles
    public let liveReload: LiveReload
    public let cache: ResponseCache

    /// The host names a request may address (`Host`, without its port), or nil for any: a page of another site that
    /// a name of its own resolves to this machine (DNS rebinding) would otherwise read the preview, drafts and all.
    public let hosts: Set<String>?

    public init(files: PreviewFiles, liveReload: LiveReload, cache: ResponseCache = ResponseCache(), hosts: Set<String>? = nil) {
        self.files = files
        self.liveReload = liveReload
        self.cache = cache
        self.hosts = hosts
    }

    /// The names of this machine a browser here uses, and the one the server listens at.
    public static func loopbackHosts(listeningAt host: String) -> Set<String> {
        ["localhost", "127.0.0.1", "[::1]", host.lowercased(), host.contains(":") ? "[\(host.lowercased())]" : host.lowercased()]
    }

    /// A `Host` value without its port: `[::1]:1313` → `[::1]`, `localhost:1313` → `localhost`.
    static func hostName(_ authority: String) -> String {
        let lowered = authority.lowercased()
        if lowered.hasPrefix("["), let close = lowered.firstIndex(of: "]") { return String(lowered[...close]) }
        return String(lowered.prefix { $0 != ":" })
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        if let hosts, let authority = request.head.authority, !hosts.contains(Self.hostName(authority)) {
            return plain(.forbidden, "This preview answers at \(hosts.contains("localhost") ? "localhost" : "its own address") only, not at '\(authority)'.\n")
        }
        guard request.method == .get || request.method == .head else {
            return plain(.methodNotAllowed, "Only GET and HEAD are served.\n", extra: [.allow: "GET, HEAD"])
        }
        let path = request.uri.path
        let head = request.method == .head
        switch path {
        case "/_sitegen/live.js":
            return response(.ok, Data(LiveReload.script.utf8), type: "text/javascript; charset=utf-8", head: head)
        case "/_sitegen/events":
            return await events()
        default:
            break
        }
        if await !liveReload.hasBuilt, let failure = await liveReload.failure {
            // No build has succeeded yet: there is no site to show, so every page is the errors (and reloads when fixed).
            return response(.serviceUnavailable, await inject(Data(Self.failurePage(failure).utf8)), type: "text/html; charset=utf-8", head: head)
        }
        let (cached, generation) = cache.lookup(path)
        if let cached { return Response(status: .ok, headers: cached.headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: cached.body)) }
        switch files.resolve(path) {
        case .badRequest:
            return plain(.badRequest, "Bad request path.\n")
        case .redirect(let location):
            let target = location + (request.uri.query.map { "?" + $0 } ?? "")
            return plain(.movedPermanently, "Moved to \(target)\n", extra: [.location: target])
        case .notFound:
            guard let page = files.notFoundPage, let data = try? Data(contentsOf: page) else {
                return plain(.notFound, "Not found.\n")
            }
            return response(.notFound, await inject(data), type: "text/html; charset=utf-8", head: head)
        case .file(let url):
            guard let data = try? Data(contentsOf: url) else { return plain(.notFound, "Not found.\n") }
            let type = PreviewFiles.contentType(of: url)
            let entry = ResponseCache.Entry(type: type, body: ByteBuffer(bytes: type.hasPrefix("text/html") ? await inject(data) : data))
            cache.store(entry, for: path, generation: generation)
            return Response(status: .ok, headers: entry.headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: entry.body))
        }
    }

    /// The page served while the site has never built: the errors, readable without JavaScript too.
    static func failurePage(_ diagnostics: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>sitegen: build failed</title></head>
        <body id="sitegen-build-failed">
        <main>
        <h1>The site did not build</h1>
        <p>Fix these errors and save; this page reloads when the site builds.</p>
        <pre>\(HTMLEscaping.escape(diagnostics))</pre>
        </main>
        </body>
        </html>

        """
    }

    /// Adds the live-reload script before `</body>` (or at the end).
    func inject(_ data: Data) async -> Data {
        let tag = Data(await liveReload.scriptTag().utf8)
        if let range = data.range(of: Data("</body>".utf8), options: .backwards) {
            var result = data
            result.insert(contentsOf: tag, at: range.lowerBound)
            return result
        }
        return data + tag
    }

    func events() async -> Response {
        let stream = await liveReload.subscribe()
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let liveReload = self.liveReload
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            // The stream never ends by itself: end it when the server shuts down, or Ctrl-C would wait for it.
            try await withGracefulShutdownHandler {
                for await message in stream {
                    try await writer.write(ByteBuffer(string: message))
                }
            } onGracefulShutdown: {
                Task { await liveReload.closeAll() }
            }
            try await writer.finish(nil)
        })
    }

    func response(_ status: HTTPResponse.Status, _ data: Data, type: String, head: Bool) -> Response {
        let entry = ResponseCache.Entry(type: type, body: ByteBuffer(bytes: data))
        return Response(status: status, headers: entry.headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: entry.body))
    }

    func plain(_ status: HTTPResponse.Status, _ text: String, extra: HTTPFields = [:]) -> Response {
        var response = response(status, Data(text.utf8), type: "text/plain; charset=utf-8", head: false)
        for field in extra { response.headers[field.name] = field.value }
        return response
    }
}
