import CSL
import Foundation
import Synchronization
import Hummingbird
import HummingbirdTesting
import SitegenKit
import Testing

@testable import SitegenServer

/// A preview folder beside a file that must never be served, with a symbolic link pointing out of it.
struct PreviewFolder {
    let root: URL
    var site: URL { root.appendingPathComponent("site") }
    static let secret = "TOP-SECRET-\(UUID().uuidString)"

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-serve-\(UUID().uuidString)")
        let files = [
            "site/index.html": "<!DOCTYPE html><html><body><h1>Home</h1></body></html>",
            "site/a/b/index.html": "<!DOCTYPE html><html><body><p>Page B</p></body></html>",
            "site/404.html": "<!DOCTYPE html><html><body><p>Custom not found</p></body></html>",
            "site/assets/sitegen.css": "body{}", "site/feed.xml": "<feed/>", "site/img/x.png": "PNG",
            "site/empty-folder/.keep": "", "site/.well-known/security.txt": "Contact: x", "site/.x.html.sitegen-tmp": "half",
            "site/.sitegen-output": "mark", "secret.txt": Self.secret,
            "site-sibling/secret.txt": Self.secret,
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("escape").path, withDestinationPath: root.path)
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent("leak.txt").path, withDestinationPath: root.appendingPathComponent("secret.txt").path)
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent("inside.css").path, withDestinationPath: site.appendingPathComponent("assets/sitegen.css").path)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func application() -> some ApplicationProtocol {
        Application(responder: PreviewResponder(files: PreviewFiles(folder: site), liveReload: LiveReload()))
    }
}

