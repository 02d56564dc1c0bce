/// A Markdown file under `Content/`.
public struct ContentFile: Sendable {
    /// Relative to the site folder: `Content/a/b.md`.
    public var path: String
    /// Relative to `Content/`, without `.md`: `a/b`; in Unicode's composed form (NFC) whatever form the file's name
    /// has, as every address sitegen writes.
    public var slug: String

    public init(path: String, slug: String) {
        self.path = path
        self.slug = slug
    }
}

/// An article after front matter and before rendering.
///
/// A value held in one shared box, like `RenderedArticle`: copies are a single reference count.
public struct Article: Sendable {
    private final class Storage: Sendable {
        let source: ContentFile
        let frontMatter: FrontMatter
        let body: SourceText
        let isBodyDeferred: Bool
        let outputPath: String
        let urlPath: String

        init(source: ContentFile, frontMatter: FrontMatter, body: SourceText, isBodyDeferred: Bool = false) {
            self.source = source
            self.frontMatter = frontMatter
            self.body = body
            self.isBodyDeferred = isBodyDeferred
            urlPath = Article.urlPath(forSlug: source.slug)
            outputPath = urlPath + "index.html"
        }
    }

    private var storage: Storage

    /// - Parameter body: the Markdown after the front matter, with the line it starts on.
    public init(source: ContentFile, frontMatter: FrontMatter, body: SourceText) {
        storage = Storage(source: source, frontMatter: frontMatter, body: body)
    }

    public var source: ContentFile { storage.source }
    public var frontMatter: FrontMatter { storage.frontMatter }
    public var body: SourceText { storage.body }
    /// Whether the body's text was left out to keep a one-shot build's memory small: `body` then has its path and
    /// first line but no text, and rendering reads the file again (see ``ArticleLoading``).
    public var isBodyDeferred: Bool { storage.isBodyDeferred }

    /// The article without its body's text (see ``isBodyDeferred``).
    func deferringBody() -> Article {
        var article = self
        article.storage = Storage(
            source: source, frontMatter: frontMatter, body: SourceText(path: body.path, text: "", firstLine: body.firstLine), isBodyDeferred: true)
        return article
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
        let references: [CitedReference]
        let search: SearchEntry?
        let referenceList: ReferenceList

        init(article: Article, body: String, references: [CitedReference], search: SearchEntry?, referenceList: ReferenceList) {
            self.article = article
            self.body = body
            self.references = references
            self.search = search
            self.referenceList = referenceList
        }
    }

    private let storage: Storage

    init(article: Article, body: String, references: [CitedReference], search: SearchEntry?, referenceList: ReferenceList) {
        storage = Storage(article: article, body: body, references: references, search: search, referenceList: referenceList)
    }

    public init(article: Article, body: String, references: [CitedReference], referenceList: ReferenceList = .numbered) {
        self.init(article: article, body: body, references: references, search: nil, referenceList: referenceList)
    }

    public var article: Article { storage.article }

    public var body: String { storage.body }

    public var references: [CitedReference] { storage.references }

    /// How its references are listed: in the site's style, or the one its front matter chose.
    public var referenceList: ReferenceList { storage.referenceList }

    /// What the search index holds of it: nil for a draft, the home page's introduction, or a site without search.
    var search: SearchEntry? { storage.search }
}

/// How an article's references are listed, as its citation style says.
public struct ReferenceList: Sendable {
    /// Numbered in the order they are first cited (a numeric style), or in the style's order without numbers.
    public var isNumbered: Bool
    /// The style's name and licence, for a comment in the page's source (no `--` in it).
    public var credit: String

    /// Numbered, with no credit.
    public static let numbered = ReferenceList(isNumbered: true, credit: "")
}
