import Foundation

/// The settings of `sitegen.yml`.
public struct SiteSettings: Sendable {
    public var title = "Evidence-based answers"
    /// The absolute URL the site is published at, ending in `/` (`https://example.org/` or `https://user.github.io/repo/`).
    public var baseURL = "/"
    public var language = "en"
    /// The citation style (`citation-style:`): a built-in style's name or the path of a `.csl` file.
    public var citationStyle = SiteSettings.defaultCitationStyle
    public static let defaultCitationStyle = "vancouver"
    /// The styles an article may choose in its front matter instead (`article-citation-styles: [apa]`), as written,
    /// with where each is written; none unless the site lists them.
    public var articleCitationStyles: [(name: String, location: SourceLocation)] = []
    public var description = ""
    /// Whether raw HTML in Markdown is kept (`markdown: {unsafe: true}`).
    public var allowsRawHTML = false
    /// What `sitegen check` makes of a paragraph or list item without a citation marker (`check: {uncited: …}`).
    public var uncited = UncitedLevel.warning

    public enum UncitedLevel: String, Sendable {
        case error, warning, off
    }
    /// Entries on each page of the home page, a topic page and the topic index (`paginate: 20`); 0 puts them all on one.
    public var paginate = 20
    /// Entries in the site's feed and in each topic's, the most recently reviewed (`feed: {limit: 50}`); 0 means all.
    public var feedLimit = 50
    /// Whether the build writes a search index and the search page (`search: false` turns them off).
    public var search = true
    /// Groups of words and phrases search takes for one another (`search: {synonyms: [[heart attack, myocardial infarction]]}`).
    public var synonyms: [[String]] = []
    /// The site's text for the words sitegen writes (`words: {mode: Modus}`), by key of ``SiteWords``.
    public var words: [String: String] = [:]
    /// Every key of the file, for templates.
    public var values: [String: DataNode] = [:]
    /// The header's navigation links (`nav: [{title, url}]`), each with where it is written.
    public var nav: [(title: String, url: String, location: SourceLocation)] = []

    /// A `nav` link's address as pages have it: a path from the site's root under the base URL's path.
    public func navURL(_ url: String) -> String {
        url.hasPrefix("/") && !url.hasPrefix("//") ? basePath + url.dropFirst() : url
    }

    /// Whether the base URL is absolute (`https://…`): the feed, the sitemap and robots.txt need one.
    public var hasAbsoluteBaseURL: Bool { baseURL.contains("://") }

    /// Whether the base URL is the placeholder `sitegen init` writes (a host under `.invalid`, which never resolves).
    public var hasPlaceholderBaseURL: Bool { baseHost?.hasSuffix(".invalid") == true }

    /// The base URL's host, lowercased, without its port or an IPv6 address's brackets; nil for a path.
    var baseHost: String? {
        guard let scheme = baseURL.range(of: "://") else { return nil }
        let authority = baseURL[scheme.upperBound...].prefix { $0 != "/" }
        let host = authority.hasPrefix("[") ? authority.dropFirst().prefix { $0 != "]" } : authority.prefix { $0 != ":" }
        return host.lowercased()
    }

    /// Where the base URL is given: sitegen.yml's `baseURL`, or `--base-url`; nil for the default.
    public var baseURLLocation: SourceLocation?

    public init() {}

    /// The path part of the base URL (`/` or `/repo/`): the prefix of every internal link.
    public var basePath: String {
        var rest = Substring(baseURL)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        var path = String(rest)
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// The absolute URL of a site path such as `a/b/`, or the base-path-relative URL when no absolute base is set.
    public func absoluteURL(_ path: String) -> String {
        var base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        if !base.contains("://") { base = basePath }
        return base + path
    }
}