struct PreviewServerTests {
    /// A request for another host name (a page whose own name resolves to this machine: DNS rebinding) is refused, so
    /// that no site in the browser reads the preview and its drafts; the names of this machine are served.
    @Test func requestsForAnotherHostAreRefused() async throws {
        let folder = try PreviewFolder()
        defer { folder.remove() }
        let app = Application(responder: PreviewResponder(
            files: PreviewFiles(folder: folder.site), liveReload: LiveReload(), hosts: PreviewResponder.loopbackHosts(listeningAt: "127.0.0.1")))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            for (host, status) in [("evil.example:1313", "403"), ("localhost:1313", "200"), ("127.0.0.1:1313", "200"), ("[::1]:1313", "200"),
                                   ("LOCALHOST", "200"), ("localhost.evil.example", "403")] {
                // A request of its own: the test client writes the Host it connects to.
                let answer = try Self.rawRequest("GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n", port: port)
                #expect(answer.hasPrefix("HTTP/1.1 \(status)"), "\(host): \(answer.prefix(40))")
            }
        }
        #expect(PreviewResponder.hostName("[::1]:80") == "[::1]" && PreviewResponder.hostName("Example.org:80") == "example.org")
    }

    /// Sends a request as written to the server on this machine's port and returns the start of its answer.
    static func rawRequest(_ text: String, port: Int) throws -> String {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        _ = text.utf8CString.withUnsafeBufferPointer { send(descriptor, $0.baseAddress, $0.count - 1, 0) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
    }

    @Test func servesFilesWithTypesIndexPagesAndNoStore() async throws {
        let folder = try PreviewFolder()
        defer { folder.remove() }
        try await folder.application().test(.live) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.cacheControl] == "no-store")
                let body = String(buffer: response.body)
                #expect(body.contains("<h1>Home</h1>"))
                // The live-reload script is added to served pages (never to built files).
                #expect(body.contains("<script src=\"/_sitegen/live.js\" data-build=\"") && body.hasSuffix("</body></html>"))
            }
            try await client.execute(uri: "/a/b/", method: .get) { response in
                #expect(String(buffer: response.body).contains("Page B"))
            }
            try await client.execute(uri: "/a/b", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/a/b/")
            }
            for (uri, type) in [("/assets/sitegen.css", "text/css; charset=utf-8"), ("/feed.xml", "application/atom+xml; charset=utf-8"),
                                ("/img/x.png", "image/png"), ("/_sitegen/live.js", "text/javascript; charset=utf-8"),
                                ("/inside.css", "text/css; charset=utf-8"),
                                // A dot folder that `Public/` has is published, so served (as a host serves it).
                                ("/.well-known/security.txt", "text/plain; charset=utf-8")] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.headers[.contentType] == type, "\(uri)")
                    #expect(response.headers[.cacheControl] == "no-store")
                }
            }
            try await client.execute(uri: "/assets/sitegen.css", method: .head) { response in
                #expect(response.status == .ok && response.body.readableBytes == 0)
                #expect(response.headers[.contentLength] == "6")
            }
            try await client.execute(uri: "/", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
    }

    @Test func missingPagesGetTheSite404PageAndFoldersAreNeverListed() async throws {
        let folder = try PreviewFolder()
        defer { folder.remove() }
        try await folder.application().test(.live) { client in
            // The writer's temporary files and the marker are no pages; a file is no folder; a folder without a page
            // is not sent to one with a slash.
            for uri in ["/missing", "/missing/", "/empty-folder/", "/empty-folder", "/.x.html.sitegen-tmp", "/.sitegen-output", "/a/b/index.html/x",
                "/index.html/", "/feed.xml/"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    let body = String(buffer: response.body)
                    #expect(body.contains("Custom not found"), "\(uri)")
                    #expect(!body.contains(".keep"))
                }
            }
        }
    }

    static let traversals = [
        "/../secret.txt", "/../../../../etc/passwd", "/a/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
        "/a/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/a%2f..%2f..%2fsecret.txt",
        "/%5c..%5csecret.txt", "/a/..%5c..%5csecret.txt", "/secret.txt%00.html", "/%00",
        "/escape/secret.txt", "/escape/site-sibling/secret.txt", "/leak.txt", "/%252e%252e/secret.txt",
        "/./../secret.txt", "//etc/passwd", "/" + String(repeating: "a/", count: 1500), "/.%2e/secret.txt",
        "/%c0%ae%c0%ae/secret.txt", "/a/b/../../../site-sibling/secret.txt",
    ]

    @Test func neverServesAByteOutsideTheFolder() async throws {
        let folder = try PreviewFolder()
        defer { folder.remove() }
        try await folder.application().test(.live) { client in
            for uri in Self.traversals {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect([400, 404].contains(response.status.code), "\(uri): \(response.status)")
                    #expect(!String(buffer: response.body).contains(PreviewFolder.secret), "\(uri) leaked the file")
                }
            }
        }
    }

    @Test func resolverRejectsEachTraversalFormWithoutTouchingTheDisk() throws {
        let files = PreviewFiles(folder: URL(fileURLWithPath: "/nonexistent-site"))
        #expect(files.resolve("/../x") == .badRequest)
        #expect(files.resolve("/%2e%2e/x") == .badRequest)
        #expect(files.resolve("/a%2Fb") == .badRequest)
        #expect(files.resolve("/a\\b") == .badRequest)
        #expect(files.resolve("/a%00") == .badRequest)
        #expect(files.resolve("http://evil.example/x") == .badRequest)
        #expect(files.resolve("/" + String(repeating: "x", count: 3000)) == .badRequest)
        #expect(files.resolve("/fine") == .notFound)
    }

    @Test func liveReloadTellsPagesToReloadSwapCssOrShowErrors() async throws {
        let live = LiveReload()
        let stream = await live.subscribe()
        var messages = stream.makeAsyncIterator()
        let hello = await messages.next()
        #expect(hello?.hasPrefix("event: hello\n") == true)
        await live.built(changedPaths: ["a/index.html", "assets/sitegen.css"])
        #expect(await messages.next()?.hasPrefix("event: reload\n") == true)
        await live.built(changedPaths: ["assets/sitegen.css"])
        #expect(await messages.next()?.hasPrefix("event: css\n") == true)
        await live.failed("Content/a.md:3:1: error: broken")
        let failure = await messages.next()
        #expect(failure?.contains("\"error\":\"Content\\/a.md:3:1: error: broken\"") == true || failure?.contains("Content/a.md:3:1") == true)
        await live.built(changedPaths: [])
        #expect(await messages.next()?.hasPrefix("event: ok\n") == true)
    }

    /// The serve loop: an edit re-renders one article and the files it changed are in place when pages are told.
    @Test func sessionRebuildsWhatChangedAndKeepsTheLastGoodSiteOnErrors() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-session-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in ["Content/a.md": "---\ntitle: A?\n---\nAlpha.\n", "Content/b.md": "---\ntitle: B?\n---\nBeta.\n"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let preview = root.appendingPathComponent("preview")
        let session = PreviewSession(options: BuildOptions(source: root.path, output: preview.path))
        let first = await session.rebuild()
        #expect(first.line.hasPrefix("start: 2 articles"))
        try Data("---\ntitle: A?\n---\nAlpha edited.\n".utf8).write(to: root.appendingPathComponent("Content/a.md"))
        let second = await session.rebuild(changed: ["Content/a.md"])
        #expect(second.line.hasPrefix("Content/a.md: 1 article and 0 pages re-rendered") || second.line.contains(": 1 article and"))
        #expect(try String(contentsOf: preview.appendingPathComponent("a/index.html"), encoding: .utf8).contains("Alpha edited."))
        // An editor's temporary file, gone by the time of the line (`sed -i`'s), is not named in it.
        let edited = await session.rebuild(changed: ["Content/a.md", "Content/sedAb12Cd"])
        #expect(edited.line.hasPrefix("Content/a.md: "), "\(edited.line)")
        try Data("---\ntitle: [broken\n---\n".utf8).write(to: root.appendingPathComponent("Content/a.md"))
        let third = await session.rebuild(changed: ["Content/a.md"])
        #expect(third.line.contains("build failed with 1 error"))
        #expect(third.diagnostics.contains { $0.description.hasPrefix("Content/a.md:2:8: error: this '[' is never closed") }, "\(third.diagnostics)")
        #expect(try String(contentsOf: preview.appendingPathComponent("a/index.html"), encoding: .utf8).contains("Alpha edited."))
        let failure = await session.liveReload.failure ?? ""
        #expect(failure.contains("Content/a.md:2:8: error: this"), "\(failure)")
    }

    /// `serve --source mysite`: the line of what changed names the file as the diagnostics beside it do, reached from
    /// the current folder (it said `Content/a.md` under `mysite/Content/a.md:2:8: error: …`).
    @Test func changedFilesAreNamedAsTheDiagnosticsNameThem() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-session-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try writeFile("---\ntitle: A?\n---\nAlpha.\n", at: "Content/a.md", in: root)
        let session = PreviewSession(options: BuildOptions(source: root.path, output: root.appendingPathComponent("preview").path), siteFolder: "mysite/")
        _ = await session.rebuild()
        try writeFile("---\ntitle: [broken\n---\n", at: "Content/a.md", in: root)
        let failed = await session.rebuild(changed: ["Content/a.md"])
        #expect(failed.line.hasPrefix("mysite/Content/a.md: build failed"), "\(failed.line)")
        #expect(failed.diagnostics.map { $0.shown(siteFolder: "mysite/") }.contains { $0.hasPrefix("mysite/Content/a.md:2:8: error:") })
        try writeFile("---\ntitle: A?\n---\nAlpha again.\n", at: "Content/a.md", in: root)
        #expect(await session.rebuild(changed: ["Content/a.md"]).line.hasPrefix("mysite/Content/a.md: 1 article"))
    }

    /// A file of `Public/` replaced by a folder of its name while serving: the folder's files are served, and every
    /// later build goes on (the old file stood where the folder goes, and each build failed until serve restarted).
    @Test func aPublicFileReplacedByAFolderOfItsName() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-session-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ path: String, _ text: String) throws { try writeFile(text, at: path, in: root) }
        try write("Content/a.md", "---\ntitle: A?\n---\nAlpha.\n")
        try write("Public/thing", "a file")
        let preview = root.appendingPathComponent("preview")
        let session = PreviewSession(options: BuildOptions(source: root.path, output: preview.path))
        #expect(!(await session.rebuild()).diagnostics.hasErrors)
        try FileManager.default.removeItem(at: root.appendingPathComponent("Public/thing"))
        try write("Public/thing/inner.txt", "inside")
        let replaced = await session.rebuild(changed: ["Public/thing", "Public/thing/inner.txt"], everything: true)
        #expect(!replaced.diagnostics.hasErrors, "\(replaced.diagnostics)")
        #expect(try String(contentsOf: preview.appendingPathComponent("thing/inner.txt"), encoding: .utf8) == "inside")
        try write("Content/a.md", "---\ntitle: A?\n---\nAlpha edited.\n")
        #expect(!(await session.rebuild(changed: ["Content/a.md"])).diagnostics.hasErrors)
        // And back: the folder replaced by the file.
        try FileManager.default.removeItem(at: root.appendingPathComponent("Public/thing"))
        try write("Public/thing", "a file again")
        #expect(!(await session.rebuild(changed: ["Public/thing"], everything: true)).diagnostics.hasErrors)
        #expect(try String(contentsOf: preview.appendingPathComponent("thing"), encoding: .utf8) == "a file again")
    }

    /// When the first build fails there is no last good site: every page is the errors, with the live-reload
    /// script (which shows them in the overlay too), until a build succeeds; then the site is served.
    @Test func aFirstBuildThatFailsServesItsErrors() async throws {
        let (root, article, preview, session) = try oneArticleSite("first-fails")
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("---\ntitle: A?\n<b>: 1\n---\n".utf8).write(to: article)
        let first = await session.rebuild()
        #expect(first.line.hasSuffix("serving the errors until the site builds"), "\(first.line)")
        let app = Application(responder: PreviewResponder(files: PreviewFiles(folder: preview), liveReload: session.liveReload))
        try await app.test(.live) { client in
            for uri in ["/", "/a/", "/missing/"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .serviceUnavailable, "\(uri)")
                    let body = String(buffer: response.body)
                    #expect(body.contains("<h1>The site did not build</h1>"))
                    #expect(body.contains("Content/a.md:3:1: error: unknown front matter key"))
                    #expect(!body.contains("<b>") && body.contains("&lt;b&gt;"))
                    #expect(body.contains("<script src=\"/_sitegen/live.js\""))
                }
            }
        }
        try Data("---\ntitle: A?\n---\nFixed.\n".utf8).write(to: article)
        #expect(!(await session.rebuild(changed: ["Content/a.md"])).diagnostics.hasErrors)
        try await app.test(.live) { client in
            try await client.execute(uri: "/a/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Fixed."))
            }
        }
    }

    /// A site with one article (`Content/a.md`, "First version.") and a session previewing it into `preview/`.
    func oneArticleSite(_ name: String) throws -> (root: URL, article: URL, preview: URL, session: PreviewSession) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-\(name)-\(UUID().uuidString)")
        let article = root.appendingPathComponent("Content/a.md")
        try FileManager.default.createDirectory(at: article.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("---\ntitle: A?\n---\nFirst version.\n".utf8).write(to: article)
        let preview = root.appendingPathComponent("preview")
        return (root, article, preview, PreviewSession(options: BuildOptions(source: root.path, output: preview.path)))
    }

    /// A rebuild whose page cannot be written fails, and the one after it writes the page, although its source
    /// did not change again.
    @Test func aPageThatCouldNotBeWrittenIsWrittenByTheNextBuild() async throws {
        let (root, article, preview, session) = try oneArticleSite("unwritable")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(!(await session.rebuild()).diagnostics.hasErrors)
        // A file where the page's folder must be: writing the page fails.
        let folder = preview.appendingPathComponent("a")
        try FileManager.default.removeItem(at: folder)
        try Data("in the way".utf8).write(to: folder)
        try Data("---\ntitle: A?\n---\nSecond version.\n".utf8).write(to: article)
        let failed = await session.rebuild(changed: ["Content/a.md"])
        #expect(failed.line.contains("build failed"), "\(failed.line)")
        try FileManager.default.removeItem(at: folder)
        let next = await session.rebuild()
        #expect(!next.diagnostics.hasErrors, "\(next.diagnostics)")
        #expect(try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8).contains("Second version."))
    }

    /// Pages are answered from memory until a build writes files; then the new page is served, never the old.
    @Test func cachedResponsesLastOnlyUntilTheNextBuild() async throws {
        let (root, article, preview, session) = try oneArticleSite("cache")
        defer { try? FileManager.default.removeItem(at: root) }
        await session.rebuild()
        let app = Application(responder: PreviewResponder(files: PreviewFiles(folder: preview), liveReload: session.liveReload, cache: session.responses))
        try await app.test(.live) { client in
            func page() async throws -> String {
                try await client.execute(uri: "/a/", method: .get) { String(buffer: $0.body) }
            }
            #expect(try await page().contains("First version."))
            // Changed on disk behind the session's back: the cached page is still served.
            let served = preview.appendingPathComponent("a/index.html")
            let text = try String(contentsOf: served, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "First version.", with: "Tampered.").utf8).write(to: served)
            #expect(try await page().contains("First version."))
            // A rebuild writes the page and empties the cache.
            try Data("---\ntitle: A?\n---\nSecond version.\n".utf8).write(to: article)
            await session.rebuild(changed: ["Content/a.md"])
            let after = try await page()
            #expect(after.contains("Second version.") && !after.contains("First version."))
            #expect(after.contains("data-build=\"\(await session.liveReload.build)\""))
        }
    }

    /// A bibliography file outside `Content/`, named by an article, is watched after the build that read it; so is a
    /// style file of the settings (`styles/house.csl`, which a preview kept printing in its old style), and a folder
    /// an article names a file in that is not there yet (`refs/`, made after the build said the file was missing).
    @Test func filesOutsideContentTheBuildReadsAreWatched() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ path: String, _ text: String) throws { try writeFile(text, at: path, in: root) }
        try write("sitegen.yml", "title: T\nbaseURL: https://example.org/\ncitation-style: styles/house.csl\n")
        try write("styles/house.csl", try #require(CSLBuiltins.styles["apa"]))
        try write("Content/a.md", "---\ntitle: A?\nbibliography: ../refs/own.bib\n---\nCited [@own1].\n")
        try write("Content/b.md", "---\ntitle: B?\nbibliography: ../later/more/new.bib\n---\nText.\n")
        try write("refs/own.bib", "@article{own1, title = {First}, journal = {J}, year = 2024}\n")
        let session = PreviewSession(options: BuildOptions(source: root.path, output: root.appendingPathComponent("preview").path))
        let first = await session.rebuild()
        #expect(first.diagnostics.map(\.description).filter { $0.contains("error") }.count == 1, "\(first.diagnostics)")
        #expect(await session.builder.readFolders == ["refs", "styles", "later/more"])
        let watcher = try FileWatcher(root: root)
        watcher.watchFolders(await session.builder.readFolders)
        let stream = watcher.changes()
        // Every batch, gathered as it comes (a loaded machine may split one change's events over two batches).
        let gathered = Gathered()
        let collector = Task { for await batch in stream { gathered.withLock { $0.append(batch) } } }
        defer { collector.cancel() }
        /// The batches after `change`, until one is `wanted` or for three seconds.
        func batches(after change: () throws -> Void, until wanted: (FileWatcher.Batch) -> Bool) async throws -> [FileWatcher.Batch] {
            let start = gathered.withLock { $0.count }
            try change()
            let deadline = ContinuousClock.now + .seconds(3)
            while ContinuousClock.now < deadline {
                let after = gathered.withLock { Array($0[start...]) }
                if after.contains(where: wanted) { return after }
                try await Task.sleep(for: .milliseconds(20))
            }
            return gathered.withLock { Array($0[start...]) }
        }
        func reported(_ path: String) -> (FileWatcher.Batch) -> Bool { { $0.paths.contains(path) } }
        let bibliography = try await batches(after: { try write("refs/own.bib", "@article{own1, title = {Second}, journal = {J}, year = 2024}\n") }, until: reported("refs/own.bib"))
        #expect(bibliography.contains(where: reported("refs/own.bib")), "\(bibliography)")
        let style = try await batches(after: { try write("styles/house.csl", try #require(CSLBuiltins.styles["ieee"])) }, until: reported("styles/house.csl"))
        #expect(style.contains(where: reported("styles/house.csl")), "\(style)")
        let made = try await batches(after: { try FileManager.default.createDirectory(at: root.appendingPathComponent("later"), withIntermediateDirectories: false) }, until: \.everything)
        #expect(made.contains { $0.everything }, "\(made)")
        let inside = try await batches(after: { try FileManager.default.createDirectory(at: root.appendingPathComponent("later/more"), withIntermediateDirectories: false) }, until: \.everything)
        #expect(inside.contains { $0.everything }, "\(inside)")
        let file = try await batches(after: { try write("later/more/new.bib", "@article{new1, title = {New}, journal = {J}, year = 2024}\n") }, until: reported("later/more/new.bib"))
        #expect(file.contains(where: reported("later/more/new.bib")), "\(file)")
        // A folder of no file the build reads is no change.
        let other = try await batches(after: { try write("notes/todo.txt", "x") }, until: { $0.paths.contains { $0.hasPrefix("notes") } || $0.everything })
        #expect(!other.contains { $0.paths.contains { $0.hasPrefix("notes") } || $0.everything }, "\(other)")
    }
}

/// A style file outside the site named by its absolute path (a house style several sites share): its edits rebuild
/// the preview, as a style inside the site does (they went unseen, the preview keeping the old style without a word).
struct OutsideStyleTests {
    @Test func aStyleOutsideTheSiteNamedByItsAbsolutePathIsWatched() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-outside-style-\(UUID().uuidString)").standardizedFileURL
        defer { try? FileManager.default.removeItem(at: base) }
        let root = base.appendingPathComponent("site"), style = base.appendingPathComponent("shared/house.csl")
        let apa = try #require(CSLBuiltins.styles["apa"])
        try writeFile(apa, at: "shared/house.csl", in: base)
        try writeFile("title: T\nbaseURL: https://example.org/\ncitation-style: \(style.path)\n", at: "sitegen.yml", in: root)
        try writeFile("---\ntitle: A?\n---\nText.\n", at: "Content/a.md", in: root)
        let session = PreviewSession(options: BuildOptions(source: root.path, output: base.appendingPathComponent("preview").path))
        #expect(!(await session.rebuild()).diagnostics.hasErrors)
        #expect(await session.builder.readFolders == [base.appendingPathComponent("shared").path])
        let watcher = try FileWatcher(root: root)
        watcher.watchFolders(await session.builder.readFolders)
        try Data(apa.replacing("</style>", with: "<!-- edited --></style>").utf8).write(to: style)
        let changes = pendingChanges(of: watcher, untilItReports: style.path, within: .seconds(5))
        #expect(changes.paths.contains(style.path), "\(changes)")
        let (line, diagnostics) = await session.rebuild(changed: changes.paths)
        #expect(!diagnostics.hasErrors && line.hasPrefix(style.path + ": "), "\(line)")
    }
}

/// A file outside `Content/` saved while the first build ran, after the build read it and before its folder was
/// watched, is read again once serve watches: the preview kept the old text until another edit.
struct FirstBuildTests {
    @Test func aBibliographyEditedDuringTheFirstBuildIsReadAgainWhenWatchingStarts() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-first-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try writeFile("title: T\nbaseURL: https://example.org/\n", at: "sitegen.yml", in: root)
        try writeFile("---\ntitle: A?\nbibliography: ../refs/own.bib\n---\nCited [@own1].\n", at: "Content/a.md", in: root)
        try writeFile("@article{own1, title = {First}, journal = {J}, year = 2024}\n", at: "refs/own.bib", in: root)
        let preview = root.appendingPathComponent("preview")
        let session = PreviewSession(options: BuildOptions(source: root.path, output: preview.path))
        #expect(!(await session.rebuild()).diagnostics.hasErrors)
        // The save the first build missed: after it read the file, before the watcher was told of its folder.
        try writeFile("@article{own1, title = {Second}, journal = {J}, year = 2024}\n", at: "refs/own.bib", in: root)
        let watcher = try FileWatcher(root: root)
        let recheck = await session.watchAfterFirstBuild(watcher)
        #expect(recheck?.line.hasPrefix("refs/own.bib: ") == true, "\(String(describing: recheck))")
        let page = try String(contentsOf: preview.appendingPathComponent("a/index.html"), encoding: .utf8)
        #expect(page.contains("Second") && !page.contains("First"))
        // Nothing new: no line.
        #expect(await session.watchAfterFirstBuild(watcher) == nil)
    }

    /// The re-check's line names the files changed since the first build began, not every file outside `Content/`
    /// that build read.
    @Test func theRecheckNamesOnlyTheFilesChangedSinceTheFirstBuildBegan() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-first-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try writeFile("title: T\nbaseURL: https://example.org/\n", at: "sitegen.yml", in: root)
        try writeFile("---\ntitle: A?\nbibliography: ../refs/a.bib\n---\nCited [@a1].\n", at: "Content/a.md", in: root)
        try writeFile("---\ntitle: B?\nbibliography: ../refs/b.bib\n---\nCited [@b1].\n", at: "Content/b.md", in: root)
        try writeFile("@article{a1, title = {First}, journal = {J}, year = 2024}\n", at: "refs/a.bib", in: root)
        try writeFile("@article{b1, title = {Kept}, journal = {J}, year = 2024}\n", at: "refs/b.bib", in: root)
        // refs/a.bib sorts first: without the filter the line would start with it, whichever file changed.
        for name in ["a.bib", "b.bib"] {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: root.appendingPathComponent("refs/\(name)").path)
        }
        let preview = root.appendingPathComponent("preview")
        let session = PreviewSession(options: BuildOptions(source: root.path, output: preview.path))
        #expect(!(await session.rebuild()).diagnostics.hasErrors)
        try writeFile("@article{b1, title = {Second}, journal = {J}, year = 2024}\n", at: "refs/b.bib", in: root)
        let recheck = await session.watchAfterFirstBuild(try FileWatcher(root: root))
        #expect(recheck?.line.hasPrefix("refs/b.bib: 1 article ") == true, "\(String(describing: recheck))")
        #expect(try String(contentsOf: preview.appendingPathComponent("b/index.html"), encoding: .utf8).contains("Second"))
    }
}

