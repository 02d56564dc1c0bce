import Foundation

/// An article after front matter and before rendering.
///
/// A value held in one shared box, like `RenderedArticle`: copies are a single reference count.
public struct Article: Sendable {
    private final class Storage: @unchecked Sendable {
        let source: SiteSource.ContentFile
        let frontMatter: FrontMatter
        let outputPath: String
        let urlPath: String
        /// Guarded by `lock`: a streaming build empties it in place (`discardBodyText`).
        private var bodyValue: SourceText
        private let lock = NSLock()

        init(source: SiteSource.ContentFile, frontMatter: FrontMatter, body: SourceText, outputPath: String, urlPath: String) {
            self.source = source
            self.frontMatter = frontMatter
            self.bodyValue = body
            self.outputPath = outputPath
            self.urlPath = urlPath
        }

        var body: SourceText { lock.withLock { bodyValue } }

        func discardBodyText() { lock.withLock { bodyValue.text = "" } }
    }

    private var storage: Storage

    public init(source: SiteSource.ContentFile, frontMatter: FrontMatter, body: SourceText, outputPath: String, urlPath: String) {
        storage = Storage(source: source, frontMatter: frontMatter, body: body, outputPath: outputPath, urlPath: urlPath)
    }

    public var source: SiteSource.ContentFile { storage.source }
    public var frontMatter: FrontMatter { storage.frontMatter }
    public var body: SourceText {
        get { storage.body }
        set { storage = Storage(source: source, frontMatter: frontMatter, body: newValue, outputPath: outputPath, urlPath: urlPath) }
    }
    /// Empties the Markdown of this article and of every copy of it (they share one box), keeping its path and
    /// first line for diagnostics. A build that writes pages as it goes calls it once the page is written, so
    /// that the Markdown of 100,000 articles is not held until the last is rendered.
    func discardBodyText() { storage.discardBodyText() }

    /// Output file, relative to the output folder: `a/b/index.html`.
    public var outputPath: String { storage.outputPath }
    /// Site path of the page: `a/b/` (empty for the home page).
    public var urlPath: String { storage.urlPath }

    /// `Content/a/b.md` → `a/b/`; `Content/a/index.md` → `a/`; `Content/index.md` → the root.
    public static func urlPath(forSlug slug: String) -> String {
        if slug == "index" { return "" }
        if slug.hasSuffix("/index") { return String(slug.dropLast("index".count)) }
        return slug + "/"
    }
}

/// An article with its HTML body and its numbered references.
///
/// A value, held in one shared box: the incremental build passes every article of a large site through several
/// lists on each rebuild, and copying the fields one by one (dozens of strings) dominated a one-article rebuild.
public struct RenderedArticle: Sendable {
    private final class Storage: Sendable {
        let article: Article
        let body: String
        let references: [CitationResolver.CitedReference]

        init(article: Article, body: String, references: [CitationResolver.CitedReference]) {
            self.article = article
            self.body = body
            self.references = references
        }
    }

    private var storage: Storage

    public init(article: Article, body: String, references: [CitationResolver.CitedReference]) {
        storage = Storage(article: article, body: body, references: references)
    }

    public var article: Article {
        get { storage.article }
        set { storage = Storage(article: newValue, body: body, references: references) }
    }

    public var body: String {
        get { storage.body }
        set { storage = Storage(article: article, body: newValue, references: references) }
    }

    public var references: [CitationResolver.CitedReference] {
        get { storage.references }
        set { storage = Storage(article: article, body: body, references: newValue) }
    }
}

/// `Women's health` → `women-s-health`.
public func slugify(_ text: String, fallback: String = "topic") -> String {
    var slug = ""
    for character in text.lowercased() {
        if character.isLetter || character.isNumber {
            slug.append(character)
        } else if !slug.isEmpty, slug.last != "-" {
            slug.append("-")
        }
    }
    while slug.last == "-" { slug.removeLast() }
    return slug.isEmpty ? fallback : slug
}
