/// One cited source inside a marker: `see @key, p. 33`.
public struct CitationItem: Sendable, Hashable {
    public var key: String
    public var prefix: String
    /// The text after the key, such as a locator `p. 33` (without the leading comma).
    public var suffix: String
    /// What goes between the key's text and a suffix that is no locator, as written: `, ` after a comma
    /// (`[@key, and elsewhere]`), a space before a word (`[@key and elsewhere]`), nothing before other punctuation
    /// (`[@key: 45]`).
    public var suffixSeparator = ", "
    /// Where the `@key` is in the article.
    public var location: SourceLocation
    /// Written `-@key`: the author is left out (the sentence names them).
    public var suppressAuthor = false
}

/// A bracketed citation marker, `[@a; @b, p. 3]`, or an in-text citation `@a` (one item).
public struct CitationGroup: Sendable, Hashable {
    public var items: [CitationItem]
    /// Where the `[` (or the `@` of an in-text citation) is in the article.
    public var location: SourceLocation
    /// `@key` in running text: the author's name is part of the sentence ("Liu et al. [1] showed").
    public var isInText = false
}
