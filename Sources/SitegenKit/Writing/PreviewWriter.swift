import Foundation

/// Keeps `sitegen serve`'s preview folder in step with the latest build by writing only what changed:
/// changed pages (each replaced atomically by a rename), copies whose source changed, and removals.
/// The folder always ends byte-identical to a full build of the same sources.
public final class PreviewWriter: @unchecked Sendable {
    public let folder: URL
    /// What the folder holds: output path → the source file's stamp for copies, nil for pages.
    private var written: [String: FileStamp?] = [:]

    struct FileStamp: Equatable {
        var size: Int
        var modified: TimeInterval
        var inode: Int
    }

    public init(folder: URL) {
        self.folder = folder
    }

    /// Applies a build; returns the output paths written or removed.
    /// - Parameter changedSources: files the watcher saw change; their copies are rewritten whatever their stamps say.
    public func apply(_ site: BuildPipeline.RenderedSite, changedSources: Set<URL> = []) throws(Diagnostic) -> [String] {
        if site.isPatch {
            // The pages that changed, over the previous build; the folder already holds all the rest.
            for (path, content) in site.pages {
                try write(Data(content.utf8), to: path)
                written[path] = .some(nil)
            }
            for path in site.removedPages {
                remove(path)
                written[path] = nil
            }
            return (site.pages.map(\.path) + site.removedPages).sorted()
        }
        var changed: [String] = []
        var next: [String: FileStamp?] = [:]
        for path in site.unchangedPages where written[path] != nil {
            next[path] = .some(nil)
        }
        for (path, content) in site.pages {
            try write(Data(content.utf8), to: path)
            next[path] = .some(nil)
            changed.append(path)
        }
        for (path, source) in site.copies {
            let stamp = Self.stamp(source)
            if let previous = written[path], previous == stamp, stamp != nil, !changedSources.contains(source.standardizedFileURL),
                FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path)
            {
                next[path] = stamp
                continue
            }
            let data: Data
            do {
                data = try Data(contentsOf: source)
            } catch {
                throw failure("cannot read \(source.path): \(error.localizedDescription)")
            }
            try write(data, to: path)
            next[path] = stamp
            changed.append(path)
        }
        for path in written.keys where next[path] == nil {
            remove(path)
            changed.append(path)
        }
        // Pages the build reported unchanged but this folder never held (a first build) are missing:
        // the caller must then pass every page, which a build with a new cache does.
        written = next
        return changed.sorted()
    }

    /// Empties the folder and forgets what it held.
    public func reset() {
        try? FileManager.default.removeItem(at: folder)
        written = [:]
    }

    private func write(_ data: Data, to path: String) throws(Diagnostic) {
        let url = folder.appendingPathComponent(path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).sitegen-tmp")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw failure("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Removes a file the folder holds, and the folders it leaves empty.
    private func remove(_ path: String) {
        let url = folder.appendingPathComponent(path)
        try? FileManager.default.removeItem(at: url)
        removeEmptyFolders(above: url)
    }

    private func removeEmptyFolders(above url: URL) {
        var folder = url.deletingLastPathComponent().standardizedFileURL
        let root = self.folder.standardizedFileURL.path
        while folder.path.hasPrefix(root + "/"),
            (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true
        {
            try? FileManager.default.removeItem(at: folder)
            folder = folder.deletingLastPathComponent()
        }
    }

    static func stamp(_ url: URL) -> FileStamp? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        let modified = TimeInterval(info.st_mtim.tv_sec) + TimeInterval(info.st_mtim.tv_nsec) / 1e9
        return FileStamp(size: Int(info.st_size), modified: modified, inode: Int(info.st_ino))
    }

    private func failure(_ message: String) -> Diagnostic {
        .error(at: SourceLocation(path: folder.lastPathComponent, line: 1, column: 1), message)
    }
}
