import Foundation
import Synchronization

/// Writes a site into a staging folder beside the output folder and swaps it in, so that the output folder
/// always holds a complete site: the previous one until the new one is whole.
///
/// The site the swap retires is kept beside the output as a spare (`.Output.sitegen-spare`), and the next
/// build rewrites its files in place instead of creating new ones: on a file system without a journal, ext4
/// skips the inodes of files deleted in the last minutes when it creates new ones, and creating 20,000 files
/// just after deleting as many cost 2.5 s of a 10,000-article build. A file of the spare that holds the bytes to be
/// written already, unchanged since sitegen wrote them (its ``OutputManifest``), is left as it is.
struct OutputWriter: Sendable {
    let output: URL
    /// Files written into the staging folder, and the ones a recycled spare held before.
    private let files = StagingFiles()

    init(output: URL) {
        self.output = output
    }

    private var parent: URL { output.deletingLastPathComponent() }
    private var stagingPrefix: String { ".\(output.lastPathComponent).sitegen-staging-" }
    private var retiredPrefix: String { ".\(output.lastPathComponent).sitegen-old-" }
    /// The site before the current one, kept to be rewritten in place by the next build.
    var spare: URL { parent.appendingPathComponent(".\(output.lastPathComponent).sitegen-spare") }

    /// Whether the spare is there: a real folder that holds sitegen's marker (what else has its name is not sitegen's).
    var hasSpare: Bool {
        var status = stat()
        return lstat(spare.path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR && OutputClaim.isMarked(spare.path)
    }

    /// Takes the output folder's lock, a file beside it (`.Output.sitegen-lock`), for as long as the descriptor returned
    /// stays open (the system lets go of it when the process ends, however it ends). Nil when another build holds it:
    /// two builds swapping one folder at once would each retire the other's site. A lock that cannot be made (a
    /// read-only parent folder, where no build can write anyway) is no reason to refuse: -1.
    func lock() -> Int32? {
        let descriptor = open(parent.path + "/.\(output.lastPathComponent).sitegen-lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { return -1 }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return descriptor }
        let busy = errno == EWOULDBLOCK
        close(descriptor)
        return busy ? nil : -1
    }

    /// Puts back a site that a killed build had moved aside; a staging folder it left behind becomes the spare.
    /// Only folders that hold sitegen's marker are ever kept as the spare or removed.
    /// - Returns: whether a killed build left anything to put back (the output or its spare may have changed).
    @discardableResult
    func recover() -> Bool {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: parent.path) else { return false }
        var found = false
        for name in names.sorted() {
            let url = parent.appendingPathComponent(name)
            if name.hasPrefix(retiredPrefix) {
                if !fileManager.fileExists(atPath: output.path) {
                    try? fileManager.moveItem(at: url, to: output)
                } else {
                    keepAsSpare(url)
                }
                found = true
            } else if name.hasPrefix(stagingPrefix) {
                keepAsSpare(url)
                found = true
            }
        }
        return found
    }

    /// Makes a folder that sitegen wrote the spare, or removes it when there is a spare already. A folder without
    /// the marker is left where it is, and so is anything at the spare's name that is not sitegen's.
    private func keepAsSpare(_ folder: URL) {
        guard OutputClaim.isMarked(folder.path) else { return }
        var status = stat()
        if lstat(spare.path, &status) != 0, errno == ENOENT, Foundation.rename(folder.path, spare.path) == 0 { return }
        Self.removeTree(folder)
    }

    /// A new staging folder's name, beside the output; ``makeStaging(at:)`` creates it. Named first, so that an
    /// interruption caught from before it exists (``Interruption``) knows which folder to put back as the spare.
    func stagingName() -> URL {
        parent.appendingPathComponent(stagingPrefix + UUID().uuidString)
    }

    /// Creates the staging folder at `staging` (``stagingName()``): the spare, taken by a rename (so two builds never
    /// share it), or a new one.
    func makeStaging(at staging: URL) throws(Diagnostic) {
        // Only a real folder holding the marker is the spare; whatever else has its name is not sitegen's to touch.
        let recycled = hasSpare && Foundation.rename(spare.path, staging.path) == 0
        if !recycled, let errorNumber = Self.makeFolders(staging.path) {
            throw failure("cannot create the staging folder \(staging.path): \(String(cString: strerror(errorNumber)))")
        }
        if let errorNumber = OutputClaim.mark(staging.path) {
            Self.removeTree(staging)
            throw failure("cannot write into the staging folder \(staging.path): \(String(cString: strerror(errorNumber)))")
        }
        files.wrote(OutputClaim.markerName)
        let folder = OutputManifest.Folder(at: staging.path)
        files.start(folder: folder, lists: recycled ? OutputManifest.read(in: staging.path) : OutputManifest(), output: OutputManifest.Folder(at: output.path))
        if recycled {
            // What the spare holds is listed on another thread while the site is read and written: a write never goes
            // through a link the spare may hold (``clearLinks(above:in:)``, `O_NOFOLLOW`), and the leftovers are
            // removed once the listing is done.
            files.list { () -> (PathList, PathList) in
                var held = PathList(), folders = PathList()
                Self.walk(staging.path, relative: "", files: &held, folders: &folders)
                return (held, folders)
            }
        }
    }

    /// Removes what a recycled spare held that this build did not write, so that the staging folder holds
    /// exactly the new site.
    func removeLeftovers(in staging: URL) {
        let (stale, folders) = files.leftovers()
        for path in stale { unlink(staging.path + "/" + path) }
        // Each folder after the ones inside it (the walk lists a folder before them); one that still holds files
        // stays (`rmdir` refuses).
        for folder in folders.reversed() { rmdir(staging.path + "/" + folder) }
    }

    /// Lists a folder tree without following symbolic links, relative to it: its folders, and everything else (files,
    /// and a symbolic link or a pipe, say) as files. It runs while pages are written, so it removes nothing itself:
    /// a write may just have put a page where it saw a link; what no write replaced goes with the leftovers.
    private static func walk(_ path: String, relative: String, files: inout PathList, folders: inout PathList) {
        for (name, kind) in FolderListing.entries(of: path) {
            let child = relative.isEmpty ? name : relative + "/" + name
            switch kind {
            case .folder:
                folders.append(child)
                walk(path + "/" + name, relative: child, files: &files, folders: &folders)
            case .file, .other:
                files.append(child)
            }
        }
    }

    /// Writes one file below the staging folder, creating its folders. Safe to call from several threads at once.
    /// - Parameter staging: the staging folder's path.
    func write(_ bytes: UnsafeRawBufferPointer, to relativePath: String, in staging: String) throws(Diagnostic) {
        let hash = ContentHash.of(bytes), key = OutputManifest.key(relativePath)
        if keep(relativePath, key: key, size: bytes.count, hash: hash, in: staging) { return }
        let path = staging + "/" + relativePath
        var status = stat()
        var written = Self.writeFile(path, bytes: bytes, status: &status)
        if written == ENOTDIR || written == EISDIR {
            // A recycled spare holds a file where this path needs a folder, or a folder where it needs a file.
            clearWay(for: relativePath, in: staging)
            written = Self.writeFile(path, bytes: bytes, status: &status)
        }
        if let errorNumber = written {
            throw failure("cannot write \(relativePath): \(String(cString: strerror(errorNumber)))")
        }
        files.wrote(relativePath, key: key, OutputManifest.Entry(status, hash: hash))
    }

    /// Leaves the file at a path below the staging folder as it is when it holds `size` bytes with this fingerprint,
    /// unchanged since sitegen wrote them (``OutputManifest``): whether it does. Safe to call from several threads at once.
    func keep(_ relativePath: String, size: Int, hash: UInt64, in staging: String) -> Bool {
        keep(relativePath, key: OutputManifest.key(relativePath), size: size, hash: hash, in: staging)
    }

    /// ``keep(_:size:hash:in:)`` with the path's key in the list (``OutputManifest/key(_:)``).
    private func keep(_ relativePath: String, key: UInt64, size: Int, hash: UInt64, in staging: String) -> Bool {
        clearLinks(above: relativePath, in: staging)
        var status = stat()
        guard let kept = files.entry(key, size: size, hash: hash), lstat(staging + "/" + relativePath, &status) == 0, kept.isUnchanged(status)
        else { return false }
        files.wrote(relativePath, key: key, kept)
        return true
    }

    /// Removes a link (or anything else but a folder) standing where a folder of the path must be, so that a write
    /// never goes through it: a recycled spare is listed while pages are written. A folder found real is not looked
    /// at again.
    private func clearLinks(above relativePath: String, in root: String) {
        var slash = relativePath.utf8.startIndex
        while let found = relativePath.utf8[slash...].firstIndex(of: UInt8(ascii: "/")) {
            let folder = String(relativePath[..<found])
            slash = relativePath.utf8.index(after: found)
            guard !files.isRealFolder(folder) else { continue }
            var status = stat()
            guard lstat(root + "/" + folder, &status) == 0 else { return }
            guard status.st_mode & S_IFMT == S_IFDIR else {
                unlink(root + "/" + folder)
                return
            }
            files.foundRealFolder(folder)
        }
    }

    /// Removes what stands in the way of a file at the path: anything but a folder where a folder of it goes
    /// (``clearLinks(above:in:)``), and a folder at the path itself.
    private func clearWay(for relativePath: String, in root: String) {
        clearLinks(above: relativePath, in: root)
        let path = root + "/" + relativePath
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { Self.removeTree(URL(fileURLWithPath: path)) }
    }

    /// Writes bytes to a file with plain system calls (no intermediate copies); creates missing folders. A file
    /// already there (in a recycled spare) is overwritten in place and then cut to the new length, which reuses its
    /// blocks and cached pages (truncating first frees them, and the write allocates them again: twice the time or
    /// more, whether the pages are cached or not), unless it has other hard links: those keep their content, and the
    /// path gets a new file.
    /// - Parameter status: set to the file's status once written.
    /// - Returns: nil, or the `errno` of the failure.
    private static func writeFile(_ path: String, bytes: UnsafeRawBufferPointer, status: inout stat) -> Int32? {
        // Never through a link, and never waiting on a pipe: what a recycled spare holds at the path goes instead.
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK
        var descriptor = open(path, flags, 0o644)
        if descriptor < 0, errno == ENOENT, let slash = path.lastIndex(of: "/") {
            if let failed = makeFolders(String(path[..<slash])) { return failed }
            descriptor = open(path, flags, 0o644)
        }
        if descriptor < 0, errno == ELOOP || errno == ENXIO {
            unlink(path)
            descriptor = open(path, flags | O_EXCL, 0o644)
        }
        guard descriptor >= 0 else { return errno }
        /// The `errno` of the call that just failed, the file closed.
        func closing() -> Int32 {
            let failed = errno
            close(descriptor)
            return failed
        }
        guard fstat(descriptor, &status) == 0 else { return closing() }
        if status.st_nlink > 1 || status.st_mode & S_IFMT != S_IFREG {
            close(descriptor)
            unlink(path)
            descriptor = open(path, flags | O_EXCL, 0o644)
            guard descriptor >= 0 else { return errno }
            status.st_size = 0
        }
        // The new content's last page, when the old file has bytes in it: a write that ends inside the page makes the
        // kernel read the page from disk first unless it is cached, and a spare's pages are often not (memory
        // reclaimed since its build): a synchronous read for each file. Written whole, the content and zeros after
        // it, the page needs no read; the file is then cut to its length.
        let tail = bytes.count % zeroPage.count
        let padding = tail != 0 && status.st_size > bytes.count - tail ? zeroPage.count - tail : 0
        guard zeroPage.withUnsafeBytes({ writeAll(descriptor, bytes, UnsafeRawBufferPointer(rebasing: $0.prefix(padding))) }) else { return closing() }
        if status.st_size > bytes.count || padding > 0, ftruncate(descriptor, off_t(bytes.count)) != 0 { return closing() }
        guard fstat(descriptor, &status) == 0 else { return closing() }
        return close(descriptor) == 0 ? nil : errno
    }

    /// A page of zeros, the size of the system's memory pages.
    private static let zeroPage = [UInt8](repeating: 0, count: max(Int(sysconf(Int32(_SC_PAGESIZE))), 512))

    /// Writes the bytes, then the padding, in one call for both when it writes all: a call that ended inside a page
    /// would have the kernel read the page (see ``writeFile(_:bytes:status:)``). False with `errno` set when a call fails.
    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, _ padding: UnsafeRawBufferPointer) -> Bool {
        var written = 0
        let total = bytes.count + padding.count
        while written < total {
            let first = bytes.count - min(written, bytes.count), second = padding.count - max(written - bytes.count, 0)
            let count = withUnsafeTemporaryAllocation(of: iovec.self, capacity: 2) { parts in
                parts[0] = iovec(iov_base: first == 0 ? nil : UnsafeMutableRawPointer(mutating: bytes.baseAddress! + (bytes.count - first)), iov_len: first)
                parts[1] = iovec(iov_base: second == 0 ? nil : UnsafeMutableRawPointer(mutating: padding.baseAddress! + (padding.count - second)), iov_len: second)
                return writev(descriptor, parts.baseAddress, 2)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            written += count
        }
        return true
    }

    /// `mkdir -p`: creates a folder and the missing folders above it; another thread creating one first is fine.
    private static func makeFolders(_ path: String) -> Int32? {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return nil }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return errno }
        if let failed = makeFolders(String(path[..<slash])) { return failed }
        return mkdir(path, 0o755) == 0 || errno == EEXIST ? nil : errno
    }

    /// Copies a file byte for byte below the staging folder (read through a memory map, written as a page is).
    func copy(_ source: URL, to relativePath: String, in staging: URL) throws(Diagnostic) {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: source, options: .alwaysMapped)
        } catch {
            throw failure("cannot copy \(relativePath): \(error.localizedDescription)")
        }
        let written = bytes.withUnsafeBytes { bytes in Result { () throws(Diagnostic) in try write(bytes, to: relativePath, in: staging.path) } }
        try written.get()
    }

    /// Replaces the output folder with the staging folder: in one atomic step where the system can exchange two
    /// folders (Linux `renameat2`), so that no moment exists without a whole site at the output path.
    func swapIn(_ staging: URL) throws(Diagnostic) {
        removeLeftovers(in: staging)
        let fileManager = FileManager.default
        // The new site keeps the output folder's permissions, group and owner (where this user may set them): a web
        // server's group, say, that the user gave it.
        var status = stat()
        if lstat(output.path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            chmod(staging.path, status.st_mode & 0o7777)
            if chown(staging.path, status.st_uid, status.st_gid) != 0 { _ = chown(staging.path, uid_t.max, status.st_gid) }
        }
        if fileManager.fileExists(atPath: output.path), Self.exchange(staging.path, output.path) {
            // The staging folder now holds the previous site: the next build rewrites it.
            retire(staging)
            keepLists()
            return
        }
        let retired = parent.appendingPathComponent(retiredPrefix + UUID().uuidString)
        let hadOutput = fileManager.fileExists(atPath: output.path)
        do {
            if hadOutput { try fileManager.moveItem(at: output, to: retired) }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw failure("cannot move the previous output aside: \(error.localizedDescription)")
        }
        do {
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            if hadOutput { try? fileManager.moveItem(at: retired, to: output) }
            try? fileManager.removeItem(at: staging)
            throw failure("cannot move the new site into place: \(error.localizedDescription)")
        }
        if hadOutput { retire(retired) }
        keepLists()
    }

    /// What the output folder holds that this build did not write, each relative to it (a folder with a `/`, and
    /// nothing inside it): for an output whose last build nothing records (``OutputClaim/Knowledge/unrecorded``),
    /// checked before the swap would delete it.
    func unwrittenEntries() -> [String] {
        var held = PathList(), folders = PathList()
        Self.walk(output.path, relative: "", files: &held, folders: &folders)
        let written = files.written()
        let unwrittenFolders = Set(folders.paths(notIn: written.folders))
        /// Whether a folder above the path is one no file was written in: then that folder names it.
        func isInsideUnwritten(_ path: String) -> Bool {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if unwrittenFolders.contains(String(folder)) { return true }
            }
            return false
        }
        let unwrittenFiles = held.paths(notIn: written).filter { !isInsideUnwritten($0) }
        let outermost = unwrittenFolders.filter { !isInsideUnwritten($0) }
        return (unwrittenFiles + outermost.map { $0 + "/" }).sorted()
    }

    /// What the output folder holds that no build wrote, looked at again just before the swap: a file put into it while
    /// this build ran would go with the previous site. The output is sitegen's (then the staging folder, the spare
    /// recycled, still holds the record of the output's folders and the list of its files: ``OutputFolders``), or it
    /// was empty or missing when the build took it.
    func addedEntries(staging: URL) -> [String] {
        var status = stat()
        guard lstat(output.path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return [] }
        if OutputClaim.isMarked(output.path) { return OutputFolders.unknownEntries(output: output.path, spare: staging.path) ?? [] }
        return FolderListing.entries(of: output.path).map { $0.kind == .folder ? $0.name + "/" : $0.name }.sorted()
    }

    /// The pages the last build published that this one did not write, by their folders (`heart/statins/`): each folder
    /// of the record the staging folder holds of the output (``OutputFolders``) that has an `index.html` in the output
    /// and none written now; the pages of a list past its first (`page/2/`) aside. Empty when nothing records the output.
    func vanishedPages(staging: URL) -> [String] {
        guard let record = OutputFolders.read(in: staging.path), record.output == OutputManifest.Folder(at: output.path) else { return [] }
        let written = files.written()
        var vanished: [String] = []
        record.folders.forEach { folder in
            let path = String(decoding: folder, as: UTF8.self)
            let parts = path.split(separator: "/")
            if parts.count >= 2, parts[parts.count - 2] == "page", parts[parts.count - 1].allSatisfy(\.isNumber) { return }
            guard written.index(of: path + "/index.html") == nil, OutputClaim.isRegularFile(output.path + "/" + path + "/index.html") else { return }
            vanished.append(path + "/")
        }
        return vanished.sorted()
    }

    /// Keeps a staging folder whose site is not swapped in as the spare (so that the next build rewrites it), or
    /// removes it when there is a spare already.
    func setAside(_ staging: URL) {
        files.waitForListing()
        keepAsSpare(staging)
    }

    /// Writes into the spare what the next build needs to leave files alone: the list of the files this build wrote
    /// (now the output), and the spare's own list when this build found it (made when the spare was written); and the
    /// record of the output's folders by which the next build finds what no build wrote there (``OutputFolders``).
    /// After a first build, the spare is a folder made to hold them (the next build writes its site into it).
    private func keepLists() {
        var status = stat()
        if lstat(spare.path, &status) != 0, errno == ENOENT, Self.makeFolders(spare.path) == nil, OutputClaim.mark(spare.path) != nil {
            rmdir(spare.path)
        }
        guard let spareFolder = OutputManifest.Folder(at: spare.path), OutputClaim.isMarked(spare.path) else { return }
        files.lists(spare: spareFolder).write(in: spare.path)
        OutputFolders(folders: files.written().folders, output: output.path)?.write(in: spare.path)
    }

    /// What becomes of the folder the swap replaced, which `OutputClaim` allowed: a site sitegen wrote is kept as
    /// the spare; an empty folder, or one taken with `--force`, is removed.
    private func retire(_ previous: URL) {
        if OutputClaim.isMarked(previous.path) { keepAsSpare(previous) } else { Self.removeTree(previous) }
    }

    #if os(Linux)
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// glibc's `renameat2` (2.28 and later), looked up at run time: Swift's Glibc module does not declare it.
    private static let renameAt2: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
    #endif

    /// Exchanges two paths atomically; false where the system or the file system cannot.
    static func exchange(_ first: String, _ second: String) -> Bool {
        #if os(Linux)
        let renameExchange: UInt32 = 1 << 1
        guard let renameAt2 else { return false }
        return renameAt2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
        #else
        return false
        #endif
    }

    /// Removes a folder tree, its top-level entries in parallel: deleting is metadata work the file system
    /// does faster from several threads.
    static func removeTree(_ folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(names[index]))
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Removes a staging folder after a failed build (a full disk gets its space back).
    /// The folders above `output` that do not exist, the nearest first: the ones a first build makes.
    static func missingFolders(above output: URL) -> [URL] {
        var folders: [URL] = []
        var folder = output.deletingLastPathComponent()
        var status = stat()
        while folder.path != "/", lstat(folder.path, &status) != 0, errno == ENOENT {
            folders.append(folder)
            folder = folder.deletingLastPathComponent()
        }
        return folders
    }

    func discard(_ staging: URL) {
        files.waitForListing()
        Self.removeTree(staging)
    }

    private func failure(_ message: String) -> Diagnostic {
        .error(at: .file(output.path), message)
    }
}

