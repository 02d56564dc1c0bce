import Foundation
import Hummingbird
import Logging
import SitegenKit

/// `sitegen serve`: builds the site into a private preview folder, serves it on loopback, watches the
/// sources, rebuilds only what a change touched and tells open pages to reload once the new files are in place.
public final class PreviewSession: Sendable {
    public let builder: PreviewBuilder
    public let liveReload = LiveReload()
    /// What the preview server answers from memory; emptied whenever a build writes files.
    public let responses = ResponseCache()
    /// The site folder as the user gave it (`--source mysite`), through which the lines name changed files, as the
    /// diagnostics name them.
    let siteFolder: String

    /// - Parameters:
    ///   - options: the build, with `output` set to the preview folder.
    ///   - siteFolder: the site folder as given on the command line.
    public init(options: BuildOptions, siteFolder: String = ".") {
        builder = PreviewBuilder(options: options)
        self.siteFolder = siteFolder
    }

    /// One rebuild; returns the log line. A failed build leaves the preview folder as it was.
    @discardableResult
    public func rebuild(changed: Set<String> = [], everything: Bool = false) async -> (line: String, diagnostics: [Diagnostic]) {
        let clock = ContinuousClock()
        let started = clock.now
        // An editor's temporary file, made and gone before this line (`sed -i`'s `sedAb12Cd`, Vim's `4913`), is no
        // change to name: a file without an extension that is not there.
        let root = builder.options.source.path
        let shown = changed.filter { $0.split(separator: "/").last?.contains(".") == true || FileManager.default.fileExists(atPath: root + "/" + $0) }
        let named = shown.isEmpty ? changed : shown
        let what = named.isEmpty ? "start" : named.sorted().prefix(3).map { Diagnostic.path($0, shownFrom: siteFolder) }.joined(separator: ", ") + (named.count > 3 ? " and \(named.count - 3) more" : "")
        let result = await builder.rebuild(changed: changed, everything: everything)
        let diagnostics = await CharacterColumns.converting(result.diagnostics, root: builder.options.source)
        let milliseconds = (clock.now - started).milliseconds
        if diagnostics.hasErrors {
            await liveReload.failed(diagnostics.filter(\.isError).map(\.description).joined(separator: "\n"))
            let count = diagnostics.filter(\.isError).count
            let serving = await liveReload.hasBuilt ? "still serving the last good site" : "serving the errors until the site builds"
            return ("\(what): build failed with \(count) error\(count == 1 ? "" : "s") in \(milliseconds) ms; \(serving)", diagnostics)
        }
        responses.invalidate()
        await liveReload.built(changedPaths: result.written)
        let statistics = result.statistics, written = result.written
        return ("\(what): \(statistics.articlesRendered) article\(statistics.articlesRendered == 1 ? "" : "s") and \(statistics.pagesRendered) page\(statistics.pagesRendered == 1 ? "" : "s") re-rendered, \(written.count) file\(written.count == 1 ? "" : "s") written in \(milliseconds) ms", diagnostics)
    }

    /// Has the watcher watch the folders outside the source folders that the first build read files from (`refs/`,
    /// `styles/`, an outside style's folder), then reads again those changed since that build began: one saved while it
    /// ran, before its folder was watched, went unseen until another edit. The re-check's line and diagnostics when it
    /// changed the preview (files written, or a build that failed or was fixed), nil when it found nothing new.
    public func watchAfterFirstBuild(_ watcher: FileWatcher) async -> (line: String, diagnostics: [Diagnostic])? {
        watcher.watchFolders(await builder.readFolders)
        // Two seconds before, for a file system that stamps whole seconds. A file that is not there is read again (it
        // may have gone since it was read).
        let since = (await builder.firstBuildStarted ?? .distantPast).addingTimeInterval(-2)
        let root = builder.options.source.path
        let files = await builder.readFiles.filter { path in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path.hasPrefix("/") ? path : root + "/" + path)
            return (attributes?[.modificationDate] as? Date).map { $0 >= since } ?? true
        }
        guard !files.isEmpty else { return nil }
        let (build, failure) = (await liveReload.build, await liveReload.failure)
        let result = await rebuild(changed: files)
        let (newBuild, newFailure) = (await liveReload.build, await liveReload.failure)
        return newBuild != build || newFailure != failure ? result : nil
    }
}

