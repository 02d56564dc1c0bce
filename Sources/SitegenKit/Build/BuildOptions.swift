import Foundation

/// What `sitegen build` was asked to do.
public struct BuildOptions: Sendable {
    public var source: URL
    public var output: URL
    public var includeDrafts: Bool
    /// Replaces `sitegen.yml`'s base URL.
    public var baseURL: String?

    /// - Parameters:
    ///   - source: the site folder.
    ///   - output: the output folder; `<source>/Output` when nil.
    public init(source: String, output: String? = nil, includeDrafts: Bool = false, baseURL: String? = nil) {
        let sourceURL = URL(fileURLWithPath: source).standardizedFileURL
        self.source = sourceURL
        self.output = output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? sourceURL.appendingPathComponent("Output")
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
    }
}

/// The result of a build: every diagnostic, and what was written when it succeeded.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var pagesWritten: Int
    public var filesWritten: Int
    public var seconds: Double
    public var output: URL

    public var hasErrors: Bool { diagnostics.hasErrors }

    /// `Wrote 12 pages (20 files) to Output in 0.08 s`.
    public var summary: String {
        let seconds = (self.seconds * 100).rounded() / 100
        return "Wrote \(pagesWritten) pages (\(filesWritten) files) to \(output.path) in \(seconds) s"
    }
}