/// What a recycled spare held, and which files this build wrote, from several threads.
private final class StagingFiles: Sendable {
    private struct State {
        var held = PathList()
        var folders = PathList()
        var written = PathList()
        /// Folders of the staging folder found to be folders (not links) by a write below them: the next write
        /// there needs no look, and the leftovers never empty them.
        var realFolders: Set<String> = []
        /// The staging folder, and the files a recycled spare held as the build that wrote them listed them.
        var folder: OutputManifest.Folder?
        var previous: [UInt64: OutputManifest.Entry] = [:]
        /// The output's list, which the spare held; and the files this build wrote or left as they were.
        var outputList: (folder: OutputManifest.Folder, list: OutputManifest.List)?
        var list = OutputManifest.List()
    }

    private let state = Mutex(State())
    /// Entered while a recycled spare is listed on another thread.
    private let listing = DispatchGroup()

    /// Lists what the staging folder held on a thread of its own: the files and folders `list` returns. Not on
    /// Dispatch's shared threads, which are as many as the cores and also run the build's tasks: the listing waits on
    /// the disk as often as not, and would keep a core's thread from reading the site meanwhile.
    func list(_ list: @escaping @Sendable () -> (files: PathList, folders: PathList)) {
        listing.enter()
        Thread {
            let (held, folders) = list()
            self.state.withLock { state in
                state.held = held
                state.folders = folders
            }
            self.listing.leave()
        }.start()
    }

