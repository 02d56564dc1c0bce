import Foundation

/// What `sitegen build` was asked to do.
public struct BuildOptions: Sendable {
    public var source: URL
    public var output: URL
    public var includeDrafts: Bool
    /// Replaces `sitegen.yml`'s base URL.
    public var baseURL: String?
    /// Build into a non-empty output folder that sitegen did not make (never one holding the sources).
    public var force: Bool
    /// The day the checks that compare a date with today's take as today (a `reviewed` date in the future): `check`'s
    /// review dates compare with the same one (`check --today`, which tests set). Nil: today in UTC when each build
    /// runs (`serve`'s builds, after midnight, take the new day for the articles they read again; an unchanged
    /// article's warnings are kept from the build that read it).
    public var today: ReviewDate?

    /// - Parameters:
    ///   - source: the site folder.
    ///   - output: the output folder; `<source>/Output` when nil.
    ///   - today: the day taken as today; the real one (in UTC) when nil.
    public init(
        source: String, output: String? = nil, includeDrafts: Bool = false, baseURL: String? = nil, force: Bool = false,
        today: ReviewDate? = nil
    ) {
        let sourceURL = URL(fileURLWithPath: source).standardizedFileURL
        self.source = sourceURL
        self.output = output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? sourceURL.appendingPathComponent("Output")
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
        self.force = force
        self.today = today
    }
}

/// The result of a build: every diagnostic, and what was written when it succeeded.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var pagesWritten: Int
    public var filesWritten: Int
    public var seconds: Double
    public var output: URL
    /// Whether the build was refused before it started (a missing site folder, an output folder it may not
    /// take): nothing was read or written.
    public var refused = false
    /// Drafts left out of the site.
    public var draftsSkipped = 0
    /// What the build did.
    public var statistics = BuildStatistics()

    public var hasErrors: Bool { diagnostics.hasErrors }

    /// `Wrote 12 pages (20 files) to Output in 0.08 s`.
    public var summary: String {
        let seconds = (self.seconds * 100).rounded() / 100
        let drafts = draftsSkipped == 0 ? "" : "; skipped \(draftsSkipped) draft\(draftsSkipped == 1 ? "" : "s") (build them with --drafts)"
        return "Wrote \(pagesWritten) pages (\(filesWritten) files) to \(output.path) in \(seconds) s\(drafts)"
    }
}
