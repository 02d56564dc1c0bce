import Foundation
import Synchronization

/// Where a build hands each page as soon as it is made, from every core at once: the output folder's staging
/// folder for `sitegen build`, memory for `check` and `serve`.
protocol PageSink: Sendable {
    /// - Parameter path: the page's output path, relative to the output folder (`a/b/index.html`).
    func write(_ content: String, to path: String) throws(Diagnostic)
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
}

extension OutputWriter {
    /// Writes pages into a staging folder of this writer.
    struct Staging: PageSink {
        let writer: OutputWriter
        let folder: URL

        func write(_ content: String, to path: String) throws(Diagnostic) {
            try writer.write(content, to: path, in: folder)
        }
    }
}