/// A bibliography folder outside `Content/` renamed away (`refs` to `refs-old`, and a new `refs/` made) is watched no
/// more under its old name: edits to the old copy were reported as `refs/r.yaml`, a file nobody touched.
struct RenamedReadFolderTests {
    @Test func editsInARenamedAwayBibliographyFolderAreNotReportedUnderItsOldName() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-renamed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try writeFile("- id: r1\n  type: book\n  title: v1\n", at: "refs/r.yaml", in: root)
        try writeFile("---\ntitle: A?\n---\nText.\n", at: "Content/a.md", in: root)
        let watcher = try FileWatcher(root: root)
        watcher.watchFolders(["refs"])
        try FileManager.default.moveItem(at: root.appendingPathComponent("refs"), to: root.appendingPathComponent("refs-old"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("refs"), withIntermediateDirectories: false)
        try writeFile("- id: r1\n  type: book\n  title: OLD\n", at: "refs-old/r.yaml", in: root)
        // The kernel queues events in order: once this later edit is read, so is every event of the one before.
        try writeFile("---\ntitle: A?\n---\nLater.\n", at: "Content/a.md", in: root)
        let changes = pendingChanges(of: watcher, untilItReports: "Content/a.md")
        #expect(changes.paths.contains("Content/a.md"), "\(changes)")
        #expect(!changes.paths.contains("refs/r.yaml"), "\(changes)")
    }
}

