import Foundation

/// What `sitegen serve` keeps from one build for the next: each stage's results with the inputs they were made
/// from, so that the next run of the same stages redoes only the work whose inputs changed. Files are read again
/// only when the watcher reports them (``invalidate(_:)``); everything else is compared by value or version.
///
/// A value: the preview session owns one and hands it to each build in turn. A one-shot build uses
/// ``none``, which keeps nothing.
struct BuildMemo: Sendable {
    /// Whether results are kept at all.
    let keeps: Bool

    /// File texts by site-relative path, each with a version that changes when the text does.
    var files: [String: FileText] = [:]
    /// Paths whose texts must be read again.
    var stale = Set<String>()
    var nextVersion = 1
    /// The site folder's listing, and whether a change may have added, removed or moved a file.
    var listing: SiteSource?
    var listedPaths = Set<String>()
    var listingStale = true

    /// Each stage's previous output, which an edit to articles alone patches.
    var loadedArticles: ArticleLoading.Memo?
    var loadedBibliographies: BibliographyLoading.Output?
    var loadedTemplates: TemplateLoading.Output?
    var renderedArticles: ArticleRendering.Previous?
    /// Formatted bibliography entries, shared by every build, by ``CitationStyle/key``.
    var formats: [String: ReferenceFormats] = [:]
    /// The previous build's page paths, with the list pages' among them.
    var pagePaths: (lists: [String], all: [String])?

    /// Front matter by article path, with the version of the text it was parsed from.
    var articles: [String: (version: Int, article: Article?, diagnostics: [Diagnostic])] = [:]
    /// Parsed bibliography files by path, with the version of their text.
    var bibliographyFiles: [String: (version: Int, file: BibliographyFile)] = [:]
    /// The site's language they were read in.
    var bibliographyLanguage: String?
    /// The site-wide entries of the previous build, to tell which changed.
    var siteReferences: [String: Reference]?
    var siteFileVersions: [Int] = []
    /// The compiled templates, with the texts of the site's own and the words the built-in ones read.
    var templates: (texts: [String: String], words: SiteWords, library: TemplateLibrary?, diagnostics: [Diagnostic])?
    /// Rendered articles by path, with what they were rendered from.
    var renders: [String: ArticleRendering.Memo] = [:]
    /// Inputs every page shares (settings, template texts) as of the previous build.
    var pageInputs: ArticleRendering.PageInputs?
    /// The list pages' inputs and paths as of the previous build.
    var lists: ListRendering.Memo?

    /// Pages a build handed over that did not reach the preview folder (the build failed, or writing it did):
    /// the next build hands them over again, whatever its inputs say.
    var unwrittenPages = Set<String>()
    /// The output paths the previous build's `Public/` files took from pages.
    var publicPaths = Set<String>()

    /// What the last build did.
    var statistics = BuildStatistics()
    /// The search entries the last build of the output kept in the spare, for a one-shot build (``SearchEntryCache``).
    var searchCache: SearchEntryCache?
    /// For a one-shot build, what the citation style printed in the last build of the output, kept in the spare
    /// (``KeptReferenceTexts``), empty when it kept nothing; nil when nothing is kept (`serve` keeps its formats in
    /// memory, ``formats``).
    var referenceTexts: KeptReferenceTexts?
    /// What the citation style printed in this build, for the next build to take.
    var referenceTextsPrinted = KeptReferenceTexts()

    struct FileText: Sendable {
        var version: Int
        var text: Result<SourceText, Diagnostic>
    }

    /// A memo that keeps each build's results for the next.
    init() { keeps = true }

    private init(keeping: Bool) { keeps = keeping }

    /// A memo that keeps nothing: one build, every stage done once.
    static var none: BuildMemo { BuildMemo(keeping: false) }

    /// Site-relative paths of the files the settings and articles name that the builds read, there or not (a style
    /// file outside the site named by its absolute path, by that path): style
    /// files, articles' bibliography files (for the preview's watcher: ``PreviewBuilder/readFolders``; the site-wide
    /// bibliography is in `Content/`, watched whole). A build refuses to swap out an output folder that holds one.
    var namedPaths = Set<String>()