extension Duration {
    var milliseconds: Int { Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000) }
}

public enum PreviewServer {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Serves until interrupted (Ctrl-C or SIGTERM), then removes the preview folder.
    public static func run(source: String, host: String, port: Int, drafts: Bool, log: @escaping @Sendable (String) -> Void) async throws {
        let root = URL(fileURLWithPath: source).standardizedFileURL
        do throws(Diagnostic) {
            try BuildPipeline.checkSiteFolder(root)
        } catch {
            throw Failure(description: error.description)
        }
        // An IPv6 address as a URL writes it (`[::1]`) is the address.
        let host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let listenHost = host.contains(":") ? "[\(host)]" : host
        if let reason = cannotListen(host: host, port: port) {
            throw Failure(description: "error: cannot listen on \(listenHost):\(port): \(reason)")
        }
        // Every interface: said, and the address printed (and the pages' base) one that a browser here opens, as Hugo
        // prints localhost; 0.0.0.0 is no address to open.
        let everyInterface = isEveryInterface(host)
        let displayHost = everyInterface ? "localhost" : listenHost
        if everyInterface {
            log("warning: listening on every network interface (\(host)): anyone who can reach this machine on port \(port) can read the preview"
                + (drafts ? ", drafts included" : "") + "; without --host it listens on this machine only")
        } else if !isLoopback(host) {
            log("warning: listening on \(listenHost), an address of this machine on a network, not loopback: anyone who can reach it there on port"
                + " \(port) can read the preview" + (drafts ? ", drafts included" : "") + "; without --host it listens on this machine only")
        }
        let preview = try makePreviewFolder()
        defer { try? FileManager.default.removeItem(at: preview) }
        let options = BuildOptions(source: root.path, output: preview.path, includeDrafts: drafts, baseURL: "http://\(displayHost):\(port)/")
        let session = PreviewSession(options: options, siteFolder: source)
        let watcher = try FileWatcher(root: root)
        let (line, diagnostics) = await session.rebuild()
        for diagnostic in diagnostics { log(diagnostic.shown(siteFolder: source)) }
        log(line)
        if let (line, diagnostics) = await session.watchAfterFirstBuild(watcher) {
            for diagnostic in diagnostics { log(diagnostic.shown(siteFolder: source)) }
            log(line)
        }

        // On every interface the machine's other names are the preview's too; on one address, only its names here.
        let responder = PreviewResponder(
            files: PreviewFiles(folder: preview), liveReload: session.liveReload, cache: session.responses,
            hosts: everyInterface ? nil : PreviewResponder.loopbackHosts(listeningAt: host))
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: port), serverName: "sitegen"),
            onServerRunning: { _ in log("Serving \(root.path) at http://\(displayHost):\(port)/ (Ctrl-C to stop)") },
            logger: {
                var logger = Logger(label: "sitegen")
                logger.logLevel = .critical
                return logger
            }()
        )
        let watching = Task {
            for await batch in watcher.changes() {
                let (line, diagnostics) = await session.rebuild(changed: batch.paths, everything: batch.everything)
                for diagnostic in diagnostics { log(diagnostic.shown(siteFolder: source)) }
                log(line)
                watcher.watchFolders(await session.builder.readFolders)
            }
        }
        defer { watching.cancel() }
        // The terminal closed (SIGHUP) stops it as Ctrl-C does, so that the preview folder, drafts and all, is removed.
        signal(SIGHUP, SIG_IGN)
        let hangUp = DispatchSource.makeSignalSource(signal: SIGHUP)
        hangUp.setEventHandler { kill(getpid(), SIGTERM) }
        hangUp.resume()
        defer { hangUp.cancel() }
        do {
            try await app.runService()
        } catch {
            throw Failure(description: "error: cannot serve on \(listenHost):\(port): \(error)")
        }
    }

    static let previewPrefix = "sitegen-preview-"

    /// A new preview folder in the temporary folder, readable by this user only (it holds drafts), named with this
    /// process's id; the folders of earlier previews whose process is gone (killed, the machine stopped) are removed.
    static func makePreviewFolder() throws -> URL {
        let temporary = FileManager.default.temporaryDirectory
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix(previewPrefix) {
            // `sitegen-preview-PID-UUID`, of this user: its process ended without removing it.
            guard let pid = Int32(name.dropFirst(previewPrefix.count).prefix { $0 != "-" }), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            var status = stat()
            guard lstat(temporary.path + "/" + name, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == getuid() else { continue }
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
        let preview = temporary.appendingPathComponent("\(previewPrefix)\(getpid())-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: preview, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(description: "error: cannot make the preview folder \(preview.path): \(error.localizedDescription)")
        }
        return preview
    }

    /// Whether the server can listen at an address, found by binding a socket there before the server starts;
    /// the reason it cannot, as a message, when it cannot.
    /// Whether the host is the address of every interface however it is written (`0.0.0.0`, `0`, `::`, `::0`,
    /// `0:0:0:0:0:0:0:0`, and IPv4's written in IPv6, `::ffff:0.0.0.0`, which a dual-stack socket listens at for every
    /// IPv4 address), by the address it resolves to, not by its text.
    static func isEveryInterface(_ host: String) -> Bool {
        guard let bytes = addressBytes(host, numeric: true) else { return false }
        return bytes.allSatisfy { $0 == 0 }
    }

    /// Whether the host is a loopback address, reached from this machine only (`127.0.0.1` and the rest of `127/8`,
    /// `::1`, `::ffff:127.0.0.1`, `localhost`), by the address it resolves to; any other (a network's, `192.0.2.2`)
    /// opens the preview to whoever can reach it there.
    static func isLoopback(_ host: String) -> Bool {
        guard let bytes = addressBytes(host, numeric: false) else { return false }
        return bytes.count == 4 ? bytes[0] == 127 : bytes == Array(repeating: 0, count: 15) + [1]
    }

    /// The bytes of the first address the host resolves to, as the server binds it: IPv4's four, IPv6's sixteen, and
    /// IPv4's written in IPv6 (`::ffff:a.b.c.d`) as the IPv4 address it is. Nil for a host that resolves to none.
    /// - Parameter numeric: take only an address written in numbers, no name.
    private static func addressBytes(_ host: String, numeric: Bool) -> [UInt8]? {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | (numeric ? AI_NUMERICHOST : 0)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &found) == 0, let first = found, let address = first.pointee.ai_addr else { return nil }
        defer { freeaddrinfo(found) }
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in withUnsafeBytes(of: address.pointee.sin_addr) { Array($0) } }
        case AF_INET6:
            let bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in withUnsafeBytes(of: address.pointee.sin6_addr) { Array($0) } }
            let mapped: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]
            return bytes.starts(with: mapped) ? Array(bytes.suffix(4)) : bytes
        default:
            return nil
        }
    }

    static func cannotListen(host: String, port: Int) -> String? {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else {
            return "no such address on this machine"
        }
        defer { freeaddrinfo(found) }
        let descriptor = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        guard bind(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) != 0 else { return nil }
        switch errno {
        case EADDRINUSE: return "the port is in use (choose another with --port)"
        case EADDRNOTAVAIL: return "no such address on this machine"
        case EACCES: return "this user may not listen on port \(port) (choose one above 1023 with --port)"
        default: return String(cString: strerror(errno))
        }
    }
}
