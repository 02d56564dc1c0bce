import Foundation

/// A page of the site: its output path and its text.
public struct Page: Sendable {
    public var path: String
    public var content: String
}

/// What a build made: the site's pages and copies, and what `sitegen check` reviews.
public struct BuiltSite: Sendable {
    public var diagnostics: [Diagnostic] = []
    /// How many drafts were left out (built only with `--drafts`).
    public var draftsSkipped = 0
    /// The keys the drafts left out cite, whose sources `check` does not call unused.
    public var draftKeys = Set<String>()
    /// The source paths of the drafts left out.
    public var draftPaths = Set<String>()
    /// The output path of every page of the site, made by this build or (with a memo) kept from the previous one.
    public var pagePaths: [String] = []
    /// The pages themselves, when the build kept them in memory (`render()`).
    public var pages: [Page] = []
    /// Files published as they are: output path and source file.
    public var copies: [(path: String, source: URL)] = []
    /// The output paths of the files published beside the articles (`heart/chart.png`), which an article's links
    /// name from its Markdown file's folder.
    public var assetsBesideArticles = Set<String>()
    public var settings: SiteSettings
    /// The articles rendered without errors, in site order.
    public var articles: [RenderedArticle] = []
    /// The site-wide bibliography's entries, in file order.
    public var siteReferences: [Reference] = []
    /// The site's own templates by name.
    public var templates: [String: SourceText] = [:]

    public init(settings: SiteSettings) {
        self.settings = settings
    }
}
