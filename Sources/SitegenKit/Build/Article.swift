/// An article after front matter and before rendering.
public struct Article: Sendable {
    public var source: SiteSource.ContentFile
    public var frontMatter: FrontMatter
    public var body: SourceText
    /// Output file, relative to the output folder: `a/b/index.html`.
    public var outputPath: String
    /// Site path of the page: `a/b/` (empty for the home page).
    public var urlPath: String

    /// `Content/a/b.md` → `a/b/`; `Content/a/index.md` → `a/`; `Content/index.md` → the root.
    public static func urlPath(forSlug slug: String) -> String {
        if slug == "index" { return "" }
        if slug.hasSuffix("/index") { return String(slug.dropLast("index".count)) }
        return slug + "/"
    }
}

/// An article with its HTML body and its numbered references.
public struct RenderedArticle: Sendable {
    public var article: Article
    public var body: String
    public var references: [CitationResolver.CitedReference]
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
