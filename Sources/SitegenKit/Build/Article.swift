/// An article after front matter and before rendering.
///
/// A value held in one shared box, like `RenderedArticle`: copies are a single reference count.
public struct Article: Sendable {
    private final class Storage: Sendable {
        let source: SiteSource.ContentFile
        let frontMatter: FrontMatter
        let body: SourceText
        let outputPath: String
        let urlPath: String

        init(source: SiteSource.ContentFile, frontMatter: FrontMatter, body: SourceText, outputPath: String, urlPath: String) {
            self.source = source
            self.frontMatter = frontMatter
            self.body = body
            self.outputPath = outputPath
            self.urlPath = urlPath
        }
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