    /// The paths reported changed, when they are all articles the previous build published and the site's
    /// listing did not change: a build then patches each stage's previous output. Nil otherwise.
    func articleEdits() -> Set<String>? {
        guard !listingStale, !stale.isEmpty, let positions = loadedArticles?.positions, stale.allSatisfy({ positions[$0] != nil }) else {
            return nil
        }
        return stale
    }

    /// Reads these site-relative paths again in the next build. A path the previous listing did not hold, or
    /// one that is gone, makes the next build list the site folder again.
    mutating func invalidate(_ paths: some Sequence<String>) {
        for path in paths {
            stale.insert(path)
            if !listedPaths.contains(path) || !FileManager.default.fileExists(atPath: (listing?.root.path ?? "") + "/" + path) {
                listingStale = true
            }
        }
    }

    /// Reads every file again and lists the site folder again (after an event the watcher could not pin to files).
    mutating func invalidateAllFiles() {
        stale.formUnion(files.keys)
        listingStale = true
    }

    /// Forgets the texts of reported paths this build did not read (a file of `Public/`, say, is copied, never
    /// read through the memo): the next build that needs one reads it, and the next changes start afresh.
    mutating func settleChanges() {
        for path in stale { files[path] = nil }
        stale.removeAll()
    }

    /// Records that the pages of the last build were not written: the next build renders them again.
    mutating func pagesNotWritten(_ paths: some Sequence<String>) {
        unwrittenPages.formUnion(paths)
    }

    /// Records that the pages of the last build were written.
    mutating func pagesWritten() {
        unwrittenPages.removeAll()
    }

    /// The text of a site file and its version, read once per change.
    /// - Parameter legacy: whether a file that is not UTF-8 may be read as Windows-1252 (a bibliography's).
    mutating func text(_ path: String, root: URL, legacy: Bool = false) -> FileText {
        if let known = files[path], !stale.contains(path) { return known }
        return store(path, Self.read(path, root: root, legacy: legacy))
    }

    /// Keeps a text just read; its version stays when it equals the text kept before.
    @discardableResult
    mutating func store(_ path: String, _ text: Result<SourceText, Diagnostic>) -> FileText {
        statistics.filesRead += 1
        stale.remove(path)
        let previous = files[path]
        let same: Bool =
            switch (previous?.text, text) {
            case (.success(let old)?, .success(let new)): old.text == new.text
            default: false
            }
        let file = FileText(version: same ? previous!.version : takeVersion(), text: text)
        if keeps { files[path] = file }
        return file
    }

    /// Whether a file must be read (its text is not kept, or was reported changed).
    func needsReading(_ path: String) -> Bool { files[path] == nil || stale.contains(path) }

    mutating func takeVersion() -> Int {
        defer { nextVersion += 1 }
        return nextVersion
    }

    /// Reads a site file, keeping the error as a value so that it can be kept and reported again.
    static func read(_ path: String, root: URL, legacy: Bool = false) -> Result<SourceText, Diagnostic> {
        Result { () throws(Diagnostic) in try TextFileReader.read(file: root.path + "/" + path, path: path, legacy: legacy) }
    }

    /// Drops the entries of a dictionary whose keys are no longer wanted, in place.
    static func keep<Value>(_ wanted: Set<String>, in dictionary: inout [String: Value]) {
        for key in dictionary.keys.filter({ !wanted.contains($0) }) { dictionary[key] = nil }
    }
}

/// What a build did: files read, articles parsed and rendered, pages rendered (fewer than the site's when
/// `sitegen serve` rebuilds after a change).
public struct BuildStatistics: Sendable, Equatable {
    public var filesRead = 0
    public var articlesParsed = 0
    public var articlesRendered = 0
    public var pagesRendered = 0
    /// Search entries taken from the last build's instead of made (``SearchEntryCache``).
    public var searchEntriesReused = 0
    /// A numeric style's entries and an author-date style's articles whose citations were taken from the last build's
    /// printing instead of printed (``KeptReferenceTexts``).
    public var referenceTextsReused = 0
    /// Whether only published articles changed, and the stages replaced them in their previous outputs.
    public var editedArticlesOnly = false
}
