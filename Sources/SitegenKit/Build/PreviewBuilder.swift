import Foundation

/// `sitegen serve`'s builds: the same stages as `sitegen build`, with a ``BuildMemo`` kept from one build to the
/// next, and a preview folder brought to each good build's site by writing only what changed. One build at a time.
public actor PreviewBuilder {
    public nonisolated let options: BuildOptions
    private var memo = BuildMemo()
    private var writer: PreviewWriter

    /// What one rebuild did.
    public struct Result: Sendable {
        /// Causes first; a build with errors left the preview folder as it was.
        public var diagnostics: [Diagnostic]
        /// The output paths written or removed.
        public var written: [String]
        public var statistics: BuildStatistics
    }

    /// When the first build began: a file it read that was last changed before then is as that build read it.
    public private(set) var firstBuildStarted: Date?

    /// - Parameter options: the build, with `output` set to the preview folder.
    public init(options: BuildOptions) {
        self.options = options
        writer = PreviewWriter(folder: options.output)
    }

    /// Folders of the bibliography and style files the builds read or looked for, relative to the site: the watcher
    /// adds them, so that an article's `bibliography: ../refs/x.bib` and `citation-style: styles/house.csl` outside
    /// `Content/` are watched too, and a file named before it is made is seen when it is. A style file named by its
    /// absolute path (a house style shared by sites) gives its folder's absolute path.
    public var readFolders: Set<String> {
        Set(memo.namedPaths.map { path in
            let folder = path.split(separator: "/").dropLast().joined(separator: "/")
            return path.hasPrefix("/") && !folder.isEmpty ? "/" + folder : folder
        }.filter { !$0.isEmpty })
    }

    /// The bibliography and style files the builds read or looked for in ``readFolders``: site-relative, or absolute
    /// for a style outside the site.
    public var readFiles: Set<String> { memo.namedPaths }

    /// Builds again after the given site-relative paths changed (`everything`: after a change the watcher could not
    /// pin to files), and writes what changed into the preview folder.
    public func rebuild(changed: Set<String> = [], everything: Bool = false) async -> Result {
        if firstBuildStarted == nil { firstBuildStarted = Date() }
        // The memo is taken out for the build, so that the build changes it in place.
        var memo = self.memo
        self.memo = BuildMemo()
        if everything { memo.invalidateAllFiles() } else { memo.invalidate(changed) }
        let pages = PageCollector()
        var diagnostics: [Diagnostic]
        var written: [String] = []
        do throws(Diagnostic) {
            let site = try await BuildPipeline(options).build(into: pages, memo: &memo, keepsBodies: true)
            diagnostics = site.diagnostics.sortedCausesFirst()
            if !diagnostics.hasErrors {
                let sources = Set(changed.map { options.source.appendingPathComponent($0).standardizedFileURL })
                written = try writer.apply(site, pages: pages.pages, changedSources: sources)
                memo.pagesWritten()
            }
        } catch {
            diagnostics = [error]
        }
        if diagnostics.hasErrors {
            // The pages this build made never reached the folder: the next build makes them again. The texts of
            // broken files are read again too, whatever the watcher reports.
            memo.pagesNotWritten(pages.pages.map(\.path))
            memo.invalidate(diagnostics.map(\.location.path))
        }
        self.memo = memo
        return Result(diagnostics: diagnostics, written: written, statistics: memo.statistics)
    }
}