    func waitForListing() {
        listing.wait()
    }

    func wrote(_ path: String) {
        state.withLock { $0.written.append(path) }
    }

    /// The files this build wrote or left as they were.
    func written() -> PathList {
        state.withLock { $0.written }
    }

    /// Starts a staging folder's lists: its own from `lists`, if it has one there.
    func start(folder: OutputManifest.Folder?, lists: OutputManifest, output: OutputManifest.Folder?) {
        state.withLock { state in
            state.folder = folder
            state.previous = folder.flatMap { lists.lists[$0]?.entries } ?? [:]
            state.outputList = output.flatMap { folder in lists.lists[folder].map { (folder, $0) } }
        }
    }

    /// What the staging folder's list says of a file (by its path's key), when it says the bytes it holds are
    /// `size` bytes with this hash.
    func entry(_ key: UInt64, size: Int, hash: UInt64) -> OutputManifest.Entry? {
        state.withLock { state in
            guard let entry = state.previous[key], entry.size == size, entry.hash == hash else { return nil }
            return entry
        }
    }

    func wrote(_ path: String, key: UInt64, _ entry: OutputManifest.Entry) {
        state.withLock { state in
            state.written.append(path)
            state.list.append(key, entry)
        }
    }

    /// The lists to keep in the spare: this build's, for the staging folder, and the list the spare held of itself
    /// (kept as the output's by the build before) when the spare is that folder.
    func lists(spare: OutputManifest.Folder) -> OutputManifest {
        state.withLock { state in
            var kept = OutputManifest()
            if let (folder, list) = state.outputList, folder == spare { kept.lists[folder] = list }
            if let folder = state.folder, folder != spare { kept.lists[folder] = state.list }
            return kept
        }
    }

    func isRealFolder(_ folder: String) -> Bool {
        state.withLock { $0.realFolders.contains(folder) }
    }

    func foundRealFolder(_ folder: String) {
        state.withLock { _ = $0.realFolders.insert(folder) }
    }

    /// Files the spare held that were not written again, and the folders it held that no file was written in (the
    /// others are not empty), each before the ones inside it.
    func leftovers() -> (files: [String], folders: [String]) {
        listing.wait()
        return state.withLock { state in
            let files = state.held.paths(notIn: state.written)
            let folders = (0..<state.folders.count).map { state.folders[$0] }.filter { !state.realFolders.contains($0) }
            return (files, folders)
        }
    }
}
