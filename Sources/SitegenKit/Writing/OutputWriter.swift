import Foundation

/// Writes a site into a fresh staging folder beside the output folder and swaps it in, so that the
/// output folder always holds a complete site: the previous one until the new one is whole.
public struct OutputWriter: Sendable {
    public let output: URL

    public init(output: URL) {
        self.output = output
    }

    private var parent: URL { output.deletingLastPathComponent() }
    private var stagingPrefix: String { ".\(output.lastPathComponent).sitegen-staging-" }
    private var retiredPrefix: String { ".\(output.lastPathComponent).sitegen-old-" }

    /// Puts back a site that a killed build had moved aside, and removes staging folders it left behind.
    public func recover() {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names.sorted() {
            let url = parent.appendingPathComponent(name)
            if name.hasPrefix(retiredPrefix) {
                if !fileManager.fileExists(atPath: output.path) {
                    try? fileManager.moveItem(at: url, to: output)
                } else {
                    try? fileManager.removeItem(at: url)
                }
            } else if name.hasPrefix(stagingPrefix) {
                try? fileManager.removeItem(at: url)
            }
        }
    }

    /// Creates the staging folder.
    public func makeStaging() throws(Diagnostic) -> URL {
        let staging = parent.appendingPathComponent(stagingPrefix + UUID().uuidString)
        if let errorNumber = Self.makeFolders(staging.path) {
            throw failure("cannot create the staging folder \(staging.path): \(String(cString: strerror(errorNumber)))")
        }
        return staging
    }

    /// Writes one file below the staging folder, creating its folders. Safe to call from several threads at once.
    public func write(_ text: String, to relativePath: String, in staging: URL) throws(Diagnostic) {
        var text = text
        let path = staging.path + "/" + relativePath
        let written = text.withUTF8 { bytes in Self.writeFile(path, bytes: UnsafeRawBufferPointer(bytes)) }
        if let errorNumber = written {
            throw failure("cannot write \(relativePath): \(String(cString: strerror(errorNumber)))")
        }
    }

    /// Writes bytes to a new file with plain system calls (no intermediate copies); creates missing folders.
    /// - Returns: nil, or the `errno` of the failure.
    private static func writeFile(_ path: String, bytes: UnsafeRawBufferPointer) -> Int32? {
        var descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0, errno == ENOENT, let slash = path.lastIndex(of: "/") {
            if let failed = makeFolders(String(path[..<slash])) { return failed }
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { return errno }
        var offset = 0
        while offset < bytes.count {
            let count = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                let failed = errno
                close(descriptor)
                return failed
            }
            offset += count
        }
        return close(descriptor) == 0 ? nil : errno
    }

    /// `mkdir -p`: creates a folder and the missing folders above it; another thread creating one first is fine.
    private static func makeFolders(_ path: String) -> Int32? {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return nil }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return errno }
        if let failed = makeFolders(String(path[..<slash])) { return failed }
        return mkdir(path, 0o755) == 0 || errno == EEXIST ? nil : errno
    }

    /// Copies a file byte for byte below the staging folder.
    public func copy(_ source: URL, to relativePath: String, in staging: URL) throws(Diagnostic) {
        let url = staging.appendingPathComponent(relativePath)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.copyItem(at: source, to: url)
        } catch {
            throw failure("cannot copy \(relativePath): \(error.localizedDescription)")
        }
    }

    /// Replaces the output folder with the staging folder: in one atomic step where the system can exchange two
    /// folders (Linux `renameat2`), so that no moment exists without a whole site at the output path.
    public func swapIn(_ staging: URL) throws(Diagnostic) {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: output.path), Self.exchange(staging.path, output.path) {
            // The staging folder now holds the previous site.
            Self.removeTree(staging)
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
        if hadOutput { Self.removeTree(retired) }
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

    /// Removes a staging folder after a failed build.
    public func discard(_ staging: URL) {
        try? FileManager.default.removeItem(at: staging)
    }

    private func failure(_ message: String) -> Diagnostic {
        .error(at: SourceLocation(path: output.lastPathComponent, line: 1, column: 1), message)
    }
}
