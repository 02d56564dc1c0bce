/// One cited source inside a marker: `see @key, p. 33`.
public struct CitationItem: Sendable, Hashable {
    public var key: String
    public var prefix: String
    /// The text after the key, such as a locator `p. 33` (without the leading comma).
    public var suffix: String
    /// Where the `@key` is in the article.
    public var location: SourceLocation
}

/// A bracketed citation marker, `[@a; @b, p. 3]`.
public struct CitationGroup: Sendable, Hashable {
    public var items: [CitationItem]
    /// Where the `[` is in the article.
    public var location: SourceLocation
}