/// A folder moved out of the site is watched no more: edits there were reported as the site's, under its old name.
struct MovedFolderTests {
    @Test func aFolderMovedOutOfTheSiteIsNoLongerWatched() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-moved-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let root = base.appendingPathComponent("site")
        try writeFile("---\ntitle: A?\n---\nText.\n", at: "Content/tmpx/a.md", in: root)
        let watcher = try FileWatcher(root: root)
        try FileManager.default.moveItem(at: root.appendingPathComponent("Content/tmpx"), to: base.appendingPathComponent("outside"))
        // The move itself is a change.
        let moved = pendingChanges(of: watcher, untilItReports: "Content/tmpx")
        #expect(moved.paths.contains("Content/tmpx"), "\(moved)")
        try "edited".write(to: base.appendingPathComponent("outside/a.md"), atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(at: base.appendingPathComponent("outside/sub"), withIntermediateDirectories: false)
        usleep(300_000)
        let after = watcher.pendingChanges()
        #expect(!after.paths.contains { $0.hasPrefix("Content/tmpx/") } && !after.everything, "\(after)")
    }
}

/// An editor's save that moves the old file away and writes the new one a moment later (over the quiet moment a batch
/// waits for) is one change of a file that is there: it showed the article deleted for one build.
struct SlowSaveTests {
    @Test func aFileMovedAwayAndWrittenAgainIsNeverReportedWhileItIsGone() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-save-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try writeFile("---\ntitle: A?\n---\nText.\n", at: "Content/a.md", in: root)
        let file = root.appendingPathComponent("Content/a.md")
        let watcher = try FileWatcher(root: root)
        // Waiting up to ten seconds, not the 0.4 the server waits, for a machine busy with other tests.
        let stream = watcher.changes(longest: 10)
        // Each batch with whether the article was there when the batch came.
        let seen = Mutex<[(paths: Set<String>, there: Bool)]>([])
        let collector = Task {
            for await batch in stream {
                let there = FileManager.default.fileExists(atPath: file.path)
                seen.withLock { $0.append((batch.paths, there)) }
            }
        }
        defer { collector.cancel() }
        try FileManager.default.moveItem(at: file, to: root.appendingPathComponent("Content/a.md.bak"))
        // On this thread: a task's sleep may last seconds while the other tests hold the pool's threads.
        usleep(150_000)
        try "---\ntitle: A?\n---\nNew text.\n".write(to: file, atomically: false, encoding: .utf8)
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline, !seen.withLock({ $0.contains { $0.paths.contains("Content/a.md") && $0.there } }) {
            try await Task.sleep(for: .milliseconds(20))
        }
        let batches = seen.withLock { $0 }
        #expect(batches.contains { $0.paths.contains("Content/a.md") && $0.there }, "\(batches)")
        #expect(!batches.contains { $0.paths.contains("Content/a.md") && !$0.there }, "\(batches)")
    }

    /// A save in place cuts the file to nothing, then writes it: the batch waits for the writing, as for a file moved
    /// away (it was reported empty, and the preview showed "file is empty" as a failed build for a moment).
    @Test func aFileCutAndWrittenAgainInPlaceIsNeverReportedWhileItIsEmpty() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-inplace-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try writeFile("---\ntitle: A?\n---\nText.\n", at: "Content/a.md", in: root)
        let file = root.appendingPathComponent("Content/a.md")
        let watcher = try FileWatcher(root: root)
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 0)
        // Written 150 ms later, on another thread, while this one takes the batch (as the server's watching thread does).
        let writer = Thread {
            usleep(150_000)
            try? handle.write(contentsOf: Data("---\ntitle: A?\n---\nNew text.\n".utf8))
            try? handle.close()
        }
        writer.start()
        // Waiting up to ten seconds, not the 0.4 the server waits, for a machine busy with other tests.
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let batch = try #require(watcher.nextBatch(quiet: 10, longest: 10, buffer: &buffer))
        #expect(batch.paths.contains("Content/a.md"), "\(batch)")
        #expect(try String(contentsOf: file, encoding: .utf8).contains("New text."), "the batch came before the file was written again")
    }

    @Test func aFileDeletedIsReportedWithinTheLongestWait() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-delete-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try writeFile("---\ntitle: A?\n---\nText.\n", at: "Content/a.md", in: root)
        let watcher = try FileWatcher(root: root)
        let stream = watcher.changes()
        let seen = Mutex<[Set<String>]>([])
        let collector = Task { for await batch in stream { seen.withLock { $0.append(batch.paths) } } }
        defer { collector.cancel() }
        try FileManager.default.removeItem(at: root.appendingPathComponent("Content/a.md"))
        // Twenty seconds, not five, for a machine busy with other tests: a clean-clone CI run beside a second test run
        // took 93 s for this test and missed five.
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, !seen.withLock({ $0.contains { $0.contains("Content/a.md") } }) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(seen.withLock { $0.contains { $0.contains("Content/a.md") } })
    }
}

