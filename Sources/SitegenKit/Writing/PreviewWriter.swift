import Foundation
import Synchronization

/// Keeps `sitegen serve`'s preview folder in step with the latest build by writing only what changed:
/// pages whose text changed (each replaced atomically by a rename), copies whose source changed, and removals.
/// The folder always ends byte-identical to a full build of the same sources.
struct PreviewWriter: Sendable {
    let folder: URL
    /// The pages the folder holds, by output path, with a hash of their bytes.
    private var pages: [String: Int] = [:]
    /// The copies the folder holds, by output path, with their source file's stamp.
    private var copies: [String: FileStamp?] = [:]
    /// The pages of the site last applied: when a build has the same list, no page went away.
    private var pagePaths: [String] = []

    struct FileStamp: Equatable {
        var size: Int
        var modified: TimeInterval
        var inode: Int
    }

    init(folder: URL) {
        self.folder = folder
    }

    /// Brings the folder to a build's site.
    /// - Parameters:
    ///   - made: the pages the build made; every other page of `site.pagePaths` is the one the folder holds.
    ///   - changedSources: files the watcher saw change; their copies are rewritten whatever their stamps say.
    /// - Returns: the output paths written or removed.
    mutating func apply(_ site: BuiltSite, pages made: [Page], changedSources: Set<URL> = []) throws(Diagnostic) -> [String] {
        var changed: [String] = []
        // Pages no longer part of the site go (unless a copy takes their place below); the list is compared only
        // when it is not the one applied last.
        if site.pagePaths != pagePaths {
            var kept: [String: Int] = [:]
            kept.reserveCapacity(site.pagePaths.count)
            for path in site.pagePaths {
                if let hash = pages[path] { kept[path] = hash }
            }
            for path in pages.keys where kept[path] == nil {
                remove(path)
                changed.append(path)
            }
            pages = kept
        }
        var changedPages: [Page] = []
        for page in made {
            let hash = Self.hash(page.content)
            if pages.updateValue(hash, forKey: page.path) != hash { changedPages.append(page) }
        }
        // Copies no longer part of the site go before anything is written: a file of `Public/` replaced by a folder
        // of its name (`thing` by `thing/inner.txt`) would stand where the folder goes.
        let copyPaths = Set(site.copies.map(\.path))
        for path in copies.keys where !copyPaths.contains(path) && pages[path] == nil {
            remove(path)
            copies[path] = nil
            changed.append(path)
        }
        do throws(Diagnostic) {
            try writeAll(changedPages)
        } catch {
            // The folder may hold some of them: the next apply writes them all again.
            for page in changedPages { pages[page.path] = nil }
            throw error
        }
        changed += changedPages.map(\.path)
        var nextCopies: [String: FileStamp?] = [:]
        for (path, source) in site.copies {
            let stamp = Self.stamp(source)
            if let previous = copies[path], previous == stamp, stamp != nil, !changedSources.contains(source.standardizedFileURL),
                FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path)
            {
                nextCopies[path] = previous
                continue
            }
            let data: Data
            do {
                data = try Data(contentsOf: source)
            } catch {
                // Gone since the site was listed (a save through a temporary file, renamed away): left out now, as the
                // change the watcher reports next will leave it out.
                if Self.stamp(source) == nil, errno == ENOENT { continue }
                throw Diagnostic.error(at: .file(source.path), "cannot read the file to copy: \(error.localizedDescription)")
            }
            try write(data, to: path)
            nextCopies[path] = stamp
            changed.append(path)
        }
        for path in copies.keys where nextCopies[path] == nil && pages[path] == nil {
            remove(path)
            changed.append(path)
        }
        copies = nextCopies
        pagePaths = site.pagePaths
        return changed.sorted()
    }

    /// A hash of a page's bytes (`String.hashValue` would normalise Unicode first, at many times the cost).
    static func hash(_ content: String) -> Int {
        var hasher = Hasher()
        var content = content
        content.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        return hasher.finalize()
    }

    /// Writes pages, many of them (the first build of a site) from all cores once their folders exist.
    private func writeAll(_ pages: [Page]) throws(Diagnostic) {
        guard pages.count > 32 else {
            for page in pages { try write(Data(page.content.utf8), to: page.path, makingFolder: true) }
            return
        }
        for folder in Set(pages.map { self.folder.appendingPathComponent($0.path).deletingLastPathComponent() }) {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw failure("cannot create \(folder.path): \(error.localizedDescription)")
            }
        }
        let firstFailure = Mutex<Diagnostic?>(nil)
        DispatchQueue.concurrentPerform(iterations: pages.count) { index in
            do throws(Diagnostic) {
                try write(Data(pages[index].content.utf8), to: pages[index].path, makingFolder: false)
            } catch {
                firstFailure.withLock { $0 = $0 ?? error }
            }
        }
        if let failure = firstFailure.withLock({ $0 }) { throw failure }
    }

    /// - Parameter makingFolder: whether the file's folder may not exist yet.
    private func write(_ data: Data, to path: String, makingFolder: Bool = true) throws(Diagnostic) {
        let url = folder.appendingPathComponent(path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent)\(SiteLayout.temporarySuffix)")
        do {
            if makingFolder { try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true) }
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
