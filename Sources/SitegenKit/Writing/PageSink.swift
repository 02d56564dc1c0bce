import Foundation
import Synchronization

/// Where a build hands each page as soon as it is made, from every core at once: the output folder's staging
/// folder for `sitegen build`, memory for `check` and `serve`.
protocol PageSink: Sendable {
    /// - Parameter path: the page's output path, relative to the output folder (`a/b/index.html`).
    func write(_ content: String, to path: String) throws(Diagnostic)
    /// A page as UTF-8 bytes (a page rendered from a template), written as they are.
    func write(utf8 content: [UInt8], to path: String) throws(Diagnostic)
    /// Leaves the file at the path as it is, as if written, when it holds the bytes of this size and fingerprint
    /// (``ContentHash``) already: whether it does. A sink that keeps no files from before says it does not.
    func keep(_ path: String, size: Int, hash: UInt64) -> Bool
}

extension PageSink {
    func keep(_ path: String, size: Int, hash: UInt64) -> Bool { false }

    /// Where pages are kept as text (`check` and `serve`): the bytes as text.
    func write(utf8 content: [UInt8], to path: String) throws(Diagnostic) {
        try write(String(decoding: content, as: UTF8.self), to: path)
    }
}

/// Keeps the pages a build hands over, in memory.
final class PageCollector: PageSink {
    private let collected = Mutex<[Page]>([])

    init() {}

    func write(_ content: String, to path: String) {
        collected.withLock { $0.append(Page(path: path, content: content)) }
    }

    /// The pages so far, in the order they came.
    var pages: [Page] { collected.withLock { $0 } }
}

/// Passes pages on to another sink, except those at the given paths.
struct SkippingPaths<Base: PageSink>: PageSink {
    let base: Base
    let skipped: Set<String>

    func write(_ content: String, to path: String) throws(Diagnostic) {
        guard !skipped.contains(path) else { return }
        try base.write(content, to: path)
    }

    func write(utf8 content: [UInt8], to path: String) throws(Diagnostic) {
        guard !skipped.contains(path) else { return }
        try base.write(utf8: content, to: path)
    }

    func keep(_ path: String, size: Int, hash: UInt64) -> Bool {
        skipped.contains(path) || base.keep(path, size: size, hash: hash)
    }
}

extension OutputWriter {
    /// Writes pages into a staging folder of this writer.
    struct Staging: PageSink {
        let writer: OutputWriter
        /// The staging folder's path, made once (a `URL` makes its path anew each time it is asked).
        private let folderPath: String

        init(writer: OutputWriter, folder: URL) {
            self.writer = writer
            folderPath = folder.path
        }

        func write(_ content: String, to path: String) throws(Diagnostic) {
            var content = content
            try content.withUTF8 { written(UnsafeRawBufferPointer($0), to: path) }.get()
        }

        func write(utf8 content: [UInt8], to path: String) throws(Diagnostic) {
            try content.withUnsafeBytes { written($0, to: path) }.get()
        }

        func keep(_ path: String, size: Int, hash: UInt64) -> Bool {
            writer.keep(path, size: size, hash: hash, in: folderPath)
        }

        /// The write's outcome as a value: `withUTF8` and `withUnsafeBytes` pass on only untyped errors.
        private func written(_ bytes: UnsafeRawBufferPointer, to path: String) -> Result<Void, Diagnostic> {
            Result { () throws(Diagnostic) in try writer.write(bytes, to: path, in: folderPath) }
        }
    }
}
