#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SitegenKit
import Synchronization

/// Watches a site's sources with inotify: `Content/`, `Templates/` and `Public/` recursively, and the site
/// folder itself (for `sitegen.yml` and bibliography files beside it). Reports batches of site-relative
/// paths after a quiet moment, so that an editor's save (write a temporary file, rename it over the old
/// one) arrives as one change.
public final class FileWatcher: Sendable {
    public let root: URL
    /// A batch: the paths that changed, and whether something changed that cannot be pinned to files
    /// (a folder created, moved or deleted, or the kernel's queue overflowed).
    public struct Batch: Sendable {
        public var paths: Set<String>
        public var everything: Bool
    }

    private let descriptor: Int32
    /// The watched folders by watch descriptor, site-relative.
    private let folders = Mutex<[Int32: String]>([:])
    /// The folders outside the source folders that the build reads files from (``watchFolders(_:)``), there or not.
    private let wanted = Mutex<Set<String>>([])
    private let ignored: Set<String>

    /// - Parameter ignoring: top-level folders of the site not to watch (the output folder).
    public init(root: URL, ignoring: Set<String> = ["Output"]) throws {
        self.root = root.standardizedFileURL
        ignored = ignoring
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        addWatch("", recursive: false)
        for folder in SiteLayout.sourceFolders { addWatch(folder, recursive: true) }
    }

    deinit { close(descriptor) }

    /// Also watches these folders (site-relative, not recursively): where bibliography and style files outside
    /// `Content/` are (`refs/x.bib`, `styles/house.csl`). A folder that is not there yet is waited for in the
    /// nearest one that is: its making is a change. Watching a folder twice is harmless. An absolute path (the folder
    /// of a style outside the site) is watched when it is there, and its files are reported by their absolute paths.
    public func watchFolders(_ relatives: some Sequence<String>) {
        let added = Set(relatives.filter { !$0.isEmpty })
        wanted.withLock { $0.formUnion(added) }
        for relative in added { watchOrWait(relative) }
    }

    /// Watches the folder, or the nearest folder above it that is there (the site folder is watched already); one
    /// outside the site only itself (not `/` and every file made there).
    private func watchOrWait(_ relative: String) {
        if relative.hasPrefix("/") {
            addWatch(relative, recursive: false)
            return
        }
        var folder = relative
        while !folder.isEmpty, !addWatch(folder, recursive: false) {
            folder = folder.split(separator: "/").dropLast().joined(separator: "/")
        }
    }

    /// The `wanted` folders that are this one or inside it: none when it is on the way to none.
    private func wanted(atOrUnder path: String) -> [String] {
        wanted.withLock { $0.filter { $0 == path || $0.hasPrefix(path + "/") } }
    }

