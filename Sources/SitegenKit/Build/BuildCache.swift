import Foundation

/// What one build keeps for the next, so that `sitegen serve` redoes only what a change touched: files are
/// re-read only when the watcher reports them, articles re-parsed only when their text changed, re-rendered
/// only when their text, their bibliography files, the site-wide entries they cite or the Markdown settings
/// changed, and pages re-rendered only when their article or their templates changed.
///
/// Used by one build at a time (the serve loop runs builds one after another); not safe for two at once.
public final class BuildCache: @unchecked Sendable {
    /// File texts by site-relative path (or the error reading it gave).
    var texts: [String: Result<SourceText, Diagnostic>] = [:]
    /// Front matter results by article path, with the text they were parsed from.
    var loaded: [String: (text: String, article: Article?, diagnostics: [Diagnostic])] = [:]
    /// Parsed bibliography files by path, with their text.
    var bibliographies: [String: (text: String, file: BibliographyFile)] = [:]
    /// Rendered articles by path, with what they depended on.
    var rendered: [String: RenderEntry] = [:]
    /// The files beside the articles (paths under `Content/`) that the rendered articles' links were made for.
    var assets: Set<String>?
    /// Template texts by name and the settings text of the previous build.
    var templateTexts: [String: String]?
    var settingsText: String?
    var baseURL: String?
    /// Article pages by output path, with the rendered article they came from; list pages with their input.
    var articlePages: [String: String] = [:]
    var listSignature: [String]?
    var listSignatures: [String: String] = [:]
    var listPages: [(path: String, content: String)] = []
    /// The content hash of every page the previous build produced.
    var pageHashes: [String: Int] = [:]
    /// The site-wide bibliography of the previous build.
    var siteReferences: [String: Reference]?
    /// The site-wide bibliography files and their texts, as that bibliography was made from.
    var siteFiles: [(path: String, text: String?)] = []
    /// The previous build as a whole, when it succeeded: a rebuild after edits to articles only patches it.
    var previous: Previous?
    /// Site-relative paths reported changed since the last build, and whether a change could not be pinned to files.
    private(set) var changes = Set<String>()
    private(set) var everythingChanged = false

    /// What a successful build produced, kept so that the next one can replace a few articles in it.
    struct Previous {
        /// The build's options, as `source|includeDrafts|baseURL`: another build of another site starts afresh.
        var options: String
        var settings: SiteSettings
        var templates: TemplateLibrary
        var templateSources: [String: SourceText]
        var siteBibliography: Bibliography
        var siteReferences: [Reference]
        var fileReferences: [String: [Reference]]
        var brokenEntries: BrokenEntries
        /// Published articles (the home page's introduction among them) in site order, and where each is.
        var articles: [RenderedArticle]
        var positions: [String: Int]
        /// Output paths of files under `Public/`, which take the place of pages at the same paths.
        var publicPaths: Set<String>
        var copies: [(path: String, source: URL)]
        var diagnostics: [Diagnostic]
    }

    struct RenderEntry {
        var fileText: String
        var ownFiles: [String: String]
        /// Every key the article looked up: a change to the site-wide entry of one re-renders it.
        var siteKeys: Set<String>
        var allowsRawHTML: Bool
        var article: RenderedArticle
        var diagnostics: [Diagnostic]
    }

    /// What the last build did.
    public internal(set) var statistics = Statistics()

    public struct Statistics: Sendable, Equatable {
        public var filesRead = 0
        public var articlesParsed = 0
        public var articlesRendered = 0
        public var pagesRendered = 0
    }

    public init() {}

    /// Site-relative paths of the bibliography files the last build read (site-wide and articles' own).
    public var bibliographyPaths: [String] { Array(bibliographies.keys) }

    /// Forgets the texts of these site-relative paths, so the next build reads them again. When they are all
    /// published articles, the next build patches the previous one and looks at nothing else: the caller
    /// reports every file that changed (the watcher does), or calls `invalidateAllFiles`.
    public func invalidate(_ paths: some Sequence<String>) {
        for path in paths {
            texts[path] = nil
            changes.insert(path)
        }
    }

    /// Forgets every file text (after an event the watcher could not attribute to a file).
    public func invalidateAllFiles() {
        texts.removeAll()
        everythingChanged = true
    }

    /// Records the page a build produced at a path; whether it differs from the one the previous build produced.
    func recordPage(_ path: String, _ content: String) -> Bool {
        // A hash of the bytes: `String.hashValue` would normalise Unicode first, at many times the cost.
        var hasher = Hasher()
        var content = content
        content.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        let hash = hasher.finalize()
        return pageHashes.updateValue(hash, forKey: path) != hash
    }

    /// Forgets which pages the last build produced (after writing them failed), so the next build hands over every page.
    public func forgetWrittenPages() {
        pageHashes.removeAll()
        previous = nil
    }

    /// The paths reported changed since the last build (nil when anything may have changed); the next build starts counting afresh.
    func takeChanges() -> Set<String>? {
        defer {
            changes.removeAll()
            everythingChanged = false
        }
        return everythingChanged ? nil : changes
    }

    func text(_ path: String, root: URL) throws(Diagnostic) -> SourceText {
        if let cached = texts[path] { return try cached.get() }
        statistics.filesRead += 1
        let result = Self.read(path, root: root)
        texts[path] = result
        return try result.get()
    }

    /// Drops the entries of a dictionary whose keys are no longer wanted, in place (no copy of the rest).
    static func keep<Value>(_ wanted: Set<String>, in dictionary: inout [String: Value]) {
        let gone = dictionary.keys.filter { !wanted.contains($0) }
        for key in gone { dictionary[key] = nil }
    }

    /// Reads a site file, keeping the error as a value so that it can be cached and reported again.
    static func read(_ path: String, root: URL) -> Result<SourceText, Diagnostic> {
        Result { () throws(Diagnostic) in try TextFileReader.read(root.appendingPathComponent(path), path: path) }
    }
}