/// `sitegen serve` says why it cannot listen before it builds anything, from the error number of a bind.
struct ListenAddressTests {
    /// Every interface is known by the address, however it is written (`--host 0` listened on every interface without
    /// the warning, and printed `http://0:8080/` as the pages' address); loopback and names are not it.
    @Test func everyInterfaceIsKnownByItsAddress() {
        for host in ["0.0.0.0", "0", "0.0.0.00", "::", "::0", "0:0:0:0:0:0:0:0", "::ffff:0.0.0.0", "::FFFF:0:0"] {
            #expect(PreviewServer.isEveryInterface(host), "\(host)")
        }
        for host in ["127.0.0.1", "::1", "localhost", "192.168.1.10", "", "[::]", "::ffff:127.0.0.1"] { #expect(!PreviewServer.isEveryInterface(host), "\(host)") }
    }

    /// Only a loopback address keeps the preview on this machine: any other that is not every interface's (a network's,
    /// `192.0.2.2`, `::ffff:192.0.2.2`) listened without a word.
    @Test func loopbackIsKnownByItsAddress() {
        for host in ["127.0.0.1", "127.0.0.2", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "localhost"] { #expect(PreviewServer.isLoopback(host), "\(host)") }
        for host in ["192.0.2.2", "10.0.0.1", "::ffff:192.0.2.2", "2001:db8::1", "0.0.0.0", "::", "::ffff:0.0.0.0"] {
            #expect(!PreviewServer.isLoopback(host), "\(host)")
        }
    }

    @Test func aPortInUseAnAddressNotHereAndAFreePort() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(bound == 0)
        #expect(listen(descriptor, 1) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        let busy = Int(UInt16(bigEndian: address.sin_port))
        #expect(PreviewServer.cannotListen(host: "127.0.0.1", port: busy) == "the port is in use (choose another with --port)")
        // 192.0.2.1 is set aside for documentation: no machine has it.
        #expect(PreviewServer.cannotListen(host: "192.0.2.1", port: busy) == "no such address on this machine")
        #expect(PreviewServer.cannotListen(host: "no-such-host.invalid", port: busy) == "no such address on this machine")
        close(descriptor)
        #expect(PreviewServer.cannotListen(host: "127.0.0.1", port: busy) == nil)
    }
}

/// The changes a watcher has queued, gathered every 20 ms (on this thread) until they hold `path` or `within` has passed.
private func pendingChanges(of watcher: FileWatcher, untilItReports path: String, within: Duration = .seconds(10)) -> FileWatcher.Batch {
    var changes = watcher.pendingChanges()
    let deadline = ContinuousClock.now + within
    while !changes.paths.contains(path), ContinuousClock.now < deadline {
        usleep(20_000)
        changes.paths.formUnion(watcher.pendingChanges().paths)
    }
    return changes
}

/// Writes a file of a test site, making its folders.
private func writeFile(_ text: String, at path: String, in root: URL) throws {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

/// A watcher's batches as a test gathers them from its stream, on another task.
private final class Gathered: Sendable {
    private let batches = Mutex<[FileWatcher.Batch]>([])

    func withLock<Result>(_ body: (inout [FileWatcher.Batch]) -> Result) -> Result { batches.withLock { body(&$0) } }
}