    private static let mask: UInt32 = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Whether the folder is watched now.
    @discardableResult
    private func addWatch(_ relative: String, recursive: Bool) -> Bool {
        let path = fileSystemPath(relative)
        let watch = inotify_add_watch(descriptor, path, Self.mask)
        guard watch >= 0 else { return false }
        folders.withLock { $0[watch] = relative }
        guard recursive, let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return true }
        for name in names where !Self.isHidden(name, in: relative) {
            var isDirectory: ObjCBool = false
            let child = relative.isEmpty ? name : relative + "/" + name
            if FileManager.default.fileExists(atPath: fileSystemPath(child), isDirectory: &isDirectory), isDirectory.boolValue {
                addWatch(child, recursive: true)
            }
        }
        return true
    }

    /// Stops watching a folder and the folders under it.
    private func removeWatches(atOrUnder relative: String) {
        let gone = folders.withLock { folders in
            let watches = folders.filter { $0.value == relative || $0.value.hasPrefix(relative + "/") }.map(\.key)
            for watch in watches { folders[watch] = nil }
            return watches
        }
        for watch in gone { inotify_rm_watch(descriptor, watch) }
    }

    /// Batches of changes, each after `quiet` milliseconds of silence (at most `longest` after its first event).
    public func changes(quiet: Int32 = 10, longest: Double = 0.4) -> AsyncStream<Batch> {
        let (batches, continuation) = AsyncStream<Batch>.makeStream()
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while let batch = nextBatch(quiet: quiet, longest: longest, buffer: &buffer) {
                if !batch.paths.isEmpty || batch.everything { continuation.yield(batch) }
            }
            continuation.finish()
        }
        thread.start()
        return batches
    }

    /// Waits for a first event, then gathers the changes until a quiet moment: the next batch of
    /// ``changes(quiet:longest:)``, its events read through `buffer` (64 KB, kept from batch to batch). Nil when the
    /// events can be read no more.
    func nextBatch(quiet: Int32, longest: Double, buffer: inout [UInt8]) -> Batch? {
        guard wait(timeout: -1) else { return nil }
        var batch = Batch(paths: [], everything: false)
        let started = Date()
        func remaining() -> Int32 { Int32(max(0, (longest - Date().timeIntervalSince(started)) * 1000)) }
        // A file gone from its place may be an editor's save that moves the old file away before it writes the new
        // one, more than a quiet moment later; an empty one, a save in place that has cut the file and not yet
        // written it: either is waited for (up to `longest`), or the site would be built without it for a moment, or
        // with an error for it.
        repeat {
            repeat {
                guard readEvents(into: &batch, buffer: &buffer) else { return nil }
            } while remaining() > 0 && wait(timeout: quiet)
        } while remaining() > 0 && batch.paths.contains(where: isMidSave) && wait(timeout: remaining())
        return batch
    }

    /// Where a reported or watched path is: in the site, or outside it when it is absolute.
    private func fileSystemPath(_ path: String) -> String {
        path.hasPrefix("/") ? path : path.isEmpty ? root.path : root.appendingPathComponent(path).path
    }

    /// Whether a reported path is there no more, or is a source file of none of `Public/` that is empty (an empty
    /// file there may be meant: `.nojekyll`).
    private func isMidSave(_ path: String) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: fileSystemPath(path)) else { return true }
        return attributes[.type] as? FileAttributeType == .typeRegular && (attributes[.size] as? Int) == 0
            && !path.hasPrefix(SiteLayout.public + "/")
    }

    /// The changes the kernel has queued, read now without waiting: what ``changes(quiet:longest:)`` gathers into its
    /// batches, for a caller that reads them itself.
    func pendingChanges() -> Batch {
        var batch = Batch(paths: [], everything: false)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while wait(timeout: 0), readEvents(into: &batch, buffer: &buffer) {}
        return batch
    }

    /// Whether the descriptor has events within the timeout (milliseconds, -1 for none).
    private func wait(timeout: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&entry, 1, timeout)
            if result < 0, errno == EINTR { continue }
            return result > 0 && entry.revents & Int16(POLLIN) != 0
        }
    }

    private func readEvents(into batch: inout Batch, buffer: inout [UInt8]) -> Bool {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 { return errno == EINTR || errno == EAGAIN }
        if count == 0 { return false }
        var offset = 0
        while offset < count {
            let (watch, mask, nameLength, name): (Int32, UInt32, Int, String) = buffer.withUnsafeBytes { raw in
                let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                let start = offset + MemoryLayout<inotify_event>.size
                let bytes = raw[start..<(start + Int(event.len))].prefix { $0 != 0 }
                return (event.wd, event.mask, Int(event.len), String(decoding: bytes, as: UTF8.self))
            }
            offset += MemoryLayout<inotify_event>.size + nameLength
            handle(watch: watch, mask: mask, name: name) { path, everything in
                if everything { batch.everything = true }
                if !path.isEmpty { batch.paths.insert(path) }
            }
        }
        return true
    }

    /// Whether a file or folder is none of the site's for being hidden, as the site's listing skips it.
    private static func isHidden(_ name: String, in folder: String) -> Bool {
        SiteLayout.skipsHidden(name, publishingHidden: folder == SiteLayout.public || folder.hasPrefix(SiteLayout.public + "/"))
    }

    private func handle(watch: Int32, mask: UInt32, name: String, report: (String, Bool) -> Void) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            report("", true)
            return
        }
        guard let folder = folders.withLock({ $0[watch] }) else { return }
        let path = folder.isEmpty ? name : (name.isEmpty ? folder : folder + "/" + name)
        let topLevel = String(path.split(separator: "/").first ?? "")
        if ignored.contains(topLevel) || Self.isHidden(name, in: folder) || name.hasSuffix("~") || name.hasSuffix(".swp") { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            folders.withLock { $0[watch] = nil }
            return
        }
        if mask & UInt32(IN_ISDIR) != 0 {
            if !SiteLayout.sourceFolders.contains(topLevel) {
                // A folder outside the source folders matters when files are read from it or below it (`refs/`, made
                // after an article named `refs/x.bib`, or deleted): its wanted folders are watched as they appear.
                let folders = wanted(atOrUnder: path)
                guard !folders.isEmpty else { return }
                if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    for folder in folders { watchOrWait(folder) }
                }
                // Moved away (`refs` to `refs-old`): its watches go, or edits to the old copy would be reported under
                // the name the site reads (`refs/r.yaml`); a folder made under that name is watched as it appears.
                if mask & UInt32(IN_MOVED_FROM) != 0 { removeWatches(atOrUnder: path) }
                report(path, true)
                return
            }
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addWatch(path, recursive: true) }
            // A folder moved away (out of the site, or to a name its arrival watches again): its watches and its
            // folders' go, or edits there would be taken for the site's under its old name.
            if mask & UInt32(IN_MOVED_FROM) != 0 { removeWatches(atOrUnder: path) }
            report(path, true)
            return
        }
        // At the top, the settings and the bibliography and style files the build may read there.
        if folder.isEmpty, name != SiteLayout.settings, case let ext = (name as NSString).pathExtension.lowercased(), ext != "csl",
            !Reference.fileExtensions.contains(ext)
        {
            return
        }
        report(path, false)
    }
}
